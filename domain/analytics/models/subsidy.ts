/**
 * 惠民惠农补贴 models: payments to the dead, to public-payroll staff, to owners of vehicles or
 * commercial property, and the same person paid twice.
 */
import { count, month, monthRange, person, text, yuan, day } from './format';
import type { ComparisonModel } from './model';
import { keywordsCte, matchingItemsCte, monthNo, yearOf } from './sql-parts';

export const deadPaid: ComparisonModel = {
  key: 'dead_paid',
  name: '死亡或注销户籍人员仍领取补贴',
  description:
    '以身份证号码比对补贴发放花名册与公安户籍死亡注销、殡葬火化、死亡医学证明记录，找出死亡（或户籍注销）当月之后仍在发放的补贴。' +
    '可能是冒领、家属代领未停发或主管部门未及时核减。核实时向村委会和家属了解实际领取人，调取银行流水和停发手续；' +
    '注意死亡记录本身登记错误的情形（如同名同号误录）。',
  category: 'subsidy',
  requires: ['benefit_payments', 'deaths'],
  params: [
    {
      key: 'grace_months',
      label: '宽限月数',
      type: 'int',
      default: 0,
      min: 0,
      max: 12,
      unit: '个月',
      help: '死亡当月之后再过几个月仍有发放才算疑点；0 表示死亡次月起的任何发放都算',
    },
  ],
  sql: `WITH death AS (
  SELECT id_number, event_date AS death_date, event_kind
  FROM (
    SELECT d.id_number, d.event_date, d.event_kind,
           row_number() OVER (PARTITION BY d.id_number ORDER BY d.event_date, d.event_kind) AS rn
    FROM ds_deaths d
    WHERE d.id_number IS NOT NULL AND d.event_date IS NOT NULL
  ) ranked
  WHERE rn = 1
),
paid AS (
  SELECT p.id_number, p.name, p.village, p.village_code, p.item, p.amount, p.pay_date, d.death_date, d.event_kind
  FROM ds_benefit_payments p
  JOIN death d ON d.id_number = p.id_number
  WHERE p.pay_date > d.death_date
    AND ${monthNo('p.pay_date')} - ${monthNo('d.death_date')} > :grace_months
)
SELECT id_number, MIN(name) AS name, item, village_code, MIN(village) AS village,
       death_date, MIN(event_kind) AS event_kind,
       MIN(pay_date) AS first_pay_date, MAX(pay_date) AS last_pay_date,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(amount) AS BIGINT) AS total_amount
FROM paid
GROUP BY id_number, item, village_code, death_date
ORDER BY village_code, id_number, item`,
  hitKey: ['id_number', 'item', 'village_code'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) => {
    const kind = String(r.event_kind ?? '');
    const what = kind.includes('注销') ? '注销户籍' : kind.includes('火化') ? '火化' : '死亡';
    return (
      `${person(r.name, r.id_number)}于${day(r.death_date)}${what}，` +
      `${monthRange(r.first_pay_date, r.last_pay_date)}仍领取${text(r.item, '补贴')}${count(r.payments)}笔，共计${yuan(r.total_amount)}。`
    );
  },
};

export const payrollOnBenefit: ComparisonModel = {
  key: 'payroll_on_benefit',
  name: '财政供养人员领取低保特困',
  description:
    '以身份证号码比对低保、特困等救助发放名单与财政供养人员名单，找出在编在岗期间仍领取救助金的人员。' +
    '财政供养人员有稳定工资收入，一般不符合最低生活保障和特困供养条件。核实时查看其家庭收入核定材料、入编时间和救助审批时间，' +
    '确认是否隐瞒收入或村级审核把关不严。',
  category: 'subsidy',
  requires: ['benefit_payments', 'public_payroll'],
  params: [
    {
      key: 'items',
      label: '比对的补贴项目',
      type: 'text',
      default: '低保,特困',
      list: true,
      help: '补贴项目名称中含有这些词之一即参与比对，多个用逗号分隔',
    },
  ],
  sql: `WITH ${keywordsCte('kw', 'items')},
job AS (
  SELECT id_number, employer, position, start_date
  FROM (
    SELECT s.id_number, s.employer, s.position, s.start_date,
           row_number() OVER (PARTITION BY s.id_number ORDER BY s.start_date DESC, s.employer) AS rn
    FROM ds_public_payroll s
    WHERE s.id_number IS NOT NULL
  ) ranked
  WHERE rn = 1
),
employed AS (
  SELECT p.id_number, p.name, p.village, p.village_code, p.item, p.amount, p.pay_date
  FROM ds_benefit_payments p
  WHERE p.pay_date IS NOT NULL AND p.id_number IN (SELECT s.id_number FROM ds_public_payroll s)
),
${matchingItemsCte('items', 'kw', 'employed')},
paid AS (
  SELECT e.*
  FROM employed e
  JOIN items i ON i.item = e.item
  WHERE EXISTS (
    SELECT 1 FROM ds_public_payroll s
    WHERE s.id_number = e.id_number
      AND (s.start_date IS NULL OR s.start_date <= e.pay_date)
      AND (s.end_date IS NULL OR s.end_date >= e.pay_date)
  )
)
SELECT p.id_number, MIN(p.name) AS name, p.item, p.village_code, MIN(p.village) AS village,
       MIN(j.employer) AS employer, MIN(j.position) AS position, MIN(j.start_date) AS start_date,
       MIN(p.pay_date) AS first_pay_date, MAX(p.pay_date) AS last_pay_date,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(p.amount) AS BIGINT) AS total_amount
FROM paid p
LEFT JOIN job j ON j.id_number = p.id_number
GROUP BY p.id_number, p.item, p.village_code
ORDER BY p.village_code, p.id_number, p.item`,
  hitKey: ['id_number', 'item', 'village_code'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) =>
    `${person(r.name, r.id_number)}系财政供养人员（${text(r.employer, '单位不详')}${r.position ? `，${text(r.position)}` : ''}` +
    `${r.start_date ? `，${month(r.start_date)}起` : ''}），在职期间${monthRange(r.first_pay_date, r.last_pay_date)}` +
    `领取${text(r.item, '救助金')}${count(r.payments)}笔，共计${yuan(r.total_amount)}。`,
};

export const assetOwnerOnBenefit: ComparisonModel = {
  key: 'asset_owner_on_benefit',
  name: '有车有商业房产人员领取低保',
  description:
    '以身份证号码比对低保等救助发放名单与车辆登记、不动产登记，找出登记了机动车或商业、办公用房后仍领取救助金的人员。' +
    '拥有机动车（农用车、摩托车等可按参数排除）或非住宅房产，通常不符合低保家庭财产条件。' +
    '核实时查看车辆、房产是否仍在名下、是否为生产经营必需，以及低保申请时是否如实申报家庭财产。',
  category: 'subsidy',
  requires: ['benefit_payments', 'vehicles', 'real_estate'],
  params: [
    { key: 'items', label: '比对的补贴项目', type: 'text', default: '低保', list: true, help: '补贴项目名称中含有这些词之一即参与比对' },
    {
      key: 'excluded_vehicle_types',
      label: '不计入的车辆类型',
      type: 'text',
      default: '拖拉机,三轮,摩托,低速,残疾人',
      list: true,
      help: '车辆类型中含有这些词的车辆不算（生产生活必需）',
    },
    { key: 'estate_usages', label: '计入的房产用途', type: 'text', default: '商业,商服,办公,商铺', list: true, help: '房产用途中含有这些词之一才算' },
  ],
  sql: `WITH ${keywordsCte('kw', 'items')},
${keywordsCte('vx', 'excluded_vehicle_types')},
${keywordsCte('eu', 'estate_usages')},
assets AS (
  SELECT v.id_number, '车辆' AS asset_kind, COALESCE(v.plate, '') AS asset_ref, v.vehicle_type AS asset_detail,
         COALESCE(v.registered_on, DATE '1900-01-01') AS since, v.registered_on
  FROM ds_vehicles v
  WHERE v.id_number IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM vx WHERE position(vx.kw IN COALESCE(v.vehicle_type, '')) > 0)
  UNION ALL
  SELECT e.id_number, '房产' AS asset_kind, COALESCE(e.address, '') AS asset_ref, e.usage AS asset_detail,
         COALESCE(e.registered_on, DATE '1900-01-01') AS since, e.registered_on
  FROM ds_real_estate e
  WHERE e.id_number IS NOT NULL
    AND EXISTS (SELECT 1 FROM eu WHERE position(eu.kw IN COALESCE(e.usage, '')) > 0)
),
owner AS (
  SELECT id_number, MIN(since) AS since,
         CAST(SUM(CASE WHEN asset_kind = '车辆' THEN 1 ELSE 0 END) AS BIGINT) AS vehicles,
         CAST(SUM(CASE WHEN asset_kind = '房产' THEN 1 ELSE 0 END) AS BIGINT) AS estates
  FROM assets
  GROUP BY id_number
),
first_asset AS (
  SELECT id_number, asset_kind, asset_ref, asset_detail, registered_on
  FROM (
    SELECT a.*, row_number() OVER (PARTITION BY a.id_number ORDER BY a.since, a.asset_kind, a.asset_ref) AS rn
    FROM assets a
  ) ranked
  WHERE rn = 1
),
owned AS (
  SELECT p.id_number, p.name, p.village, p.village_code, p.item, p.amount, p.pay_date
  FROM ds_benefit_payments p
  JOIN owner o ON o.id_number = p.id_number
  WHERE p.pay_date IS NOT NULL AND p.pay_date >= o.since
),
${matchingItemsCte('items', 'kw', 'owned')},
paid AS (
  SELECT w.* FROM owned w JOIN items i ON i.item = w.item
)
SELECT p.id_number, MIN(p.name) AS name, p.item, p.village_code, MIN(p.village) AS village,
       MIN(o.vehicles) AS vehicles, MIN(o.estates) AS estates,
       MIN(f.asset_kind) AS asset_kind, MIN(f.asset_ref) AS asset_ref, MIN(f.asset_detail) AS asset_detail,
       MIN(f.registered_on) AS asset_registered_on,
       MIN(p.pay_date) AS first_pay_date, MAX(p.pay_date) AS last_pay_date,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(p.amount) AS BIGINT) AS total_amount
FROM paid p
JOIN owner o ON o.id_number = p.id_number
JOIN first_asset f ON f.id_number = p.id_number
GROUP BY p.id_number, p.item, p.village_code
ORDER BY p.village_code, p.id_number, p.item`,
  hitKey: ['id_number', 'item', 'village_code'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) => {
    const owns: string[] = [];
    if (Number(r.vehicles) > 0) owns.push(`机动车${count(r.vehicles)}辆`);
    if (Number(r.estates) > 0) owns.push(`商业或办公用房${count(r.estates)}处`);
    const first =
      `${r.asset_kind === '车辆' ? '车辆' : '房产'}${text(r.asset_ref, '')}` +
      `${r.asset_detail ? `（${text(r.asset_detail)}）` : ''}${r.asset_registered_on ? `于${day(r.asset_registered_on)}登记` : '登记日期不详'}`;
    return (
      `${person(r.name, r.id_number)}名下登记有${owns.join('、')}，其中${first}；` +
      `登记后${monthRange(r.first_pay_date, r.last_pay_date)}仍领取${text(r.item, '低保')}${count(r.payments)}笔，共计${yuan(r.total_amount)}。`
    );
  },
};

export const doublePaid: ComparisonModel = {
  key: 'double_paid',
  name: '同一人同一项目重复领取',
  description:
    '同一身份证号码在同一期间（月或年）内同一补贴项目领取两次以上，或在两个以上村（社区）同时领取。' +
    '可能是重复申报、户籍迁移后原村未停发或一人多户冒领。核实时调取两笔发放的审批材料和银行账户，确认是否补发（补发不算问题）。',
  category: 'subsidy',
  requires: ['benefit_payments'],
  params: [
    {
      key: 'period',
      label: '比对期间',
      type: 'text',
      default: '月',
      options: ['月', '年'],
      help: '按月发放的补贴选“月”，按年发放的补贴（如耕地地力保护）选“年”',
    },
  ],
  sql: `WITH per AS (
  SELECT p.id_number, p.name, p.village, p.village_code, p.item, p.amount, p.pay_date,
         CASE WHEN :period = '年' THEN ${yearOf('p.pay_date')} * 100
              ELSE ${yearOf('p.pay_date')} * 100 + CAST(EXTRACT(MONTH FROM p.pay_date) AS INTEGER) END AS period
  FROM ds_benefit_payments p
  WHERE p.id_number IS NOT NULL AND p.pay_date IS NOT NULL
)
SELECT id_number, MIN(name) AS name, item, period,
       MIN(village_code) AS village_code, MIN(village) AS village, MAX(village) AS other_village,
       CAST(COUNT(DISTINCT COALESCE(village_code, village, '')) AS BIGINT) AS villages,
       CAST(COUNT(*) AS BIGINT) AS payments, CAST(SUM(amount) AS BIGINT) AS total_amount,
       MIN(pay_date) AS first_pay_date, MAX(pay_date) AS last_pay_date
FROM per
GROUP BY id_number, item, period
HAVING COUNT(*) >= 2
ORDER BY MIN(village_code), id_number, item, period`,
  hitKey: ['id_number', 'item', 'period'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  explain: (r) => {
    const p = Number(r.period);
    const periodText = p % 100 === 0 ? `${Math.floor(p / 100)}年` : `${Math.floor(p / 100)}年${p % 100}月`;
    const where = Number(r.villages) > 1 ? `在${text(r.village, '')}、${text(r.other_village, '')}等${count(r.villages)}个村（社区）` : `在${text(r.village, '本村')}`;
    return `${person(r.name, r.id_number)}${periodText}${where}重复领取${text(r.item, '补贴')}${count(r.payments)}笔，共计${yuan(r.total_amount)}。`;
  },
};

export const SUBSIDY_MODELS: readonly ComparisonModel[] = [deadPaid, payrollOnBenefit, assetOwnerOnBenefit, doublePaid];
