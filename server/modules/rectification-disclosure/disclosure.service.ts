/**
 * 整改情况公开 (issue 5 point 9). The office (rectification.manage in an office organisation) marks items
 * exempt with one of the five reasons (and removes a mark with a reason), previews exactly what the
 * public page will show, and approves it: the approval carries the hash of the previewed content, and
 * the server stores that content as a frozen snapshot — the public page and its JSON read only the
 * snapshot, so a later edit reaches the public only through a new approval. Withdrawing hides the page
 * (404) until the office approves it again; the slug stays, so printed links keep working.
 *
 * What is public (domain buildDisclosureSnapshot): closed, non-exempt items of the round by town and
 * village — the finding's title, category, kind, the measures as written with the names of the item's
 * responsible leader, handler and the place's registered cadres masked, the result and closing date.
 * Never the finding's description, evidence, people or reporters.
 *
 * Who sees what: rectification.read users see the round's items in their view (a town its own, a team
 * its targets') with publishable yes/no and why, and the disclosure's state and public link; only the
 * office writes and previews. Every write is one transaction with an audit row.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { FINDING_CATEGORIES, type FindingCategory } from '../../../domain/findings/finding';
import {
  buildDisclosureSnapshot,
  DISCLOSURE_STATUSES,
  disclosureProblems,
  disclosurePublishInput,
  disclosureWithdrawInput,
  EXEMPTION_REASONS,
  exemptionInput,
  exemptionRemoveInput,
  ITEM_KINDS,
  ITEM_STATUSES,
  type DisclosureSnapshot,
  type DisclosureStatus,
  type ExemptionInput,
  type ExemptionReason,
  type ItemKind,
  type ItemStatus,
} from '../../../domain/rectification';
import { scopeCovers } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import * as repo from './disclosure.repository';

const DISCLOSURE = 'rectification.disclosure';
const EXEMPTION = 'rectification.exemption';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DISCLOSURE_PAGE_PREFIX = '/p/disclosure/';
const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
const itemNotFound = () => new DomainError('NOT_FOUND', '整改事项不存在或无权查看');
export const pageNotFound = () => new DomainError('NOT_FOUND', '该整改情况公开页面不存在或已撤回');

// — who the actor is to disclosure —

function viewOf(actor: Actor): repo.DisclosureView | null {
  if (!actor.permissions.has('rectification.read') || actor.orgKind === 'auditor') return null;
  if (actor.orgKind === 'team') return { kind: 'team', scope: actor.scopeCode, orgId: actor.orgId };
  return { kind: 'scope', scope: actor.scopeCode };
}

const canManage = (actor: Actor) => actor.orgKind === 'office' && actor.permissions.has('rectification.manage');

/** The round, when the actor's scope and the round's overlap (a town reads its county's round). */
async function roundFor(db: Executor, actor: Actor, roundId: string): Promise<repo.RoundRow> {
  if (!viewOf(actor) || !UUID.test(roundId)) throw roundNotFound();
  const round = await repo.roundById(db, roundId);
  if (!round || !(scopeCovers(actor.scopeCode, round.scope_code) || scopeCovers(round.scope_code, actor.scopeCode))) throw roundNotFound();
  return round;
}

/** The round for the office: its scope must cover the whole round, since the page covers the whole round. */
async function managedRound(db: Executor, actor: Actor, roundId: string, what: string): Promise<repo.RoundRow> {
  const round = await roundFor(db, actor, roundId);
  if (!canManage(actor) || !scopeCovers(actor.scopeCode, round.scope_code)) throw new DomainError('FORBIDDEN', `只有巡察办可以${what}`);
  return round;
}

// — rows out —

const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;
const itemCode = (r: { round_year: number; round_number: number; number: number }) => `ZG-${r.round_year}-${r.round_number}-${String(r.number).padStart(3, '0')}`;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface CandidateOut {
  id: string;
  code: string;
  townCode: string;
  townName: string;
  villageCode: string | null;
  place: string;
  problem: string;
  status: ItemStatus;
  statusName: string;
  closedOn: string | null;
  publishable: boolean;
  /** why the item stays off the page (the domain's reasons); empty when publishable */
  problems: string[];
  exemption: { reason: ExemptionReason; reasonName: string; note: string; byName: string; at: string } | null;
}

function candidateOut(r: repo.ItemRow): CandidateOut {
  const status = r.status as ItemStatus;
  const exemption = r.exemption_reason as ExemptionReason | null;
  const problems = disclosureProblems({ status, exemption });
  const townName = r.town_name ?? r.town_code;
  return {
    id: r.id,
    code: itemCode(r),
    townCode: r.town_code,
    townName,
    villageCode: r.village_code,
    place: r.village_code ? `${townName}${r.village_name ?? r.village_code}` : `${townName}（镇本级）`,
    problem: r.finding_title,
    status,
    statusName: ITEM_STATUSES[status] ?? r.status,
    closedOn: r.closed_on,
    publishable: problems.length === 0,
    problems,
    exemption: exemption
      ? { reason: exemption, reasonName: EXEMPTION_REASONS[exemption] ?? exemption, note: r.exemption_note ?? '', byName: r.exemption_by ?? '', at: iso(r.exemption_at)! }
      : null,
  };
}

// — the content of the page —

export const contentHash = (s: DisclosureSnapshot) => createHash('sha256').update(JSON.stringify(s), 'utf8').digest('hex');

/** The page as it would be published now: every closed, non-exempt item of the round, names masked. */
async function currentContent(db: Executor, round: repo.RoundRow) {
  const rows = await repo.roundItems(db, { kind: 'all' }, round.id);
  const candidates = rows.map((r) => ({ row: r, out: candidateOut(r) }));
  const publishable = candidates.filter((c) => c.out.publishable).map((c) => c.row);
  const cadres = await repo.cadreNames(db, [...new Set(publishable.flatMap((r) => [r.town_code, ...(r.village_code ? [r.village_code] : [])]))]);
  const snapshot = buildDisclosureSnapshot(
    { roundLabel: roundLabel(round), areaName: round.area_name ?? '' },
    publishable.map((r) => ({
      code: itemCode(r),
      townCode: r.town_code,
      townName: r.town_name ?? r.town_code,
      villageCode: r.village_code,
      villageName: r.village_name,
      problem: r.finding_title,
      categoryName: FINDING_CATEGORIES[r.finding_category as FindingCategory] ?? '',
      kindName: ITEM_KINDS[r.kind as ItemKind] ?? '',
      measures: r.measures,
      closedOn: r.closed_on,
      names: [r.responsible_leader, r.handler, ...(cadres.get(r.town_code) ?? []), ...(r.village_code ? (cadres.get(r.village_code) ?? []) : [])],
    })),
  );
  const withheld = candidates.filter((c) => !c.out.publishable);
  return {
    snapshot,
    contentHash: contentHash(snapshot),
    withheld: { exempt: withheld.filter((c) => c.out.exemption).length, notClosed: withheld.filter((c) => c.out.status !== 'closed').length, total: withheld.length },
  };
}

// — staff use cases —

export const candidatesQuery = z.object({
  publishable: z.enum(['yes', 'no'], { message: '可否公开应为 yes 或 no' }).optional(),
  townCode: z.string().regex(/^\d{9}$/, '镇（街道）代码应为 9 位数字').optional(),
});

/** The round's items in the caller's view with publishable yes/no and the reasons, paged. */
export async function listCandidates(ctx: AppContext, actor: Actor, roundId: string, q: z.output<typeof candidatesQuery> & { page: number; pageSize: number }) {
  await roundFor(ctx.db, actor, roundId);
  const all = (await repo.roundItems(ctx.db, viewOf(actor)!, roundId)).map(candidateOut);
  const inTown = q.townCode ? all.filter((c) => c.townCode === q.townCode) : all;
  const chosen = q.publishable ? inTown.filter((c) => c.publishable === (q.publishable === 'yes')) : inTown;
  const towns = [...new Map(all.map((c) => [c.townCode, { code: c.townCode, name: c.townName }])).values()];
  return {
    items: chosen.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    total: chosen.length,
    counts: { all: inTown.length, publishable: inTown.filter((c) => c.publishable).length, exempt: inTown.filter((c) => c.exemption).length },
    towns,
    canManage: canManage(actor),
  };
}

export interface DisclosureState {
  roundId: string;
  roundLabel: string;
  status: DisclosureStatus;
  statusName: string;
  /** the public page's path once it was first published; null before */
  path: string | null;
  version: number;
  publishedAt: string | null;
  approvedByName: string | null;
  publishedItems: number;
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawReason: string | null;
  /** the office only: the current content differs from the published version (needs a new approval) */
  changed: boolean | null;
  versions: { version: number; items: number; approvedByName: string; approvedAt: string }[];
  canManage: boolean;
}

export async function getDisclosure(ctx: AppContext, actor: Actor, roundId: string): Promise<DisclosureState> {
  const round = await roundFor(ctx.db, actor, roundId);
  const d = await repo.disclosureOfRound(ctx.db, roundId);
  const versions = d ? await repo.versionsOf(ctx.db, d.id) : [];
  const current = versions.find((v) => v.version === d?.version) ?? null;
  const manage = canManage(actor) && scopeCovers(actor.scopeCode, round.scope_code);
  const status: DisclosureStatus = d ? (d.status as DisclosureStatus) : 'unpublished';
  let changed: boolean | null = null;
  if (manage) changed = current ? (await currentContent(ctx.db, round)).contentHash !== current.content_hash : null;
  return {
    roundId,
    roundLabel: roundLabel(round),
    status,
    statusName: DISCLOSURE_STATUSES[status],
    path: d ? `${DISCLOSURE_PAGE_PREFIX}${d.slug}` : null,
    version: d?.version ?? 0,
    publishedAt: iso(current?.approved_at ?? null),
    approvedByName: current?.approved_by_name ?? null,
    publishedItems: current?.items ?? 0,
    withdrawnAt: iso(d?.withdrawn_at ?? null),
    withdrawnByName: d?.status === 'withdrawn' ? d.withdrawn_by_name : null,
    withdrawReason: d?.status === 'withdrawn' ? d.withdraw_reason : null,
    changed,
    versions: manage ? versions.map((v) => ({ version: v.version, items: v.items, approvedByName: v.approved_by_name, approvedAt: iso(v.approved_at)! })) : [],
    canManage: manage,
  };
}

/** Exactly what the public page will show after approval, with the hash the approval must carry. */
export async function previewDisclosure(ctx: AppContext, actor: Actor, roundId: string) {
  const round = await managedRound(ctx.db, actor, roundId, '预览整改情况公开内容');
  return currentContent(ctx.db, round);
}

/** The office's approval: publishes (or re-publishes) the previewed content as a new frozen version. */
export async function publishDisclosure(ctx: AppContext, actor: Actor, roundId: string, input: { contentHash: string }): Promise<DisclosureState> {
  const round = await managedRound(ctx.db, actor, roundId, '审批发布整改情况公开');
  const body = disclosurePublishInput.parse(input);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockRound(tx, roundId);
    const content = await currentContent(tx, round);
    if (content.contentHash !== body.contentHash) throw new DomainError('CONFLICT', '公开内容在预览后发生了变化，请重新预览核对后再审批发布');
    if (content.snapshot.itemCount === 0) throw new DomainError('CONFLICT', '本轮还没有可以公开的整改事项（已销号且未标记不予公开）');
    const d = await repo.disclosureOfRound(tx, roundId);
    if (d?.status === 'published') {
      const live = (await repo.versionsOf(tx, d.id)).find((v) => v.version === d.version);
      if (live?.content_hash === content.contentHash) throw new DomainError('CONFLICT', '公开内容与已发布的版本相同，无需重新发布');
    }
    const now = ctx.now();
    const id = d?.id ?? (await repo.insertDisclosure(tx, { roundId, slug: randomBytes(12).toString('base64url'), by: actor.userId, at: now }));
    const version = (d?.version ?? 0) + 1;
    await repo.insertVersion(tx, { disclosureId: id, version, snapshot: content.snapshot, contentHash: content.contentHash, items: content.snapshot.itemCount, by: actor.userId, byName: actor.displayName, at: now });
    await repo.setPublished(tx, id, version, now);
    await writeAudit(tx, ctx, actor, {
      action: d ? 'republish' : 'publish',
      entity: DISCLOSURE,
      entityId: id,
      scopeCode: round.scope_code,
      before: d ? { status: d.status, version: d.version } : null,
      after: { status: 'published', version, items: content.snapshot.itemCount, contentHash: content.contentHash },
    });
  });
  return getDisclosure(ctx, actor, roundId);
}

export async function withdrawDisclosure(ctx: AppContext, actor: Actor, roundId: string, input: { reason: string }): Promise<DisclosureState> {
  const round = await managedRound(ctx.db, actor, roundId, '撤回整改情况公开');
  const body = disclosureWithdrawInput.parse(input);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockRound(tx, roundId);
    const d = await repo.disclosureOfRound(tx, roundId);
    if (d?.status !== 'published') throw new DomainError('CONFLICT', '本轮整改情况尚未公开或已撤回');
    await repo.setWithdrawn(tx, d.id, { reason: body.reason, by: actor.userId, byName: actor.displayName, at: ctx.now() });
    await writeAudit(tx, ctx, actor, { action: 'withdraw', entity: DISCLOSURE, entityId: d.id, scopeCode: round.scope_code, before: { status: 'published', version: d.version }, after: { status: 'withdrawn', reason: body.reason } });
  });
  return getDisclosure(ctx, actor, roundId);
}

// — exemptions —

async function itemForOffice(ctx: AppContext, actor: Actor, itemId: string, what: string) {
  const view = viewOf(actor);
  const item = view && UUID.test(itemId) ? await repo.itemById(ctx.db, view, itemId) : undefined;
  if (!item) throw itemNotFound();
  if (!canManage(actor) || !scopeCovers(actor.scopeCode, item.round_scope)) throw new DomainError('FORBIDDEN', `只有巡察办可以${what}`);
  return item;
}

async function candidateById(db: Executor, roundId: string, itemId: string) {
  return candidateOut((await repo.roundItems(db, { kind: 'all' }, roundId)).find((r) => r.id === itemId)!);
}

export async function markExempt(ctx: AppContext, actor: Actor, itemId: string, input: ExemptionInput): Promise<CandidateOut> {
  const item = await itemForOffice(ctx, actor, itemId, '标记不予公开');
  const body = exemptionInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockItem(tx, itemId);
    const live = await repo.liveExemption(tx, itemId);
    if (live) throw new DomainError('CONFLICT', `该整改事项已标记不予公开（${EXEMPTION_REASONS[live.reason as ExemptionReason] ?? live.reason}）`);
    const id = await repo.insertExemption(tx, { itemId, reason: body.reason, note: body.note, by: actor.userId, byName: actor.displayName, at: ctx.now() });
    await writeAudit(tx, ctx, actor, { action: 'mark_exempt', entity: EXEMPTION, entityId: itemId, scopeCode: item.village_code ?? item.town_code, before: null, after: { exemptionId: id, reason: body.reason, note: body.note } });
    return candidateById(tx, item.round_id, itemId);
  });
}

export async function removeExemption(ctx: AppContext, actor: Actor, itemId: string, input: { reason: string }): Promise<CandidateOut> {
  const item = await itemForOffice(ctx, actor, itemId, '取消不予公开');
  const body = exemptionRemoveInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockItem(tx, itemId);
    const live = await repo.liveExemption(tx, itemId);
    if (!live) throw new DomainError('CONFLICT', '该整改事项没有不予公开的标记');
    await repo.removeExemption(tx, live.id, { reason: body.reason, by: actor.userId, byName: actor.displayName, at: ctx.now() });
    await writeAudit(tx, ctx, actor, {
      action: 'remove_exemption',
      entity: EXEMPTION,
      entityId: itemId,
      scopeCode: item.village_code ?? item.town_code,
      before: { exemptionId: live.id, reason: live.reason, note: live.note },
      after: { removedReason: body.reason },
    });
    return candidateById(tx, item.round_id, itemId);
  });
}

/** An item's marks, the removed ones too (who, when, why). */
export async function exemptionHistory(ctx: AppContext, actor: Actor, itemId: string) {
  const view = viewOf(actor);
  const item = view && UUID.test(itemId) ? await repo.itemById(ctx.db, view, itemId) : undefined;
  if (!item) throw itemNotFound();
  const rows = await repo.exemptionsOf(ctx.db, itemId);
  const items = rows.map((r) => ({
    id: r.id,
    reason: r.reason as ExemptionReason,
    reasonName: EXEMPTION_REASONS[r.reason as ExemptionReason] ?? r.reason,
    note: r.note,
    byName: r.created_by_name,
    at: iso(r.created_at)!,
    removedAt: iso(r.removed_at),
    removedByName: r.removed_at ? r.removed_by_name : null,
    removedReason: r.removed_at ? r.removed_reason : null,
  }));
  return { items, total: items.length };
}

// — the public, no account —

export interface PublicDisclosure extends DisclosureSnapshot {
  version: number;
  publishedAt: string;
}

export async function publicDisclosure(ctx: AppContext, slug: string): Promise<PublicDisclosure> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(slug)) throw pageNotFound();
  const row = await repo.publishedBySlug(ctx.db, slug);
  if (!row) throw pageNotFound();
  const snapshot = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as DisclosureSnapshot;
  return { ...snapshot, version: row.version, publishedAt: iso(row.approved_at)! };
}
