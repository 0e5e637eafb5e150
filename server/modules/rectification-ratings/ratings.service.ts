/**
 * Mass rating of rectification (群众评议), issue 5 point 6. Staff open a session for a village of a
 * round (its items are that village's rectification items), add named representatives, each given a
 * one-time link (a random 256-bit token shown once; only its SHA-256 is stored), revoke or re-issue
 * links, close the session and read the results with the domain's tally (rating.ts). Representatives
 * rate without an account through the token: every item once, in one transaction that marks the
 * token used under a row lock, so a second or concurrent submission changes nothing.
 *
 * Who sees what (out of scope is 404, like the items): rectification.read users by division scope,
 * team users only the villages of their teams' targets; rectification.manage or .review to write.
 * Every write has an audit row; the token is never logged nor audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import { chinaDate } from '../../../domain/leads/deadline';
import {
  ITEM_STATUSES,
  RATING_ANSWERS,
  RATING_VERDICTS,
  ratingAnswerProblems,
  ratingTokenProblems,
  REPRESENTATIVE_CATEGORIES,
  representativeInput,
  tallyByItem,
  tallyRatings,
  villageRatings,
  type ItemStatus,
  type RatingAnswer,
  type RatingRecord,
  type RatingSubmitInput,
  type RatingTally,
  type RepresentativeCategory,
  type RepresentativeInput,
} from '../../../domain/rectification';
import { isIsoDate } from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit, type AuditActor } from '../access';
import * as repo from './ratings.repository';
import { closeRatedItems } from '../rectification/items.service';

const SESSION = 'rectification.rating_session';
const REPRESENTATIVE = 'rectification.rating_representative';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '群众评议不存在或无权查看');
const linkNotFound = () => new DomainError('NOT_FOUND', '评议链接无效，请核对链接，或向镇（街道）索取新的链接');
export const RATING_LINK_PREFIX = '/p/rate/';

// — inputs —

const representativesField = z
  .array(representativeInput, { message: '请至少添加一名群众代表' })
  .min(1, '请至少添加一名群众代表')
  .max(100, '群众代表不超过 100 人')
  .refine((l) => new Set(l.map((r) => r.name)).size === l.length, '群众代表姓名不能重复（同名请注明区别）');

export const sessionCreateInput = z.object(
  {
    roundId: z.string({ message: '请选择巡察轮次' }).uuid('轮次编号格式不正确'),
    villageCode: z.string({ message: '请选择村（社区）' }).regex(/^\d{12}$/, '村（社区）代码应为 12 位数字'),
    closesOn: z.string({ message: '请填写评议截止日期' }).refine(isIsoDate, '评议截止日期应为有效的 YYYY-MM-DD 格式'),
    representatives: representativesField,
  },
  { message: '提交的内容格式不正确' },
);
export type SessionCreateInput = z.output<typeof sessionCreateInput>;
export const representativesAddInput = z.object({ representatives: representativesField }, { message: '提交的内容格式不正确' });

// — who the actor is to ratings —

function viewOf(actor: Actor): repo.RatingView | null {
  if (!actor.permissions.has('rectification.read') || actor.orgKind === 'auditor') return null;
  if (actor.orgKind === 'team') return { kind: 'team', scope: actor.scopeCode, orgId: actor.orgId };
  return { kind: 'scope', scope: actor.scopeCode };
}

function viewOrNotFound(actor: Actor): repo.RatingView {
  const v = viewOf(actor);
  if (!v) throw notFound();
  return v;
}

const canWrite = (actor: Actor) => actor.permissions.has('rectification.manage') || actor.permissions.has('rectification.review');

async function sessionFor(db: Executor, actor: Actor, id: string): Promise<repo.SessionRow> {
  const view = viewOrNotFound(actor);
  if (!UUID.test(id)) throw notFound();
  const row = await repo.findSession(db, view, id);
  if (!row) throw notFound();
  return row;
}

function writable(actor: Actor, s: repo.SessionRow, what: string) {
  if (!canWrite(actor)) throw new DomainError('FORBIDDEN', `只有巡察办或巡察组可以${what}`);
  if (s.status !== 'open') throw new DomainError('CONFLICT', '本次评议已结束，不能再修改');
}

// — tokens and links —

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
/** The end of the session's last day in China time. */
const endOfChinaDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`);

export interface IssuedLink {
  representativeId: string;
  name: string;
  category: RepresentativeCategory;
  categoryName: string;
  /** the path of the one-time page; shown once, never stored */
  link: string;
  url: string;
  /** PNG data URL of the QR code of `url` */
  qrCode: string;
}

async function issued(origin: string, id: string, r: RepresentativeInput, token: string): Promise<IssuedLink> {
  const link = `${RATING_LINK_PREFIX}${token}`;
  const url = `${origin}${link}`;
  const qrCode = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { representativeId: id, name: r.name, category: r.category, categoryName: REPRESENTATIVE_CATEGORIES[r.category], link, url, qrCode };
}

// — rows out —

const roundLabel = (r: { round_year: number; round_number: number }) => `${r.round_year}年第${r.round_number}轮`;
const itemCode = (r: { round_year: number; round_number: number; number: number }) => `ZG-${r.round_year}-${r.round_number}-${String(r.number).padStart(3, '0')}`;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface SessionOut {
  id: string;
  roundId: string;
  roundLabel: string;
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  status: 'open' | 'closed';
  statusName: string;
  openedOn: string;
  closesOn: string;
  closedOn: string | null;
  representatives: number;
  rated: number;
}

function sessionOut(s: repo.SessionRow): SessionOut {
  return {
    id: s.id,
    roundId: s.round_id,
    roundLabel: roundLabel(s),
    villageCode: s.village_code,
    villageName: s.village_name ?? s.village_code,
    townCode: s.town_code,
    townName: s.town_name ?? s.town_code,
    status: s.status as 'open' | 'closed',
    statusName: s.status === 'open' ? '评议中' : '已结束',
    openedOn: s.opened_on,
    closesOn: s.closes_on,
    closedOn: s.closed_on,
    representatives: Number(s.representatives),
    rated: Number(s.rated),
  };
}

export type RepresentativeStatus = 'pending' | 'rated' | 'revoked';
const REPRESENTATIVE_STATUSES: Record<RepresentativeStatus, string> = { pending: '未评议', rated: '已评议', revoked: '已撤销' };

function representativeOut(r: repo.RepresentativeRow) {
  const status: RepresentativeStatus = r.used_at ? 'rated' : r.revoked_at ? 'revoked' : 'pending';
  return {
    id: r.id,
    name: r.name,
    category: r.category as RepresentativeCategory,
    categoryName: REPRESENTATIVE_CATEGORIES[r.category as RepresentativeCategory] ?? r.category,
    phone: r.phone,
    status,
    statusName: REPRESENTATIVE_STATUSES[status],
    usedAt: iso(r.used_at),
    revokedAt: iso(r.revoked_at),
    expiresAt: iso(r.expires_at)!,
  };
}

const tallyOut = (t: RatingTally) => ({ ...t, verdictName: RATING_VERDICTS[t.verdict] });

type AnswerRow = Awaited<ReturnType<typeof repo.answersOfSession>>[number];
const recordOf = (a: AnswerRow): RatingRecord => ({ itemId: a.item_id, villageId: a.village_code, category: a.category as RepresentativeCategory, answer: a.answer as RatingAnswer, comment: a.comment });

// — staff use cases —

export async function listRoundVillages(ctx: AppContext, actor: Actor, roundId: string) {
  const view = viewOrNotFound(actor);
  if (!UUID.test(roundId)) return { items: [], total: 0 };
  const rows = await repo.roundVillages(ctx.db, view, roundId);
  const { items: sessions } = await repo.listSessions(ctx.db, view, { roundId }, 1, 10_000);
  const rated = new Map(villageRatings((await repo.answersOfRound(ctx.db, roundId)).map(recordOf)).map((v) => [v.villageId, v]));
  const items = rows.map((r) => {
    const mine = sessions.filter((s) => s.village_code === r.village_code);
    const open = mine.find((s) => s.status === 'open') ?? null;
    const rating = rated.get(r.village_code!);
    return {
      satisfactionRate: rating?.tally.satisfactionRate ?? null,
      lookBack: rating?.lookBack ?? false,
      villageCode: r.village_code!,
      villageName: r.village_name ?? r.village_code!,
      townCode: r.town_code,
      townName: r.town_name ?? r.town_code,
      items: Number(r.items),
      sessions: mine.length,
      openSessionId: open?.id ?? null,
    };
  });
  return { items, total: items.length };
}

export async function listSessions(ctx: AppContext, actor: Actor, q: { roundId?: string | undefined; villageCode?: string | undefined; page: number; pageSize: number }) {
  const view = viewOrNotFound(actor);
  const { items, total } = await repo.listSessions(ctx.db, view, q, q.page, q.pageSize);
  return { items: items.map(sessionOut), total };
}

export async function createSession(ctx: AppContext, actor: Actor, input: SessionCreateInput, origin: string) {
  const view = viewOrNotFound(actor);
  const body = sessionCreateInput.parse(input);
  if (!(await repo.villageCovered(ctx.db, view, body.roundId, body.villageCode))) throw new DomainError('NOT_FOUND', '该村（社区）本轮没有整改事项，或无权查看');
  if (!canWrite(actor)) throw new DomainError('FORBIDDEN', '只有巡察办或巡察组可以组织群众评议');
  const now = ctx.now();
  const today = chinaDate(now);
  if (body.closesOn < today) throw new DomainError('VALIDATION_FAILED', '评议截止日期不能早于今天', [{ path: 'body.closesOn', message: '评议截止日期不能早于今天' }]);
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.openSessionOf(tx, body.roundId, body.villageCode)) throw new DomainError('CONFLICT', '该村（社区）本轮已有进行中的群众评议，请先结束后再组织');
    const items = await repo.villageItems(tx, body.roundId, body.villageCode);
    const townCode = items[0]!.town_code;
    const id = await repo.insertSession(tx, { roundId: body.roundId, villageCode: body.villageCode, townCode, openedOn: today, closesOn: body.closesOn, createdBy: actor.userId, at: now });
    const links = await addAll(ctx, tx, actor, id, body.closesOn, body.representatives, origin);
    await writeAudit(tx, ctx, actor, {
      action: 'create',
      entity: SESSION,
      entityId: id,
      scopeCode: body.villageCode,
      after: { roundId: body.roundId, villageCode: body.villageCode, closesOn: body.closesOn, items: items.map((i) => i.id), representatives: links.map((l) => ({ id: l.representativeId, name: l.name, category: l.category })) },
    });
    const s = await repo.findSessionById(tx, id);
    return { session: sessionOut(s!), links };
  });
}

async function addAll(ctx: AppContext, tx: Parameters<typeof repo.insertRepresentative>[0], actor: Actor, sessionId: string, closesOn: string, list: RepresentativeInput[], origin: string) {
  const live = new Set((await repo.representativesOf(tx, sessionId)).filter((r) => !r.revoked_at).map((r) => r.name));
  const clash = list.filter((r) => live.has(r.name)).map((r) => r.name);
  if (clash.length > 0) throw new DomainError('CONFLICT', `群众代表 ${clash.join('、')} 已在本次评议中（如需新链接请“重新生成”）`);
  const out: IssuedLink[] = [];
  for (const r of list) {
    const token = newToken();
    const id = await repo.insertRepresentative(tx, { sessionId, name: r.name, category: r.category, phone: r.phone, tokenHash: hashToken(token), expiresAt: endOfChinaDay(closesOn), createdBy: actor.userId, at: ctx.now() });
    out.push(await issued(origin, id, r, token));
  }
  return out;
}

export async function getSession(ctx: AppContext, actor: Actor, id: string) {
  const s = await sessionFor(ctx.db, actor, id);
  const [reps, items, answers] = await Promise.all([repo.representativesOf(ctx.db, id), repo.villageItems(ctx.db, s.round_id, s.village_code), repo.answersOfSession(ctx.db, id)]);
  const records = answers.map(recordOf);
  const byItem = tallyByItem(records);
  const village = villageRatings(records)[0] ?? null;
  return {
    session: sessionOut(s),
    representatives: reps.map(representativeOut),
    canManage: canWrite(actor) && s.status === 'open',
    items: items.map((i) => {
      const tally = byItem.get(i.id) ?? tallyRatings([]);
      return {
        id: i.id,
        code: itemCode(i),
        title: i.finding_title,
        status: i.status as ItemStatus,
        statusName: ITEM_STATUSES[i.status as ItemStatus] ?? i.status,
        tally: tallyOut(tally),
        comments: answers.filter((a) => a.item_id === i.id && a.comment).map((a) => ({ answer: a.answer as RatingAnswer, answerName: RATING_ANSWERS[a.answer as RatingAnswer], comment: a.comment })),
      };
    }),
    village: {
      tally: tallyOut(village?.tally ?? tallyRatings([])),
      unsatisfiedItemIds: village?.unsatisfiedItemIds ?? [],
      /** on the 回头看 list because of the rating */
      lookBack: village?.lookBack ?? false,
    },
  };
}

export async function addRepresentatives(ctx: AppContext, actor: Actor, id: string, input: { representatives: RepresentativeInput[] }, origin: string) {
  const s = await sessionFor(ctx.db, actor, id);
  writable(actor, s, '添加群众代表');
  const body = representativesAddInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockSession(tx, id);
    const links = await addAll(ctx, tx, actor, id, s.closes_on, body.representatives, origin);
    await writeAudit(tx, ctx, actor, { action: 'add_representatives', entity: SESSION, entityId: id, scopeCode: s.village_code, after: { representatives: links.map((l) => ({ id: l.representativeId, name: l.name, category: l.category })) } });
    return { links };
  });
}

async function representativeFor(ctx: AppContext, actor: Actor, sessionId: string, repId: string, what: string) {
  const s = await sessionFor(ctx.db, actor, sessionId);
  writable(actor, s, what);
  const r = UUID.test(repId) ? await repo.findRepresentative(ctx.db, sessionId, repId) : undefined;
  if (!r) throw new DomainError('NOT_FOUND', '群众代表不存在');
  if (r.used_at) throw new DomainError('CONFLICT', `${r.name} 已完成评议，链接不能再作废或重新生成`);
  return { s, r };
}

/** Revokes the representative's link (not yet used). */
export async function revokeRepresentative(ctx: AppContext, actor: Actor, sessionId: string, repId: string) {
  const { s, r } = await representativeFor(ctx, actor, sessionId, repId, '作废评议链接');
  if (r.revoked_at) throw new DomainError('CONFLICT', `${r.name} 的评议链接已作废`);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockSession(tx, sessionId);
    await repo.revokeRepresentative(tx, repId, ctx.now());
    await writeAudit(tx, ctx, actor, { action: 'revoke', entity: REPRESENTATIVE, entityId: repId, scopeCode: s.village_code, before: { status: 'pending' }, after: { status: 'revoked' } });
    return representativeOut((await repo.findRepresentative(tx, sessionId, repId))!);
  });
}

/** A fresh link for a representative: the old one is revoked, a new row carries the new token. */
export async function reissueRepresentative(ctx: AppContext, actor: Actor, sessionId: string, repId: string, origin: string) {
  const { s, r } = await representativeFor(ctx, actor, sessionId, repId, '重新生成评议链接');
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockSession(tx, sessionId);
    const live = (await repo.representativesOf(tx, sessionId)).find((x) => x.name === r.name && !x.revoked_at);
    if (live && live.id !== r.id) throw new DomainError('CONFLICT', `${r.name} 已有有效的评议链接`);
    await repo.revokeRepresentative(tx, repId, ctx.now());
    const [link] = await addAll(ctx, tx, actor, sessionId, s.closes_on, [{ name: r.name, category: r.category as RepresentativeCategory, phone: r.phone }], origin);
    await writeAudit(tx, ctx, actor, { action: 'reissue', entity: REPRESENTATIVE, entityId: repId, scopeCode: s.village_code, before: { id: repId }, after: { id: link!.representativeId } });
    return link!;
  });
}

export async function closeSession(ctx: AppContext, actor: Actor, id: string) {
  const s = await sessionFor(ctx.db, actor, id);
  writable(actor, s, '结束群众评议');
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockSession(tx, id);
    await repo.closeSession(tx, id, chinaDate(ctx.now()), ctx.now());
    await writeAudit(tx, ctx, actor, { action: 'close', entity: SESSION, entityId: id, scopeCode: s.village_code, before: { status: 'open' }, after: { status: 'closed' } });
    return sessionOut((await repo.findSessionById(tx, id))!);
  });
}

// — the representative, without an account —

type LinkRow = NonNullable<Awaited<ReturnType<typeof repo.representativeByHash>>>;

/** Refuses a used (409), revoked, expired or closed (410) link with the domain's Chinese reason. */
function checkLink(ctx: AppContext, r: LinkRow) {
  const now = ctx.now();
  const [reason] = ratingTokenProblems({ usedAt: iso(r.used_at), revokedAt: iso(r.revoked_at), closesOn: r.closes_on }, chinaDate(now));
  if (r.used_at) throw new DomainError('RATING_LINK_USED', reason ?? '该评议链接已使用');
  if (reason) throw new DomainError('RATING_LINK_GONE', reason);
  if (r.status !== 'open') throw new DomainError('RATING_LINK_GONE', '本次群众评议已结束，感谢您的关注');
  if (now > new Date(r.expires_at)) throw new DomainError('RATING_LINK_GONE', `本次评议已于 ${r.closes_on} 截止`);
}

function tokenHashOf(token: string): string {
  // tokens are 43 base64url characters; anything else cannot be one
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw linkNotFound();
  return hashToken(token);
}

export interface PublicRating {
  villageName: string;
  townName: string;
  representativeName: string;
  categoryName: string;
  closesOn: string;
  items: { id: string; code: string; title: string; measures: string; statusName: string; closedOn: string | null }[];
}

/** What a representative may see: the village, the problems and the measures — no cadre names, no reporters. */
export async function publicRating(ctx: AppContext, token: string): Promise<PublicRating> {
  const r = await repo.representativeByHash(ctx.db, tokenHashOf(token), false);
  if (!r) throw linkNotFound();
  checkLink(ctx, r);
  const items = await repo.villageItems(ctx.db, r.round_id, r.village_code);
  return {
    villageName: r.village_name ?? '',
    townName: r.town_name ?? '',
    representativeName: r.name,
    categoryName: REPRESENTATIVE_CATEGORIES[r.category as RepresentativeCategory] ?? '',
    closesOn: r.closes_on,
    items: items.map((i) => ({
      id: i.id,
      code: itemCode(i),
      title: i.finding_title,
      measures: i.measures,
      statusName: i.status === 'closed' ? '已整改销号' : (ITEM_STATUSES[i.status as ItemStatus] ?? ''),
      closedOn: i.closed_on,
    })),
  };
}

/** All answers at once; the token is marked used in the same transaction, under its row lock. */
export async function submitRating(ctx: AppContext, token: string, input: RatingSubmitInput): Promise<{ ok: true; answers: number }> {
  const hash = tokenHashOf(token);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.representativeByHash(tx, hash, true);
    if (!r) throw linkNotFound();
    checkLink(ctx, r);
    const items = await repo.villageItems(tx, r.round_id, r.village_code);
    const problems = ratingAnswerProblems(
      input.answers.map((a) => a.itemId),
      items.map((i) => i.id),
    );
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.join('；'), problems.map((message) => ({ path: 'body.answers', message })));
    const now = ctx.now();
    if (!(await repo.markUsed(tx, r.id, now))) throw new DomainError('RATING_LINK_USED', '该评议链接已使用，每位群众代表只能评议一次');
    await repo.insertAnswers(tx, r.id, input.answers, now);
    // an item held back only by an unsatisfied majority may close now
    await closeRatedItems(ctx, tx, input.answers.map((a) => a.itemId));
    const who: AuditActor = { userId: null, displayName: `群众代表 ${r.name}`, orgId: null };
    await writeAudit(tx, ctx, who, {
      action: 'rate',
      entity: REPRESENTATIVE,
      entityId: r.id,
      scopeCode: r.village_code,
      after: { sessionId: r.session_id, answers: input.answers.map((a) => ({ itemId: a.itemId, answer: a.answer })) },
    });
    return { ok: true as const, answers: input.answers.length };
  });
}

// — for the closure rule —

/** The domain's tally of every answer given on the item, or null when nobody rated it. */
export async function ratingTallyForItem(db: Executor, itemId: string): Promise<RatingTally | null> {
  if (!UUID.test(itemId)) return null;
  const rows = await repo.answersOfItem(db, itemId);
  if (rows.length === 0) return null;
  return tallyRatings(rows.map((a) => ({ answer: a.answer as RatingAnswer, category: a.category as RepresentativeCategory })));
}
