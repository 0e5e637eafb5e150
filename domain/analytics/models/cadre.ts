/**
 * 村干部及亲属 models: 优亲厚友 (cadres and their relatives drawing means-tested subsidies, and one
 * cadre's relatives drawing many) and companies of cadres or relatives paid by their village.
 */
import { count, day, monthRange, person, text, yuan } from './format';
import type { ComparisonModel } from './model';
import { CADRE_SELF, MEANS_TESTED_ITEMS, cadreCompanyLinkCtes, keywordsCte, matchingItemsCte } from './sql-parts';

const itemsParam = {
  key: 'items',
  label: '比对的补贴项目',
  type: 'text' as const,
  default: MEANS_TESTED_ITEMS,
  list: true,
  help: '需要审核家庭条件的补贴项目（普惠性补贴不必比对），名称中含有这些词之一即参与比对',
};

const relationText = (relation: unknown, cadreName: unknown) =>
  relation === CADRE_SELF ? '系村干部本人' : `系村干部${text(cadreName, '')}的${text(relation, '亲属')}`;

export const cadreRelativeSubsidy: ComparisonModel = {
  key: 'cadre_relative_subsidy',
  name: '村干部及其亲属领取补贴（优亲厚友）',
  description:
    '以身份证号码比对低保、特困、临时救助、危房改造等需审核家庭条件的补贴名单与村“两委”干部及其近亲属名册。' +
    '干部及亲属享受此类补贴按规定应当备案并公示，是“优亲厚友”问题的高发环节。核实时查看申请审批材料、民主评议记录和公示情况，' +
    '确认是否符合条件、是否履行回避和备案。',
  category: 'cadre',
  requires: ['benefit_payments', 'cadres'],
  params: [itemsParam],
  sql: `WITH ${keywordsCte('kw', 'items')},
rel AS (
  SELECT c.id_number, c.relation, c.cadre_name, c.cadre_id_number, c.village AS cadre_village, c.village_code AS cadre_village_code
  FROM ds_cadres c
  WHERE c.id_number IS NOT NULL
),
cadre_self AS (
  SELECT id_number, MIN(position) AS position FROM ds_cadres WHERE relation = '${CADRE_SELF}' AND id_number IS NOT NULL GROUP BY id_number
),
related AS (
  SELECT p.id_number, p.name, p.item, p.amount, p.pay_date, p.village,
         COALESCE(p.village_code, r.cadre_village_code) AS village_code,
         r.relation, r.cadre_name, r.cadre_id_number
  FROM ds_benefit_payments p
  JOIN rel r ON r.id_number = p.id_number
),
${matchingItemsCte('items', 'kw', 'related')},
paid AS (
  SELECT r.* FROM related r JOIN items i ON i.item = r.item
)
SELECT p.id_number, MIN(p.name) AS name, p.item, p.village_code, MIN(p.village) AS village,
       p.relation, p.cadre_name, p.cadre_id_number, MIN(s.position) AS cadre_position,
       MIN(p.pay_date) AS first_pay_date, MAX(p.pay_date) AS last_pay_date,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(p.amount) AS BIGINT) AS total_amount
FROM paid p
LEFT JOIN cadre_self s ON s.id_number = p.cadre_id_number
GROUP BY p.id_number, p.item, p.village_code, p.relation, p.cadre_name, p.cadre_id_number
ORDER BY p.village_code, p.cadre_name, p.id_number, p.item`,
  hitKey: ['id_number', 'item', 'village_code', 'cadre_name', 'cadre_id_number'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) =>
    `${person(r.name, r.id_number)}${relationText(r.relation, r.cadre_name)}${r.cadre_position ? `（${text(r.cadre_position)}）` : ''}，` +
    `${monthRange(r.first_pay_date, r.last_pay_date)}领取${text(r.item, '补贴')}${count(r.payments)}笔，共计${yuan(r.total_amount)}。`,
};

export const cadreRelativeConcentration: ComparisonModel = {
  key: 'cadre_relative_concentration',
  name: '补贴集中于同一村干部的亲属',
  description:
    '把需审核家庭条件的补贴按村干部的亲属关系归集，找出同一名干部的亲属领取笔数或人数明显偏多的情形（如一名干部关联9名亲属33笔补贴）。' +
    '核实时逐人查看申请条件和民主评议、公示记录，并了解该干部在审核中是否回避。',
  category: 'cadre',
  requires: ['benefit_payments', 'cadres'],
  params: [
    itemsParam,
    { key: 'min_payments', label: '亲属领取笔数达到', type: 'int', default: 24, min: 1, max: 100000, unit: '笔' },
    { key: 'min_people', label: '或领取人数达到', type: 'int', default: 3, min: 1, max: 1000, unit: '人' },
  ],
  sql: `WITH ${keywordsCte('kw', 'items')},
related AS (
  SELECT p.id_number, p.item, p.amount, p.pay_date,
         c.cadre_name, c.cadre_id_number, c.village_code AS cadre_village_code, c.village AS cadre_village
  FROM ds_benefit_payments p
  JOIN ds_cadres c ON c.id_number = p.id_number
  WHERE c.relation <> '${CADRE_SELF}'
),
${matchingItemsCte('items', 'kw', 'related')},
paid AS (
  SELECT r.* FROM related r JOIN items i ON i.item = r.item
)
SELECT cadre_name, cadre_id_number, cadre_village_code AS village_code, MIN(cadre_village) AS village,
       CAST(COUNT(DISTINCT id_number) AS BIGINT) AS people,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(amount) AS BIGINT) AS total_amount,
       MIN(pay_date) AS first_pay_date, MAX(pay_date) AS last_pay_date
FROM paid
GROUP BY cadre_name, cadre_id_number, cadre_village_code
HAVING COUNT(*) >= :min_payments OR COUNT(DISTINCT id_number) >= :min_people
ORDER BY cadre_village_code, cadre_name`,
  hitKey: ['village_code', 'cadre_name', 'cadre_id_number'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) =>
    `村干部${person(r.cadre_name, r.cadre_id_number)}的亲属${count(r.people)}人在${monthRange(r.first_pay_date, r.last_pay_date)}` +
    `共领取补贴${count(r.payments)}笔，合计${yuan(r.total_amount)}。`,
};

export const cadreCompanyPaid: ComparisonModel = {
  key: 'cadre_company_paid',
  name: '村干部及亲属关联企业收取本村资金',
  description:
    '以身份证号码比对市场主体登记（法定代表人）和股东信息与村干部及近亲属名册，再以统一社会信用代码（无代码时以收款单位名称）比对本村的村级支付，' +
    '找出本村向干部或其亲属任法定代表人、持股的企业付款的情形，这是利益输送和“自己人做工程”的常见形态。' +
    '核实时查看是否经过招投标或“四议两公开”、干部是否回避、价格是否公允、工程是否真实完成。',
  category: 'cadre',
  requires: ['cadres', 'companies', 'shareholders', 'village_payments'],
  params: [{ key: 'min_amount', label: '累计支付金额达到', type: 'number', default: 5000, min: 0, max: 1e9, unit: '元' }],
  sql: `WITH ${cadreCompanyLinkCtes()},
paid AS (
  SELECT vp.village_code, vp.village, vp.amount, vp.pay_date, l.*
  FROM ds_village_payments vp
  JOIN link1 l
    ON vp.village_code = l.cadre_village_code
   AND (vp.payee_credit_code = l.credit_code
        OR (vp.payee_credit_code IS NULL AND vp.payee_name = l.company_name))
  UNION ALL
  SELECT vp.village_code, vp.village, vp.amount, vp.pay_date, l.*
  FROM ds_village_payments vp
  JOIN link1 l
    ON vp.village = l.cadre_village
   AND (vp.village_code IS NULL OR l.cadre_village_code IS NULL)
   AND (vp.payee_credit_code = l.credit_code
        OR (vp.payee_credit_code IS NULL AND vp.payee_name = l.company_name))
)
SELECT credit_code, MIN(company_name) AS company_name, COALESCE(village_code, cadre_village_code) AS village_code, MIN(village) AS village,
       MIN(role) AS role, MIN(person_name) AS person_name, MIN(person_id_number) AS person_id_number, MIN(relation) AS relation,
       MIN(cadre_name) AS cadre_name, MIN(cadre_id_number) AS cadre_id_number,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(amount) AS BIGINT) AS total_amount,
       MIN(pay_date) AS first_pay_date, MAX(pay_date) AS last_pay_date
FROM paid
GROUP BY credit_code, COALESCE(village_code, cadre_village_code)
HAVING SUM(amount) >= :min_amount * 100
ORDER BY COALESCE(village_code, cadre_village_code), credit_code`,
  hitKey: ['credit_code', 'village_code'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) => {
    const who = r.relation === CADRE_SELF ? `村干部${person(r.person_name, r.person_id_number)}本人` : `村干部${text(r.cadre_name, '')}的${text(r.relation, '亲属')}${person(r.person_name, r.person_id_number)}`;
    return (
      `${text(r.company_name, '该企业')}（统一社会信用代码${text(r.credit_code, '不详')}）的${text(r.role, '关联人')}是${who}；` +
      `${text(r.village, '本村')}在${monthRange(r.first_pay_date, r.last_pay_date)}向该企业支付${count(r.payments)}笔，共计${yuan(r.total_amount)}。`
    );
  },
};

export const cadreCompanyWon: ComparisonModel = {
  key: 'cadre_company_won',
  name: '村干部及亲属关联企业承接本村项目',
  description:
    '以身份证号码比对市场主体登记（法定代表人）和股东信息与村干部及近亲属名册，再比对招投标记录，找出干部或其亲属任法定代表人、持股的企业中标本村项目的情形；' +
    '只有这一家投标、没有形成竞争的列为较重疑点。核实时查看招标方式和公告、评标记录、干部是否回避，以及是否存在化整为零规避招标。',
  category: 'cadre',
  requires: ['cadres', 'companies', 'shareholders', 'bids'],
  params: [{ key: 'min_amount', label: '中标金额达到', type: 'number', default: 0, min: 0, max: 1e10, unit: '元' }],
  sql: `WITH ${cadreCompanyLinkCtes()},
won AS (
  SELECT b.project_id, MIN(b.project_name) AS project_name, b.village_code, MIN(b.village) AS village,
         b.bidder_credit_code, b.bidder_name, MAX(b.bid_price) AS bid_price, MIN(b.bid_date) AS bid_date
  FROM ds_bids b
  WHERE b.won = TRUE
  GROUP BY b.project_id, b.village_code, b.bidder_credit_code, b.bidder_name
),
bidders AS (
  SELECT project_id, CAST(COUNT(DISTINCT COALESCE(bidder_credit_code, bidder_name)) AS BIGINT) AS bidders
  FROM ds_bids
  GROUP BY project_id
)
SELECT w.project_id, w.project_name, COALESCE(w.village_code, l.cadre_village_code) AS village_code, COALESCE(w.village, l.cadre_village) AS village,
       COALESCE(w.bidder_credit_code, w.bidder_name) AS bidder_key, w.bidder_credit_code AS credit_code, w.bidder_name,
       l.role, l.person_name, l.person_id_number, l.relation, l.cadre_name, l.cadre_id_number,
       w.bid_price, w.bid_date, n.bidders,
       CASE WHEN n.bidders <= 1 THEN 2 ELSE 1 END AS severity
FROM won w
JOIN link1 l
  ON (w.bidder_credit_code = l.credit_code OR (w.bidder_credit_code IS NULL AND w.bidder_name = l.company_name))
 AND (w.village_code = l.cadre_village_code
      OR ((w.village_code IS NULL OR l.cadre_village_code IS NULL) AND w.village = l.cadre_village))
JOIN bidders n ON n.project_id = w.project_id
WHERE w.bid_price >= :min_amount * 100
ORDER BY COALESCE(w.village_code, l.cadre_village_code), w.project_id`,
  hitKey: ['project_id', 'bidder_key'],
  villageColumn: 'village_code',
  amountColumn: 'bid_price',
  severityColumn: 'severity',
  explain: (r) => {
    const who = r.relation === CADRE_SELF ? `村干部${person(r.person_name, r.person_id_number)}本人` : `村干部${text(r.cadre_name, '')}的${text(r.relation, '亲属')}${person(r.person_name, r.person_id_number)}`;
    const competition = Number(r.bidders) <= 1 ? '该项目只有这一家投标，未形成竞争' : `该项目共有${count(r.bidders)}家投标`;
    return (
      `${text(r.bidder_name, '该企业')}的${text(r.role, '关联人')}是${who}，${r.bid_date ? `于${day(r.bid_date)}` : ''}以${yuan(r.bid_price)}中标` +
      `${text(r.village, '本村')}项目“${text(r.project_name, text(r.project_id, ''))}”，${competition}。`
    );
  },
};

export const CADRE_MODELS: readonly ComparisonModel[] = [cadreRelativeSubsidy, cadreRelativeConcentration, cadreCompanyPaid, cadreCompanyWon];
