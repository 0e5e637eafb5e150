/**
 * 回头看 (re-inspection of rectification), issue 5 point 7. From the rectification state (overdue,
 * sent back, rated unsatisfied by the majority, the town's evaluation graded 差) the office sees the
 * candidate villages, picks some and creates a 回头看 round (or adds them to a round still in 准备):
 * one target per village in mode
 * 'revisit', linked to every rectification item of the village (of the source round, or of every round)
 * and through them the findings. The team of the target, or the office, then records a verdict per
 * linked item; a verdict of 整改不到位 or 虚假整改 reopens a closed item or sends back one under check
 * or sign-off, through the items service, in the same transaction (domain look-back.ts).
 *
 * poor_grade comes from the confirmed effect evaluations (rectification-metrics, 整改成效评估 graded 差):
 * every village of that town with items of the evaluated round.
 *
 * Who sees what (out of scope is 404, like the items): rectification.read users by division scope;
 * team users only what their teams are assigned to (candidates: the items of their targets; 回头看
 * targets: those their team was assigned). Creating needs rectification.manage (the office); a verdict
 * needs the office or a reviewing user of the target's team. Every write has an audit row.
 */
import type { Kysely } from 'kysely';
import { chinaDate } from '../../../domain/leads/deadline';
import { FINDING_CATEGORIES } from '../../../domain/findings/finding';
import { roundLabel } from '../../../domain/planning/requests';
import { ROUND_PHASES, type RoundPhase } from '../../../domain/planning/round';
import { scopeCovers } from '../../../domain/access/roles';
import {
  isOverdue,
  ITEM_STATUSES,
  lookBackCandidates,
  lookBackCreateInput,
  lookBackHistoryText,
  lookBackVerdictInput,
  lookBackVerdictProblems,
  LOOK_BACK_EFFECTS,
  LOOK_BACK_PENDING,
  LOOK_BACK_REASONS,
  LOOK_BACK_VERDICTS,
  lookBackVerdictEffect,
  villageRatings,
  type ItemStatus,
  type LookBackCreateInput,
  type LookBackReason,
  type LookBackVerdict,
  type LookBackVerdictInput,
  type RatingAnswer,
  type RepresentativeCategory,
} from '../../../domain/rectification';
import { DomainError } from '../../../domain/shared/errors';
import type { DB } from '../../db/schema';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { addTarget, createRound, getRound } from '../planning';
import { applyLookBackVerdict, getItem, itemCode } from '../rectification';
import * as repo from './look-back.repository';

const TARGET = 'rectification.look_back';
const LINK = 'rectification.look_back_link';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '回头看对象不存在或无权查看');
const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');

// — who the actor is —

function viewOf(actor: Actor): repo.LookBackView | null {
  if (!actor.permissions.has('rectification.read')) return null;
  if (actor.orgKind === 'team') return { kind: 'team', scope: actor.scopeCode, orgId: actor.orgId };
  if (actor.orgKind === 'auditor') return null;
  return { kind: 'scope', scope: actor.scopeCode };
}

function viewOrNotFound(actor: Actor): repo.LookBackView {
  const v = viewOf(actor);
  if (!v) throw notFound();
  return v;
}

const isOffice = (actor: Actor) => actor.orgKind === 'office' && actor.permissions.has('rectification.manage');
const isTargetTeam = (actor: Actor, t: repo.TargetRow) => actor.orgKind === 'team' && actor.permissions.has('rectification.review') && t.team_org_id === actor.orgId;

/**
 * Planning's use cases open their own transaction; handed a context whose database is our transaction
 * (its `transaction()` runs the callback right there), they join it, so a 回头看 round, its targets and
 * the links commit or roll back together.
 */
function joined(ctx: AppContext, tx: Tx): AppContext {
  const db = new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Tx) => Promise<T>) => fn(tx) });
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...ctx, db: db as unknown as Kysely<DB> };
}

const asList = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : typeof v === 'string' ? (JSON.parse(v) as T[]) : []);
const reasonsOut = (rs: readonly string[]) => rs.map((r) => ({ reason: r as LookBackReason, name: LOOK_BACK_REASONS[r as LookBackReason] ?? r }));
const label = (year: number, number: number) => roundLabel({ year, number });

// — candidates —

interface Computed {
  candidates: ReturnType<typeof lookBackCandidates>;
  rows: repo.CandidateItemRow[];
}

/** The domain's candidates over the items the view sees (and the rating answers on them). */
async function computeCandidates(db: Executor, view: repo.LookBackView, f: { roundId?: string | undefined; townCode?: string | undefined; villageCodes?: readonly string[] }, today: string): Promise<Computed> {
  const rows = await repo.candidateItems(db, view, f);
  const answers = await repo.ratingAnswersOf(
    db,
    rows.map((r) => r.id),
  );
  const ratings = villageRatings(answers.map((a) => ({ itemId: a.item_id, villageId: a.village_code, category: a.category as RepresentativeCategory, answer: a.answer as RatingAnswer })));
  const villageOf = new Map(rows.map((r) => [r.id, r.village_code!]));
  const unsatisfiedItems = ratings.flatMap((v) => v.unsatisfiedItemIds.filter((id) => villageOf.has(id)).map((id) => ({ id, villageId: villageOf.get(id)! })));
  // a town graded 差 puts each of its villages with items of that round on the list
  const poor = await repo.poorGrades(db, view.scope, f.roundId);
  const poorKeys = new Set(poor.map((p) => `${p.round_id}/${p.town_code}`));
  const poorGradeVillageIds = [...new Set(rows.filter((r) => poorKeys.has(`${r.round_id}/${r.town_code}`)).map((r) => r.village_code!))];
  const candidates = lookBackCandidates(
    {
      items: rows.map((r) => ({ id: r.id, villageId: r.village_code, status: r.status as ItemStatus, dueOn: r.due_on })),
      unsatisfiedItems,
      poorGradeVillageIds,
    },
    today,
  );
  return { candidates, rows };
}

export interface CandidateQuery {
  roundId?: string | undefined;
  townCode?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listCandidates(ctx: AppContext, actor: Actor, q: CandidateQuery) {
  const view = viewOrNotFound(actor);
  const today = chinaDate(ctx.now());
  const { candidates, rows } = await computeCandidates(ctx.db, view, { roundId: q.roundId, townCode: q.townCode }, today);
  const total = candidates.length;
  const page = candidates.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const lookBacks = await repo.lookBacksOfVillages(
    ctx.db,
    page.map((c) => c.villageId),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = page.map((c) => {
    const mine = rows.filter((r) => r.village_code === c.villageId);
    const first = mine[0]!;
    return {
      villageCode: c.villageId,
      villageName: first.village_name ?? c.villageId,
      townCode: first.town_code,
      townName: first.town_name ?? first.town_code,
      reasons: reasonsOut(c.reasons),
      /** every item of the village under the filter: the 回头看 target links them all */
      itemCount: mine.length,
      items: c.itemIds.map((id) => {
        const r = byId.get(id)!;
        const status = r.status as ItemStatus;
        return {
          id: r.id,
          code: itemCode(r),
          title: r.finding_title,
          roundLabel: label(r.round_year, r.round_number),
          status,
          statusName: ITEM_STATUSES[status] ?? r.status,
          dueOn: r.due_on,
          overdue: isOverdue({ status, dueOn: r.due_on }, today),
          reasons: reasonsOut(c.itemReasons[id] ?? []),
        };
      }),
      lookBacks: lookBacks
        .filter((l) => l.village_code === c.villageId)
        .map((l) => ({ roundId: l.round_id, roundLabel: label(l.round_year, l.round_number), targetId: l.target_id, pending: Number(l.pending), phaseName: ROUND_PHASES[l.phase as RoundPhase] ?? l.phase })),
    };
  });
  return { items, total };
}

// — creation —

export async function createLookBack(ctx: AppContext, actor: Actor, input: LookBackCreateInput) {
  if (!isOffice(actor)) throw new DomainError('FORBIDDEN', '只有巡察办可以创建回头看');
  const data = lookBackCreateInput.parse(input);
  const view: repo.LookBackView = { kind: 'scope', scope: actor.scopeCode };
  const today = chinaDate(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const inner = joined(ctx, tx);
    if (data.sourceRoundId) {
      const source = await repo.roundById(tx, data.sourceRoundId);
      if (!source || !(scopeCovers(actor.scopeCode, source.scope_code) || scopeCovers(source.scope_code, actor.scopeCode))) throw roundNotFound();
    }
    const { candidates, rows } = await computeCandidates(tx, view, { roundId: data.sourceRoundId ?? undefined, villageCodes: data.villageCodes }, today);
    const chosen = new Map(candidates.map((c) => [c.villageId, c]));
    const missing = data.villageCodes.filter((v) => !chosen.has(v));
    if (missing.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `以下村（社区）不在回头看名单中（或无权办理）：${missing.join('、')}`, [{ path: 'villageCodes', message: '不在回头看名单中' }]);
    }

    let round: { id: string; label: string };
    if (data.round) {
      const created = await createRound(inner, actor, { ...data.round });
      round = { id: created.id, label: created.label };
    } else {
      const existing = await getRound(inner, actor, data.existingRoundId!);
      if (existing.phase !== 'preparation') throw new DomainError('ROUND_LOCKED', `${existing.label}已进入“${existing.phaseName}”阶段，只能把回头看对象加入准备阶段的轮次`);
      round = { id: existing.id, label: existing.label };
    }

    const targets: { targetId: string; villageCode: string; villageName: string; items: number }[] = [];
    for (const villageCode of data.villageCodes) {
      const c = chosen.get(villageCode)!;
      const target = await addTarget(inner, actor, round.id, { kind: 'village', code: villageCode, mode: 'revisit' });
      const mine = rows.filter((r) => r.village_code === villageCode);
      const first = mine[0]!;
      await repo.insertTarget(tx, { targetId: target.id, roundId: round.id, sourceRoundId: data.sourceRoundId, villageCode, townCode: first.town_code, reasons: c.reasons, createdBy: actor.userId, at: ctx.now() });
      const links = mine.map((r) => ({ itemId: r.id, findingId: r.finding_id, reasons: c.itemReasons[r.id] ?? [] }));
      await repo.insertLinks(tx, target.id, links, ctx.now());
      await writeAudit(tx, ctx, actor, {
        action: 'create',
        entity: TARGET,
        entityId: target.id,
        scopeCode: villageCode,
        after: { roundId: round.id, round: round.label, sourceRoundId: data.sourceRoundId, villageCode, reasons: c.reasons, itemIds: links.map((l) => l.itemId) },
      });
      targets.push({ targetId: target.id, villageCode, villageName: first.village_name ?? villageCode, items: links.length });
    }
    return { roundId: round.id, roundLabel: round.label, targets };
  });
}

// — 回头看 targets —

function targetOut(t: repo.TargetRow) {
  const phase = t.round_phase as RoundPhase;
  return {
    targetId: t.target_id,
    roundId: t.round_id,
    roundLabel: label(t.round_year, t.round_number),
    roundTheme: t.round_theme,
    roundPhase: phase,
    roundPhaseName: ROUND_PHASES[phase] ?? t.round_phase,
    startDate: t.start_date,
    endDate: t.end_date,
    sourceRoundId: t.source_round_id,
    sourceRoundLabel: t.source_year !== null && t.source_number !== null ? label(t.source_year, t.source_number) : null,
    villageCode: t.village_code,
    villageName: t.village_name ?? t.village_code,
    townCode: t.town_code,
    townName: t.town_name ?? t.town_code,
    teamName: t.team_name,
    reasons: reasonsOut(asList<string>(t.reasons)),
    counts: { links: Number(t.links), pending: Number(t.pending), in_place: Number(t.in_place), not_in_place: Number(t.not_in_place), fake: Number(t.fake) },
    createdAt: new Date(t.created_at).toISOString(),
  };
}

export async function listTargets(ctx: AppContext, actor: Actor, q: { roundId?: string | undefined; townCode?: string | undefined; page: number; pageSize: number }) {
  const view = viewOrNotFound(actor);
  const { rows, total } = await repo.listTargets(ctx.db, view, q, q.page, q.pageSize);
  return { items: rows.map(targetOut), total };
}

/** 回头看 rounds the caller sees targets of (the page's filter). */
export async function listLookBackRounds(ctx: AppContext, actor: Actor) {
  const view = viewOrNotFound(actor);
  const rows = await repo.lookBackRounds(ctx.db, view);
  const items = rows.map((r) => ({ roundId: r.round_id, roundLabel: label(r.round_year, r.round_number), theme: r.round_theme, targets: Number(r.targets) }));
  return { items, total: items.length };
}

function linkOut(l: repo.LinkRow) {
  const status = l.item_status as ItemStatus;
  const verdict = l.verdict as LookBackVerdict | null;
  return {
    id: l.id,
    targetId: l.target_id,
    roundId: l.round_id,
    roundLabel: label(l.round_year, l.round_number),
    itemId: l.item_id,
    itemCode: itemCode({ round_year: l.item_round_year, round_number: l.item_round_number, number: l.item_number }),
    itemRoundLabel: label(l.item_round_year, l.item_round_number),
    findingId: l.finding_id,
    findingTitle: l.finding_title,
    findingDescription: l.finding_description,
    categoryName: FINDING_CATEGORIES[l.finding_category as keyof typeof FINDING_CATEGORIES] ?? l.finding_category,
    measures: l.item_measures,
    itemStatus: status,
    itemStatusName: ITEM_STATUSES[status] ?? l.item_status,
    dueOn: l.item_due_on,
    closedOn: l.item_closed_on,
    reasons: reasonsOut(asList<string>(l.reasons)),
    verdict,
    verdictName: verdict ? LOOK_BACK_VERDICTS[verdict] : LOOK_BACK_PENDING,
    comment: l.comment,
    itemStatusBefore: l.item_status_before,
    itemStatusAfter: l.item_status_after,
    itemStatusBeforeName: l.item_status_before ? (ITEM_STATUSES[l.item_status_before as ItemStatus] ?? l.item_status_before) : null,
    itemStatusAfterName: l.item_status_after ? (ITEM_STATUSES[l.item_status_after as ItemStatus] ?? l.item_status_after) : null,
    decidedByName: l.decided_by_name || null,
    decidedAt: l.decided_at ? new Date(l.decided_at).toISOString() : null,
    /** what each verdict would do to the item now */
    effects: Object.fromEntries((Object.keys(LOOK_BACK_VERDICTS) as LookBackVerdict[]).map((v) => [v, LOOK_BACK_EFFECTS[lookBackVerdictEffect(v, status)]])) as Record<LookBackVerdict, string>,
  };
}

/** A 回头看 target with its linked original items and findings, their current state and the verdicts. */
export async function getTarget(ctx: AppContext, actor: Actor, targetId: string) {
  const view = viewOrNotFound(actor);
  if (!UUID.test(targetId)) throw notFound();
  const t = await repo.findTarget(ctx.db, view, targetId);
  if (!t) throw notFound();
  const links = await repo.linksOfTarget(ctx.db, targetId);
  return { ...targetOut(t), canRecord: isOffice(actor) || isTargetTeam(actor, t), links: links.map(linkOut) };
}

// — verdicts —

export async function recordVerdict(ctx: AppContext, actor: Actor, linkId: string, input: LookBackVerdictInput) {
  const view = viewOrNotFound(actor);
  const data = lookBackVerdictInput.parse(input);
  if (!UUID.test(linkId)) throw notFound();
  const targetId = await ctx.db.transaction().execute(async (tx) => {
    await repo.lockLink(tx, linkId);
    const link = await repo.findLink(tx, linkId);
    if (!link) throw notFound();
    const t = await repo.findTarget(tx, view, link.target_id);
    if (!t) throw notFound();
    const who = { isOffice: isOffice(actor), isTargetTeam: isTargetTeam(actor, t) };
    if (!who.isOffice && !who.isTargetTeam) throw new DomainError('FORBIDDEN', lookBackVerdictProblems(link as { verdict: null }, who, data.verdict, data.comment)[0]);
    const problems = lookBackVerdictProblems({ verdict: link.verdict as LookBackVerdict | null }, who, data.verdict, data.comment);
    if (problems.length > 0) throw new DomainError(link.verdict ? 'CONFLICT' : 'VALIDATION_FAILED', problems.join('；'), link.verdict ? { reasons: problems } : [{ path: 'comment', message: problems[0]! }]);
    const text = lookBackHistoryText(data.verdict, label(t.round_year, t.round_number), data.comment);
    const moved = await applyLookBackVerdict(ctx, tx, actor, link.item_id, { verdict: data.verdict, text });
    const at = ctx.now();
    await repo.recordVerdict(tx, linkId, { verdict: data.verdict, comment: data.comment, before: moved.from, after: moved.to, byId: actor.userId, byName: actor.displayName, at });
    await writeAudit(tx, ctx, actor, {
      action: 'verdict',
      entity: LINK,
      entityId: linkId,
      scopeCode: t.village_code,
      before: { verdict: null, itemStatus: moved.from },
      after: { verdict: data.verdict, comment: data.comment, itemId: link.item_id, itemStatus: moved.to },
    });
    return t.target_id;
  });
  return getTarget(ctx, actor, targetId);
}

/** The 回头看 links of an item the caller may see (the item page's section). */
export async function itemLookBacks(ctx: AppContext, actor: Actor, itemId: string) {
  await getItem(ctx, actor, itemId); // 404 unless the caller sees the item
  const links = await repo.linksOfItem(ctx.db, itemId);
  const items = links.map(linkOut);
  return { items, total: items.length };
}
