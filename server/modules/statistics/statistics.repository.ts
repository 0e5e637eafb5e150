/**
 * The SQL of 巡察统计. Every figure starts from one of four bases — approved findings, started village
 * inspections, transferred leads, outcomes of transferred leads — filtered by the caller's scope and the
 * chosen term plan / round / town / village. The aggregates (facts) and the drill-down lists are both
 * built from these bases and from the same per-figure predicates, so a number and its list agree.
 */
import { sql, type RawBuilder } from 'kysely';
import { LEVEL } from '../../../domain/registry/village';
import { NO_ASPECT, type DrillQuery, type FindingFact, type InspectionFact, type LeadFact, type MeasureFact, type PersonFact, type ReportFact, type StatFigure } from '../../../domain/statistics/statistics';
import type { Executor } from '../../http/context';

export interface StatsFilter {
  /** the caller's division-code prefix */
  scope: string;
  termPlanId?: string | undefined;
  roundId?: string | undefined;
  townCode?: string | undefined;
  villageCode?: string | undefined;
}

const like = (scope: string) => `${scope}%`;

// — the four bases —

function findingsBase(db: Executor, f: StatsFilter) {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('rounds as r', 'r.id', 'f.round_id')
    .leftJoin('inspection_checklist_items as ci', 'ci.id', 'f.checklist_item_id')
    .where('f.status', '=', 'approved')
    .where(sql<boolean>`coalesce(f.village_code, f.town_code) like ${like(f.scope)}`);
  if (f.termPlanId) q = q.where('r.term_plan_id', '=', f.termPlanId);
  if (f.roundId) q = q.where('f.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('f.town_code', '=', f.townCode);
  if (f.villageCode) q = q.where('f.village_code', '=', f.villageCode);
  return q;
}

/** The checklist aspect of a finding: its checklist item's, else what the author wrote, else NO_ASPECT. */
const ASPECT = sql<string>`coalesce(nullif(ci.aspect, ''), nullif(f.aspect, ''), ${sql.lit(NO_ASPECT)})`;

function inspectionsBase(db: Executor, f: StatsFilter) {
  let q = db
    .selectFrom('village_inspections as vi')
    .innerJoin('rounds as r', 'r.id', 'vi.round_id')
    .where('vi.status', 'in', ['in_progress', 'completed'])
    .where('vi.village_code', 'like', like(f.scope));
  if (f.termPlanId) q = q.where('r.term_plan_id', '=', f.termPlanId);
  if (f.roundId) q = q.where('vi.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('vi.town_code', '=', f.townCode);
  if (f.villageCode) q = q.where('vi.village_code', '=', f.villageCode);
  return q;
}

/** Transferred leads: a draft (never sent, recalled or returned) is not counted. */
function leadsBase(db: Executor, f: StatsFilter) {
  let q = db
    .selectFrom('leads as l')
    .innerJoin('rounds as r', 'r.id', 'l.round_id')
    .where('l.status', '<>', 'draft')
    .where(sql<boolean>`coalesce(l.village_code, l.town_code) like ${like(f.scope)}`);
  if (f.termPlanId) q = q.where('r.term_plan_id', '=', f.termPlanId);
  if (f.roundId) q = q.where('l.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('l.town_code', '=', f.townCode);
  if (f.villageCode) q = q.where('l.village_code', '=', f.villageCode);
  return q;
}

const outcomesBase = (db: Executor, f: StatsFilter) => leadsBase(db, f).innerJoin('lead_outcomes as o', 'o.lead_id', 'l.id');

/** 群众反映 (码上巡): every report of the scope, placed by the village (or town target) it was made for. */
function reportsBase(db: Executor, f: StatsFilter) {
  let q = db.selectFrom('public_reports as p').innerJoin('rounds as r', 'r.id', 'p.round_id').where('p.village_code', 'like', like(f.scope));
  if (f.termPlanId) q = q.where('r.term_plan_id', '=', f.termPlanId);
  if (f.roundId) q = q.where('p.round_id', '=', f.roundId);
  if (f.townCode) q = q.where('p.village_code', 'like', like(f.townCode));
  if (f.villageCode) q = q.where('p.village_code', '=', f.villageCode);
  return q;
}
/** The town of a report: the first 9 digits of its village (a town target's code is the town's). */
const REPORT_TOWN = sql<string>`substr(p.village_code, 1, 9)`;
/** The village of a report, or null for a report to a town target. */
const REPORT_VILLAGE = sql<string | null>`case when length(p.village_code) = 12 then p.village_code end`;

// — per-figure predicates, shared by the facts and the drill-down —

const IMMEDIATE = sql<boolean>`f.immediate`;
const HAS_AMOUNT = sql<boolean>`coalesce(f.amount, 0) > 0`;
const CASE_OPENED = sql<boolean>`l.case_opened_on is not null`;
const DISCIPLINED = sql<boolean>`bool_or(o.kind in ('party_sanction', 'government_sanction'))`;
const ORGANISATIONAL = sql<boolean>`bool_or(o.kind = 'organisational')`;
const JUDICIAL = sql<boolean>`bool_or(o.kind = 'judicial')`;

/** 群众反映: the predicate of each report figure (reports itself: every report of the base). */
const REPORT_ACCEPTED = sql<boolean>`(p.was_accepted or p.status in ('accepted', 'linked'))`;
const REPORT_LINKED = sql<boolean>`exists (select 1 from public_report_links k where k.report_id = p.id and k.unlinked_at is null)`;
const REPORT_FORWARDED = sql<boolean>`p.status = 'forwarded'`;
const REPORT_CLOSED = sql<boolean>`p.status = 'closed'`;
const REPORT_PREDICATES: Partial<Record<StatFigure, RawBuilder<boolean>>> = {
  reports_accepted: REPORT_ACCEPTED,
  reports_linked: REPORT_LINKED,
  reports_forwarded: REPORT_FORWARDED,
  reports_closed: REPORT_CLOSED,
};

/** For the person figures: the having-clause that picks the persons of the figure. */
const PERSON_HAVING: Partial<Record<StatFigure, RawBuilder<boolean>>> = {
  disciplined: DISCIPLINED,
  organisational: ORGANISATIONAL,
  judicial: JUDICIAL,
};

// — facts —

export async function findingFacts(db: Executor, f: StatsFilter): Promise<FindingFact[]> {
  const rows = await findingsBase(db, f)
    .select([
      'f.round_id',
      'f.town_code',
      'f.village_code',
      'f.category',
      ASPECT.as('aspect'),
      sql<number>`count(*)`.as('n'),
      sql<string | null>`sum(f.amount)::text`.as('amount'),
      sql<number>`count(*) filter (where ${IMMEDIATE})`.as('immediate'),
    ])
    .groupBy(['f.round_id', 'f.town_code', 'f.village_code', 'f.category', ASPECT])
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    townCode: r.town_code,
    villageCode: r.village_code,
    category: r.category,
    aspect: r.aspect,
    findings: Number(r.n),
    amount: r.amount,
    immediate: Number(r.immediate),
  }));
}

export async function inspectionFacts(db: Executor, f: StatsFilter): Promise<InspectionFact[]> {
  const rows = await inspectionsBase(db, f).select(['vi.round_id', 'vi.town_code', 'vi.village_code', 'vi.status']).execute();
  return rows.map((r) => ({ roundId: r.round_id, townCode: r.town_code, villageCode: r.village_code, status: r.status === 'completed' ? 'completed' : 'in_progress' }));
}

export async function leadFacts(db: Executor, f: StatsFilter): Promise<LeadFact[]> {
  const rows = await leadsBase(db, f)
    .select([
      'l.round_id',
      'l.town_code',
      'l.village_code',
      sql<number>`count(*)`.as('n'),
      sql<number>`count(*) filter (where ${CASE_OPENED})`.as('cases'),
      sql<number>`coalesce(sum(jsonb_array_length(l.persons)) filter (where ${CASE_OPENED}), 0)`.as('persons'),
    ])
    .groupBy(['l.round_id', 'l.town_code', 'l.village_code'])
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    townCode: r.town_code,
    villageCode: r.village_code,
    leads: Number(r.n),
    cases: Number(r.cases),
    casePersons: Number(r.persons),
  }));
}

export async function personFacts(db: Executor, f: StatsFilter): Promise<PersonFact[]> {
  const rows = await outcomesBase(db, f)
    .select(['l.round_id', 'l.town_code', 'l.village_code', DISCIPLINED.as('disciplined'), ORGANISATIONAL.as('organisational'), JUDICIAL.as('judicial')])
    .groupBy(['l.id', 'o.person_name', 'l.round_id', 'l.town_code', 'l.village_code'])
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    townCode: r.town_code,
    villageCode: r.village_code,
    disciplined: Boolean(r.disciplined),
    organisational: Boolean(r.organisational),
    judicial: Boolean(r.judicial),
  }));
}

export async function measureFacts(db: Executor, f: StatsFilter): Promise<MeasureFact[]> {
  const rows = await outcomesBase(db, f)
    .select(['l.round_id', 'l.town_code', 'l.village_code', 'o.kind', 'o.measure', sql<number>`count(*)`.as('n')])
    .groupBy(['l.round_id', 'l.town_code', 'l.village_code', 'o.kind', 'o.measure'])
    .execute();
  return rows.map((r) => ({ roundId: r.round_id, townCode: r.town_code, villageCode: r.village_code, kind: r.kind, measure: r.measure, count: Number(r.n) }));
}

export async function reportFacts(db: Executor, f: StatsFilter): Promise<ReportFact[]> {
  const rows = await reportsBase(db, f)
    .select([
      'p.round_id',
      'p.village_code',
      sql<number>`count(*)`.as('n'),
      sql<number>`count(*) filter (where ${REPORT_ACCEPTED})`.as('accepted'),
      sql<number>`count(*) filter (where ${REPORT_LINKED})`.as('linked'),
      sql<number>`count(*) filter (where ${REPORT_FORWARDED})`.as('forwarded'),
      sql<number>`count(*) filter (where ${REPORT_CLOSED})`.as('closed'),
    ])
    .groupBy(['p.round_id', 'p.village_code'])
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    townCode: r.village_code.slice(0, 9),
    villageCode: r.village_code.length === 12 ? r.village_code : null,
    reports: Number(r.n),
    accepted: Number(r.accepted),
    linked: Number(r.linked),
    forwarded: Number(r.forwarded),
    closed: Number(r.closed),
  }));
}

// — names and pickers —

export async function roundsOf(db: Executor, scope: string, termPlanId?: string) {
  let q = db.selectFrom('rounds').select(['id', 'year', 'number', 'term_plan_id', 'theme']).where('scope_code', 'like', like(scope));
  if (termPlanId) q = q.where('term_plan_id', '=', termPlanId);
  return q.orderBy('year').orderBy('number').execute();
}

export async function termPlansOf(db: Executor, scope: string) {
  return db.selectFrom('term_plans').select(['id', 'name', 'start_date', 'end_date', 'scope_code']).where('scope_code', 'like', like(scope)).orderBy('start_date', 'desc').execute();
}

export async function findRound(db: Executor, id: string) {
  return db.selectFrom('rounds').select(['id', 'scope_code', 'year', 'number', 'term_plan_id']).where('id', '=', id).executeTakeFirst();
}

export async function findTermPlan(db: Executor, id: string) {
  return db.selectFrom('term_plans').select(['id', 'scope_code', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findDivision(db: Executor, code: string) {
  return db.selectFrom('divisions').select(['code', 'name', 'short_name', 'level', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

export async function townsOf(db: Executor, scope: string) {
  return db
    .selectFrom('divisions')
    .select(['code', 'name', 'short_name'])
    .where('level', '=', LEVEL.town)
    .where('code', 'like', like(scope))
    .orderBy('code')
    .execute();
}

export async function villagesOfTown(db: Executor, townCode: string) {
  return db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('level', '=', LEVEL.village).where('parent_code', '=', townCode).orderBy('code').execute();
}

export async function divisionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.short_name || r.name]));
}

// — drill-down: the records behind one number —

export interface Page {
  page: number;
  pageSize: number;
}
const offset = (p: Page) => (p.page - 1) * p.pageSize;

export async function drillFindings(db: Executor, f: StatsFilter, d: DrillQuery, p: Page) {
  let q = findingsBase(db, f)
    .leftJoin('divisions as v', 'v.code', 'f.village_code')
    .leftJoin('divisions as town', 'town.code', 'f.town_code');
  if (d.figure === 'immediate') q = q.where(IMMEDIATE);
  if (d.figure === 'amount') q = q.where(HAS_AMOUNT);
  if (d.category) q = q.where('f.category', '=', d.category);
  if (d.aspect) q = q.where(sql<boolean>`${ASPECT} = ${d.aspect}`);
  const [items, total] = await Promise.all([
    q
      .select([
        'f.id',
        'f.number',
        'f.title',
        'f.category',
        ASPECT.as('aspect'),
        sql<string | null>`f.amount::text`.as('amount'),
        'f.immediate',
        'f.found_on',
        'f.village_code',
        'f.town_code',
        'r.id as round_id',
        'r.year',
        'r.number as round_number',
        'v.short_name as village_name',
        'town.name as town_name',
      ])
      .orderBy('r.year')
      .orderBy('r.number')
      .orderBy('f.number')
      .limit(p.pageSize)
      .offset(offset(p))
      .execute(),
    q.select([sql<number>`count(*)`.as('n'), sql<string | null>`sum(f.amount)::text`.as('amount')]).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), amount: total.amount };
}

export async function drillLeads(db: Executor, f: StatsFilter, d: DrillQuery, p: Page) {
  let q = leadsBase(db, f)
    .leftJoin('divisions as v', 'v.code', 'l.village_code')
    .leftJoin('divisions as town', 'town.code', 'l.town_code')
    .leftJoin('organisations as ro', 'ro.id', 'l.receiving_org_id');
  if (d.figure === 'cases') q = q.where(CASE_OPENED);
  const [items, total] = await Promise.all([
    q
      .select([
        'l.id',
        'l.number',
        'l.summary',
        'l.persons',
        'l.authority',
        'l.other_body',
        'l.status',
        'l.transferred_on',
        'l.disposition',
        'l.case_opened_on',
        'l.village_code',
        'l.town_code',
        'r.id as round_id',
        'r.year',
        'r.number as round_number',
        'v.short_name as village_name',
        'town.name as town_name',
        'ro.name as receiver_name',
      ])
      .orderBy('r.year')
      .orderBy('r.number')
      .orderBy('l.number')
      .limit(p.pageSize)
      .offset(offset(p))
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The persons of leads with a case opened, one row each (as jsonb_array_length counts them). */
export async function drillCasePersons(db: Executor, f: StatsFilter, p: Page) {
  const q = leadsBase(db, f)
    .where(CASE_OPENED)
    .innerJoin(sql<{ value: unknown }>`jsonb_array_elements(l.persons)`.as('p'), (j) => j.onTrue())
    .leftJoin('divisions as v', 'v.code', 'l.village_code')
    .leftJoin('divisions as town', 'town.code', 'l.town_code');
  const [items, total] = await Promise.all([
    q
      .select([
        'l.id as lead_id',
        'l.number',
        sql<string>`p.value->>'name'`.as('person_name'),
        sql<string>`coalesce(p.value->>'position', '')`.as('position'),
        'l.case_opened_on',
        'l.village_code',
        'l.town_code',
        'r.id as round_id',
        'r.year',
        'r.number as round_number',
        'v.short_name as village_name',
        'town.name as town_name',
      ])
      .orderBy('r.year')
      .orderBy('r.number')
      .orderBy('l.number')
      .orderBy(sql`p.value->>'name'`)
      .limit(p.pageSize)
      .offset(offset(p))
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Persons with outcomes (one row per lead and person), with what they received. */
export async function drillPersons(db: Executor, f: StatsFilter, d: DrillQuery, p: Page) {
  let q = outcomesBase(db, f)
    .leftJoin('divisions as v', 'v.code', 'l.village_code')
    .leftJoin('divisions as town', 'town.code', 'l.town_code')
    .groupBy(['l.id', 'o.person_name', 'l.number', 'l.village_code', 'l.town_code', 'r.id', 'r.year', 'r.number', 'v.short_name', 'town.name']);
  const having = PERSON_HAVING[d.figure];
  if (having) q = q.having(having);
  const grouped = q.select([
    'l.id as lead_id',
    'l.number',
    'o.person_name',
    sql<string>`string_agg(o.kind || '/' || o.measure, ',' order by o.decided_on, o.created_at)`.as('measures'),
    sql<string>`max(o.decided_on)::text`.as('decided_on'),
    'l.village_code',
    'l.town_code',
    'r.id as round_id',
    'r.year',
    'r.number as round_number',
    'v.short_name as village_name',
    'town.name as town_name',
  ]);
  const [items, total] = await Promise.all([
    grouped.orderBy('r.year').orderBy('r.number').orderBy('l.number').orderBy('o.person_name').limit(p.pageSize).offset(offset(p)).execute(),
    db.selectFrom(grouped.as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Outcome records of one measure. */
export async function drillOutcomes(db: Executor, f: StatsFilter, d: DrillQuery, p: Page) {
  let q = outcomesBase(db, f)
    .leftJoin('divisions as v', 'v.code', 'l.village_code')
    .leftJoin('divisions as town', 'town.code', 'l.town_code');
  if (d.kind) q = q.where('o.kind', '=', d.kind);
  if (d.measure) q = q.where('o.measure', '=', d.measure);
  const [items, total] = await Promise.all([
    q
      .select([
        'o.id',
        'l.id as lead_id',
        'l.number',
        'o.person_name',
        'o.kind',
        'o.measure',
        'o.decided_on',
        'l.village_code',
        'l.town_code',
        'r.id as round_id',
        'r.year',
        'r.number as round_number',
        'v.short_name as village_name',
        'town.name as town_name',
      ])
      .orderBy('r.year')
      .orderBy('r.number')
      .orderBy('l.number')
      .orderBy('o.person_name')
      .orderBy('o.id')
      .limit(p.pageSize)
      .offset(offset(p))
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Villages with a started (or, for villages_completed, a completed) inspection: one row per village. */
export async function drillVillages(db: Executor, f: StatsFilter, d: DrillQuery, p: Page) {
  let q = inspectionsBase(db, f)
    .leftJoin('divisions as v', 'v.code', 'vi.village_code')
    .leftJoin('divisions as town', 'town.code', 'vi.town_code');
  if (d.figure === 'villages_completed') q = q.where('vi.status', '=', 'completed');
  const grouped = q
    .groupBy(['vi.village_code', 'vi.town_code', 'v.short_name', 'v.name', 'town.name'])
    .select([
      'vi.village_code',
      'vi.town_code',
      sql<string>`coalesce(nullif(v.short_name, ''), v.name)`.as('village_name'),
      'town.name as town_name',
      sql<string>`string_agg(r.year || '年第' || r.number || '轮', '、' order by r.year, r.number)`.as('rounds'),
      sql<number>`count(*) filter (where vi.status = 'completed')`.as('completed'),
      // the latest round's inspection, for the link
      sql<string>`(array_agg(vi.id::text order by r.year desc, r.number desc))[1]`.as('inspection_id'),
    ]);
  const [items, total] = await Promise.all([
    grouped.orderBy('vi.town_code').orderBy('vi.village_code').limit(p.pageSize).offset(offset(p)).execute(),
    db.selectFrom(grouped.as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Reports of a 群众反映 figure: number, category, date, status and place — never the text or who reported. */
export async function drillReports(db: Executor, f: StatsFilter, d: DrillQuery, p: Page) {
  let q = reportsBase(db, f)
    .leftJoin('divisions as v', (j) => j.on(sql<boolean>`v.code = ${REPORT_VILLAGE}`))
    .leftJoin('divisions as town', (j) => j.on(sql<boolean>`town.code = ${REPORT_TOWN}`));
  const predicate = REPORT_PREDICATES[d.figure];
  if (predicate) q = q.where(predicate);
  const [items, total] = await Promise.all([
    q
      .select([
        'p.id',
        'p.number',
        'p.category_name',
        'p.received_on',
        'p.status',
        REPORT_VILLAGE.as('village_code'),
        REPORT_TOWN.as('town_code'),
        'r.id as round_id',
        'r.year',
        'r.number as round_number',
        'v.short_name as village_name',
        'town.name as town_name',
        sql<number>`(select count(*) from public_report_links k where k.report_id = p.id and k.unlinked_at is null)`.as('links'),
      ])
      .orderBy('r.year')
      .orderBy('r.number')
      .orderBy('p.number')
      .limit(p.pageSize)
      .offset(offset(p))
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
