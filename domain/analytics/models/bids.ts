/**
 * 工程项目招投标 models — bid rigging (围标串标) in village projects:
 * - bid_shared_traits: the situations 《招标投标法实施条例》 Art. 40 treats as collusion (视为串通投标) and
 *   Art. 34 forbids, as far as the data shows them among the bidders of one project;
 * - bid_price_screens: statistical screens over each tender's bid prices;
 * - bid_winner_concentration: one firm winning most of a village's projects;
 * - bid_young_firm: firms founded shortly before winning a large bid.
 *
 * A bidder is identified by its credit code, or by its name where the row has none. The SQL keeps the
 * rules of sql-parts.ts so DuckDB and PostgreSQL 15 return the same rows; statistics are computed in
 * FLOAT8 with plain aggregates and window functions and rounded to six decimals by
 * FLOOR(x · 10⁶ + ½) / 10⁶ (the same double operations on both engines), and every flag is decided on
 * the rounded values, so flags agree exactly even where the last bits of a sum differ.
 */
import { count, day, maskIdNumber, monthRange, percent, text, yuan } from './format';
import type { ComparisonModel } from './model';

/** A bidder's identity inside the bids dataset. */
const BIDDER_KEY = (alias: string) => `COALESCE(${alias}.bidder_credit_code, ${alias}.bidder_name)`;

/** Rounds a FLOAT8 expression to six decimals, identically on both engines. */
const r6 = (expr: string) => `(FLOOR((${expr}) * 1000000 + CAST(0.5 AS FLOAT8)) / 1000000)`;

/** Author/creator metadata compared without case, spaces, hyphens, colons or dots ('PC-7F3A21' = 'pc 7f3a21'). */
const metaKey = (expr: string) => `lower(replace(replace(replace(replace(trim(${expr}), ' ', ''), '-', ''), ':', ''), '.', ''))`;

const last4 = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return s.length >= 4 ? `尾号${s.slice(-4)}` : '号码不详';
};

/** 东关村道路硬化工程（标段DG-2023-01，2023年3月15日开标）. */
function projectText(r: Record<string, unknown>): string {
  const name = text(r.project_name, '');
  const village = text(r.village, '');
  const title = name === '' ? `${village}项目` : village !== '' && !name.includes(village) ? `${village}${name}` : name;
  const parts = [`标段${text(r.project_id, '不详')}`];
  if (r.bid_date) parts.push(`${day(r.bid_date)}开标`);
  return `${title}（${parts.join('，')}）`;
}

/** 中标价…元 / 最高限价…元, whichever the data has. */
function priceText(r: Record<string, unknown>): string {
  if (r.win_price !== null && r.win_price !== undefined) return `中标价${yuan(r.win_price)}`;
  if (r.ceiling_price !== null && r.ceiling_price !== undefined) return `最高限价${yuan(r.ceiling_price)}`;
  return '中标价不详';
}

// ————————————————————————————————————————— shared traits (Art. 40, Art. 34)

export const SHARED_TRAITS = ['bond_account', 'doc_author', 'doc_creator', 'phone', 'address', 'legal_rep'] as const;
export type SharedTrait = (typeof SHARED_TRAITS)[number];

export const SHARED_TRAIT_LABELS: Readonly<Record<SharedTrait, string>> = {
  bond_account: '保证金从同一账户缴纳',
  doc_author: '投标文件作者相同',
  doc_creator: '投标文件创建者（编制机器）相同',
  phone: '联系电话相同',
  address: '地址相同',
  legal_rep: '法定代表人为同一人',
};

/** Default author names office software writes by itself: shared by strangers, not evidence. */
export const GENERIC_DOC_AUTHORS = 'administrator,admin,user,owner,微软用户,microsoftoffice用户,microsoftofficeuser,unknown,未知,无';
/** Default creator strings (the software, not the machine or person). */
export const GENERIC_DOC_CREATORS = 'microsoftofficeword,microsoftword,microsoftexcel,wpsoffice,wps文字,kingsoftoffice,adobepdflibrary,acrobatpdfmaker';

function sharedTraitSentence(r: Record<string, unknown>): string {
  const who = `${count(r.group_size)}家投标单位`;
  switch (r.trait as SharedTrait) {
    case 'bond_account':
      return `${who}的投标保证金由同一账户（${last4(r.trait_value)}）缴纳`;
    case 'doc_author':
      return `${who}的投标文件作者均为“${text(r.shown_value)}”`;
    case 'doc_creator':
      return `${who}的投标文件创建者（编制机器或软件标识）均为“${text(r.shown_value)}”`;
    case 'phone':
      return `${who}留有同一联系电话（${last4(r.trait_value)}）`;
    case 'address':
      return `${who}的地址同为“${text(r.shown_value)}”`;
    case 'legal_rep':
      return `${who}的法定代表人同为${text(r.shown_value, '姓名不详')}（身份证${maskIdNumber(r.trait_value)}）`;
    default:
      return `${who}存在相同信息（${text(r.trait)}）`;
  }
}

export const bidSharedTraits: ComparisonModel = {
  key: 'bid_shared_traits',
  name: '同一项目投标人信息雷同（视为串通投标）',
  description:
    '在同一招标项目（标段）的投标人之间比对：投标保证金缴纳账号、投标文件作者和创建者（编制机器）、联系电话、地址，以及通过市场主体登记关联的法定代表人。' +
    '《招标投标法实施条例》第四十条规定，不同投标人的投标文件由同一单位或者个人编制、委托同一单位或者个人办理投标事宜、投标保证金从同一单位或者个人的账户转出等情形，视为投标人相互串通投标；' +
    '第三十四条规定，单位负责人为同一人的不同单位不得参加同一标段投标。每个项目、每类雷同信息、每组投标人为一条疑点。' +
    '办公软件自动写入的默认作者（如Administrator）和软件名称不作为证据。' +
    '核实时调取投标文件电子版属性和保证金银行回单，询问相关投标人与项目业主、村干部的关系，查看评标报告是否发现异常。',
  category: 'bid',
  requires: ['bids', 'companies'],
  params: [
    {
      key: 'generic_authors',
      label: '不作比对的默认作者',
      type: 'text',
      default: GENERIC_DOC_AUTHORS,
      list: true,
      help: '办公软件默认写入的作者名，比较时忽略大小写、空格、连字符和冒号',
    },
    {
      key: 'generic_creators',
      label: '不作比对的软件标识',
      type: 'text',
      default: GENERIC_DOC_CREATORS,
      list: true,
      help: '只表明所用软件、不表明编制人或机器的创建者信息',
    },
    { key: 'min_bidders', label: '雷同的投标人至少', type: 'int', default: 2, min: 2, max: 100, unit: '家' },
  ],
  sql: `WITH b AS (
  SELECT b.project_id, b.project_name, b.village, b.village_code, b.ceiling_price, b.bid_date, b.bid_price, b.won,
         b.bidder_name, b.bidder_credit_code, ${BIDDER_KEY('b')} AS bidder_key,
         b.bond_payer_account, b.contact_phone, b.address, b.doc_author, b.doc_creator,
         ${metaKey('b.doc_author')} AS author_key, ${metaKey('b.doc_creator')} AS creator_key
  FROM ds_bids b
  WHERE b.project_id IS NOT NULL AND b.bidder_name IS NOT NULL
),
generic_authors AS (SELECT DISTINCT ${metaKey('k.kw')} AS kw FROM unnest(string_to_array(:generic_authors, ',')) AS k(kw)),
generic_creators AS (SELECT DISTINCT ${metaKey('k.kw')} AS kw FROM unnest(string_to_array(:generic_creators, ',')) AS k(kw)),
reps AS (
  SELECT DISTINCT r.project_id, r.bidder_key, r.legal_rep_id_number, r.legal_rep_name
  FROM (
    SELECT x.project_id, x.bidder_key, co.legal_rep_id_number, co.legal_rep_name
    FROM b x
    JOIN ds_companies co ON co.credit_code = x.bidder_credit_code
    WHERE co.legal_rep_id_number IS NOT NULL
    UNION ALL
    SELECT x.project_id, x.bidder_key, co.legal_rep_id_number, co.legal_rep_name
    FROM b x
    JOIN ds_companies co ON co.company_name = x.bidder_name
    WHERE x.bidder_credit_code IS NULL AND co.legal_rep_id_number IS NOT NULL
  ) r
),
traits AS (
  SELECT project_id, bidder_key, 'bond_account' AS trait, bond_payer_account AS trait_value, bond_payer_account AS shown_value
  FROM b WHERE bond_payer_account IS NOT NULL AND bond_payer_account <> ''
  UNION ALL
  SELECT project_id, bidder_key, 'doc_author', author_key, doc_author
  FROM b WHERE author_key IS NOT NULL AND author_key <> '' AND author_key NOT IN (SELECT kw FROM generic_authors)
  UNION ALL
  SELECT project_id, bidder_key, 'doc_creator', creator_key, doc_creator
  FROM b WHERE creator_key IS NOT NULL AND creator_key <> '' AND creator_key NOT IN (SELECT kw FROM generic_creators)
  UNION ALL
  SELECT project_id, bidder_key, 'phone', contact_phone, contact_phone
  FROM b WHERE contact_phone IS NOT NULL AND contact_phone <> ''
  UNION ALL
  SELECT project_id, bidder_key, 'address', address, address
  FROM b WHERE address IS NOT NULL AND address <> ''
  UNION ALL
  SELECT project_id, bidder_key, 'legal_rep', legal_rep_id_number, legal_rep_name
  FROM reps
),
grp AS (
  SELECT project_id, trait, trait_value, MIN(shown_value) AS shown_value, CAST(COUNT(DISTINCT bidder_key) AS BIGINT) AS group_size
  FROM traits
  GROUP BY project_id, trait, trait_value
  HAVING COUNT(DISTINCT bidder_key) >= :min_bidders
),
member AS (
  SELECT DISTINCT t.project_id, t.trait, t.trait_value, t.bidder_key
  FROM traits t
  JOIN grp g ON g.project_id = t.project_id AND g.trait = t.trait AND g.trait_value = t.trait_value
),
bidder AS (
  SELECT project_id, bidder_key, MIN(bidder_name) AS bidder_name, MIN(bidder_credit_code) AS bidder_credit_code
  FROM b GROUP BY project_id, bidder_key
),
project AS (
  SELECT project_id, MIN(project_name) AS project_name, MIN(village) AS village, MIN(village_code) AS village_code,
         MAX(ceiling_price) AS ceiling_price, MIN(bid_date) AS bid_date,
         MAX(CASE WHEN won THEN bid_price END) AS win_price,
         CAST(COUNT(DISTINCT bidder_key) AS BIGINT) AS bidders
  FROM b GROUP BY project_id
),
lists AS (
  SELECT m.project_id, m.trait, m.trait_value,
         string_agg(d.bidder_name, '、' ORDER BY m.bidder_key) AS bidder_names,
         string_agg(m.bidder_key, ',' ORDER BY m.bidder_key) AS bidder_keys
  FROM member m
  JOIN bidder d ON d.project_id = m.project_id AND d.bidder_key = m.bidder_key
  GROUP BY m.project_id, m.trait, m.trait_value
)
SELECT p.village_code, p.village, p.project_id, p.project_name, p.bid_date, p.ceiling_price, p.win_price, p.bidders,
       g.trait, g.trait_value, g.shown_value, g.group_size, l.bidder_names, l.bidder_keys
FROM grp g
JOIN project p ON p.project_id = g.project_id
JOIN lists l ON l.project_id = g.project_id AND l.trait = g.trait AND l.trait_value = g.trait_value
ORDER BY p.village_code, p.project_id, g.trait, g.trait_value`,
  hitKey: ['village_code', 'project_id', 'trait', 'trait_value'],
  villageColumn: 'village_code',
  amountColumn: 'win_price',
  explain: (r) =>
    `${projectText(r)}的${sharedTraitSentence(r)}：${text(r.bidder_names, '投标人不详')}` +
    `（该项目共${count(r.bidders)}家投标，${priceText(r)}），属于《招标投标法实施条例》` +
    `${r.trait === 'legal_rep' ? '第三十四条禁止的情形' : '第四十条视为串通投标的情形'}，需核实。`,
};

// ————————————————————————————————————————— price screens

export const bidPriceScreens: ComparisonModel = {
  key: 'bid_price_screens',
  name: '投标报价异常（价格筛查）',
  description:
    '对每个至少有3家投标的标段计算报价的变异系数（样本标准差÷平均值）、偏度（样本校正的Fisher–Pearson系数G1，同Excel SKEW）、' +
    '超额峰度（样本校正的G2，同Excel KURT，至少4家投标时计算）、极差率（最高价−最低价）÷最低价，以及最低价与次低价的相对差距（次低价−最低价）÷最低价。' +
    '三种情形列为疑点：变异系数低于阈值（报价过于接近，价格离散度异常低）；相对差距超出全部标段的四分位栅栏（四分位数按Hyndman–Fan第8种定义计算，' +
    '高于上栅栏说明陪标者报价明显抬高，低于下栅栏说明最低两家报价几乎相同）；报价排序后相邻差额几乎相等（差额的变异系数低于阈值），' +
    '即《招标投标法实施条例》第四十条所称“投标报价呈规律性差异”。这是统计筛查，只提示可能的围标，必须调取投标文件、评标报告核实。',
  category: 'bid',
  requires: ['bids'],
  params: [
    { key: 'max_cv', label: '变异系数低于', type: 'number', default: 0.03, min: 0, max: 100, help: '报价的变异系数低于此值视为离散度异常低，0.03即3%' },
    { key: 'fence_k', label: '四分位栅栏系数', type: 'number', default: 1.5, min: 0, max: 10, help: '栅栏为Q1−k×IQR和Q3+k×IQR' },
    { key: 'min_tenders', label: '计算栅栏至少需要的标段数', type: 'int', default: 8, min: 4, max: 100000, unit: '个' },
    { key: 'max_gap_cv', label: '相邻报价差额的变异系数低于', type: 'number', default: 0.05, min: 0, max: 100, help: '相邻差额几乎相等即报价呈规律性差异' },
    { key: 'min_bids_regular', label: '判断规律性差异至少需要的投标数', type: 'int', default: 4, min: 3, max: 1000, unit: '家' },
  ],
  sql: `WITH b AS (
  SELECT x.project_id, x.project_name, x.village, x.village_code, x.ceiling_price, x.bid_date, x.bid_price, x.won,
         ${BIDDER_KEY('x')} AS bidder_key, CAST(x.bid_price AS FLOAT8) AS price
  FROM ds_bids x
  WHERE x.project_id IS NOT NULL AND x.bid_price IS NOT NULL AND x.bid_price > 0
),
ranked AS (
  SELECT b.*,
         row_number() OVER (PARTITION BY project_id ORDER BY bid_price, bidder_key) AS rn,
         COUNT(*) OVER (PARTITION BY project_id) AS n,
         CAST(SUM(bid_price) OVER (PARTITION BY project_id) AS FLOAT8) / COUNT(*) OVER (PARTITION BY project_id) AS mean
  FROM b
),
gaps AS (
  SELECT r.*, LEAD(price) OVER (PARTITION BY project_id ORDER BY rn) - price AS gap
  FROM ranked r
),
moments AS (
  SELECT project_id, MIN(project_name) AS project_name, MIN(village) AS village, MIN(village_code) AS village_code,
         MAX(ceiling_price) AS ceiling_price, MIN(bid_date) AS bid_date,
         MAX(CASE WHEN won THEN bid_price END) AS win_price,
         CAST(MAX(n) AS BIGINT) AS bids, MAX(mean) AS mean,
         MIN(bid_price) AS lowest_price, MAX(CASE WHEN rn = 2 THEN bid_price END) AS second_price, MAX(bid_price) AS highest_price,
         SUM((price - mean) * (price - mean)) AS s2,
         SUM((price - mean) * (price - mean) * (price - mean)) AS s3,
         SUM((price - mean) * (price - mean) * (price - mean) * (price - mean)) AS s4,
         (CAST(MAX(bid_price) AS FLOAT8) - CAST(MIN(bid_price) AS FLOAT8)) / (MAX(n) - 1) AS gap_mean
  FROM gaps
  GROUP BY project_id
  HAVING MAX(n) >= 3
),
gap_dev AS (
  SELECT g.project_id, SUM((g.gap - m.gap_mean) * (g.gap - m.gap_mean)) AS gs2
  FROM gaps g JOIN moments m ON m.project_id = g.project_id
  WHERE g.gap IS NOT NULL
  GROUP BY g.project_id
),
stats AS (
  SELECT m.project_id, m.project_name, m.village, m.village_code, m.ceiling_price, m.bid_date, m.win_price, m.bids,
         m.lowest_price, m.second_price, m.highest_price,
         ${r6('SQRT(m.s2 / (m.bids - 1)) / m.mean')} AS cv,
         CASE WHEN m.s2 > 0 THEN ${r6('CAST(m.bids AS FLOAT8) / ((m.bids - 1) * (m.bids - 2)) * m.s3 / (SQRT(m.s2 / (m.bids - 1)) * m.s2 / (m.bids - 1))')} END AS skewness,
         CASE WHEN m.s2 > 0 AND m.bids >= 4 THEN ${r6(
           'CAST(m.bids AS FLOAT8) * (m.bids + 1) / ((m.bids - 1) * (m.bids - 2) * (m.bids - 3)) * m.s4 / ((m.s2 / (m.bids - 1)) * (m.s2 / (m.bids - 1)))' +
             ' - CAST(3 AS FLOAT8) * (m.bids - 1) * (m.bids - 1) / ((m.bids - 2) * (m.bids - 3))',
         )} END AS kurtosis,
         ${r6('(CAST(m.highest_price AS FLOAT8) - m.lowest_price) / m.lowest_price')} AS spread,
         ${r6('(CAST(m.second_price AS FLOAT8) - m.lowest_price) / m.lowest_price')} AS rel_gap,
         CASE WHEN m.gap_mean > 0 THEN ${r6('SQRT(d.gs2 / (m.bids - 2)) / m.gap_mean')} END AS gap_cv
  FROM moments m
  JOIN gap_dev d ON d.project_id = m.project_id
),
ordered AS (
  SELECT rel_gap, row_number() OVER (ORDER BY rel_gap) AS rn FROM stats
),
pos AS (
  SELECT n, h1, h3,
         GREATEST(1, LEAST(n, FLOOR(h1))) AS lo1, GREATEST(1, LEAST(n, FLOOR(h1) + 1)) AS hi1,
         GREATEST(1, LEAST(n, FLOOR(h3))) AS lo3, GREATEST(1, LEAST(n, FLOOR(h3) + 1)) AS hi3
  FROM (
    SELECT c.n,
           (CAST(c.n AS FLOAT8) + CAST(1 AS FLOAT8) / 3) * CAST(0.25 AS FLOAT8) + CAST(1 AS FLOAT8) / 3 AS h1,
           (CAST(c.n AS FLOAT8) + CAST(1 AS FLOAT8) / 3) * CAST(0.75 AS FLOAT8) + CAST(1 AS FLOAT8) / 3 AS h3
    FROM (SELECT COUNT(*) AS n FROM stats) c
  ) h
),
quart AS (
  SELECT CAST(MAX(p.n) AS BIGINT) AS tenders,
         MAX(CASE WHEN o.rn = p.lo1 THEN o.rel_gap END)
           + (MAX(p.h1) - FLOOR(MAX(p.h1))) * (MAX(CASE WHEN o.rn = p.hi1 THEN o.rel_gap END) - MAX(CASE WHEN o.rn = p.lo1 THEN o.rel_gap END)) AS q1,
         MAX(CASE WHEN o.rn = p.lo3 THEN o.rel_gap END)
           + (MAX(p.h3) - FLOOR(MAX(p.h3))) * (MAX(CASE WHEN o.rn = p.hi3 THEN o.rel_gap END) - MAX(CASE WHEN o.rn = p.lo3 THEN o.rel_gap END)) AS q3
  FROM ordered o CROSS JOIN pos p
),
fences AS (
  SELECT tenders, q1, q3, q1 - :fence_k * (q3 - q1) AS lower_fence, q3 + :fence_k * (q3 - q1) AS upper_fence FROM quart
),
flagged AS (
  SELECT s.*, f.tenders, f.q1, f.q3, f.lower_fence, f.upper_fence,
         s.cv < :max_cv AS low_cv,
         CASE WHEN f.tenders >= :min_tenders AND s.rel_gap > f.upper_fence THEN 'high'
              WHEN f.tenders >= :min_tenders AND s.rel_gap < f.lower_fence THEN 'low' END AS gap_outlier,
         (s.bids >= :min_bids_regular AND s.gap_cv IS NOT NULL AND s.gap_cv < :max_gap_cv) AS regular_gaps
  FROM stats s CROSS JOIN fences f
)
SELECT village_code, village, project_id, project_name, bid_date, ceiling_price, win_price, bids,
       lowest_price, second_price, highest_price, cv, skewness, kurtosis, spread, rel_gap, gap_cv,
       tenders, q1, q3, lower_fence, upper_fence, low_cv, gap_outlier, regular_gaps
FROM flagged
WHERE low_cv OR gap_outlier IS NOT NULL OR regular_gaps
ORDER BY village_code, project_id`,
  hitKey: ['village_code', 'project_id'],
  villageColumn: 'village_code',
  amountColumn: 'win_price',
  explain: (r) => {
    const findings: string[] = [];
    if (r.low_cv === true) findings.push(`报价的变异系数仅为${percent(r.cv)}，价格离散度异常低，疑似围标`);
    if (r.gap_outlier === 'high') {
      findings.push(`次低价比最低价高${percent(r.rel_gap)}，远高于全县${count(r.tenders)}个标段的上栅栏${percent(r.upper_fence)}，其余投标人可能是陪标`);
    }
    if (r.gap_outlier === 'low') {
      findings.push(`最低两家报价仅相差${percent(r.rel_gap)}，低于全县${count(r.tenders)}个标段的下栅栏${percent(r.lower_fence)}，报价异常一致`);
    }
    if (r.regular_gaps === true) findings.push(`报价由低到高相邻差额几乎相等（差额的变异系数${percent(r.gap_cv)}），投标报价呈规律性差异`);
    return (
      `${projectText(r)}的${count(r.bids)}家投标报价在${yuan(r.lowest_price)}至${yuan(r.highest_price)}之间（${priceText(r)}）：` +
      `${findings.join('；')}。这是价格筛查结果，需调取投标文件和评标报告核实。`
    );
  },
};

// ————————————————————————————————————————— winner concentration

export const bidWinnerConcentration: ComparisonModel = {
  key: 'bid_winner_concentration',
  name: '同一企业包揽本村多数项目',
  description:
    '按村统计有中标结果的招标项目，找出一家企业中标项目数占本村项目数达到一定比例的情形（默认至少3个项目中占一半以上）。' +
    '“包揽”工程可能是约定中标人、轮流坐庄或与村干部存在利益关联（《招标投标法实施条例》第三十九条）。' +
    '核实时查看各项目的投标人名单是否长期是同几家、该企业与村干部及其亲属有无关联、项目是否化整为零规避招标。需要招投标数据中有村级区划代码。',
  category: 'bid',
  requires: ['bids'],
  params: [
    { key: 'min_share', label: '中标项目占比达到', type: 'number', default: 0.5, min: 0.01, max: 1, help: '0.5即一半' },
    { key: 'min_projects', label: '本村项目数至少', type: 'int', default: 3, min: 1, max: 100000, unit: '个' },
  ],
  sql: `WITH wins AS (
  SELECT b.village_code, b.village, b.project_id, ${BIDDER_KEY('b')} AS winner_key, b.bidder_name, b.bidder_credit_code, b.bid_price, b.bid_date
  FROM ds_bids b
  WHERE b.won AND b.project_id IS NOT NULL AND b.village_code IS NOT NULL AND b.bidder_name IS NOT NULL
),
village_projects AS (
  SELECT village_code, MIN(village) AS village, CAST(COUNT(DISTINCT project_id) AS BIGINT) AS projects,
         MIN(bid_date) AS first_bid_date, MAX(bid_date) AS last_bid_date
  FROM wins GROUP BY village_code
),
firm AS (
  SELECT village_code, winner_key, MIN(bidder_name) AS winner_name, MIN(bidder_credit_code) AS winner_credit_code,
         CAST(COUNT(DISTINCT project_id) AS BIGINT) AS won_projects, CAST(SUM(bid_price) AS BIGINT) AS won_amount,
         string_agg(project_id, ',' ORDER BY project_id) AS project_ids
  FROM wins GROUP BY village_code, winner_key
)
SELECT f.village_code, v.village, f.winner_key, f.winner_name, f.winner_credit_code, f.won_projects, v.projects,
       CAST(f.won_projects AS FLOAT8) / v.projects AS share, f.won_amount, f.project_ids, v.first_bid_date, v.last_bid_date
FROM firm f
JOIN village_projects v ON v.village_code = f.village_code
WHERE v.projects >= :min_projects AND f.won_projects >= :min_share * v.projects
ORDER BY f.village_code, f.winner_key`,
  hitKey: ['village_code', 'winner_key'],
  villageColumn: 'village_code',
  amountColumn: 'won_amount',
  explain: (r) =>
    `${monthRange(r.first_bid_date, r.last_bid_date)}，${text(r.village, '本村')}有中标结果的${count(r.projects)}个招标项目中，` +
    `${text(r.winner_name, '同一企业')}${r.winner_credit_code ? `（统一社会信用代码${text(r.winner_credit_code)}）` : ''}中标${count(r.won_projects)}个，` +
    `占${percent(r.share)}，中标金额合计${yuan(r.won_amount)}。`,
};

// ————————————————————————————————————————— young firms

export const bidYoungFirm: ComparisonModel = {
  key: 'bid_young_firm',
  name: '新成立企业中标较大项目',
  description:
    '以统一社会信用代码（无代码时以企业名称）比对中标记录与市场主体登记，找出成立不满一定天数（默认365天）即中标达到一定金额的企业。' +
    '新设企业往往没有业绩和人员，却中标较大工程，可能是为围标、借用资质或利益输送临时注册的“空壳”企业。成立日期晚于开标日期的记录多为数据错误，不列为疑点。' +
    '核实时查看企业的资质、业绩、社保缴纳人数和纳税记录，以及股东、法定代表人与村干部或其他投标人的关系。',
  category: 'bid',
  requires: ['bids', 'companies'],
  params: [
    { key: 'max_age_days', label: '成立不满', type: 'int', default: 365, min: 1, max: 3650, unit: '天' },
    { key: 'min_amount', label: '中标金额达到', type: 'number', default: 100000, min: 0, max: 1e10, unit: '元' },
  ],
  sql: `WITH by_code AS (
  SELECT credit_code, MIN(founded_on) AS founded_on, MIN(legal_rep_name) AS legal_rep_name
  FROM ds_companies WHERE credit_code IS NOT NULL AND founded_on IS NOT NULL GROUP BY credit_code
),
by_name AS (
  SELECT company_name, MIN(founded_on) AS founded_on, MIN(legal_rep_name) AS legal_rep_name
  FROM ds_companies WHERE company_name IS NOT NULL AND founded_on IS NOT NULL GROUP BY company_name
),
bidders AS (
  SELECT project_id, CAST(COUNT(DISTINCT ${BIDDER_KEY('x')}) AS BIGINT) AS bidders FROM ds_bids x GROUP BY project_id
),
wins AS (
  SELECT b.village_code, b.village, b.project_id, b.project_name, b.bid_date, b.ceiling_price, b.bid_price AS win_price,
         ${BIDDER_KEY('b')} AS bidder_key, b.bidder_name, b.bidder_credit_code,
         COALESCE(c.founded_on, n.founded_on) AS founded_on, COALESCE(c.legal_rep_name, n.legal_rep_name) AS legal_rep_name
  FROM ds_bids b
  LEFT JOIN by_code c ON c.credit_code = b.bidder_credit_code
  LEFT JOIN by_name n ON b.bidder_credit_code IS NULL AND n.company_name = b.bidder_name
  WHERE b.won AND b.project_id IS NOT NULL AND b.bid_date IS NOT NULL AND b.bid_price >= :min_amount * 100
)
SELECT w.village_code, w.village, w.project_id, w.project_name, w.bid_date, w.ceiling_price, w.win_price,
       w.bidder_key, w.bidder_name, w.bidder_credit_code, w.legal_rep_name, w.founded_on,
       CAST(w.bid_date - w.founded_on AS BIGINT) AS age_days, d.bidders
FROM wins w
LEFT JOIN bidders d ON d.project_id = w.project_id
WHERE w.founded_on IS NOT NULL AND w.bid_date >= w.founded_on AND w.bid_date - w.founded_on < :max_age_days
ORDER BY w.village_code, w.project_id, w.bidder_key`,
  hitKey: ['village_code', 'project_id', 'bidder_key'],
  villageColumn: 'village_code',
  amountColumn: 'win_price',
  explain: (r) =>
    `${text(r.bidder_name, '该企业')}${r.bidder_credit_code ? `（统一社会信用代码${text(r.bidder_credit_code)}）` : ''}成立于${day(r.founded_on)}，` +
    `成立仅${count(r.age_days)}天即以${yuan(r.win_price)}中标${projectText(r)}` +
    `${r.bidders !== null && r.bidders !== undefined ? `，该项目共${count(r.bidders)}家投标` : ''}。`,
};

export const BID_MODELS: readonly ComparisonModel[] = [bidSharedTraits, bidPriceScreens, bidWinnerConcentration, bidYoungFirm];
