/**
 * The village inspection workspace (村级巡察工作台): steps, work records with attachments, days on
 * site, household visits and talk coverage, and the status with its completion guard and the
 * office's override (特批). Access: `inspectionForActor` (team of the target or the office; others 404).
 * Writes need the round in 进驻/了解 and the inspection not completed. The first step or record moves
 * 未开始 → 进行中 by itself; an explicit start (transition to in_progress) does the same.
 */
import { checklistCoverage, type CheckMark } from '../../../domain/inspections/checklist-coverage';
import {
  canTransitionInspection,
  completionBlockers,
  completionPolicyOf,
  type CompletionPolicy,
  INSPECTION_STATUSES,
  INSPECTION_TRANSITIONS,
  overrideReasonProblems,
  type InspectionStatus,
} from '../../../domain/inspections/completion';
import {
  DEFAULT_STEP_CONFIG,
  enabledSteps,
  INSPECTION_STEPS,
  stepConfigInput,
  stepRecordRefusal,
  type InspectionStep,
  type StepConfig,
} from '../../../domain/inspections/steps';
import {
  countByKind,
  householdsVisited,
  householdVisitQuota,
  PERSON_ROLES,
  talkCoverage,
  WORK_RECORD_KIND_NAMES,
  type PersonRole,
  type RecordPerson,
  type VisitedHousehold,
  type WorkRecord,
  type WorkRecordInput,
  workRecordInput,
  type WorkRecordKind,
} from '../../../domain/inspections/work-records';
import { INSPECTION_MODES, minWorkingDaysFor, onSitePolicyInput, TARGET_IMPORTANCE, type TargetImportance } from '../../../domain/planning/modes';
import { phaseAllowsOnSiteWork, ROUND_PHASES, type RoundPhase } from '../../../domain/planning/round';
import { countWorkingDays, isIsoDate, type DayOverride } from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { attachmentsOf, deleteAttachment, deleteAttachmentsOf, storeFile, type AttachmentOut } from '../files';
import { actsAsTeam, inspectionForActor, type InspectionAccess, type RoundRow, type TargetRow } from './access';
import { loadCalendarOverrides } from '../planning/calendar.service';
import * as repo from './inspections.repository';

export const WORK_RECORD_OWNER = 'work_record';


// — small readers of the round's configuration —

export function stepConfigOf(round: Pick<RoundRow, 'steps'>): StepConfig {
  const parsed = stepConfigInput.safeParse(round.steps ?? {});
  return parsed.success ? parsed.data : { ...DEFAULT_STEP_CONFIG };
}

export function minimumDaysOf(round: Pick<RoundRow, 'on_site_policy'>, target: Pick<TargetRow, 'importance' | 'min_working_days'>): number {
  const parsed = onSitePolicyInput.safeParse(round.on_site_policy ?? {});
  const importance: TargetImportance = target.importance === 'key' ? 'key' : 'ordinary';
  return minWorkingDaysFor({ importance, minWorkingDays: target.min_working_days }, parsed.success ? parsed.data : undefined);
}

export const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;
const statusName = (s: string) => INSPECTION_STATUSES[s as InspectionStatus] ?? s;
const modeName = (m: string) => INSPECTION_MODES[m as keyof typeof INSPECTION_MODES] ?? m;
const importanceName = (i: string) => TARGET_IMPORTANCE[i as TargetImportance] ?? i;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Today in China, 'YYYY-MM-DD': work cannot be recorded for days that have not come yet. */
function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function checkNotFuture(ctx: AppContext, date: string, what: string): void {
  if (!isIsoDate(date)) throw new DomainError('VALIDATION_FAILED', `${what}无效：“${date}”，应为 YYYY-MM-DD`);
  if (date > todayInChina(ctx.now())) throw new DomainError('VALIDATION_FAILED', `${what}（${date}）不能晚于今天`, [{ path: 'body.date', message: '不能晚于今天' }]);
}

// — the write guard —

/** Why nothing may be written on this inspection now, or null. */
export function workRefusal(a: Pick<InspectionAccess, 'round' | 'inspection'>): DomainError | null {
  const phase = a.round.phase as RoundPhase;
  if (!phaseAllowsOnSiteWork(phase)) {
    return new DomainError('ROUND_LOCKED', `本轮巡察处于“${ROUND_PHASES[phase] ?? phase}”阶段，只有在进驻、了解阶段才能记录村级巡察工作`);
  }
  if (a.inspection.status === 'completed') {
    return new DomainError('CONFLICT', '该村（社区）巡察已完成，不能再修改；如需补充，请先重新打开');
  }
  return null;
}

/** Loads the inspection for work inside the transaction, locked, and checks the write guard. */
async function forWork(tx: Tx, actor: Actor, id: string): Promise<InspectionAccess> {
  const a = await inspectionForActor(tx, actor, id, 'work');
  await repo.lockInspection(tx, a.inspection.id);
  const fresh = await inspectionForActor(tx, actor, id, 'work');
  const refusal = workRefusal(fresh);
  if (refusal) throw refusal;
  return fresh;
}

/** 未开始 → 进行中 on the first piece of work. */
async function startIfNotStarted(tx: Tx, ctx: AppContext, actor: Actor, a: InspectionAccess, cause: string): Promise<void> {
  if (a.inspection.status !== 'not_started') return;
  const now = ctx.now();
  const after = await repo.updateInspection(tx, a.inspection.id, { status: 'in_progress', started_at: now, updated_at: now });
  await writeAudit(tx, ctx, actor, {
    action: 'start',
    entity: 'inspections.inspection',
    entityId: a.inspection.id,
    scopeCode: a.inspection.village_code,
    before: { status: a.inspection.status },
    after: { status: after.status, startedAt: now.toISOString(), cause },
  });
  a.inspection = after;
}

// — records: rows ↔ domain —

interface RecordRow {
  id: string;
  kind: string;
  date: string;
  place: string;
  notes: string;
  people: unknown;
  households: unknown;
  created_at: Date;
  created_by_name?: string | null;
}

const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : typeof v === 'string' ? (JSON.parse(v) as T[]) : []);

function toDomainRecord(r: RecordRow): WorkRecord {
  return {
    kind: r.kind,
    date: r.date,
    place: r.place,
    notes: r.notes,
    attachmentIds: [],
    people: asArray<RecordPerson>(r.people),
    households: asArray<VisitedHousehold>(r.households),
  } as WorkRecord;
}

const roleNames = (roles: readonly PersonRole[]) => roles.map((r) => PERSON_ROLES[r] ?? r);

export interface WorkRecordOut {
  id: string;
  kind: WorkRecordKind;
  kindName: string;
  date: string;
  place: string;
  notes: string;
  people: { name: string; roles: PersonRole[]; roleNames: string[]; position: string }[];
  households: { head: string; address: string; roles: PersonRole[]; roleNames: string[] }[];
  attachments: AttachmentOut[];
  createdByName: string | null;
  createdAt: string;
}

function recordOut(r: RecordRow, attachments: AttachmentOut[]): WorkRecordOut {
  const kind = r.kind as WorkRecordKind;
  return {
    id: r.id,
    kind,
    kindName: WORK_RECORD_KIND_NAMES[kind] ?? r.kind,
    date: r.date,
    place: r.place,
    notes: r.notes,
    people: asArray<RecordPerson>(r.people).map((p) => ({ name: p.name, roles: p.roles, roleNames: roleNames(p.roles), position: p.position ?? '' })),
    households: asArray<VisitedHousehold>(r.households).map((h) => ({ head: h.head, address: h.address ?? '', roles: h.roles, roleNames: roleNames(h.roles) })),
    attachments,
    createdByName: r.created_by_name ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function recordValues(input: WorkRecord): repo.RecordValues {
  return {
    kind: input.kind,
    date: input.date,
    place: input.place,
    notes: input.notes,
    people: JSON.stringify(input.people),
    households: JSON.stringify(input.kind === 'visit' ? input.households : []),
  };
}

// — facts and the workspace —

export interface InspectionFacts {
  stepConfig: StepConfig;
  steps: { step: string; done_on: string; notes: string }[];
  records: WorkRecord[];
  dates: string[];
  workingDays: number;
  minimum: number;
  households: number | null;
  visited: number;
  quota: number | null;
  policy: CompletionPolicy;
  talks: ReturnType<typeof talkCoverage>;
  checklist: ReturnType<typeof checklistCoverage>;
  blockers: string[];
  overrides: DayOverride[];
}

/** Everything the completion guard and the workspace need, read once. */
export async function inspectionFacts(db: Executor, a: InspectionAccess): Promise<InspectionFacts> {
  const stepConfig = stepConfigOf(a.round);
  const steps = await repo.stepsOf(db, a.inspection.id);
  const records = (await repo.allRecordsOf(db, a.inspection.id)).map(toDomainRecord);
  const items = await repo.checklistItemsOf(db, a.inspection.id);
  const village = await repo.villageFacts(db, a.inspection.village_code);
  const overrides = await loadCalendarOverrides(db);
  const dates = [...new Set([...records.map((r) => r.date), ...steps.map((s) => s.done_on)])].sort();
  const households = village?.households ?? null;
  const marks: CheckMark[] = items
    .filter((i) => i.result === 'no_problem' || i.result === 'problem_found')
    .map((i) => ({ itemId: i.id, result: i.result as CheckMark['result'], note: i.note }));
  const checklist = checklistCoverage(items, marks);
  const talks = talkCoverage(records);
  const visited = householdsVisited(records);
  const minimum = minimumDaysOf(a.round, a.target);
  const policy = completionPolicyOf(a.round.completion_policy);
  const blockers = completionBlockers(
    {
      stepConfig,
      stepsDone: steps.map((s) => s.step as InspectionStep),
      checklist,
      onSiteDates: dates,
      minWorkingDays: minimum,
      calendarOverrides: overrides,
      households,
      householdsVisited: visited,
      talks,
    },
    policy,
  );
  return {
    stepConfig,
    steps,
    records,
    dates,
    workingDays: countWorkingDays(dates, overrides),
    minimum,
    households,
    visited,
    quota: householdVisitQuota(households, policy.visits),
    policy,
    talks,
    checklist,
    blockers,
    overrides,
  };
}

async function buildWorkspace(db: Executor, actor: Actor, a: InspectionAccess) {
  const f = await inspectionFacts(db, a);
  const village = await repo.villageFacts(db, a.inspection.village_code);
  const phase = a.round.phase as RoundPhase;
  const onSite = phaseAllowsOnSiteWork(phase);
  const done = new Map(f.steps.map((s) => [s.step, s]));
  const i = a.inspection;
  const overrideConditions = Array.isArray(i.override_conditions) ? (i.override_conditions as string[]) : [];
  return {
    inspection: {
      id: i.id,
      status: i.status as InspectionStatus,
      statusName: statusName(i.status),
      villageCode: i.village_code,
      villageName: village?.village_name ?? i.village_code,
      townCode: i.town_code,
      townName: village?.town_name ?? i.town_code,
      households: f.households,
      minWorkingDays: f.minimum,
      checklistReadyAt: iso(i.checklist_ready_at),
      startedAt: iso(i.started_at),
      completedAt: iso(i.completed_at),
      override: i.override_reason ? { reason: i.override_reason, conditions: overrideConditions, byName: await repo.userName(db, i.overridden_by) } : null,
      version: i.version,
    },
    round: {
      id: a.round.id,
      number: a.round.number,
      year: a.round.year,
      theme: a.round.theme,
      phase,
      phaseName: ROUND_PHASES[phase] ?? phase,
      startDate: a.round.start_date,
      endDate: a.round.end_date,
      onSiteWorkAllowed: onSite,
    },
    target: {
      id: a.target.id,
      kind: a.target.kind,
      name: a.target.name,
      mode: a.target.mode,
      modeName: modeName(a.target.mode),
      importance: a.target.importance,
      importanceName: importanceName(a.target.importance),
    },
    team: a.team ? { id: a.team.id, name: a.team.name } : null,
    steps: enabledSteps(f.stepConfig).map((s) => ({
      step: s,
      name: INSPECTION_STEPS[s],
      requirement: f.stepConfig[s] as 'mandatory' | 'optional',
      doneOn: done.get(s)?.done_on ?? null,
      notes: done.get(s)?.notes ?? '',
    })),
    days: { dates: f.dates, workingDays: f.workingDays, minimum: f.minimum },
    /** percent: the share of the village's households the round's policy asks to visit */
    visits: { visited: f.visited, quota: f.quota, percent: f.policy.visits.householdPercent },
    talkCoverageRequired: f.policy.requireTalkCoverage,
    talks: {
      sanLao: { covered: roleNames(f.talks.sanLao.covered), missing: roleNames(f.talks.sanLao.missing) },
      liangDi: { covered: roleNames(f.talks.liangDi.covered), missing: roleNames(f.talks.liangDi.missing) },
    },
    recordCounts: countByKind(f.records),
    checklist: { total: f.checklist.total, noProblem: f.checklist.noProblem, problemFound: f.checklist.problemFound, notChecked: f.checklist.notChecked },
    blockers: f.blockers,
    canWork: actor.permissions.has('inspections.work') && workRefusal(a) === null,
    canOverride: actor.permissions.has('inspections.override') && onSite && i.status === 'in_progress',
  };
}
export type Workspace = Awaited<ReturnType<typeof buildWorkspace>>;

// — use cases —

export interface ListQuery {
  roundId?: string | undefined;
  status?: string | undefined;
  townCode?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listInspections(ctx: AppContext, actor: Actor, query: ListQuery) {
  requirePermission(actor, 'inspections.read');
  const { items, total } = await repo.listInspections(ctx.db, {
    ...query,
    scope: actor.scopeCode,
    teamOrgId: actsAsTeam(actor) ? actor.orgId : null,
  });
  const dates = await repo.onSiteDatesOf(
    ctx.db,
    items.map((r) => r.id),
  );
  const overrides = await loadCalendarOverrides(ctx.db);
  return {
    items: items.map((r) => ({
      id: r.id,
      roundId: r.round_id,
      roundLabel: roundLabel(r),
      targetId: r.target_id,
      villageCode: r.village_code,
      villageName: r.village_name,
      townCode: r.town_code,
      townName: r.town_name ?? r.town_code,
      mode: r.mode,
      modeName: modeName(r.mode),
      importance: r.importance,
      importanceName: importanceName(r.importance),
      teamId: r.team_id,
      teamName: r.team_name,
      status: r.status as InspectionStatus,
      statusName: statusName(r.status),
      minWorkingDays: minimumDaysOf(r, r),
      onSiteWorkingDays: countWorkingDays(dates.get(r.id) ?? [], overrides),
      completedAt: iso(r.completed_at),
    })),
    total,
  };
}

export async function getWorkspace(ctx: AppContext, actor: Actor, id: string): Promise<Workspace> {
  const a = await inspectionForActor(ctx.db, actor, id, 'read');
  return buildWorkspace(ctx.db, actor, a);
}

/** Marks a step done on a day (again: corrects date and notes). */
export async function recordStep(ctx: AppContext, actor: Actor, inspectionId: string, step: InspectionStep, body: { doneOn: string; notes?: string | undefined }) {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    const refusal = stepRecordRefusal(stepConfigOf(a.round), step);
    if (refusal) throw new DomainError('INSPECTION_STEP_DISABLED', refusal);
    checkNotFuture(ctx, body.doneOn, '完成日期');
    const before = await repo.findStep(tx, a.inspection.id, step);
    const row = await repo.upsertStep(tx, {
      inspection_id: a.inspection.id,
      step,
      done_on: body.doneOn,
      notes: (body.notes ?? '').trim(),
      recorded_by: actor.userId,
      recorded_at: ctx.now(),
    });
    await startIfNotStarted(tx, ctx, actor, a, `记录环节“${INSPECTION_STEPS[step]}”`);
    await writeAudit(tx, ctx, actor, {
      action: before ? 'update' : 'create',
      entity: 'inspections.step',
      entityId: `${a.inspection.id}:${step}`,
      scopeCode: a.inspection.village_code,
      before: before ?? null,
      after: row,
    });
    const config = stepConfigOf(a.round);
    return { step, name: INSPECTION_STEPS[step], requirement: config[step] as 'mandatory' | 'optional', doneOn: row.done_on, notes: row.notes };
  });
}

/** Undoes a step marked done by mistake. */
export async function undoStep(ctx: AppContext, actor: Actor, inspectionId: string, step: InspectionStep): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    const before = await repo.findStep(tx, a.inspection.id, step);
    if (!before) throw new DomainError('NOT_FOUND', `环节“${INSPECTION_STEPS[step]}”尚未记录`);
    await repo.deleteStep(tx, a.inspection.id, step);
    await writeAudit(tx, ctx, actor, {
      action: 'delete',
      entity: 'inspections.step',
      entityId: `${a.inspection.id}:${step}`,
      scopeCode: a.inspection.village_code,
      before,
    });
  });
}

export async function listWorkRecords(ctx: AppContext, actor: Actor, inspectionId: string, query: { kind?: string | undefined; page: number; pageSize: number }) {
  const a = await inspectionForActor(ctx.db, actor, inspectionId, 'read');
  const { items, total } = await repo.pageOfRecords(ctx.db, a.inspection.id, query);
  const files = await attachmentsOf(
    ctx.db,
    WORK_RECORD_OWNER,
    items.map((r) => r.id),
  );
  return { items: items.map((r) => recordOut(r, files.get(r.id) ?? [])), total };
}

async function recordById(db: Executor, inspectionId: string, recordId: string) {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const row = UUID.test(recordId) ? await repo.findRecord(db, inspectionId, recordId) : undefined;
  if (!row) throw new DomainError('NOT_FOUND', '工作记录不存在');
  return row;
}

async function recordWithFiles(db: Executor, inspectionId: string, recordId: string): Promise<WorkRecordOut> {
  const row = await recordById(db, inspectionId, recordId);
  const files = await attachmentsOf(db, WORK_RECORD_OWNER, [row.id]);
  return recordOut(row, files.get(row.id) ?? []);
}

/** Adds a work record (宣 听 谈 访 看 勘 改). Attachments are added to the record afterwards. */
export async function addWorkRecord(ctx: AppContext, actor: Actor, inspectionId: string, input: WorkRecordInput): Promise<WorkRecordOut> {
  const parsed = workRecordInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    checkNotFuture(ctx, parsed.date, '记录日期');
    const now = ctx.now();
    const { id } = await repo.insertRecord(tx, { ...recordValues(parsed), inspection_id: a.inspection.id, created_by: actor.userId, created_at: now, updated_at: now });
    await startIfNotStarted(tx, ctx, actor, a, `新增工作记录（${WORK_RECORD_KIND_NAMES[parsed.kind]}）`);
    const out = await recordWithFiles(tx, a.inspection.id, id);
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'inspections.work_record', entityId: id, scopeCode: a.inspection.village_code, after: out });
    return out;
  });
}

export async function updateWorkRecord(ctx: AppContext, actor: Actor, inspectionId: string, recordId: string, input: WorkRecordInput): Promise<WorkRecordOut> {
  const parsed = workRecordInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    const before = await recordWithFiles(tx, a.inspection.id, recordId);
    checkNotFuture(ctx, parsed.date, '记录日期');
    await repo.updateRecord(tx, recordId, { ...recordValues(parsed), updated_at: ctx.now() });
    const after = await recordWithFiles(tx, a.inspection.id, recordId);
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'inspections.work_record', entityId: recordId, scopeCode: a.inspection.village_code, before, after });
    return after;
  });
}

export async function deleteWorkRecord(ctx: AppContext, actor: Actor, inspectionId: string, recordId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    const before = await recordWithFiles(tx, a.inspection.id, recordId);
    await deleteAttachmentsOf(tx, WORK_RECORD_OWNER, recordId);
    await repo.deleteRecord(tx, recordId);
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'inspections.work_record', entityId: recordId, scopeCode: a.inspection.village_code, before });
  });
}

export async function addRecordAttachment(ctx: AppContext, actor: Actor, inspectionId: string, recordId: string, file: { buffer: Uint8Array; fileName: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    await recordById(tx, a.inspection.id, recordId);
    return storeFile(tx, ctx, actor, file, { ownerKind: WORK_RECORD_OWNER, ownerId: recordId, scopeCode: a.inspection.village_code });
  });
}

export async function deleteRecordAttachment(ctx: AppContext, actor: Actor, inspectionId: string, recordId: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const a = await forWork(tx, actor, inspectionId);
    await recordById(tx, a.inspection.id, recordId);
    await deleteAttachment(tx, ctx, actor, attachmentId, { ownerKind: WORK_RECORD_OWNER, ownerId: recordId, scopeCode: a.inspection.village_code });
  });
}

/** Files of a work record are readable by whoever may read its inspection. */
export async function checkWorkRecordFileAccess(ctx: AppContext, actor: Actor, recordId: string): Promise<void> {
  const rec = await repo.findRecordById(ctx.db, recordId);
  if (!rec) throw new DomainError('NOT_FOUND');
  await inspectionForActor(ctx.db, actor, rec.inspection_id, 'read');
}

export interface TransitionBody {
  to: InspectionStatus;
  override?: { reason: string } | undefined;
  reason?: string | undefined;
}

/**
 * Moves the inspection: start (未开始 → 进行中), finish (进行中 → 已完成, refused listing every missing
 * condition unless the office overrides with a reason), reopen (已完成 → 进行中, with a reason).
 */
export async function transitionInspection(ctx: AppContext, actor: Actor, inspectionId: string, body: TransitionBody): Promise<Workspace> {
  return ctx.db.transaction().execute(async (tx) => {
    const first = await inspectionForActor(tx, actor, inspectionId, 'work');
    await repo.lockInspection(tx, first.inspection.id);
    const a = await inspectionForActor(tx, actor, inspectionId, 'work');
    const from = a.inspection.status as InspectionStatus;
    const to = body.to;
    if (body.override && to === 'completed') requirePermission(actor, 'inspections.override');
    if (!INSPECTION_TRANSITIONS[from]?.includes(to)) {
      throw new DomainError('INSPECTION_TRANSITION_NOT_ALLOWED', `村级巡察不能从“${statusName(from)}”变为“${statusName(to)}”`, {
        reasons: [`村级巡察不能从“${statusName(from)}”变为“${statusName(to)}”`],
      });
    }
    const facts = to === 'completed' ? await inspectionFacts(tx, a) : null;
    const blockers = facts?.blockers ?? [];
    const onSite = phaseAllowsOnSiteWork(a.round.phase as RoundPhase);
    const policy = completionPolicyOf(a.round.completion_policy);
    const reasons = canTransitionInspection(from, to, { roundAllowsOnSiteWork: onSite, blockers, override: body.override ?? null, reason: body.reason ?? null }, policy);
    if (reasons.length > 0) {
      if (to === 'completed') {
        const problems = body.override && blockers.length > 0 ? overrideReasonProblems(body.override.reason, policy) : [];
        if (problems.length > 0) {
          throw new DomainError('INSPECTION_OVERRIDE_REASON_INVALID', problems.join('；'), { reasons });
        }
        throw new DomainError('INSPECTION_NOT_COMPLETABLE', `村级巡察尚不满足完成条件（${reasons.length} 项）：${reasons[0]}${reasons.length > 1 ? ' 等' : ''}`, { reasons });
      }
      throw new DomainError('INSPECTION_TRANSITION_NOT_ALLOWED', reasons.join('；'), { reasons });
    }
    const now = ctx.now();
    let action: string;
    let after;
    const extra: Record<string, unknown> = {};
    switch (to) {
      case 'in_progress':
        if (from === 'completed') {
          action = 'reopen';
          extra.reason = body.reason!.trim();
          after = await repo.updateInspection(tx, a.inspection.id, {
            status: 'in_progress',
            completed_at: null,
            override_reason: null,
            override_conditions: null,
            overridden_by: null,
            updated_at: now,
          });
        } else {
          action = 'start';
          after = await repo.updateInspection(tx, a.inspection.id, { status: 'in_progress', started_at: a.inspection.started_at ?? now, updated_at: now });
        }
        break;
      case 'completed': {
        const overridden = blockers.length > 0 && body.override ? { reason: body.override.reason.trim(), conditions: blockers } : null;
        action = overridden ? 'complete_override' : 'complete';
        after = await repo.updateInspection(tx, a.inspection.id, {
          status: 'completed',
          completed_at: now,
          override_reason: overridden?.reason ?? null,
          override_conditions: overridden ? JSON.stringify(overridden.conditions) : null,
          overridden_by: overridden ? actor.userId : null,
          updated_at: now,
        });
        break;
      }
      case 'not_started':
        // INSPECTION_TRANSITIONS has no way back to 未开始; the check above has refused already
        throw new DomainError('INSPECTION_TRANSITION_NOT_ALLOWED');
    }
    await writeAudit(tx, ctx, actor, {
      action,
      entity: 'inspections.inspection',
      entityId: a.inspection.id,
      scopeCode: a.inspection.village_code,
      before: a.inspection,
      after: { ...after, ...extra },
    });
    return buildWorkspace(tx, actor, { ...a, inspection: after });
  });
}

/** Explicit start of the work in a village (the first step or record starts it too). */
export const startInspection = (ctx: AppContext, actor: Actor, inspectionId: string) => transitionInspection(ctx, actor, inspectionId, { to: 'in_progress' });
