/**
 * SQL fragments shared by the built-in models, written in the common subset of DuckDB and
 * PostgreSQL 15 (see model.ts). Rules the models keep so both engines give the same rows:
 * - no `/` between integers (DuckDB divides to DOUBLE, PostgreSQL truncates): cast to FLOAT8 first;
 * - SUM and COUNT cast to BIGINT (DuckDB sums BIGINT to HUGEINT, PostgreSQL to NUMERIC);
 * - no ROUND of doubles (PostgreSQL rounds half to even, DuckDB half away from zero);
 * - months compared as EXTRACT(YEAR)*12 + EXTRACT(MONTH), years as CAST(EXTRACT(YEAR …) AS INTEGER);
 * - no string MIN/MAX or ORDER BY in a hit key (collations differ), only in shown columns.
 */

/** The `relation` of a cadre's own row in ds_cadres (relatives carry 配偶, 子女, 父母 …). */
export const CADRE_SELF = '本人';

/**
 * A CTE `<name>` with one column `kw`: the comma-separated keywords of a list parameter.
 * `string_to_array` and `unnest(...) AS t(col)` exist on both engines.
 */
export const keywordsCte = (name: string, param: string) => `${name} AS (SELECT k.kw FROM unnest(string_to_array(:${param}, ',')) AS k(kw))`;

/**
 * A CTE `<name>` with the distinct benefit items of `source` (ds_benefit_payments, or a CTE of
 * payment rows already narrowed to the people a model compares) containing one of the keywords in
 * CTE `<kw>`. The items are made distinct first and only those few names are matched against the
 * keywords, instead of testing every payment row against every keyword; a model that first narrows
 * the roll to a small set (people on the payroll, cadres' relatives …) passes that set, so the roll
 * is read once. `where` (over alias `s`) narrows the rows whose items are listed.
 */
export const matchingItemsCte = (name: string, kw: string, source = 'ds_benefit_payments', where = '') =>
  `${name} AS (SELECT d.item FROM (SELECT DISTINCT s.item FROM ${source} s WHERE s.item IS NOT NULL${where ? ` AND ${where}` : ''}) d WHERE EXISTS (SELECT 1 FROM ${kw} WHERE position(${kw}.kw IN d.item) > 0))`;

/** Month number of a DATE expression, for comparing months across years. */
export const monthNo = (expr: string) => `(EXTRACT(YEAR FROM ${expr}) * 12 + EXTRACT(MONTH FROM ${expr}))`;

/** Calendar year of a DATE expression as INTEGER. */
export const yearOf = (expr: string) => `CAST(EXTRACT(YEAR FROM ${expr}) AS INTEGER)`;

/**
 * A CTE `<name>` giving each person of ds_cadres once (by ID number): whether they are a cadre
 * themselves or which cadre they are related to — the cadre's own row first, then by cadre name.
 */
export const cadrePersonCte = (name: string) => `${name} AS (
  SELECT id_number, relation, cadre_name, cadre_id_number, village AS cadre_village, village_code AS cadre_village_code
  FROM (
    SELECT c.*, row_number() OVER (
      PARTITION BY c.id_number
      ORDER BY CASE WHEN c.relation = '${CADRE_SELF}' THEN 0 ELSE 1 END, c.cadre_id_number, c.cadre_name
    ) AS rn
    FROM ds_cadres c
    WHERE c.id_number IS NOT NULL
  ) ranked
  WHERE rn = 1
)`;

/** Default benefit items that are means-tested (not universal), where a cadre or relative is a red flag. */
export const MEANS_TESTED_ITEMS = '低保,特困,临时救助,危房改造';

/**
 * Two CTEs: `link` — every company whose legal representative or a shareholder is a cadre or a
 * cadre's relative (by ID number), with who and how; `link1` — one such link per company and cadre
 * village (the cadre's own link first, then legal representative before shareholder).
 */
export const cadreCompanyLinkCtes = () => `link AS (
  SELECT co.credit_code, co.company_name, 1 AS role_rank, '法定代表人' AS role,
         c.name AS person_name, c.id_number AS person_id_number, c.relation, c.cadre_name, c.cadre_id_number,
         c.village_code AS cadre_village_code, c.village AS cadre_village
  FROM ds_companies co
  JOIN ds_cadres c ON c.id_number = co.legal_rep_id_number
  UNION ALL
  SELECT s.credit_code, COALESCE(co.company_name, s.company_name) AS company_name, 2 AS role_rank, '股东' AS role,
         c.name, c.id_number, c.relation, c.cadre_name, c.cadre_id_number, c.village_code, c.village
  FROM ds_shareholders s
  JOIN ds_cadres c ON c.id_number = s.shareholder_id_number
  LEFT JOIN ds_companies co ON co.credit_code = s.credit_code
),
link1 AS (
  SELECT *
  FROM (
    SELECT l.*, row_number() OVER (
      PARTITION BY l.credit_code, l.cadre_village_code, l.cadre_village
      ORDER BY CASE WHEN l.relation = '${CADRE_SELF}' THEN 0 ELSE 1 END, l.role_rank, l.person_id_number
    ) AS rn
    FROM link l
    WHERE l.credit_code IS NOT NULL
  ) ranked
  WHERE rn = 1
)`;
