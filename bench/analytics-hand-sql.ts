/**
 * Hand-written DuckDB SQL for each built-in comparison model at its default parameters, for the
 * benchmark's ratio library / hand: the same hits, written the way one would write them for DuckDB
 * alone (QUALIFY, arg_min/arg_max, EXISTS and ANTI joins, LIKE lists instead of keyword CTEs, median(),
 * list-based quantiles, date_diff), over plain Parquet views pq_<kind>. They assume what the run job's
 * views give: village codes filled. Returned columns include each model's hitKey columns.
 */
const MEANS = `(p.item LIKE '%低保%' OR p.item LIKE '%特困%' OR p.item LIKE '%临时救助%' OR p.item LIKE '%危房改造%')`;
const LAND = `(p.item LIKE '%耕地地力保护%' OR p.item LIKE '%地力补贴%' OR p.item LIKE '%种粮%')`;
const LINK = `link AS (
  SELECT co.credit_code, co.company_name, 1 AS role_rank, '法定代表人' AS role, c.name AS person_name, c.id_number AS person_id_number,
         c.relation, c.cadre_name, c.cadre_id_number, c.village_code AS cadre_village_code, c.village AS cadre_village
  FROM pq_companies co JOIN pq_cadres c ON c.id_number = co.legal_rep_id_number
  UNION ALL
  SELECT s.credit_code, COALESCE(co.company_name, s.company_name), 2, '股东', c.name, c.id_number, c.relation, c.cadre_name, c.cadre_id_number, c.village_code, c.village
  FROM pq_shareholders s JOIN pq_cadres c ON c.id_number = s.shareholder_id_number LEFT JOIN pq_companies co ON co.credit_code = s.credit_code
),
link1 AS (
  SELECT * FROM link WHERE credit_code IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY credit_code, cadre_village_code, cadre_village ORDER BY relation <> '本人', role_rank, person_id_number) = 1
)`;
const CADRE_PERSON = `cadre AS (
  SELECT id_number, relation, cadre_name FROM pq_cadres WHERE id_number IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY id_number ORDER BY relation <> '本人', cadre_id_number, cadre_name) = 1
)`;
const meta = (e: string) => `lower(regexp_replace(trim(${e}), '[ \\-:.]', '', 'g'))`;

export const HAND_SQL: Readonly<Record<string, string>> = {
  dead_paid: `WITH death AS (
  SELECT id_number, event_date AS death_date, event_kind FROM pq_deaths WHERE id_number IS NOT NULL AND event_date IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY id_number ORDER BY event_date, event_kind) = 1
)
SELECT p.id_number, min(p.name) AS name, p.item, p.village_code, min(p.village) AS village, d.death_date, min(d.event_kind) AS event_kind,
       min(p.pay_date) AS first_pay_date, max(p.pay_date) AS last_pay_date, count(*) AS payments, sum(p.amount)::BIGINT AS total_amount
FROM pq_benefit_payments p JOIN death d USING (id_number)
WHERE p.pay_date > d.death_date AND date_diff('month', d.death_date, p.pay_date) > 0
GROUP BY p.id_number, p.item, p.village_code, d.death_date
ORDER BY p.village_code, p.id_number, p.item`,

  payroll_on_benefit: `WITH job AS (
  SELECT id_number, employer, position, start_date FROM pq_public_payroll WHERE id_number IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY id_number ORDER BY start_date DESC, employer) = 1
),
paid AS (
  SELECT p.* FROM pq_benefit_payments p
  WHERE p.pay_date IS NOT NULL AND (p.item LIKE '%低保%' OR p.item LIKE '%特困%')
    AND p.id_number IN (SELECT id_number FROM pq_public_payroll)
    AND EXISTS (SELECT 1 FROM pq_public_payroll s WHERE s.id_number = p.id_number AND COALESCE(s.start_date <= p.pay_date, TRUE) AND COALESCE(s.end_date >= p.pay_date, TRUE))
)
SELECT p.id_number, min(p.name) AS name, p.item, p.village_code, min(p.village) AS village, min(j.employer) AS employer, min(j.position) AS position,
       min(j.start_date) AS start_date, min(p.pay_date) AS first_pay_date, max(p.pay_date) AS last_pay_date, count(*) AS payments, sum(p.amount)::BIGINT AS total_amount
FROM paid p LEFT JOIN job j USING (id_number)
GROUP BY p.id_number, p.item, p.village_code
ORDER BY p.village_code, p.id_number, p.item`,

  asset_owner_on_benefit: `WITH assets AS (
  SELECT id_number, '车辆' AS asset_kind, COALESCE(plate, '') AS asset_ref, vehicle_type AS asset_detail, COALESCE(registered_on, DATE '1900-01-01') AS since, registered_on
  FROM pq_vehicles WHERE id_number IS NOT NULL AND NOT regexp_matches(COALESCE(vehicle_type, ''), '拖拉机|三轮|摩托|低速|残疾人')
  UNION ALL
  SELECT id_number, '房产', COALESCE(address, ''), usage, COALESCE(registered_on, DATE '1900-01-01'), registered_on
  FROM pq_real_estate WHERE id_number IS NOT NULL AND regexp_matches(COALESCE(usage, ''), '商业|商服|办公|商铺')
),
owner AS (
  SELECT id_number, min(since) AS since, count(*) FILTER (asset_kind = '车辆') AS vehicles, count(*) FILTER (asset_kind = '房产') AS estates,
         arg_min(asset_kind, (since, asset_kind, asset_ref)) AS asset_kind, arg_min(asset_ref, (since, asset_kind, asset_ref)) AS asset_ref,
         arg_min(asset_detail, (since, asset_kind, asset_ref)) AS asset_detail, arg_min(registered_on, (since, asset_kind, asset_ref)) AS asset_registered_on
  FROM assets GROUP BY id_number
)
SELECT p.id_number, min(p.name) AS name, p.item, p.village_code, min(p.village) AS village, any_value(o.vehicles) AS vehicles, any_value(o.estates) AS estates,
       any_value(o.asset_kind) AS asset_kind, any_value(o.asset_ref) AS asset_ref, any_value(o.asset_detail) AS asset_detail, any_value(o.asset_registered_on) AS asset_registered_on,
       min(p.pay_date) AS first_pay_date, max(p.pay_date) AS last_pay_date, count(*) AS payments, sum(p.amount)::BIGINT AS total_amount
FROM pq_benefit_payments p JOIN owner o USING (id_number)
WHERE p.item LIKE '%低保%' AND p.pay_date >= o.since
GROUP BY p.id_number, p.item, p.village_code
ORDER BY p.village_code, p.id_number, p.item`,

  double_paid: `SELECT id_number, min(name) AS name, item, year(pay_date) * 100 + month(pay_date) AS period,
       min(village_code) AS village_code, min(village) AS village, max(village) AS other_village,
       count(DISTINCT COALESCE(village_code, village, '')) AS villages, count(*) AS payments, sum(amount)::BIGINT AS total_amount,
       min(pay_date) AS first_pay_date, max(pay_date) AS last_pay_date
FROM pq_benefit_payments
WHERE id_number IS NOT NULL AND pay_date IS NOT NULL
GROUP BY id_number, item, period
HAVING count(*) >= 2
ORDER BY min(village_code), id_number, item, period`,

  cadre_relative_subsidy: `WITH cadre_self AS (SELECT id_number, min(position) AS position FROM pq_cadres WHERE relation = '本人' AND id_number IS NOT NULL GROUP BY id_number)
SELECT p.id_number, min(p.name) AS name, p.item, COALESCE(p.village_code, c.village_code) AS village_code, min(p.village) AS village,
       c.relation, c.cadre_name, c.cadre_id_number, min(s.position) AS cadre_position,
       min(p.pay_date) AS first_pay_date, max(p.pay_date) AS last_pay_date, count(*) AS payments, sum(p.amount)::BIGINT AS total_amount
FROM pq_benefit_payments p
JOIN pq_cadres c ON c.id_number = p.id_number
LEFT JOIN cadre_self s ON s.id_number = c.cadre_id_number
WHERE ${MEANS}
GROUP BY ALL
ORDER BY village_code, c.cadre_name, p.id_number, p.item`,

  cadre_relative_concentration: `SELECT c.cadre_name, c.cadre_id_number, c.village_code, min(c.village) AS village, count(DISTINCT p.id_number) AS people,
       count(*) AS payments, sum(p.amount)::BIGINT AS total_amount, min(p.pay_date) AS first_pay_date, max(p.pay_date) AS last_pay_date
FROM pq_benefit_payments p JOIN pq_cadres c ON c.id_number = p.id_number
WHERE c.relation <> '本人' AND ${MEANS}
GROUP BY c.cadre_name, c.cadre_id_number, c.village_code
HAVING count(*) >= 24 OR count(DISTINCT p.id_number) >= 3
ORDER BY c.village_code, c.cadre_name`,

  cadre_company_paid: `WITH ${LINK},
paid AS (
  SELECT vp.village_code, vp.village, vp.amount, vp.pay_date, l.* FROM pq_village_payments vp JOIN link1 l ON vp.payee_credit_code = l.credit_code
  WHERE vp.village_code = l.cadre_village_code OR ((vp.village_code IS NULL OR l.cadre_village_code IS NULL) AND vp.village = l.cadre_village)
  UNION ALL
  SELECT vp.village_code, vp.village, vp.amount, vp.pay_date, l.* FROM pq_village_payments vp JOIN link1 l ON vp.payee_name = l.company_name
  WHERE vp.payee_credit_code IS NULL AND (vp.village_code = l.cadre_village_code OR ((vp.village_code IS NULL OR l.cadre_village_code IS NULL) AND vp.village = l.cadre_village))
)
SELECT credit_code, min(company_name) AS company_name, COALESCE(village_code, cadre_village_code) AS village_code, min(village) AS village,
       min(role) AS role, min(person_name) AS person_name, min(person_id_number) AS person_id_number, min(relation) AS relation,
       min(cadre_name) AS cadre_name, min(cadre_id_number) AS cadre_id_number, count(*) AS payments, sum(amount)::BIGINT AS total_amount,
       min(pay_date) AS first_pay_date, max(pay_date) AS last_pay_date
FROM paid
GROUP BY credit_code, COALESCE(village_code, cadre_village_code)
HAVING sum(amount) >= 500000
ORDER BY 3, 1`,

  cadre_company_won: `WITH ${LINK},
won AS (
  SELECT project_id, min(project_name) AS project_name, village_code, min(village) AS village, bidder_credit_code, bidder_name, max(bid_price) AS bid_price, min(bid_date) AS bid_date
  FROM pq_bids WHERE won GROUP BY ALL
),
bidders AS (SELECT project_id, count(DISTINCT COALESCE(bidder_credit_code, bidder_name)) AS bidders FROM pq_bids GROUP BY project_id),
matched AS (
  SELECT w.*, l.* EXCLUDE (credit_code, company_name) FROM won w JOIN link1 l ON w.bidder_credit_code = l.credit_code
  UNION ALL
  SELECT w.*, l.* EXCLUDE (credit_code, company_name) FROM won w JOIN link1 l ON w.bidder_name = l.company_name WHERE w.bidder_credit_code IS NULL
)
SELECT m.project_id, m.project_name, COALESCE(m.village_code, m.cadre_village_code) AS village_code, COALESCE(m.village, m.cadre_village) AS village,
       COALESCE(m.bidder_credit_code, m.bidder_name) AS bidder_key, m.bidder_credit_code AS credit_code, m.bidder_name, m.role, m.person_name, m.person_id_number,
       m.relation, m.cadre_name, m.cadre_id_number, m.bid_price, m.bid_date, n.bidders, CASE WHEN n.bidders <= 1 THEN 2 ELSE 1 END AS severity
FROM matched m JOIN bidders n USING (project_id)
WHERE (m.village_code = m.cadre_village_code OR ((m.village_code IS NULL OR m.cadre_village_code IS NULL) AND m.village = m.cadre_village))
ORDER BY 3, 1`,

  area_over_cert: `WITH ${CADRE_PERSON},
claimed AS (
  SELECT id_number, min(name) AS name, village_code, min(village) AS village, year(pay_date) AS year, sum(area)::BIGINT AS claimed_area, sum(amount)::BIGINT AS total_amount
  FROM pq_benefit_payments p WHERE area IS NOT NULL AND pay_date IS NOT NULL AND id_number IS NOT NULL AND ${LAND}
  GROUP BY id_number, village_code, year
),
cert AS (SELECT id_number, sum(contracted_area)::BIGINT AS certified_area FROM pq_land_rights WHERE id_number IS NOT NULL AND contracted_area IS NOT NULL GROUP BY id_number)
SELECT c.*, ce.certified_area, c.claimed_area - ce.certified_area AS excess_area, CASE WHEN cd.id_number IS NULL THEN 1 ELSE 2 END AS severity, cd.relation AS cadre_relation, cd.cadre_name
FROM claimed c JOIN cert ce USING (id_number) LEFT JOIN cadre cd USING (id_number)
WHERE c.claimed_area * 100 > ce.certified_area * 105 AND c.claimed_area - ce.certified_area >= 50
ORDER BY c.village_code, c.id_number, c.year`,

  area_rising: `WITH ${CADRE_PERSON},
yearly AS (
  SELECT id_number, min(name) AS name, max(village_code) AS village_code, max(village) AS village, year(pay_date) AS year, sum(area)::BIGINT AS claimed_area, sum(amount)::BIGINT AS total_amount
  FROM pq_benefit_payments p WHERE area IS NOT NULL AND pay_date IS NOT NULL AND id_number IS NOT NULL AND ${LAND}
  GROUP BY id_number, year
),
rises AS (
  SELECT *, year - row_number() OVER (PARTITION BY id_number ORDER BY year) AS grp FROM yearly
  QUALIFY lag(year) OVER (PARTITION BY id_number ORDER BY year) = year - 1 AND claimed_area > lag(claimed_area) OVER (PARTITION BY id_number ORDER BY year)
),
runs AS (
  SELECT id_number, min(year) - 1 AS from_year, max(year) AS to_year, count(*) + 1 AS years, arg_max(name, year) AS name, arg_max(village_code, year) AS village_code,
         arg_max(village, year) AS village, arg_max(claimed_area, year) AS to_area, arg_max(total_amount, year) AS last_year_amount
  FROM rises GROUP BY id_number, grp HAVING count(*) + 1 >= 3
)
SELECT r.*, a.claimed_area AS from_area, CASE WHEN cd.id_number IS NULL THEN 1 ELSE 2 END AS severity, cd.relation AS cadre_relation, cd.cadre_name
FROM runs r JOIN yearly a ON a.id_number = r.id_number AND a.year = r.from_year LEFT JOIN cadre cd ON cd.id_number = r.id_number
ORDER BY r.village_code, r.id_number, r.from_year`,

  lease_low_rent: `WITH per_mu AS (
  SELECT *, COALESCE(contract_no, lessee_name || '|' || COALESCE(object, '')) AS contract_key, annual_rent * 100.0 / area AS rent_per_mu
  FROM pq_contracts WHERE area > 0 AND annual_rent IS NOT NULL AND resource_kind IS NOT NULL
),
m AS (SELECT resource_kind, median(rent_per_mu) AS median_rent_per_mu, count(*) AS samples FROM per_mu GROUP BY resource_kind)
SELECT p.village_code, p.village, p.contract_key, p.contract_no, p.lessee_name, p.object, p.resource_kind, p.area, p.annual_rent, p.start_date, p.end_date,
       p.rent_per_mu, m.median_rent_per_mu, m.samples
FROM per_mu p JOIN m USING (resource_kind)
WHERE m.samples >= 5 AND p.rent_per_mu < m.median_rent_per_mu * 0.5
ORDER BY p.village_code, p.contract_key`,

  lease_no_minutes: `SELECT village_code, village, COALESCE(contract_no, lessee_name || '|' || COALESCE(object, '')) AS contract_key, contract_no, lessee_name, object, resource_kind,
       area, annual_rent, start_date, end_date, minutes_ref
FROM pq_contracts
WHERE (minutes_ref IS NULL OR trim(minutes_ref) IN ('', '无', '没有', '/', '-', '—', '未开会', '暂无')) AND annual_rent >= 0
ORDER BY village_code, contract_key`,

  lease_expired_occupied: `SELECT c.village_code, c.village, COALESCE(c.contract_no, c.lessee_name || '|' || COALESCE(c.object, '')) AS contract_key, c.contract_no, c.lessee_name, c.object,
       c.resource_kind, c.area, c.annual_rent, c.start_date, c.end_date, DATE '2026-12-01' - c.end_date AS days_expired
FROM pq_contracts c
ANTI JOIN pq_contracts n ON n.village_code = c.village_code AND COALESCE(n.object, n.lessee_name) = COALESCE(c.object, c.lessee_name) AND (n.end_date IS NULL OR n.end_date > c.end_date)
WHERE c.end_date IS NOT NULL AND DATE '2026-12-01' - c.end_date > 30
ORDER BY c.village_code, contract_key`,

  bid_shared_traits: `WITH b AS (
  SELECT *, COALESCE(bidder_credit_code, bidder_name) AS bidder_key, ${meta('doc_author')} AS author_key, ${meta('doc_creator')} AS creator_key
  FROM pq_bids WHERE project_id IS NOT NULL AND bidder_name IS NOT NULL
),
traits AS (
  SELECT project_id, bidder_key, bidder_name, t.trait, t.trait_value, t.shown_value
  FROM b, LATERAL (VALUES
    ('bond_account', NULLIF(bond_payer_account, ''), bond_payer_account),
    ('doc_author', CASE WHEN author_key NOT IN ('administrator', 'admin', 'user', 'owner', '微软用户', 'microsoftoffice用户', 'microsoftofficeuser', 'unknown', '未知', '无') THEN NULLIF(author_key, '') END, doc_author),
    ('doc_creator', CASE WHEN creator_key NOT IN ('microsoftofficeword', 'microsoftword', 'microsoftexcel', 'wpsoffice', 'wps文字', 'kingsoftoffice', 'adobepdflibrary', 'acrobatpdfmaker') THEN NULLIF(creator_key, '') END, doc_creator),
    ('phone', NULLIF(contact_phone, ''), contact_phone),
    ('address', NULLIF(address, ''), address)
  ) t(trait, trait_value, shown_value)
  WHERE t.trait_value IS NOT NULL
  UNION ALL
  SELECT DISTINCT x.project_id, x.bidder_key, x.bidder_name, 'legal_rep', co.legal_rep_id_number, co.legal_rep_name
  FROM b x JOIN pq_companies co ON co.credit_code = x.bidder_credit_code WHERE co.legal_rep_id_number IS NOT NULL
),
grp AS (
  SELECT project_id, trait, trait_value, min(shown_value) AS shown_value, count(DISTINCT bidder_key) AS group_size,
         string_agg(DISTINCT bidder_key, ',' ORDER BY bidder_key) AS bidder_keys
  FROM traits GROUP BY ALL HAVING count(DISTINCT bidder_key) >= 2
),
project AS (
  SELECT project_id, min(project_name) AS project_name, min(village) AS village, min(village_code) AS village_code, max(ceiling_price) AS ceiling_price,
         min(bid_date) AS bid_date, max(bid_price) FILTER (won) AS win_price, count(DISTINCT bidder_key) AS bidders
  FROM b GROUP BY project_id
)
SELECT p.village_code, p.village, p.project_id, p.project_name, p.bid_date, p.ceiling_price, p.win_price, p.bidders, g.trait, g.trait_value, g.shown_value, g.group_size, g.bidder_keys
FROM grp g JOIN project p USING (project_id)
ORDER BY p.village_code, p.project_id, g.trait, g.trait_value`,

  bid_price_screens: `WITH b AS (
  SELECT *, COALESCE(bidder_credit_code, bidder_name) AS bidder_key, bid_price::DOUBLE AS price FROM pq_bids WHERE project_id IS NOT NULL AND bid_price > 0
),
gaps AS (
  SELECT *, lead(price) OVER w - price AS gap, row_number() OVER w AS rn FROM b WINDOW w AS (PARTITION BY project_id ORDER BY bid_price, bidder_key)
),
stats AS (
  SELECT project_id, min(project_name) AS project_name, min(village) AS village, min(village_code) AS village_code, max(ceiling_price) AS ceiling_price,
         min(bid_date) AS bid_date, max(bid_price) FILTER (won) AS win_price, count(*) AS bids,
         min(bid_price) AS lowest_price, max(bid_price) FILTER (rn = 2) AS second_price, max(bid_price) AS highest_price,
         floor(stddev_samp(price) / avg(price) * 1e6 + 0.5) / 1e6 AS cv,
         floor((max(price) FILTER (rn = 2) - min(price)) / min(price) * 1e6 + 0.5) / 1e6 AS rel_gap,
         CASE WHEN max(price) > min(price) THEN floor(stddev_samp(gap) / ((max(price) - min(price)) / (count(*) - 1)) * 1e6 + 0.5) / 1e6 END AS gap_cv
  FROM gaps GROUP BY project_id HAVING count(*) >= 3
),
q AS (
  SELECT n, xs, (n + 1 / 3) * 0.25 + 1 / 3 AS h1, (n + 1 / 3) * 0.75 + 1 / 3 AS h3
  FROM (SELECT count(*) AS n, list_sort(list(rel_gap)) AS xs FROM stats)
),
f AS (
  SELECT n AS tenders,
         xs[greatest(1, least(n, floor(h1)::BIGINT))] + (h1 - floor(h1)) * (xs[greatest(1, least(n, floor(h1)::BIGINT + 1))] - xs[greatest(1, least(n, floor(h1)::BIGINT))]) AS q1,
         xs[greatest(1, least(n, floor(h3)::BIGINT))] + (h3 - floor(h3)) * (xs[greatest(1, least(n, floor(h3)::BIGINT + 1))] - xs[greatest(1, least(n, floor(h3)::BIGINT))]) AS q3
  FROM q
)
SELECT s.*, f.tenders, f.q1, f.q3, f.q1 - 1.5 * (f.q3 - f.q1) AS lower_fence, f.q3 + 1.5 * (f.q3 - f.q1) AS upper_fence,
       s.cv < 0.03 AS low_cv,
       CASE WHEN f.tenders >= 8 AND s.rel_gap > f.q3 + 1.5 * (f.q3 - f.q1) THEN 'high' WHEN f.tenders >= 8 AND s.rel_gap < f.q1 - 1.5 * (f.q3 - f.q1) THEN 'low' END AS gap_outlier,
       s.bids >= 4 AND s.gap_cv < 0.05 AS regular_gaps
FROM stats s, f
WHERE s.cv < 0.03 OR gap_outlier IS NOT NULL OR regular_gaps
ORDER BY s.village_code, s.project_id`,

  bid_winner_concentration: `WITH wins AS (
  SELECT village_code, village, project_id, COALESCE(bidder_credit_code, bidder_name) AS winner_key, bidder_name, bidder_credit_code, bid_price, bid_date
  FROM pq_bids WHERE won AND project_id IS NOT NULL AND village_code IS NOT NULL AND bidder_name IS NOT NULL
),
firm AS (
  SELECT village_code, winner_key, min(bidder_name) AS winner_name, min(bidder_credit_code) AS winner_credit_code, count(DISTINCT project_id) AS won_projects,
         sum(bid_price)::BIGINT AS won_amount, string_agg(project_id, ',' ORDER BY project_id) AS project_ids
  FROM wins GROUP BY village_code, winner_key
),
v AS (SELECT village_code, min(village) AS village, count(DISTINCT project_id) AS projects, min(bid_date) AS first_bid_date, max(bid_date) AS last_bid_date FROM wins GROUP BY village_code)
SELECT f.village_code, v.village, f.winner_key, f.winner_name, f.winner_credit_code, f.won_projects, v.projects, f.won_projects / v.projects AS share, f.won_amount,
       f.project_ids, v.first_bid_date, v.last_bid_date
FROM firm f JOIN v USING (village_code)
WHERE v.projects >= 3 AND f.won_projects >= 0.5 * v.projects
ORDER BY f.village_code, f.winner_key`,

  bid_young_firm: `WITH co AS (
  SELECT credit_code, min(founded_on) AS founded_on, arg_min(legal_rep_name, legal_rep_name) AS legal_rep_name FROM pq_companies WHERE credit_code IS NOT NULL AND founded_on IS NOT NULL GROUP BY credit_code
),
byname AS (
  SELECT company_name, min(founded_on) AS founded_on, min(legal_rep_name) AS legal_rep_name FROM pq_companies WHERE company_name IS NOT NULL AND founded_on IS NOT NULL GROUP BY company_name
),
bidders AS (SELECT project_id, count(DISTINCT COALESCE(bidder_credit_code, bidder_name)) AS bidders FROM pq_bids GROUP BY project_id),
wins AS (
  SELECT b.village_code, b.village, b.project_id, b.project_name, b.bid_date, b.ceiling_price, b.bid_price AS win_price, COALESCE(b.bidder_credit_code, b.bidder_name) AS bidder_key,
         b.bidder_name, b.bidder_credit_code, COALESCE(c.founded_on, n.founded_on) AS founded_on, COALESCE(c.legal_rep_name, n.legal_rep_name) AS legal_rep_name
  FROM pq_bids b LEFT JOIN co c ON c.credit_code = b.bidder_credit_code LEFT JOIN byname n ON b.bidder_credit_code IS NULL AND n.company_name = b.bidder_name
  WHERE b.won AND b.project_id IS NOT NULL AND b.bid_date IS NOT NULL AND b.bid_price >= 10000000
)
SELECT w.*, w.bid_date - w.founded_on AS age_days, d.bidders
FROM wins w LEFT JOIN bidders d USING (project_id)
WHERE w.founded_on IS NOT NULL AND w.bid_date >= w.founded_on AND w.bid_date - w.founded_on < 365
ORDER BY w.village_code, w.project_id, w.bidder_key`,
};
