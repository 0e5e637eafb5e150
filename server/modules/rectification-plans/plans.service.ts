/**
 * The town's 整改方案 per round with the joint review by 巡察办, 纪委监委 and 组织部 (domain/rectification/plan.ts),
 * the 整改情况报告 due N months after the town's feedback (a setting of the office), and the town's
 * feedback to each of its villages (镇再向村反馈).
 *
 * Access: whoever holds rectification.read sees the round's towns inside their scope (a town user its
 * own town, a village user its town with only its own village's feedback, a team the towns of its
 * targets); anything else is 404. Writing the plan, the report and the village feedback is the town's
 * (its own town only); reviewing is the office's (with rectification.review) and the discipline and
 * organisation departments', each for its own kind. Every write: one transaction, an audit row.
 */
import { z } from 'zod';
import { scopeCovers } from '../../../domain/access/roles';
import { chinaDate } from '../../../domain/leads/deadline';
import {
  DEFAULT_REPORT_MONTHS,
  PLAN_ACTION_LIST,
  PLAN_REVIEWER_LIST,
  PLAN_REVIEWERS,
  PLAN_STATUSES,
  REPORT_FLAGS,
  pendingPlanReviewers,
  planMove,
  planSettingsInput,
  reportDeadline,
  type PlanAction,
  type PlanActor,
  type PlanReview,
  type PlanReviewer,
  type PlanSettings,
  type PlanStatus,
} from '../../../domain/rectification/plan';
import type { PlanReviewInput, RectificationReportInput } from '../../../domain/rectification/inputs';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { attachmentsOf, deleteAttachment, loadAttachment, storeFile, type AttachmentOut, type StoredFile } from '../files';
import { actsAsTeam } from '../inspections';
import * as repo from './plans.repository';

export const PLAN_OWNER = 'rectification_plan';
export const TOWN_REPORT_OWNER = 'rectification_town_report';
export const SETTING_KEY = 'rectification_report_months';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOWN = /^\d{9}$/;
const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
const townNotFound = () => new DomainError('NOT_FOUND', '该镇（街道）不是本轮巡察对象或无权查看');
const refuse = (reasons: string[], code: 'RECTIFICATION_PLAN_TRANSITION_NOT_ALLOWED' | 'VALIDATION_FAILED' | 'CONFLICT' = 'RECTIFICATION_PLAN_TRANSITION_NOT_ALLOWED') =>
  new DomainError(code, reasons.length === 1 ? reasons[0]! : `有 ${reasons.length} 项不符合要求：${reasons.join('；')}`, { reasons });

export const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;

/** The reviewing body a user acts for: the office's reviewers, and the discipline and organisation departments. */
export function reviewerOf(actor: Actor): PlanReviewer | null {
  if (actor.orgKind === 'office') return actor.permissions.has('rectification.review') ? 'office' : null;
  if (actor.orgKind === 'discipline') return 'discipline';
  if (actor.orgKind === 'organization') return 'organization';
  return null;
}

/** Departments read rectification items (they sign off in their field), not the towns' plans. */
const readsPlans = (actor: Actor) => actor.permissions.has('rectification.read') && actor.orgKind !== 'department' && actor.orgKind !== 'auditor';
const isTownOf = (actor: Actor, townCode: string) => actor.orgKind === 'town' && actor.permissions.has('rectification.report') && actor.scopeCode === townCode;
/** Sees a code: inside the actor's scope, or (a village user) the town above it. */
const sees = (actor: Actor, code: string) => scopeCovers(actor.scopeCode, code) || scopeCovers(code, actor.scopeCode);

// — the setting —

export async function reportMonths(db: Executor): Promise<number> {
  const parsed = planSettingsInput.safeParse({ reportMonths: await repo.readSetting(db, SETTING_KEY) });
  return parsed.success ? parsed.data.reportMonths : DEFAULT_REPORT_MONTHS;
}

export async function getPlanSettings(ctx: AppContext, actor: Actor): Promise<PlanSettings> {
  if (!readsPlans(actor)) throw new DomainError('NOT_FOUND', '记录不存在或无权查看');
  return { reportMonths: await reportMonths(ctx.db) };
}

export async function updatePlanSettings(ctx: AppContext, actor: Actor, input: PlanSettings): Promise<PlanSettings> {
  if (actor.orgKind !== 'office' || !actor.permissions.has('rectification.manage')) throw new DomainError('FORBIDDEN', '只有巡察办可以设置整改情况报告期限');
  const body = planSettingsInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await reportMonths(tx);
    await repo.writeSetting(tx, SETTING_KEY, body.reportMonths);
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'rectification.plan_settings', entityId: SETTING_KEY, scopeCode: actor.scopeCode, before: { reportMonths: before }, after: body });
    return body;
  });
}

// — the round and its towns —

interface TownFacts {
  code: string;
  name: string;
  /** The town's feedback date: its town target's, else the first of its village targets'; null before. */
  feedbackOn: string | null;
  villages: string[];
  teamIds: string[];
}

interface RoundAccess {
  round: repo.RoundRow;
  towns: TownFacts[];
}

/** The round (404 outside the actor's scope) and the towns of its targets the actor may see, by code. */
async function roundForActor(db: Executor, actor: Actor, roundId: string): Promise<RoundAccess> {
  if (!readsPlans(actor) || !UUID.test(roundId)) throw roundNotFound();
  const round = await repo.findRound(db, roundId);
  if (!round || !sees(actor, round.scope_code)) throw roundNotFound();
  let teamIds: string[] | null = null;
  if (actsAsTeam(actor)) {
    teamIds = (await repo.teamIdsOf(db, round.id, actor.orgId)).map((t) => t.id);
    if (teamIds.length === 0) throw roundNotFound();
  }
  const targets = await repo.roundTargets(db, round.id);
  const villages = await repo.roundVillages(db, round.id);
  const byTown = new Map<string, { town: string | null; first: string | null; villages: Set<string>; teams: Set<string> }>();
  const entry = (code: string) => {
    let e = byTown.get(code);
    if (!e) byTown.set(code, (e = { town: null, first: null, villages: new Set(), teams: new Set() }));
    return e;
  };
  for (const t of targets) {
    const code = t.kind === 'town' ? t.code : t.town_code;
    if (!code) continue;
    const e = entry(code);
    if (t.team_id) e.teams.add(t.team_id);
    if (t.kind === 'town') e.town = t.feedback_on ?? null;
    else if (t.feedback_on && (!e.first || t.feedback_on < e.first)) e.first = t.feedback_on;
    if (t.kind === 'village') e.villages.add(t.code);
  }
  for (const v of villages) byTown.get(v.town_code)?.villages.add(v.village_code);
  const hasTownTarget = new Set(targets.filter((t) => t.kind === 'town').map((t) => t.code));
  let codes = [...byTown.keys()].filter((c) => sees(actor, c)).sort();
  if (teamIds) codes = codes.filter((c) => [...byTown.get(c)!.teams].some((id) => teamIds.includes(id)));
  const names = await repo.divisionNames(db, codes);
  const towns = codes.map((code) => {
    const e = byTown.get(code)!;
    return { code, name: names.get(code) ?? code, feedbackOn: hasTownTarget.has(code) ? e.town : e.first, villages: [...e.villages].sort(), teamIds: [...e.teams] };
  });
  if (!sees(actor, round.scope_code) || (towns.length === 0 && !scopeCovers(actor.scopeCode, round.scope_code))) throw roundNotFound();
  return { round, towns };
}

async function townForActor(db: Executor, actor: Actor, roundId: string, townCode: string): Promise<RoundAccess & { town: TownFacts }> {
  const a = await roundForActor(db, actor, roundId);
  const town = TOWN.test(townCode) ? a.towns.find((t) => t.code === townCode) : undefined;
  if (!town) throw townNotFound();
  return { ...a, town };
}

// — rows out —

const planActor = (actor: Actor, townCode: string): PlanActor => ({ isTown: isTownOf(actor, townCode), reviewer: reviewerOf(actor) });
const currentReviews = (plan: repo.PlanRow | undefined, reviews: repo.PlanReviewRow[]): PlanReview[] =>
  plan ? reviews.filter((r) => r.plan_id === plan.id && r.submission_no === plan.submission_no).map((r) => ({ reviewer: r.reviewer as PlanReviewer, decision: r.decision as PlanReview['decision'], comment: r.comment })) : [];

/** Reviews in a stable order: newest submission first, then the parties as listed (timestamps may tie). */
const byParty = (a: repo.PlanReviewRow, b: repo.PlanReviewRow) =>
  b.submission_no - a.submission_no || PLAN_REVIEWER_LIST.indexOf(a.reviewer as PlanReviewer) - PLAN_REVIEWER_LIST.indexOf(b.reviewer as PlanReviewer);

const reviewOut = (r: repo.PlanReviewRow) => ({
  id: r.id,
  submissionNo: r.submission_no,
  reviewer: r.reviewer as PlanReviewer,
  reviewerName: PLAN_REVIEWERS[r.reviewer as PlanReviewer] ?? r.reviewer,
  decision: r.decision as 'accepted' | 'returned',
  decisionName: r.decision === 'accepted' ? '通过' : '退回修改',
  comment: r.comment,
  actorName: r.actor_name,
  at: new Date(r.at).toISOString(),
});

/** Why the town cannot write its plan, report or village feedback yet (before the town's own feedback). */
const feedbackMissing = (town: TownFacts) => (town.feedbackOn ? null : `巡察组尚未向${town.name}反馈，反馈登记后才能制定整改方案、报送整改情况报告和向村反馈`);

function planSummary(actor: Actor, town: TownFacts, plan: repo.PlanRow | undefined, reviews: repo.PlanReviewRow[], hasContent: boolean) {
  const status: PlanStatus = (plan?.status as PlanStatus | undefined) ?? 'drafting';
  const current = currentReviews(plan, reviews);
  const who = planActor(actor, town.code);
  const blocked = feedbackMissing(town);
  const actions = PLAN_ACTION_LIST.filter((action: PlanAction) => {
    if ((action === 'edit' || action === 'submit') && blocked) return false;
    if (action !== 'edit' && action !== 'submit' && !plan) return false;
    return planMove(status, action, who, { reviews: current, comment: 'x', hasContent: action === 'submit' ? hasContent : true }).ok;
  });
  return {
    exists: Boolean(plan),
    status,
    statusName: PLAN_STATUSES[status],
    submissionNo: plan?.submission_no ?? 0,
    submittedOn: plan?.submitted_on ?? null,
    acceptedOn: plan?.accepted_on ?? null,
    version: plan?.version ?? 0,
    /** decisions on the current submission */
    reviews: plan ? reviews.filter((r) => r.plan_id === plan.id && r.submission_no === plan.submission_no).sort(byParty).map(reviewOut) : [],
    pending: status === 'submitted' ? pendingPlanReviewers(current).map((r) => ({ reviewer: r, reviewerName: PLAN_REVIEWERS[r] })) : [],
    actions,
    /** the party the caller reviews for, if any */
    reviewerAs: who.reviewer,
  };
}

function reportSummary(town: TownFacts, report: repo.TownReportRow | undefined, today: string, months: number) {
  const d = reportDeadline({ feedbackOn: town.feedbackOn, submittedOn: report?.submitted_on ?? null }, today, months);
  return d ? { dueOn: d.dueOn, daysLeft: d.daysLeft, flag: d.flag, flagName: REPORT_FLAGS[d.flag], submittedOn: report?.submitted_on ?? null } : null;
}

// — reading —

export async function listPlanRounds(ctx: AppContext, actor: Actor, page: { page: number; pageSize: number }) {
  if (!readsPlans(actor)) return { items: [], total: 0 };
  const { rows, total } = await repo.listRounds(ctx.db, actor.scopeCode, actsAsTeam(actor) ? actor.orgId : null, page);
  return { items: rows.map((r) => ({ id: r.id, label: roundLabel(r), year: r.year, number: r.number, phase: r.phase })), total };
}

export async function listTowns(ctx: AppContext, actor: Actor, roundId: string, page: { page: number; pageSize: number }) {
  const { round, towns } = await roundForActor(ctx.db, actor, roundId);
  const months = await reportMonths(ctx.db);
  const today = chinaDate(ctx.now());
  const shown = towns.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  const plans = await repo.plansOfRound(ctx.db, round.id);
  const reviews = await repo.reviewsOf(ctx.db, plans.map((p) => p.id));
  const files = await attachmentsOf(ctx.db, PLAN_OWNER, plans.map((p) => p.id));
  const reports = await repo.reportsOfRound(ctx.db, round.id);
  const feedbacks = await repo.villageFeedbacksOfRound(ctx.db, round.id);
  return {
    round: { id: round.id, label: roundLabel(round), phase: round.phase },
    reportMonths: months,
    items: shown.map((town) => {
      const plan = plans.find((p) => p.town_code === town.code);
      const hasContent = Boolean(plan && (plan.content.trim() || (files.get(plan.id)?.length ?? 0) > 0));
      return {
        townCode: town.code,
        townName: town.name,
        feedbackOn: town.feedbackOn,
        plan: planSummary(actor, town, plan, reviews, hasContent),
        report: reportSummary(town, reports.find((r) => r.town_code === town.code), today, months),
        villages: { total: town.villages.length, fedBack: feedbacks.filter((f) => f.town_code === town.code).length },
        /** the caller is this town and may work on it (after the team's feedback) */
        townWorks: isTownOf(actor, town.code) && !feedbackMissing(town),
      };
    }),
    total: towns.length,
  };
}

export async function getTown(ctx: AppContext, actor: Actor, roundId: string, townCode: string) {
  const { round, town } = await townForActor(ctx.db, actor, roundId, townCode);
  return townDetail(ctx, ctx.db, actor, round, town);
}

async function townDetail(ctx: AppContext, db: Executor, actor: Actor, round: repo.RoundRow, town: TownFacts) {
  const months = await reportMonths(db);
  const today = chinaDate(ctx.now());
  const plan = await repo.findPlan(db, round.id, town.code);
  const reviews = plan ? await repo.reviewsOf(db, [plan.id]) : [];
  const planFiles = plan ? ((await attachmentsOf(db, PLAN_OWNER, [plan.id])).get(plan.id) ?? []) : [];
  const report = await repo.findReport(db, round.id, town.code);
  const reportFiles = report ? ((await attachmentsOf(db, TOWN_REPORT_OWNER, [report.id])).get(report.id) ?? []) : [];
  const feedbacks = (await repo.villageFeedbacksOfRound(db, round.id)).filter((f) => f.town_code === town.code);
  const names = await repo.divisionNames(db, town.villages);
  const isTown = isTownOf(actor, town.code);
  const blocked = feedbackMissing(town);
  const summary = planSummary(actor, town, plan, reviews, Boolean(plan && (plan.content.trim() || planFiles.length > 0)));
  // a village user sees the town's plan and report, and of the village feedback only its own
  const villages = town.villages.filter((v) => scopeCovers(actor.scopeCode, v));
  const reportProblems = [blocked, summary.status === 'accepted' ? null : '整改方案联审通过后才能报送整改情况报告'].filter((x): x is string => Boolean(x));
  return {
    round: { id: round.id, label: roundLabel(round), phase: round.phase },
    townCode: town.code,
    townName: town.name,
    feedbackOn: town.feedbackOn,
    reportMonths: months,
    blocked,
    plan: {
      ...summary,
      content: plan?.content ?? '',
      attachments: planFiles,
      /** every decision, newest submission first */
      history: [...reviews].sort(byParty).map(reviewOut),
    },
    report: {
      deadline: reportSummary(town, report, today, months),
      submitted: report
        ? { submittedOn: report.submitted_on, content: report.content, leaderImplementation: report.leader_implementation, updatedAt: new Date(report.updated_at).toISOString(), attachments: reportFiles }
        : null,
      canSubmit: isTown && reportProblems.length === 0,
      problems: isTown ? reportProblems : [],
    },
    villages: villages.map((code) => {
      const f = feedbacks.find((x) => x.village_code === code);
      return {
        villageCode: code,
        villageName: names.get(code) ?? code,
        feedback: f ? { fedBackOn: f.fed_back_on, attendees: f.attendees, content: f.content, updatedAt: new Date(f.updated_at).toISOString() } : null,
      };
    }),
    canRecordVillageFeedback: isTown && !blocked,
  };
}
export type TownDetail = Awaited<ReturnType<typeof townDetail>>;

// — the plan —

async function townWrite(tx: Tx, actor: Actor, roundId: string, townCode: string) {
  const a = await townForActor(tx, actor, roundId, townCode);
  if (!isTownOf(actor, a.town.code)) throw new DomainError('FORBIDDEN', '只有本镇（街道）可以办理本镇的整改方案、整改情况报告和向村反馈');
  const blocked = feedbackMissing(a.town);
  if (blocked) throw refuse([blocked]);
  return a;
}

async function editablePlan(tx: Tx, ctx: AppContext, actor: Actor, round: repo.RoundRow, town: TownFacts, content: string | null) {
  const plan = await repo.findPlan(tx, round.id, town.code, true);
  const move = planMove((plan?.status as PlanStatus | undefined) ?? 'drafting', 'edit', planActor(actor, town.code));
  if (!move.ok) throw refuse(move.reasons);
  if (plan) return content === null ? plan : repo.updatePlan(tx, plan.id, { content, updated_at: ctx.now() });
  return repo.insertPlan(tx, { round_id: round.id, town_code: town.code, content: content ?? '', created_by: actor.userId, updated_at: ctx.now() });
}

export const planEditInput = z.object({ content: z.string({ message: '整改方案应为文字' }).trim().max(20000, '整改方案不超过 20000 字') }, { message: '提交的内容格式不正确' });

export async function savePlan(ctx: AppContext, actor: Actor, roundId: string, townCode: string, input: z.output<typeof planEditInput>) {
  const body = planEditInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townWrite(tx, actor, roundId, townCode);
    const before = await repo.findPlan(tx, round.id, town.code);
    const plan = await editablePlan(tx, ctx, actor, round, town, body.content);
    await writeAudit(tx, ctx, actor, { action: before ? 'update' : 'create', entity: 'rectification.plan', entityId: plan.id, scopeCode: town.code, before: before ?? undefined, after: plan });
    return townDetail(ctx, tx, actor, round, town);
  });
}

/** Refuses an upload before the body is read. */
export async function checkPlanUpload(ctx: AppContext, actor: Actor, roundId: string, townCode: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townWrite(tx, actor, roundId, townCode);
    const plan = await repo.findPlan(tx, round.id, town.code);
    const move = planMove((plan?.status as PlanStatus | undefined) ?? 'drafting', 'edit', planActor(actor, town.code));
    if (!move.ok) throw refuse(move.reasons);
  });
}

export async function addPlanAttachment(ctx: AppContext, actor: Actor, roundId: string, townCode: string, file: { buffer: Buffer; fileName: string }): Promise<AttachmentOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townWrite(tx, actor, roundId, townCode);
    const existed = await repo.findPlan(tx, round.id, town.code);
    const plan = await editablePlan(tx, ctx, actor, round, town, null);
    if (!existed) await writeAudit(tx, ctx, actor, { action: 'create', entity: 'rectification.plan', entityId: plan.id, scopeCode: town.code, after: plan });
    return storeFile(tx, ctx, actor, file, { ownerKind: PLAN_OWNER, ownerId: plan.id, scopeCode: town.code });
  });
}

export async function deletePlanAttachment(ctx: AppContext, actor: Actor, roundId: string, townCode: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townWrite(tx, actor, roundId, townCode);
    const plan = await repo.findPlan(tx, round.id, town.code, true);
    if (!plan) throw new DomainError('NOT_FOUND', '附件不存在');
    const move = planMove(plan.status as PlanStatus, 'edit', planActor(actor, town.code));
    if (!move.ok) throw refuse(move.reasons);
    await deleteAttachment(tx, ctx, actor, attachmentId, { ownerKind: PLAN_OWNER, ownerId: plan.id, scopeCode: town.code });
  });
}

export async function submitPlan(ctx: AppContext, actor: Actor, roundId: string, townCode: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townWrite(tx, actor, roundId, townCode);
    const plan = await repo.findPlan(tx, round.id, town.code, true);
    const files = plan ? ((await attachmentsOf(tx, PLAN_OWNER, [plan.id])).get(plan.id) ?? []) : [];
    const move = planMove((plan?.status as PlanStatus | undefined) ?? 'drafting', 'submit', planActor(actor, town.code), { hasContent: Boolean(plan && (plan.content.trim() || files.length > 0)) });
    if (!move.ok || !plan) throw refuse(move.ok ? ['整改方案内容为空，请填写或上传后再报送'] : move.reasons);
    const after = await repo.updatePlan(tx, plan.id, { status: move.to, submission_no: plan.submission_no + 1, submitted_on: chinaDate(ctx.now()), updated_at: ctx.now() });
    await writeAudit(tx, ctx, actor, { action: 'submit', entity: 'rectification.plan', entityId: plan.id, scopeCode: town.code, before: plan, after });
    return townDetail(ctx, tx, actor, round, town);
  });
}

export async function reviewPlan(ctx: AppContext, actor: Actor, roundId: string, townCode: string, input: PlanReviewInput) {
  return ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townForActor(tx, actor, roundId, townCode);
    const reviewer = reviewerOf(actor);
    if (!reviewer) throw new DomainError('FORBIDDEN', '只有巡察办、纪委监委、组织部可以联审整改方案');
    const plan = await repo.findPlan(tx, round.id, town.code, true);
    if (!plan) throw refuse([`${town.name}尚未报送整改方案`]);
    const reviews = currentReviews(plan, await repo.reviewsOf(tx, [plan.id]));
    const action = input.decision === 'accepted' ? 'accept' : 'return';
    const move = planMove(plan.status as PlanStatus, action, { isTown: false, reviewer }, { reviews, comment: input.comment });
    if (!move.ok) throw refuse(move.reasons);
    const review = await repo.insertReview(tx, {
      plan_id: plan.id,
      submission_no: plan.submission_no,
      reviewer,
      decision: input.decision,
      comment: input.comment,
      actor_id: actor.userId,
      actor_name: `${actor.displayName}（${actor.orgName}）`,
      at: ctx.now(),
    });
    const after = move.to === plan.status ? plan : await repo.updatePlan(tx, plan.id, { status: move.to, accepted_on: move.to === 'accepted' ? chinaDate(ctx.now()) : null, updated_at: ctx.now() });
    await writeAudit(tx, ctx, actor, { action: action === 'accept' ? 'accept' : 'return', entity: 'rectification.plan_review', entityId: review.id, scopeCode: town.code, before: { status: plan.status }, after: { ...review, status: after.status } });
    return townDetail(ctx, tx, actor, round, town);
  });
}

// — the 整改情况报告 —

async function reportWrite(tx: Tx, actor: Actor, roundId: string, townCode: string) {
  const a = await townWrite(tx, actor, roundId, townCode);
  const plan = await repo.findPlan(tx, a.round.id, a.town.code);
  if (plan?.status !== 'accepted') throw refuse(['整改方案联审通过后才能报送整改情况报告']);
  return a;
}

export async function submitTownReport(ctx: AppContext, actor: Actor, roundId: string, townCode: string, input: RectificationReportInput) {
  return ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await reportWrite(tx, actor, roundId, townCode);
    const today = chinaDate(ctx.now());
    if (input.submittedOn > today) throw refuse(['报送日期不能晚于今天'], 'VALIDATION_FAILED');
    if (town.feedbackOn && input.submittedOn < town.feedbackOn) throw refuse([`报送日期不能早于反馈日期 ${town.feedbackOn}`], 'VALIDATION_FAILED');
    const before = await repo.findReport(tx, round.id, town.code);
    const row = await repo.upsertReport(tx, {
      round_id: round.id,
      town_code: town.code,
      submitted_on: input.submittedOn,
      content: input.content,
      leader_implementation: input.leaderImplementation,
      created_by: actor.userId,
      updated_at: ctx.now(),
    });
    await writeAudit(tx, ctx, actor, { action: before ? 'update' : 'create', entity: 'rectification.town_report', entityId: row.id, scopeCode: town.code, before: before ?? undefined, after: row });
    return townDetail(ctx, tx, actor, round, town);
  });
}

async function reportForUpload(tx: Tx, actor: Actor, roundId: string, townCode: string) {
  const { round, town } = await reportWrite(tx, actor, roundId, townCode);
  const report = await repo.findReport(tx, round.id, town.code);
  if (!report) throw refuse(['请先报送整改情况报告，再上传附件']);
  return { town, report };
}

export async function checkReportUpload(ctx: AppContext, actor: Actor, roundId: string, townCode: string): Promise<void> {
  await ctx.db.transaction().execute((tx) => reportForUpload(tx, actor, roundId, townCode));
}

export async function addReportAttachment(ctx: AppContext, actor: Actor, roundId: string, townCode: string, file: { buffer: Buffer; fileName: string }): Promise<AttachmentOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { town, report } = await reportForUpload(tx, actor, roundId, townCode);
    return storeFile(tx, ctx, actor, file, { ownerKind: TOWN_REPORT_OWNER, ownerId: report.id, scopeCode: town.code });
  });
}

export async function deleteReportAttachment(ctx: AppContext, actor: Actor, roundId: string, townCode: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { town, report } = await reportForUpload(tx, actor, roundId, townCode);
    await deleteAttachment(tx, ctx, actor, attachmentId, { ownerKind: TOWN_REPORT_OWNER, ownerId: report.id, scopeCode: town.code });
  });
}

// — the town's feedback to its villages —

export const villageFeedbackEdit = z.object(
  {
    feedbackOn: z.string({ message: '请填写反馈日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '反馈日期格式应为 YYYY-MM-DD'),
    attendees: z.string({ message: '参会人员应为文字' }).trim().max(500, '参会人员不超过 500 字').default(''),
    content: z.string({ message: '反馈情况应为文字' }).trim().min(1, '请填写反馈情况').max(5000, '反馈情况不超过 5000 字'),
  },
  { message: '提交的内容格式不正确' },
);
export type VillageFeedbackEdit = z.output<typeof villageFeedbackEdit>;

export async function recordVillageFeedback(ctx: AppContext, actor: Actor, roundId: string, townCode: string, villageCode: string, input: VillageFeedbackEdit) {
  const body = villageFeedbackEdit.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const { round, town } = await townWrite(tx, actor, roundId, townCode);
    if (!town.villages.includes(villageCode)) throw new DomainError('NOT_FOUND', `该村（社区）不是本轮在${town.name}的巡察对象`);
    const problems: string[] = [];
    if (body.feedbackOn > chinaDate(ctx.now())) problems.push('反馈日期不能晚于今天');
    if (town.feedbackOn && body.feedbackOn < town.feedbackOn) problems.push(`镇向村反馈不能早于巡察组向镇反馈的日期 ${town.feedbackOn}`);
    if (problems.length > 0) throw refuse(problems, 'VALIDATION_FAILED');
    const before = await repo.findVillageFeedback(tx, round.id, villageCode);
    const row = await repo.upsertVillageFeedback(tx, {
      round_id: round.id,
      town_code: town.code,
      village_code: villageCode,
      fed_back_on: body.feedbackOn,
      attendees: body.attendees,
      content: body.content,
      created_by: actor.userId,
      updated_at: ctx.now(),
    });
    await writeAudit(tx, ctx, actor, { action: before ? 'update' : 'create', entity: 'rectification.village_feedback', entityId: row.id, scopeCode: villageCode, before: before ?? undefined, after: row });
    return townDetail(ctx, tx, actor, round, town);
  });
}

// — files —

/** A plan's or report's attachment for a caller who may see the town; 404 otherwise. */
export async function planFile(ctx: AppContext, actor: Actor, attachmentId: string): Promise<StoredFile> {
  const notFound = new DomainError('NOT_FOUND', '附件不存在或无权查看');
  const file = await loadAttachment(ctx.db, attachmentId);
  if (!file) throw notFound;
  const owner = file.ownerKind === PLAN_OWNER ? await repo.findPlanById(ctx.db, file.ownerId) : file.ownerKind === TOWN_REPORT_OWNER ? await repo.findReportById(ctx.db, file.ownerId) : undefined;
  if (!owner) throw notFound;
  try {
    await townForActor(ctx.db, actor, owner.round_id, owner.town_code);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw notFound;
    throw e;
  }
  return file;
}
