/**
 * Rounds (轮次): the office creates, edits and copies them and moves them through their phases. Every
 * move asks the domain (canTransition) with facts read from the database.
 */
import type { Selectable } from 'kysely';
import { completionPolicyOf, INSPECTION_STATUSES, type RoundCompletionPolicy } from '../../../domain/inspections/completion';
import { DEFAULT_STEP_CONFIG, type StepConfig } from '../../../domain/inspections/steps';
import { copyRound as copyRoundDescription } from '../../../domain/planning/copy-round';
import { INSPECTION_MODES, type InspectionMode, type OnSitePolicy } from '../../../domain/planning/modes';
import {
  copyRoundRequestInput,
  milestonesInput,
  phaseMoveInput,
  roundCreateInput,
  roundLabel,
  roundUpdateInput,
  type MilestonesInput,
  type CopyRoundRequest,
  type PhaseMoveInput,
  type RoundCreateInput,
  type RoundUpdateInput,
} from '../../../domain/planning/requests';
import { ROUND_PHASES, canTransition, isBackward, isPhaseTransitionAllowed, nextPhases, phaseAllowsOnSiteWork, type RoundFacts, type RoundPhase } from '../../../domain/planning/round';
import { roundDescription, type RoundDescriptionInput, type TeamRole } from '../../../domain/planning/round-description';
import { unknownYearWarning, unknownYearsBetween } from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { DB } from '../../db/schema';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { checkMembersAtTargets } from './avoidance.service';
import { loadCalendarOverrides } from './calendar.service';
import * as repo from './planning.repository';
import { countyForWrite, readableRound, roundNotFound, teamOrgOf, writableRound } from './scope';
import { targetsOut } from './targets.service';
import { teamTargets, teamsOut } from './teams.service';
import { countLeadsNotTransferred } from '../leads';

type RoundRow = Selectable<DB['rounds']>;

/** The round's own part of the completion policy (visit share, talk coverage), with defaults filled in. */
const roundPolicyOf = (stored: unknown): RoundCompletionPolicy => {
  const p = completionPolicyOf(stored);
  return { visits: p.visits, requireTalkCoverage: p.requireTalkCoverage };
};

export function roundOut(r: RoundRow) {
  const phase = r.phase as RoundPhase;
  return {
    id: r.id,
    countyCode: r.scope_code,
    termPlanId: r.term_plan_id,
    label: roundLabel(r),
    number: r.number,
    year: r.year,
    theme: r.theme,
    startDate: r.start_date,
    endDate: r.end_date,
    phase,
    phaseName: ROUND_PHASES[phase],
    onSiteWorkAllowed: phaseAllowsOnSiteWork(phase),
    onSitePolicy: r.on_site_policy as unknown as OnSitePolicy,
    steps: { ...DEFAULT_STEP_CONFIG, ...(r.steps as unknown as Partial<StepConfig>) },
    completionPolicy: roundPolicyOf(r.completion_policy),
    copiedFrom: r.copied_from,
    reportApprovedOn: r.report_approved_on,
    reportNote: r.report_note,
    evaluationDoneOn: r.evaluation_done_on,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const auditRound = (r: RoundRow) => ({ ...roundOut(r), updatedAt: undefined, version: undefined });

export async function listRounds(
  ctx: AppContext,
  actor: Actor,
  f: { year?: number | undefined; phase?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  // towns, villages and the rest do not learn that rounds exist (they read the schedule)
  if (!actor.permissions.has('planning.read')) throw roundNotFound();
  const { items, total } = await repo.listRounds(ctx.db, { ...f, scope: actor.scopeCode, teamOrgId: teamOrgOf(actor) });
  return {
    total,
    items: items.map((r) => ({ ...roundOut(r), targets: Number(r.targets), villages: Number(r.villages), teams: Number(r.teams) })),
  };
}

/** The round with its targets and teams (a team user: only his own team's). */
export async function getRound(ctx: AppContext, actor: Actor, id: string) {
  const round = await readableRound(ctx.db, actor, id);
  return roundDetail(ctx.db, actor, round);
}

async function roundDetail(db: Executor, actor: Actor, round: RoundRow) {
  const phase = round.phase as RoundPhase;
  return {
    ...roundOut(round),
    nextPhases: nextPhases(phase).map((p) => ({ phase: p, name: ROUND_PHASES[p], backward: isBackward(phase, p) })),
    canWrite: actor.permissions.has('planning.write'),
    /** the round runs in a year whose holidays the calendar does not know yet */
    calendarWarnings: unknownYearsBetween(round.start_date, round.end_date).map(unknownYearWarning),
    targets: await targetsOut(db, round, actor, await loadCalendarOverrides(db)),
    teams: await teamsOut(db, round, actor),
  };
}

async function checkTermPlan(db: Executor, actor: Actor, county: string, termPlanId: string | null) {
  if (!termPlanId) return;
  const p = await repo.findTermPlan(db, actor.scopeCode, termPlanId);
  if (!p || p.scope_code !== county) throw new DomainError('VALIDATION_FAILED', '所选巡察规划不属于本区县', [{ path: 'termPlanId', message: '规划不存在' }]);
}

async function checkNumberFree(db: Executor, county: string, year: number, number: number, except?: string) {
  const same = await repo.findRoundByNumber(db, county, year, number);
  if (same && same.id !== except) throw new DomainError('CONFLICT', `${roundLabel({ year, number })}已存在`);
}

export async function createRound(ctx: AppContext, actor: Actor, input: RoundCreateInput) {
  requirePermission(actor, 'planning.write');
  const data = roundCreateInput.parse(input);
  const county = await countyForWrite(ctx.db, actor, data.countyCode);
  return ctx.db.transaction().execute(async (trx) => {
    await checkTermPlan(trx, actor, county, data.termPlanId);
    await checkNumberFree(trx, county, data.year, data.number);
    const row = await repo.insertRound(trx, {
      scope_code: county,
      term_plan_id: data.termPlanId,
      number: data.number,
      year: data.year,
      theme: data.theme,
      start_date: data.startDate,
      end_date: data.endDate,
      on_site_policy: JSON.stringify(data.onSitePolicy),
      steps: JSON.stringify(data.steps),
      completion_policy: JSON.stringify(data.completionPolicy),
      updated_at: ctx.now(),
    });
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'planning.round', entityId: row.id, scopeCode: county, after: auditRound(row) });
    return roundDetail(trx, actor, row);
  });
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateRound(ctx: AppContext, actor: Actor, id: string, input: RoundUpdateInput) {
  const data = roundUpdateInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writableRound(trx, actor, id);
    const b = roundOut(before);
    const structural =
      b.number !== data.number ||
      b.year !== data.year ||
      b.startDate !== data.startDate ||
      b.endDate !== data.endDate ||
      !sameJson(b.onSitePolicy, data.onSitePolicy) ||
      !sameJson(b.steps, data.steps) ||
      !sameJson(b.completionPolicy, data.completionPolicy);
    // the theme and the plan it belongs to may be corrected at any time; the rest is fixed once teams enter
    if (structural && before.phase !== 'preparation')
      throw new DomainError('ROUND_LOCKED', `轮次已进入“${ROUND_PHASES[before.phase as RoundPhase]}”阶段，编号、日期、驻点天数、环节设置和完成条件不能再修改`);
    await checkTermPlan(trx, actor, before.scope_code, data.termPlanId);
    await checkNumberFree(trx, before.scope_code, data.year, data.number, before.id);
    const row = await repo.updateRound(trx, before.id, {
      term_plan_id: data.termPlanId,
      number: data.number,
      year: data.year,
      theme: data.theme,
      start_date: data.startDate,
      end_date: data.endDate,
      on_site_policy: JSON.stringify(data.onSitePolicy),
      steps: JSON.stringify(data.steps),
      completion_policy: JSON.stringify(data.completionPolicy),
      updated_at: ctx.now(),
    });
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'planning.round', entityId: row.id, scopeCode: row.scope_code, before: auditRound(before), after: auditRound(row) });
    return roundDetail(trx, actor, row);
  });
}

/** The round as the domain describes it (for copying). */
async function describeRound(db: Executor, round: RoundRow): Promise<RoundDescriptionInput> {
  const teams = await repo.listTeams(db, round.id);
  const members = await repo.membersOfTeams(db, teams.map((t) => t.id));
  const targets = await repo.listTargets(db, round.id);
  const inspections = await repo.inspectionsOfTargets(db, targets.map((t) => t.id));
  return {
    number: round.number,
    year: round.year,
    theme: round.theme,
    startDate: round.start_date,
    endDate: round.end_date,
    phase: round.phase as RoundPhase,
    onSitePolicy: round.on_site_policy as unknown as OnSitePolicy,
    steps: round.steps as unknown as StepConfig,
    teams: teams.map((t) => ({
      key: t.id,
      name: t.name,
      leaderAuthorisation: t.auth_document_number && t.auth_date ? { documentNumber: t.auth_document_number, date: t.auth_date } : null,
      members: members
        .filter((m) => m.team_id === t.id)
        .map((m) => ({ personId: m.person_id, name: m.name, role: m.role as TeamRole, avoidanceDeclared: m.avoidance_declared })),
    })),
    targets: targets.map((t) => ({
      kind: t.kind as 'village' | 'town' | 'department',
      code: t.code,
      name: t.name,
      villages: t.kind === 'village' ? [] : inspections.filter((i) => i.target_id === t.id).map((i) => ({ code: i.village_code, name: i.village_name })),
      mode: t.mode as InspectionMode,
      importance: t.importance as 'key' | 'ordinary',
      minWorkingDays: t.min_working_days,
      teamKey: t.team_id,
      status: 'not_started',
    })),
  };
}

/**
 * A new round from a previous one (domain copyRound): targets, villages, policy, steps and optionally
 * the teams with their members carry over; phase, statuses and authorisations start again, and every
 * village gets a fresh village inspection.
 */
export async function copyRound(ctx: AppContext, actor: Actor, fromId: string, input: CopyRoundRequest) {
  const data = copyRoundRequestInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const previous = await writableRound(trx, actor, fromId);
    await checkNumberFree(trx, previous.scope_code, data.year, data.number);
    const copy = copyRoundDescription(roundDescription.parse(await describeRound(trx, previous)), data);
    const row = await repo.insertRound(trx, {
      scope_code: previous.scope_code,
      term_plan_id: previous.term_plan_id,
      number: copy.number,
      year: copy.year,
      theme: copy.theme,
      start_date: copy.startDate,
      end_date: copy.endDate,
      phase: copy.phase,
      on_site_policy: JSON.stringify(copy.onSitePolicy),
      steps: JSON.stringify(copy.steps),
      completion_policy: JSON.stringify(roundPolicyOf(previous.completion_policy)),
      copied_from: previous.id,
      updated_at: ctx.now(),
    });
    const oldTeams = await repo.listTeams(trx, previous.id);
    const teamIds = new Map<string, string>();
    for (const t of copy.teams) {
      const old = oldTeams.find((o) => o.id === t.key);
      const team = await repo.insertTeam(trx, {
        round_id: row.id,
        name: t.name,
        org_id: old?.org_id ?? null,
        sort: old?.sort ?? 0,
        auth_document_number: t.leaderAuthorisation?.documentNumber ?? null,
        auth_date: t.leaderAuthorisation?.date ?? null,
        updated_at: ctx.now(),
      });
      teamIds.set(t.key, team.id);
      for (const m of t.members) await repo.insertMember(trx, { team_id: team.id, person_id: m.personId, role: m.role, avoidance_declared: m.avoidanceDeclared });
    }
    const villages = await repo.findDivisions(trx, [...new Set(copy.targets.flatMap((t) => (t.kind === 'village' ? [t.code] : t.villages.map((v) => v.code))))]);
    const townOf = new Map(villages.map((v) => [v.code, v.parent_code!]));
    let sort = 0;
    for (const t of copy.targets) {
      const target = await repo.insertTarget(trx, {
        round_id: row.id,
        kind: t.kind,
        code: t.code,
        name: t.name,
        town_code: t.kind === 'village' ? (townOf.get(t.code) ?? null) : t.kind === 'town' ? t.code : null,
        mode: t.mode,
        importance: t.importance,
        min_working_days: t.minWorkingDays,
        team_id: t.teamKey ? (teamIds.get(t.teamKey) ?? null) : null,
        sort: ++sort,
        updated_at: ctx.now(),
      });
      const codes = t.kind === 'village' ? [t.code] : t.villages.map((v) => v.code);
      await repo.insertInspections(
        trx,
        codes.filter((c) => townOf.has(c)).map((c) => ({ round_id: row.id, target_id: target.id, village_code: c, town_code: townOf.get(c)!, updated_at: ctx.now() })),
      );
    }
    await writeAudit(trx, ctx, actor, {
      action: 'create',
      entity: 'planning.round',
      entityId: row.id,
      scopeCode: row.scope_code,
      after: { ...auditRound(row), copiedFrom: roundLabel(previous), targets: copy.targets.length, teams: copy.teams.length, asRevisit: data.asRevisit },
    });
    return roundDetail(trx, actor, row);
  });
}

/** What the phase guard needs to know about the round, read from the database. */
export async function roundFacts(db: Executor, round: RoundRow, reason?: string | null): Promise<RoundFacts> {
  const targets = await repo.listTargets(db, round.id);
  const teams = await repo.listTeams(db, round.id);
  const members = await repo.membersOfTeams(db, teams.map((t) => t.id));
  const inspections = await repo.inspectionsOfTargets(db, targets.map((t) => t.id));
  const avoidanceConflicts: string[] = [];
  for (const team of teams) {
    const ids = members.filter((m) => m.team_id === team.id).map((m) => m.person_id);
    if (ids.length === 0) continue;
    avoidanceConflicts.push(...(await checkMembersAtTargets(db, ids, await teamTargets(db, round.id, team.id))).conflicts);
  }
  return {
    targets: targets.length,
    teams: teams.map((t) => {
      const hasLeader = members.some((m) => m.team_id === t.id && m.role === 'leader');
      return { name: t.name, hasLeader, leaderAuthorised: hasLeader && !!t.auth_document_number && !!t.auth_date };
    }),
    targetsWithoutTeam: targets.filter((t) => !t.team_id).map((t) => t.name),
    targetsWithoutChecklist: inspections.filter((i) => Number(i.checklist_items) === 0).map((i) => i.village_name),
    avoidanceConflicts,
    inspectionsStarted: inspections.filter((i) => i.status !== 'not_started').length,
    unfinishedInspections: inspections.filter((i) => i.status !== 'completed').map((i) => i.village_name),
    reportApproved: round.report_approved_on !== null,
    targetsWithoutFeedback: targets.filter((t) => t.feedback_on === null).map((t) => t.name),
    leadsNotTransferred: await countLeadsNotTransferred(db, round.id),
    // Rectification reports are recorded by the rectification area, which does not exist yet.
    rectificationReportsMissing: [],
    evaluationDone: round.evaluation_done_on !== null,
    reason: reason ?? null,
  };
}

/** Moves the round to another phase; refuses with every unmet condition. */
export async function transitionRound(ctx: AppContext, actor: Actor, id: string, input: PhaseMoveInput) {
  const data = phaseMoveInput.parse(input);
  return ctx.db.transaction().execute(async (trx: Tx) => {
    const round = await writableRound(trx, actor, id);
    const from = round.phase as RoundPhase;
    const to = data.to;
    if (!isPhaseTransitionAllowed(from, to)) {
      const reasons = canTransition(from, to, await roundFacts(trx, round, data.reason));
      throw new DomainError('ROUND_PHASE_TRANSITION_NOT_ALLOWED', reasons[0], { reasons });
    }
    const reasons = canTransition(from, to, await roundFacts(trx, round, data.reason));
    if (reasons.length > 0)
      throw new DomainError('ROUND_PHASE_CONDITIONS_UNMET', `${roundLabel(round)}尚不能进入“${ROUND_PHASES[to]}”阶段：${reasons.length} 项条件未满足`, { reasons });
    const row = await repo.updateRound(trx, round.id, { phase: to, updated_at: ctx.now() });
    await writeAudit(trx, ctx, actor, {
      action: 'transition',
      entity: 'planning.round',
      entityId: round.id,
      scopeCode: round.scope_code,
      before: { phase: from },
      after: { phase: to, reason: data.reason ?? null },
    });
    return roundDetail(trx, actor, row);
  });
}

export async function recordMilestones(ctx: AppContext, actor: Actor, id: string, input: MilestonesInput) {
  const data = milestonesInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writableRound(trx, actor, id);
    const row = await repo.updateRound(trx, before.id, {
      report_approved_on: data.reportApprovedOn,
      report_note: data.reportNote,
      evaluation_done_on: data.evaluationDoneOn,
      updated_at: ctx.now(),
    });
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'planning.round',
      entityId: row.id,
      scopeCode: row.scope_code,
      before: { reportApprovedOn: before.report_approved_on, reportNote: before.report_note, evaluationDoneOn: before.evaluation_done_on },
      after: data,
    });
    return roundDetail(trx, actor, row);
  });
}

/** The town's (and any scoped reader's) view: which of its villages are scheduled, nothing of the contents. */
export async function townSchedule(ctx: AppContext, actor: Actor, f: { year?: number | undefined; page: number; pageSize: number }) {
  requirePermission(actor, 'planning.schedule');
  const { items, total } = await repo.listSchedule(ctx.db, { ...f, scope: actor.scopeCode });
  return {
    total,
    items: items.map((i) => ({
      id: i.id,
      roundId: i.round_id,
      roundLabel: roundLabel(i),
      villageCode: i.village_code,
      villageName: i.village_name,
      townCode: i.town_code,
      townName: i.town_name,
      mode: i.mode,
      modeName: INSPECTION_MODES[i.mode as InspectionMode],
      startDate: i.start_date,
      endDate: i.end_date,
      teamName: i.team_name,
      status: i.status,
      statusName: INSPECTION_STATUSES[i.status as keyof typeof INSPECTION_STATUSES],
    })),
  };
}
