/**
 * 巡察统计 use cases: the pickers, the overview of a scope, the village table, the records behind any
 * number and the .xlsx of every table. Who may: statistics.read (office, leading group); the scope is
 * the caller's division-code prefix, and a term plan, round, town or village outside it is 404.
 */
import { scopeCovers } from '../../../domain/access/roles';
import { FINDING_CATEGORIES, findingNumberLabel, type FindingCategory } from '../../../domain/findings/finding';
import { LEAD_AUTHORITIES, LEAD_DISPOSITIONS, LEAD_STATUSES, measureName, outcomeKindName, type LeadAuthority, type LeadDisposition, type LeadStatus } from '../../../domain/leads/lead';
import { REPORT_STATUSES, type ReportStatus } from '../../../domain/public-reports/triage';
import { LEVEL } from '../../../domain/registry/village';
import { DomainError } from '../../../domain/shared/errors';
import {
  buildStatistics,
  scopeLabel,
  STAT_FIGURES,
  type DrillQuery,
  type StatisticsQuery,
  type StatisticsResult,
  type StatRecordKind,
  type VillageRow,
} from '../../../domain/statistics/statistics';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor } from '../../http/context';
import * as repo from './statistics.repository';

const notFound = (what: string) => new DomainError('NOT_FOUND', `${what}不存在或无权查看`);
const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;

export interface ResolvedScope {
  filter: repo.StatsFilter;
  label: string;
  termPlan: { id: string; name: string } | null;
  round: { id: string; label: string } | null;
  town: { code: string; name: string } | null;
  village: { code: string; name: string } | null;
}

/** Checks the permission and that every chosen item lies in the caller's scope; names them. */
export async function resolveScope(db: Executor, actor: Actor, q: StatisticsQuery): Promise<ResolvedScope> {
  requirePermission(actor, 'statistics.read');
  let termPlan: ResolvedScope['termPlan'] = null;
  let round: ResolvedScope['round'] = null;
  let town: ResolvedScope['town'] = null;
  let village: ResolvedScope['village'] = null;
  if (q.termPlanId) {
    const p = await repo.findTermPlan(db, q.termPlanId);
    if (!p || !scopeCovers(actor.scopeCode, p.scope_code)) throw notFound('巡察规划');
    termPlan = { id: p.id, name: p.name };
  }
  if (q.roundId) {
    const r = await repo.findRound(db, q.roundId);
    if (!r || !scopeCovers(actor.scopeCode, r.scope_code)) throw notFound('巡察轮次');
    if (termPlan && r.term_plan_id !== termPlan.id) throw new DomainError('VALIDATION_FAILED', '所选轮次不属于所选巡察规划', [{ path: 'querystring.roundId', message: '所选轮次不属于所选巡察规划' }]);
    round = { id: r.id, label: roundLabel(r) };
  }
  for (const [code, level, what] of [
    [q.townCode, LEVEL.town, '乡镇（街道）'],
    [q.villageCode, LEVEL.village, '村（社区）'],
  ] as const) {
    if (!code) continue;
    const d = await repo.findDivision(db, code);
    if (!d || d.level !== level || !scopeCovers(actor.scopeCode, d.code)) throw notFound(what);
    const named = { code: d.code, name: d.short_name || d.name };
    if (level === LEVEL.town) town = named;
    else village = named;
  }
  return {
    filter: { scope: actor.scopeCode, termPlanId: q.termPlanId, roundId: q.roundId, townCode: q.townCode, villageCode: q.villageCode },
    label: scopeLabel({ termPlan: termPlan?.name, round: round?.label, town: town?.name, village: village?.name }),
    termPlan,
    round,
    town,
    village,
  };
}

/** Reads the facts of a scope and rolls them up. */
export async function computeStatistics(db: Executor, actor: Actor, scope: ResolvedScope): Promise<StatisticsResult> {
  const f = scope.filter;
  const [findings, inspections, leads, persons, measures, reports, rounds] = await Promise.all([
    repo.findingFacts(db, f),
    repo.inspectionFacts(db, f),
    repo.leadFacts(db, f),
    repo.personFacts(db, f),
    repo.measureFacts(db, f),
    repo.reportFacts(db, f),
    repo.roundsOf(db, actor.scopeCode),
  ]);
  const codes = new Set<string>();
  for (const row of [...findings, ...inspections, ...leads, ...persons, ...reports]) {
    codes.add(row.townCode);
    if (row.villageCode) codes.add(row.villageCode);
  }
  const divisions = await repo.divisionNames(db, [...codes]);
  return buildStatistics(
    { findings, inspections, leads, persons, measures, reports },
    { rounds: rounds.map((r) => ({ id: r.id, label: roundLabel(r), year: r.year, number: r.number })), divisions },
  );
}

export interface ScopeOut {
  label: string;
  termPlan: { id: string; name: string } | null;
  round: { id: string; label: string } | null;
  town: { code: string; name: string } | null;
  village: { code: string; name: string } | null;
}
const scopeOut = (s: ResolvedScope): ScopeOut => ({ label: s.label, termPlan: s.termPlan, round: s.round, town: s.town, village: s.village });

export type OverviewOut = Omit<StatisticsResult, 'villages'> & { scope: ScopeOut; villageRows: number };

export async function getOverview(ctx: AppContext, actor: Actor, q: StatisticsQuery): Promise<OverviewOut> {
  const scope = await resolveScope(ctx.db, actor, q);
  const { villages, ...rest } = await computeStatistics(ctx.db, actor, scope);
  return { ...rest, scope: scopeOut(scope), villageRows: villages.length };
}

export async function listVillages(ctx: AppContext, actor: Actor, q: StatisticsQuery & { page: number; pageSize: number }): Promise<{ items: VillageRow[]; total: number }> {
  const scope = await resolveScope(ctx.db, actor, q);
  const { villages } = await computeStatistics(ctx.db, actor, scope);
  const start = (q.page - 1) * q.pageSize;
  return { items: villages.slice(start, start + q.pageSize), total: villages.length };
}

export interface PickerOptions {
  termPlans: { id: string; name: string }[];
  rounds: { id: string; label: string; termPlanId: string | null }[];
  towns: { code: string; name: string }[];
  villages: { code: string; name: string }[];
}

export async function getOptions(ctx: AppContext, actor: Actor, q: { termPlanId?: string | undefined; townCode?: string | undefined }): Promise<PickerOptions> {
  requirePermission(actor, 'statistics.read');
  const [plans, rounds, towns] = await Promise.all([repo.termPlansOf(ctx.db, actor.scopeCode), repo.roundsOf(ctx.db, actor.scopeCode, q.termPlanId), repo.townsOf(ctx.db, actor.scopeCode)]);
  const villages = q.townCode && scopeCovers(actor.scopeCode, q.townCode) ? await repo.villagesOfTown(ctx.db, q.townCode) : [];
  return {
    termPlans: plans.map((p) => ({ id: p.id, name: p.name })),
    // newest first in the picker
    rounds: rounds.reverse().map((r) => ({ id: r.id, label: roundLabel(r), termPlanId: r.term_plan_id })),
    towns: towns.map((t) => ({ code: t.code, name: t.short_name || t.name })),
    villages: villages.map((v) => ({ code: v.code, name: v.short_name || v.name })),
  };
}

// — drill-down —

interface Place {
  roundId: string;
  roundLabel: string;
  townCode: string;
  townName: string;
  villageCode: string | null;
  villageName: string | null;
}
export interface FindingRecord extends Place {
  id: string;
  link: string;
  numberLabel: string;
  title: string;
  category: string;
  categoryName: string;
  aspect: string;
  amount: string | null;
  immediate: boolean;
  foundOn: string;
}
export interface LeadRecord extends Place {
  id: string;
  link: string;
  numberLabel: string;
  summary: string;
  persons: string;
  authorityName: string;
  receiver: string;
  statusName: string;
  transferredOn: string | null;
  dispositionName: string | null;
  caseOpenedOn: string | null;
}
export interface PersonRecord extends Place {
  id: string;
  link: string;
  leadId: string;
  numberLabel: string;
  personName: string;
  /** case persons: the position; persons with outcomes: what they received, e.g. 党纪处分·警告；组织处理·诫勉谈话 */
  detail: string;
  date: string | null;
}
export interface VillageRecord {
  id: string;
  link: string | null;
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  rounds: string;
  completed: boolean;
}

/** A report of the public behind a 群众反映 figure: never its text or who reported. */
export interface ReportRecord extends Place {
  id: string;
  /** the inbox item, for those who may open it */
  link: string | null;
  numberLabel: string;
  categoryName: string;
  receivedOn: string;
  statusName: string;
  links: number;
}

export type DrillOut =
  | { record: 'findings'; items: FindingRecord[]; total: number; amount: string }
  | { record: 'leads'; items: LeadRecord[]; total: number }
  | { record: 'case_persons' | 'persons' | 'outcomes'; items: PersonRecord[]; total: number }
  | { record: 'villages'; items: VillageRecord[]; total: number }
  | { record: 'reports'; items: ReportRecord[]; total: number };

const leadNumber = (r: { year: number; round_number: number; number: number }) =>
  `${r.year}-${String(r.round_number).padStart(2, '0')}-${String(r.number).padStart(3, '0')}`;

function place(r: { round_id: string; year: number; round_number: number; town_code: string; town_name: string | null; village_code: string | null; village_name: string | null }): Place {
  return {
    roundId: r.round_id,
    roundLabel: roundLabel({ year: r.year, number: r.round_number }),
    townCode: r.town_code,
    townName: r.town_name ?? r.town_code,
    villageCode: r.village_code,
    villageName: r.village_code ? (r.village_name ?? r.village_code) : null,
  };
}

const dateText = (d: unknown): string | null => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** A person-level record of a lead (立案人员, persons handled, one outcome): the same columns, their own detail and date. */
function personRecord(p: Parameters<typeof place>[0] & Parameters<typeof leadNumber>[0] & { lead_id: string; person_name: string }, id: string, detail: string, date: unknown) {
  return { ...place(p), id, link: `/leads/${p.lead_id}`, leadId: p.lead_id, numberLabel: leadNumber(p), personName: p.person_name, detail, date: dateText(date) };
}

export async function drillDown(ctx: AppContext, actor: Actor, q: DrillQuery & { page: number; pageSize: number }): Promise<DrillOut & { figure: string; label: string; unit: string; note: string }> {
  const scope = await resolveScope(ctx.db, actor, q);
  const def = STAT_FIGURES[q.figure];
  const head = { figure: q.figure, label: def.label, unit: def.unit, note: def.note };
  const page = { page: q.page, pageSize: q.pageSize };
  const record: StatRecordKind = def.record;
  const db = ctx.db;
  switch (record) {
    case 'findings': {
      const r = await repo.drillFindings(db, scope.filter, q, page);
      return {
        ...head,
        record,
        total: r.total,
        amount: Number(r.amount ?? 0).toFixed(2),
        items: r.items.map((f) => ({
          ...place(f),
          id: f.id,
          link: `/findings/${f.id}`,
          numberLabel: findingNumberLabel(f.number),
          title: f.title,
          category: f.category,
          categoryName: FINDING_CATEGORIES[f.category as FindingCategory] ?? f.category,
          aspect: f.aspect,
          amount: f.amount,
          immediate: f.immediate,
          foundOn: dateText(f.found_on)!,
        })),
      };
    }
    case 'leads': {
      const r = await repo.drillLeads(db, scope.filter, q, page);
      return {
        ...head,
        record,
        total: r.total,
        items: r.items.map((l) => ({
          ...place(l),
          id: l.id,
          link: `/leads/${l.id}`,
          numberLabel: leadNumber(l),
          summary: l.summary,
          persons: (l.persons as { name?: string }[]).map((p) => p.name ?? '').filter(Boolean).join('、'),
          authorityName: LEAD_AUTHORITIES[l.authority as LeadAuthority] ?? l.authority,
          receiver: l.receiver_name ?? l.other_body ?? '',
          statusName: LEAD_STATUSES[l.status as LeadStatus] ?? l.status,
          transferredOn: dateText(l.transferred_on),
          dispositionName: l.disposition ? (LEAD_DISPOSITIONS[l.disposition as LeadDisposition] ?? l.disposition) : null,
          caseOpenedOn: dateText(l.case_opened_on),
        })),
      };
    }
    case 'case_persons': {
      const r = await repo.drillCasePersons(db, scope.filter, page);
      return {
        ...head,
        record,
        total: r.total,
        items: r.items.map((p) => personRecord(p, `${p.lead_id}:${p.person_name}`, p.position, p.case_opened_on)),
      };
    }
    case 'persons': {
      const r = await repo.drillPersons(db, scope.filter, q, page);
      return {
        ...head,
        record,
        total: r.total,
        items: r.items.map((p) =>
          personRecord(
            p,
            `${p.lead_id}:${p.person_name}`,
            p.measures
              .split(',')
              .map((km) => {
                const [kind, measure] = km.split('/') as [string, string];
                return `${outcomeKindName(kind)}·${measureName(kind, measure)}`;
              })
              .join('；'),
            p.decided_on,
          ),
        ),
      };
    }
    case 'outcomes': {
      const r = await repo.drillOutcomes(db, scope.filter, q, page);
      return {
        ...head,
        record,
        total: r.total,
        items: r.items.map((o) => personRecord(o, o.id, `${outcomeKindName(o.kind)}·${measureName(o.kind, o.measure)}`, o.decided_on)),
      };
    }
    case 'reports': {
      const r = await repo.drillReports(db, scope.filter, q, page);
      const mayOpen = actor.permissions.has('public_reports.read');
      return {
        ...head,
        record,
        total: r.total,
        items: r.items.map((p) => ({
          ...place({ ...p, village_code: p.village_code ?? null }),
          id: p.id,
          link: mayOpen ? `/public/reports?id=${p.id}` : null,
          numberLabel: `群众来件第 ${Number(p.number)} 号`,
          categoryName: p.category_name,
          receivedOn: dateText(p.received_on)!,
          statusName: REPORT_STATUSES[p.status as ReportStatus] ?? p.status,
          links: Number(p.links),
        })),
      };
    }
    case 'villages': {
      const r = await repo.drillVillages(db, scope.filter, q, page);
      return {
        ...head,
        record,
        total: r.total,
        items: r.items.map((v) => ({
          id: v.village_code,
          link: v.inspection_id ? `/inspections/${v.inspection_id}` : null,
          villageCode: v.village_code,
          villageName: v.village_name ?? v.village_code,
          townCode: v.town_code,
          townName: v.town_name ?? v.town_code,
          rounds: v.rounds,
          completed: Number(v.completed) > 0,
        })),
      };
    }
  }
}
