/**
 * 集体资产资源 models: leases far below the county's median rent for that kind of resource, leases
 * without a decision-minutes reference, and leases expired without renewal (still occupied?).
 */
import { area, count, day, text, yuan } from './format';
import type { ComparisonModel } from './model';

/** A contract's identity when its number is missing: lessee and object. */
const CONTRACT_KEY = `COALESCE(c.contract_no, c.lessee_name || '|' || COALESCE(c.object, ''))`;

const contractText = (r: Record<string, unknown>) =>
  `${text(r.village, '本村')}与${text(r.lessee_name, '承包方')}签订的${r.contract_no ? `合同（编号${text(r.contract_no)}）` : '合同'}` +
  `${r.object ? `，标的为${text(r.object)}` : ''}` +
  `${r.start_date || r.end_date ? `，期限${r.start_date ? day(r.start_date) : '不详'}至${r.end_date ? day(r.end_date) : '不详'}` : ''}`;

export const leaseLowRent: ComparisonModel = {
  key: 'lease_low_rent',
  name: '集体资源租金明显低于全县中位数',
  description:
    '按资源类别（耕地、林地、水面、建设用地等）计算全县集体资产资源合同每亩年租金的中位数，找出每亩租金低于中位数一定比例的合同。' +
    '“低价包”可能造成集体资产流失或利益输送。核实时查看合同签订时是否公开竞价、评估，承包方与村干部有无关联，地块条件是否确实较差。',
  category: 'lease',
  requires: ['contracts'],
  params: [
    { key: 'ratio', label: '低于中位数的比例', type: 'number', default: 0.5, min: 0.01, max: 1, help: '每亩租金低于同类资源中位数乘以这个比例即为疑点，0.5 即不到中位数的一半' },
    { key: 'min_samples', label: '同类合同最少份数', type: 'int', default: 5, min: 2, max: 10000, unit: '份', help: '同类资源合同少于这个份数时不计算中位数' },
  ],
  sql: `WITH per_mu AS (
  SELECT c.village, c.village_code, c.contract_no, c.lessee_name, c.object, c.resource_kind, c.area, c.annual_rent,
         c.start_date, c.end_date, ${CONTRACT_KEY} AS contract_key,
         CAST(c.annual_rent AS FLOAT8) * 100 / CAST(c.area AS FLOAT8) AS rent_per_mu
  FROM ds_contracts c
  WHERE c.area > 0 AND c.annual_rent IS NOT NULL AND c.resource_kind IS NOT NULL
),
median AS (
  SELECT resource_kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY rent_per_mu) AS median_rent_per_mu, CAST(COUNT(*) AS BIGINT) AS samples
  FROM per_mu
  GROUP BY resource_kind
)
SELECT p.village_code, p.village, p.contract_key, p.contract_no, p.lessee_name, p.object, p.resource_kind, p.area, p.annual_rent,
       p.start_date, p.end_date, p.rent_per_mu, m.median_rent_per_mu, m.samples
FROM per_mu p
JOIN median m ON m.resource_kind = p.resource_kind
WHERE m.samples >= :min_samples AND p.rent_per_mu < m.median_rent_per_mu * :ratio
ORDER BY p.village_code, p.contract_key`,
  hitKey: ['village_code', 'contract_key'],
  villageColumn: 'village_code',
  amountColumn: 'annual_rent',
  explain: (r) => {
    const perMu = Math.round(Number(r.rent_per_mu));
    const median = Math.round(Number(r.median_rent_per_mu));
    const pct = median > 0 ? `${Math.round((perMu / median) * 100)}%` : '—';
    return (
      `${contractText(r)}（${text(r.resource_kind)}${area(r.area)}），年租金${yuan(r.annual_rent)}，折合每亩${yuan(perMu)}，` +
      `仅为全县${count(r.samples)}份同类合同每亩租金中位数${yuan(median)}的${pct}。`
    );
  },
};

const NO_MINUTES = `('', '无', '没有', '/', '-', '—', '未开会', '暂无')`;

export const leaseNoMinutes: ComparisonModel = {
  key: 'lease_no_minutes',
  name: '集体资源发包缺少民主决策记录',
  description:
    '找出没有填写村民（代表）会议决议或“四议两公开”记录的集体资产资源发包、租赁合同。' +
    '集体资产资源发包应经民主决策程序，缺少记录的合同可能是“权力包”“人情包”。核实时调阅会议记录本、公示材料和合同审批单。',
  category: 'lease',
  requires: ['contracts'],
  params: [{ key: 'min_annual_rent', label: '年租金不低于', type: 'number', default: 0, min: 0, max: 1e9, unit: '元', help: '只看年租金达到这一金额的合同' }],
  sql: `SELECT c.village_code, c.village, ${CONTRACT_KEY} AS contract_key, c.contract_no, c.lessee_name, c.object, c.resource_kind,
       c.area, c.annual_rent, c.start_date, c.end_date, c.minutes_ref
FROM ds_contracts c
WHERE (c.minutes_ref IS NULL OR TRIM(c.minutes_ref) IN ${NO_MINUTES})
  AND c.annual_rent >= :min_annual_rent * 100
ORDER BY c.village_code, contract_key`,
  hitKey: ['village_code', 'contract_key'],
  villageColumn: 'village_code',
  amountColumn: 'annual_rent',
  explain: (r) =>
    `${contractText(r)}，年租金${yuan(r.annual_rent)}，没有村民（代表）会议决议或“四议两公开”记录。`,
};

export const leaseExpiredOccupied: ComparisonModel = {
  key: 'lease_expired_occupied',
  name: '集体资源合同到期未续签',
  description:
    '找出已经到期、同一村同一标的物（无标的物时按承包方）没有后续合同的集体资产资源合同。' +
    '合同到期后承包方往往继续占用而不交租，或私下续包，造成集体收入流失。核实时到现场查看地块、房屋是否仍被占用，查阅收租记录。',
  category: 'lease',
  requires: ['contracts'],
  params: [
    { key: 'as_of', label: '截至日期', type: 'date', default: 'today', help: '以这一天判断合同是否已到期，默认为运行当天' },
    { key: 'min_days_expired', label: '到期天数超过', type: 'int', default: 30, min: 0, max: 36500, unit: '天' },
  ],
  sql: `SELECT c.village_code, c.village, ${CONTRACT_KEY} AS contract_key, c.contract_no, c.lessee_name, c.object, c.resource_kind,
       c.area, c.annual_rent, c.start_date, c.end_date, CAST(:as_of - c.end_date AS INTEGER) AS days_expired
FROM ds_contracts c
WHERE c.end_date IS NOT NULL
  AND :as_of - c.end_date > :min_days_expired
  AND NOT EXISTS (
    SELECT 1 FROM ds_contracts n
    WHERE (n.village_code = c.village_code OR ((n.village_code IS NULL OR c.village_code IS NULL) AND n.village = c.village))
      AND COALESCE(n.object, n.lessee_name) = COALESCE(c.object, c.lessee_name)
      AND (n.end_date IS NULL OR n.end_date > c.end_date)
  )
ORDER BY c.village_code, contract_key`,
  hitKey: ['village_code', 'contract_key'],
  villageColumn: 'village_code',
  amountColumn: 'annual_rent',
  explain: (r) =>
    `${contractText(r)}，到截至日已过期${count(r.days_expired)}天，同一标的没有续签或重新发包的合同（原年租金${yuan(r.annual_rent)}），需核实是否仍被占用、是否仍在收租。`,
};

export const LEASE_MODELS: readonly ComparisonModel[] = [leaseLowRent, leaseNoMinutes, leaseExpiredOccupied];
