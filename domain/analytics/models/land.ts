/**
 * 土地 models: area-based subsidies (耕地地力保护补贴) claimed on more land than the 确权 register
 * shows, or on an area rising year after year — both graded harder when the claimant is a cadre or
 * a cadre's relative.
 */
import { area, person, text, yuan } from './format';
import type { ComparisonModel } from './model';
import { CADRE_SELF, cadrePersonCte, keywordsCte, matchingItemsCte, yearOf } from './sql-parts';

const areaItemsParam = {
  key: 'items',
  label: '按面积发放的补贴项目',
  type: 'text' as const,
  default: '耕地地力保护,地力补贴,种粮',
  list: true,
  help: '补贴项目名称中含有这些词之一即参与比对',
};

/** 赵建军（身份证…，村干部本人） / 李大山（身份证…，村干部李国强的父亲） */
const claimant = (r: Record<string, unknown>) => {
  const p = person(r.name, r.id_number);
  if (r.cadre_relation === null || r.cadre_relation === undefined) return p;
  const who = r.cadre_relation === CADRE_SELF ? '村干部本人' : `村干部${text(r.cadre_name, '')}的${text(r.cadre_relation, '亲属')}`;
  return `${p.slice(0, -1)}，${who}）`;
};

export const areaOverCert: ComparisonModel = {
  key: 'area_over_cert',
  name: '补贴面积超过确权面积',
  description:
    '以身份证号码比对耕地地力保护等按面积发放补贴的申报面积与土地承包经营权确权登记面积，找出申报面积超出确权面积（超出容差）的情形；' +
    '申报人是村干部或其亲属的列为较重疑点。可能是虚报面积套取补贴，也可能是流转、开荒或机动地未登记。' +
    '核实时调取申报表、流转合同和确权证，必要时实地丈量或比对遥感影像。',
  category: 'land',
  requires: ['benefit_payments', 'land_rights', 'cadres'],
  params: [
    areaItemsParam,
    { key: 'tolerance_pct', label: '容差比例', type: 'number', default: 5, min: 0, max: 100, unit: '%', help: '申报面积超过确权面积这一比例以内不算' },
    { key: 'min_excess', label: '最少超出面积', type: 'number', default: 0.5, min: 0, max: 10000, unit: '亩' },
  ],
  sql: `WITH ${keywordsCte('kw', 'items')},
${matchingItemsCte('items', 'kw', 'ds_benefit_payments', 's.area IS NOT NULL')},
${cadrePersonCte('cadre')},
claimed AS (
  SELECT p.id_number, MIN(p.name) AS name, p.village_code, MIN(p.village) AS village, ${yearOf('p.pay_date')} AS year,
         CAST(SUM(p.area) AS BIGINT) AS claimed_area, CAST(SUM(p.amount) AS BIGINT) AS total_amount
  FROM ds_benefit_payments p
  JOIN items i ON i.item = p.item
  WHERE p.area IS NOT NULL AND p.pay_date IS NOT NULL AND p.id_number IS NOT NULL
  GROUP BY p.id_number, p.village_code, ${yearOf('p.pay_date')}
),
cert AS (
  SELECT id_number, CAST(SUM(contracted_area) AS BIGINT) AS certified_area
  FROM ds_land_rights
  WHERE id_number IS NOT NULL AND contracted_area IS NOT NULL
  GROUP BY id_number
)
SELECT c.id_number, c.name, c.village_code, c.village, c.year, c.claimed_area, ce.certified_area,
       c.claimed_area - ce.certified_area AS excess_area, c.total_amount,
       CASE WHEN cd.id_number IS NULL THEN 1 ELSE 2 END AS severity,
       cd.relation AS cadre_relation, cd.cadre_name
FROM claimed c
JOIN cert ce ON ce.id_number = c.id_number
LEFT JOIN cadre cd ON cd.id_number = c.id_number
WHERE c.claimed_area * 100 > ce.certified_area * (100 + :tolerance_pct)
  AND c.claimed_area - ce.certified_area >= :min_excess * 100
ORDER BY c.village_code, c.id_number, c.year`,
  hitKey: ['id_number', 'village_code', 'year'],
  villageColumn: 'village_code',
  amountColumn: 'total_amount',
  severityColumn: 'severity',
  explain: (r) =>
    `${claimant(r)}${text(r.year, '')}年申报${area(r.claimed_area)}领取补贴${yuan(r.total_amount)}，` +
    `而确权登记面积只有${area(r.certified_area)}，多出${area(r.excess_area)}。`,
};

export const areaRising: ComparisonModel = {
  key: 'area_rising',
  name: '补贴面积逐年增加',
  description:
    '按年汇总每人按面积发放补贴的申报面积，找出连续多年逐年增加的情形；申报人是村干部或其亲属的列为较重疑点。' +
    '承包地面积通常稳定，逐年递增可能是逐步虚报。核实时比对确权面积、流转合同和历年申报表。',
  category: 'land',
  requires: ['benefit_payments', 'cadres'],
  params: [areaItemsParam, { key: 'min_years', label: '连续增加年数', type: 'int', default: 3, min: 2, max: 20, unit: '年', help: '连续这么多年（含起始年）面积逐年增加才算' }],
  sql: `WITH ${keywordsCte('kw', 'items')},
${matchingItemsCte('items', 'kw', 'ds_benefit_payments', 's.area IS NOT NULL')},
${cadrePersonCte('cadre')},
yearly AS (
  SELECT p.id_number, MIN(p.name) AS name, MAX(p.village_code) AS village_code, MAX(p.village) AS village, ${yearOf('p.pay_date')} AS year,
         CAST(SUM(p.area) AS BIGINT) AS claimed_area, CAST(SUM(p.amount) AS BIGINT) AS total_amount
  FROM ds_benefit_payments p
  JOIN items i ON i.item = p.item
  WHERE p.area IS NOT NULL AND p.pay_date IS NOT NULL AND p.id_number IS NOT NULL
  GROUP BY p.id_number, ${yearOf('p.pay_date')}
),
lagged AS (
  SELECT y.*, LAG(y.claimed_area) OVER (PARTITION BY y.id_number ORDER BY y.year) AS prev_area,
         LAG(y.year) OVER (PARTITION BY y.id_number ORDER BY y.year) AS prev_year
  FROM yearly y
),
rises AS (
  SELECT l.id_number, l.year, l.year - row_number() OVER (PARTITION BY l.id_number ORDER BY l.year) AS grp
  FROM lagged l
  WHERE l.prev_year = l.year - 1 AND l.claimed_area > l.prev_area
),
runs AS (
  SELECT id_number, MIN(year) - 1 AS from_year, MAX(year) AS to_year, CAST(COUNT(*) + 1 AS BIGINT) AS years
  FROM rises
  GROUP BY id_number, grp
  HAVING COUNT(*) + 1 >= :min_years
)
SELECT r.id_number, b.name, b.village_code, b.village, r.from_year, r.to_year, r.years,
       a.claimed_area AS from_area, b.claimed_area AS to_area, b.total_amount AS last_year_amount,
       CASE WHEN cd.id_number IS NULL THEN 1 ELSE 2 END AS severity,
       cd.relation AS cadre_relation, cd.cadre_name
FROM runs r
JOIN yearly a ON a.id_number = r.id_number AND a.year = r.from_year
JOIN yearly b ON b.id_number = r.id_number AND b.year = r.to_year
LEFT JOIN cadre cd ON cd.id_number = r.id_number
ORDER BY b.village_code, r.id_number, r.from_year`,
  hitKey: ['id_number', 'from_year'],
  villageColumn: 'village_code',
  amountColumn: 'last_year_amount',
  severityColumn: 'severity',
  explain: (r) =>
    `${claimant(r)}申报的补贴面积${text(r.from_year, '')}年至${text(r.to_year, '')}年连续${text(r.years, '')}年逐年增加，` +
    `从${area(r.from_area)}增至${area(r.to_area)}，${text(r.to_year, '')}年领取${yuan(r.last_year_amount)}。`,
};

export const LAND_MODELS: readonly ComparisonModel[] = [areaOverCert, areaRising];
