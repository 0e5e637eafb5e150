/**
 * 巡察报告 per target (assembled from the approved findings, edited, heard by the leading group,
 * approved by the office, reopened with a reason), 专题报告 per round, and feedback in order (the
 * target first, then each village; the target-level feedback also sets round_targets.feedback_on,
 * which planning's 反馈→移交 guard reads). Access: access.ts. Every write: permission, scope, one
 * transaction, an audit row.
 */
import type { Selectable } from 'kysely';
import { FINDING_CATEGORIES, findingNumberLabel, type FindingCategory } from '../../../domain/findings/finding';
import { ROUND_PHASES, type RoundPhase } from '../../../domain/planning/round';
import { feedbackProblems, feedbackSteps } from '../../../domain/reports/feedback';
import type { FeedbackInput, HearingInput, ReportEditInput, SpecialReportInput } from '../../../domain/reports/inputs';
import {
  allowedReportActions,
  assembleReportSections,
  FEEDBACK_PHASES,
  groupReportFindings,
  phaseProblem,
  REPORT_PHASES,
  REPORT_STATUSES,
  reportActionProblems,
  reportStatusAfter,
  type ReportAction,
  type ReportSection,
  type ReportSourceFinding,
  type ReportStatus,
} from '../../../domain/reports/report';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import type { DB } from '../../db/schema';
import { writeAudit } from '../access';
import { roundForActor, targetForActor, type RoundRow, type TargetAccess, type TargetRow } from './access';

type ReportRow = Selectable<DB['round_reports']>;
type FeedbackRow = Selectable<DB['feedbacks']>;

export const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;

/** Today in China, 'YYYY-MM-DD'. */
export const todayInChina = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const jsonArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? (JSON.parse(v) as unknown[]) : []);
const reportActor = (actor: Actor) => ({ canWrite: actor.permissions.has('reports.write'), canApprove: actor.permissions.has('reports.approve') });

function refuse(reasons: string[], code: 'CONFLICT' | 'ROUND_LOCKED' = 'CONFLICT'): DomainError {
  return new DomainError(code, reasons.join('；'), { reasons });
}

function requirePhase(round: RoundRow, allowed: readonly RoundPhase[], what: string) {
  const p = phaseProblem(round.phase as RoundPhase, allowed, what);
  if (p) throw refuse([p], 'ROUND_LOCKED');
}

export async function divisionNames(db: Executor, codes: (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('code', 'in', list).execute();
  return new Map(rows.map((r) => [r.code, r.short_name || r.name]));
}

/** The villages a target reaches: a town target's village inspections, or the village target itself. */
export async function villagesOf(db: Executor, target: TargetRow): Promise<Map<string, string>> {
  if (target.kind !== 'town') return new Map([[target.code, target.name]]);
  const rows = await db.selectFrom('village_inspections').select('village_code').where('target_id', '=', target.id).orderBy('village_code').execute();
  const names = await divisionNames(db, rows.map((r) => r.village_code));
  return new Map(rows.map((r) => [r.village_code, names.get(r.village_code) ?? r.village_code]));
}

export type ApprovedFinding = ReportSourceFinding & {
  id: string;
  townCode: string;
  townName: string;
  villageName: string | null;
  aspect: string;
  responsible: { name: string; position?: string }[];
};

/** The approved findings of a target (optionally of one village), in number order. */
export async function approvedFindings(db: Executor, targetId: string, villageCode?: string): Promise<ApprovedFinding[]> {
  let q = db.selectFrom('findings').selectAll().where('target_id', '=', targetId).where('status', '=', 'approved');
  if (villageCode) q = q.where('village_code', '=', villageCode);
  const rows = await q.orderBy('number').execute();
  const names = await divisionNames(db, rows.flatMap((r) => [r.village_code, r.town_code]));
  return rows.map((r) => {
    const townName = names.get(r.town_code) ?? r.town_code;
    const villageName = r.village_code ? (names.get(r.village_code) ?? r.village_code) : null;
    return {
      id: r.id,
      numberLabel: findingNumberLabel(r.number),
      category: r.category,
      villageCode: r.village_code,
      unitName: villageName ?? townName,
      title: r.title,
      description: r.description,
      amount: r.amount === null ? null : Number(r.amount),
      immediate: r.immediate,
      townCode: r.town_code,
      townName,
      villageName,
      aspect: r.aspect,
      responsible: jsonArray(r.responsible) as { name: string; position?: string }[],
    };
  });
}

async function reportOf(db: Executor, targetId: string): Promise<ReportRow | undefined> {
  return db.selectFrom('round_reports').selectAll().where('target_id', '=', targetId).where('kind', '=', 'inspection').executeTakeFirst();
}

async function userName(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return u?.display_name ?? null;
}

async function reportOut(db: Executor, actor: Actor, r: ReportRow) {
  const status = r.status as ReportStatus;
  return {
    id: r.id,
    kind: r.kind as 'inspection' | 'special',
    title: r.title,
    body: jsonArray(r.body) as ReportSection[],
    status,
    statusName: REPORT_STATUSES[status] ?? r.status,
    heardOn: r.heard_on,
    heardNote: r.heard_note,
    approvedOn: r.approved_on,
    approvedBy: await userName(db, r.approved_by),
    createdBy: await userName(db, r.created_by),
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
    actions: allowedReportActions(status, reportActor(actor)),
  };
}
export type ReportOut = Awaited<ReturnType<typeof reportOut>>;

const feedbackOut = (f: FeedbackRow, unit: string) => ({
  id: f.id,
  villageCode: f.village_code,
  unit,
  fedBackOn: f.fed_back_on,
  opinion: f.opinion,
  attendees: f.attendees,
});

// — reading —

export async function listTargets(ctx: AppContext, actor: Actor, roundId: string, page: { page: number; pageSize: number }) {
  const { round, teamIds } = await roundForActor(ctx.db, actor, roundId, 'read');
  let q = ctx.db.selectFrom('round_targets').where('round_targets.round_id', '=', round.id).where('round_targets.code', 'like', `${actor.scopeCode}%`);
  if (teamIds) q = q.where('round_targets.team_id', 'in', teamIds);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const targets = await q
    .leftJoin('teams', 'teams.id', 'round_targets.team_id')
    .select(['round_targets.id', 'round_targets.kind', 'round_targets.code', 'round_targets.name', 'round_targets.feedback_on', 'teams.name as team_name'])
    .orderBy('round_targets.sort')
    .orderBy('round_targets.code')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const ids = targets.map((t) => t.id);
  const reports = ids.length ? await ctx.db.selectFrom('round_reports').select(['target_id', 'status']).where('kind', '=', 'inspection').where('target_id', 'in', ids).execute() : [];
  const counts = ids.length
    ? await ctx.db.selectFrom('findings').select(['target_id', (eb) => eb.fn.countAll().as('n')]).where('status', '=', 'approved').where('target_id', 'in', ids).groupBy('target_id').execute()
    : [];
  const feedbacks = ids.length ? await ctx.db.selectFrom('feedbacks').select(['target_id', 'village_code']).where('target_id', 'in', ids).execute() : [];
  return {
    items: targets.map((t) => {
      const rs = reports.find((r) => r.target_id === t.id)?.status as ReportStatus | undefined;
      return {
        id: t.id,
        kind: t.kind,
        code: t.code,
        name: t.name,
        teamName: t.team_name,
        reportStatus: rs ?? null,
        reportStatusName: rs ? REPORT_STATUSES[rs] : '未起草',
        approvedFindings: Number(counts.find((c) => c.target_id === t.id)?.n ?? 0),
        feedbackOn: t.feedback_on,
        villageFeedbacks: feedbacks.filter((f) => f.target_id === t.id && f.village_code !== null).length,
      };
    }),
    total,
  };
}

/** The buttons offered now: none outside the report phases, and no reopening once feedback was given on the report. */
function reportActionsNow(out: ReportOut, round: RoundRow, fedBack: boolean): ReportOut {
  if (phaseProblem(round.phase as RoundPhase, REPORT_PHASES, '') !== null) return { ...out, actions: [] };
  return fedBack ? { ...out, actions: out.actions.filter((x) => x !== 'reopen') } : out;
}

async function targetDetail(db: Executor, ctx: AppContext, actor: Actor, a: TargetAccess) {
  const { round, target } = a;
  const report = await reportOf(db, target.id);
  const findings = await approvedFindings(db, target.id);
  const villages = await villagesOf(db, target);
  const feedbacks = await db.selectFrom('feedbacks').selectAll().where('target_id', '=', target.id).execute();
  const own = feedbacks.find((f) => f.village_code === null) ?? null;
  const today = todayInChina(ctx.now());
  const phase = phaseProblem(round.phase as RoundPhase, FEEDBACK_PHASES, '反馈');
  const villageFeedbacks = new Map(feedbacks.filter((f) => f.village_code).map((f) => [f.village_code!, f.fed_back_on]));
  const summary = groupReportFindings(findings);
  return {
    round: { id: round.id, label: roundLabel(round), phase: round.phase, phaseName: ROUND_PHASES[round.phase as RoundPhase] ?? round.phase },
    target: { id: target.id, kind: target.kind, code: target.code, name: target.name, teamName: a.teamName, feedbackOn: target.feedback_on },
    report: report ? reportActionsNow(await reportOut(db, actor, report), round, feedbacks.length > 0) : null,
    summary: { count: summary.count, amount: summary.amount.toFixed(2), immediate: summary.immediate, groups: summary.groups.map((g) => ({ category: g.category, categoryName: g.categoryName, count: g.count, amount: g.amount.toFixed(2) })) },
    /** The feedback steps in order with what has been recorded and, for the open ones, why they cannot be recorded today. */
    feedback: feedbackSteps(target, target.kind === 'town' ? villages : new Map()).map((s) => {
      const row = feedbacks.find((f) => f.village_code === s.villageCode) ?? null;
      const problems = row
        ? []
        : feedbackProblems({
            target,
            villageCode: s.villageCode,
            fedBackOn: today,
            reportStatus: (report?.status as ReportStatus | undefined) ?? null,
            villages,
            targetFeedbackOn: own?.fed_back_on ?? null,
            villageFeedbacks,
            phaseProblem: phase,
          });
      return { villageCode: s.villageCode, unit: s.unit, feedback: row ? feedbackOut(row, s.unit) : null, problems, approvedFindings: s.villageCode ? findings.filter((f) => f.villageCode === s.villageCode).length : findings.length };
    }),
    villages: [...villages.entries()].map(([code, name]) => ({ code, name, approvedFindings: findings.filter((f) => f.villageCode === code).length })),
    canWrite: actor.permissions.has('reports.write'),
    canApprove: actor.permissions.has('reports.approve'),
  };
}
export type TargetReportDetail = Awaited<ReturnType<typeof targetDetail>>;

export async function getTargetReport(ctx: AppContext, actor: Actor, roundId: string, targetId: string): Promise<TargetReportDetail> {
  const a = await targetForActor(ctx.db, actor, roundId, targetId, 'read');
  return targetDetail(ctx.db, ctx, actor, a);
}

// — 巡察报告 —

function guard(actor: Actor, report: ReportRow, action: ReportAction) {
  const reasons = reportActionProblems(report.status as ReportStatus, action, reportActor(actor));
  if (reasons.length) throw refuse(reasons);
}

async function lockedReport(tx: Tx, targetId: string): Promise<ReportRow | undefined> {
  return tx.selectFrom('round_reports').selectAll().where('target_id', '=', targetId).where('kind', '=', 'inspection').forUpdate().executeTakeFirst();
}

async function mustReport(tx: Tx, a: TargetAccess): Promise<ReportRow> {
  const r = await lockedReport(tx, a.target.id);
  if (!r) throw refuse([`${a.target.name}的巡察报告尚未起草，请先汇总生成报告`]);
  return r;
}

/** Assembles (or re-assembles, while not approved) the target's report from its approved findings. */
export async function assembleReport(ctx: AppContext, actor: Actor, roundId: string, targetId: string): Promise<TargetReportDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await targetForActor(tx, actor, roundId, targetId, 'write');
    requirePhase(a.round, REPORT_PHASES, '起草巡察报告');
    const body = assembleReportSections(a.target.name, await approvedFindings(tx, a.target.id));
    const before = await lockedReport(tx, a.target.id);
    const now = ctx.now();
    let after: ReportRow;
    if (before) {
      guard(actor, before, 'assemble');
      after = await tx
        .updateTable('round_reports')
        .set({ body: JSON.stringify(body), status: reportStatusAfter(before.status as ReportStatus, 'assemble'), heard_on: null, heard_note: '', version: before.version + 1, updated_at: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      after = await tx
        .insertInto('round_reports')
        .values({
          round_id: a.round.id,
          target_id: a.target.id,
          kind: 'inspection',
          title: `关于${roundLabel(a.round)}巡察${a.target.name}党组织情况的报告`,
          body: JSON.stringify(body),
          created_by: actor.userId,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await writeAudit(tx, ctx, actor, { action: before ? 'reassemble' : 'create', entity: 'reports.report', entityId: after.id, scopeCode: a.target.code, before, after });
    return targetDetail(tx, ctx, actor, a);
  });
}

export async function editReport(ctx: AppContext, actor: Actor, roundId: string, targetId: string, input: ReportEditInput): Promise<TargetReportDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await targetForActor(tx, actor, roundId, targetId, 'write');
    requirePhase(a.round, REPORT_PHASES, '修改巡察报告');
    const before = await mustReport(tx, a);
    guard(actor, before, 'edit');
    if (before.version !== input.version) throw new DomainError('CONFLICT', '巡察报告已被他人修改，请刷新后重新编辑');
    const after = await tx
      .updateTable('round_reports')
      .set({ title: input.title, body: JSON.stringify(input.body), version: before.version + 1, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'reports.report', entityId: after.id, scopeCode: a.target.code, before, after });
    return targetDetail(tx, ctx, actor, a);
  });
}

export async function hearReport(ctx: AppContext, actor: Actor, roundId: string, targetId: string, input: HearingInput): Promise<TargetReportDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await targetForActor(tx, actor, roundId, targetId, 'approve');
    requirePhase(a.round, REPORT_PHASES, '登记领导小组听取汇报');
    const before = await mustReport(tx, a);
    guard(actor, before, 'hear');
    const after = await tx
      .updateTable('round_reports')
      .set({ status: reportStatusAfter(before.status as ReportStatus, 'hear'), heard_on: input.heardOn, heard_note: input.note, version: before.version + 1, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'hear', entity: 'reports.report', entityId: after.id, scopeCode: a.target.code, before, after });
    return targetDetail(tx, ctx, actor, a);
  });
}

export async function approveReport(ctx: AppContext, actor: Actor, roundId: string, targetId: string, approvedOn: string): Promise<TargetReportDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await targetForActor(tx, actor, roundId, targetId, 'approve');
    requirePhase(a.round, REPORT_PHASES, '审定巡察报告');
    const before = await mustReport(tx, a);
    guard(actor, before, 'approve');
    if (before.heard_on && approvedOn < before.heard_on) throw refuse([`审定日期（${approvedOn}）不能早于领导小组听取汇报的日期（${before.heard_on}）`]);
    const after = await tx
      .updateTable('round_reports')
      .set({ status: 'approved', approved_on: approvedOn, approved_by: actor.userId, version: before.version + 1, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'approve', entity: 'reports.report', entityId: after.id, scopeCode: a.target.code, before, after });
    return targetDetail(tx, ctx, actor, a);
  });
}

/** The office reopens an approved report with a reason (kept in the audit log); not once feedback has been given on it. */
export async function reopenReport(ctx: AppContext, actor: Actor, roundId: string, targetId: string, reason: string): Promise<TargetReportDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await targetForActor(tx, actor, roundId, targetId, 'approve');
    requirePhase(a.round, REPORT_PHASES, '重新打开巡察报告');
    const before = await mustReport(tx, a);
    const reasons = reportActionProblems(before.status as ReportStatus, 'reopen', reportActor(actor));
    const fed = await tx.selectFrom('feedbacks').select('id').where('target_id', '=', a.target.id).executeTakeFirst();
    if (fed) reasons.push('已按本报告向被巡察党组织反馈，不能重新打开');
    if (reasons.length) throw refuse(reasons);
    const after = await tx
      .updateTable('round_reports')
      .set({ status: 'draft', approved_on: null, approved_by: null, heard_on: null, heard_note: '', version: before.version + 1, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'reopen', entity: 'reports.report', entityId: after.id, scopeCode: a.target.code, before, after: { ...after, reason } });
    return targetDetail(tx, ctx, actor, a);
  });
}

// — feedback —

export async function recordFeedback(ctx: AppContext, actor: Actor, roundId: string, targetId: string, input: FeedbackInput): Promise<TargetReportDetail> {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await targetForActor(tx, actor, roundId, targetId, 'write');
    // serialise feedback on one target: the order rule reads what is already recorded
    await tx.selectFrom('round_targets').select('id').where('id', '=', a.target.id).forUpdate().executeTakeFirst();
    const report = await reportOf(tx, a.target.id);
    const villages = await villagesOf(tx, a.target);
    const existing = await tx.selectFrom('feedbacks').selectAll().where('target_id', '=', a.target.id).execute();
    const reasons = feedbackProblems({
      target: a.target,
      villageCode: input.villageCode,
      fedBackOn: input.fedBackOn,
      reportStatus: (report?.status as ReportStatus | undefined) ?? null,
      villages,
      targetFeedbackOn: existing.find((f) => f.village_code === null)?.fed_back_on ?? null,
      villageFeedbacks: new Map(existing.filter((f) => f.village_code).map((f) => [f.village_code!, f.fed_back_on])),
      phaseProblem: phaseProblem(a.round.phase as RoundPhase, FEEDBACK_PHASES, '登记反馈'),
    });
    if (reasons.length) throw refuse(reasons);
    const now = ctx.now();
    const row = await tx
      .insertInto('feedbacks')
      .values({ round_id: a.round.id, target_id: a.target.id, village_code: input.villageCode, fed_back_on: input.fedBackOn, opinion: input.opinion, attendees: input.attendees, created_by: actor.userId, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.villageCode === null) {
      // planning's 反馈→移交 guard reads the target's feedback date
      await tx.updateTable('round_targets').set({ feedback_on: input.fedBackOn, updated_at: now }).where('id', '=', a.target.id).execute();
    }
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'reports.feedback', entityId: row.id, scopeCode: input.villageCode ?? a.target.code, after: row });
    const fresh = { ...a, target: { ...a.target, feedback_on: input.villageCode === null ? input.fedBackOn : a.target.feedback_on } };
    return targetDetail(tx, ctx, actor, fresh);
  });
}

// — 专题报告 —

async function specialForActor(db: Executor, actor: Actor, id: string, need: 'read' | 'write') {
  const notFound = () => new DomainError('NOT_FOUND', '专题报告不存在或无权查看');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const row = await db.selectFrom('round_reports').selectAll().where('id', '=', id).where('kind', '=', 'special').executeTakeFirst();
  if (!row) throw notFound();
  try {
    const a = await roundForActor(db, actor, row.round_id, need);
    return { row, ...a };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw notFound();
    throw e;
  }
}

export async function listSpecialReports(ctx: AppContext, actor: Actor, roundId: string, page: { page: number; pageSize: number }) {
  const { round } = await roundForActor(ctx.db, actor, roundId, 'read');
  const q = ctx.db.selectFrom('round_reports').where('round_id', '=', round.id).where('kind', '=', 'special');
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('created_at').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  const items = [];
  for (const r of rows) items.push(await reportOut(ctx.db, actor, r));
  return { items, total };
}

export async function createSpecialReport(ctx: AppContext, actor: Actor, roundId: string, input: SpecialReportInput): Promise<ReportOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { round } = await roundForActor(tx, actor, roundId, 'write');
    requirePhase(round, REPORT_PHASES, '撰写专题报告');
    const row = await tx
      .insertInto('round_reports')
      .values({ round_id: round.id, target_id: null, kind: 'special', title: input.title, body: JSON.stringify(input.body), created_by: actor.userId, updated_at: ctx.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'reports.special', entityId: row.id, scopeCode: round.scope_code, after: row });
    return reportOut(tx, actor, row);
  });
}

export async function updateSpecialReport(ctx: AppContext, actor: Actor, id: string, input: SpecialReportInput & { version: number }): Promise<ReportOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { row: before, round } = await specialForActor(tx, actor, id, 'write');
    requirePhase(round, REPORT_PHASES, '修改专题报告');
    if (before.version !== input.version) throw new DomainError('CONFLICT', '专题报告已被他人修改，请刷新后重新编辑');
    const after = await tx
      .updateTable('round_reports')
      .set({ title: input.title, body: JSON.stringify(input.body), version: before.version + 1, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'reports.special', entityId: after.id, scopeCode: round.scope_code, before, after });
    return reportOut(tx, actor, after);
  });
}

export async function deleteSpecialReport(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { row, round } = await specialForActor(tx, actor, id, 'write');
    requirePhase(round, REPORT_PHASES, '删除专题报告');
    await tx.deleteFrom('round_reports').where('id', '=', row.id).execute();
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'reports.special', entityId: row.id, scopeCode: round.scope_code, before: row });
  });
}

export const categoryName = (c: string) => FINDING_CATEGORIES[c as FindingCategory] ?? c;
