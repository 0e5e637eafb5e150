/**
 * The staff side of 码上巡: the office's key (set up once with a passphrase), poster codes per round,
 * the inbox (triage.ts: the team on the target during the round, the office afterwards), a report with
 * its messages, replies, triage actions, and revealing a named reporter (office only, passphrase and
 * reason, audited — decision 0009).
 *
 * Who sees what: public_reports.read by the round's scope; team users only the reports of their
 * teams' targets. Out of scope is 404 (decision 0003).
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { newCode } from '../../../domain/public-reports/secrets';
import { formatCode, posterPath } from '../../../domain/public-reports/codes';
import { MESSAGE_AUTHORS, type messageInput, staffMessageRefusal, awaitingStaffReply, type MessageAuthor } from '../../../domain/public-reports/messages';
import { chinaDay } from '../../../domain/public-reports/report';
import type { ReportDetail, ReportSummary } from '../../../domain/public-reports/report-types';
import { revealAuditFields, type revealInput, revealRefusal } from '../../../domain/public-reports/reveal';
import { ANONYMOUS_LABEL, SEALED_IDENTITY_LABEL, type Identity } from '../../../domain/public-reports/identity';
import { createOfficeKeyPair, officePassphraseInput, openIdentity, unlockPrivateKey } from '../../../domain/public-reports/sealing';
import { slidingWindow } from '../../../domain/public-reports/rate-limit';
import {
  availableTriageActions,
  closeProblems,
  FORWARD_REASON_LIST,
  FORWARD_REASONS,
  forwardProblems,
  handlerOf,
  isFinished,
  mergeProblems,
  REPORT_STATUS_LIST,
  REPORT_STATUSES,
  reopenProblems,
  TRIAGE_ACTIONS,
  TRIAGE_TRANSITIONS,
  triageRefusal,
  type ForwardReason,
  type Inbox,
  type IntakeActor,
  type ReportStatus,
  type TriageAction,
} from '../../../domain/public-reports/triage';
import type { RoundPhase } from '../../../domain/planning/round';
import { scopeCovers } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import { attachmentsOf, loadAttachment, type StoredFile } from '../files';
import { REPORT_OWNER } from './intake.service';
import { liveLinkCount } from './links.repository';
import { reportLinks } from './links.service';
import * as repo from './public-reports.repository';

const ENTITY = 'public_reports.report';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '群众来件不存在或无权查看');
const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
export const roundLabel = (r: { round_year: number; round_number: number }) => `${r.round_year}年第${r.round_number}轮`;
const isTeamUser = (a: Actor) => a.orgKind === 'team';

// — who the actor is to the intake —

export async function teamIdsOf(db: Executor, actor: Actor): Promise<string[] | null> {
  if (!isTeamUser(actor)) return null;
  const rows = await db.selectFrom('teams').select('id').where('org_id', '=', actor.orgId).execute();
  return rows.map((r) => r.id);
}

export function readable(actor: Actor) {
  if (!actor.permissions.has('public_reports.read')) throw notFound();
}

export async function reportFor(db: Executor, actor: Actor, id: string) {
  readable(actor);
  if (!UUID.test(id)) throw notFound();
  const row = await repo.findReport(db, id);
  if (!row || !scopeCovers(actor.scopeCode, row.scope_code)) throw notFound();
  const teamIds = await teamIdsOf(db, actor);
  if (teamIds !== null && (row.target_team_id === null || !teamIds.includes(row.target_team_id))) throw notFound();
  return { row, teamIds };
}

export function intakeActor(actor: Actor, teamIds: string[] | null, targetTeamId: string | null): IntakeActor {
  if (!actor.permissions.has('public_reports.handle')) return { kind: 'other' };
  if (teamIds === null) return { kind: 'office' };
  const teamId = targetTeamId !== null && teamIds.includes(targetTeamId) ? targetTeamId : teamIds[0];
  return teamId ? { kind: 'team', teamId } : { kind: 'other' };
}

export const inboxOf = (r: repo.ReportRow): Inbox => (r.inbox_kind === 'team' && r.inbox_team_id ? { kind: 'team', teamId: r.inbox_team_id } : { kind: 'office' });

async function roundFor(db: Executor, actor: Actor, roundId: string) {
  readable(actor);
  if (!UUID.test(roundId)) throw roundNotFound();
  const round = await db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round || !scopeCovers(actor.scopeCode, round.scope_code)) throw roundNotFound();
  return round;
}

// — the office key —

export const keySetupInput = z
  .object({ passphrase: officePassphraseInput, confirm: z.string({ message: '请再次输入密钥口令' }) })
  .refine((v) => v.passphrase === v.confirm, { message: '两次输入的密钥口令不一致', path: ['confirm'] });

export interface KeyStatus {
  exists: boolean;
  keyId: string | null;
  createdAt: string | null;
  /** whether the caller may set it up (office staff who may reveal) */
  canSetUp: boolean;
}

export async function keyStatus(ctx: AppContext, actor: Actor): Promise<KeyStatus> {
  readable(actor);
  const key = isTeamUser(actor) ? await repo.activeKeyForScope(ctx.db, actor.scopeCode) : await repo.activeKeyOfOrg(ctx.db, actor.orgId);
  return { exists: key !== undefined, keyId: key?.key_id ?? null, createdAt: key ? new Date(key.created_at).toISOString() : null, canSetUp: actor.permissions.has('public_reports.reveal') && !key };
}

export async function setUpKey(ctx: AppContext, actor: Actor, input: z.output<typeof keySetupInput>): Promise<KeyStatus> {
  requirePermission(actor, 'public_reports.reveal');
  if (await repo.activeKeyOfOrg(ctx.db, actor.orgId)) throw new DomainError('CONFLICT', '本单位已经设置了身份信息加密密钥');
  const pair = await createOfficeKeyPair(input.passphrase);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('public_report_keys')
      .values({ org_id: actor.orgId, scope_code: actor.scopeCode, key_id: pair.keyId, public_key: pair.publicKey, encrypted_private_key: JSON.stringify(pair.encryptedPrivateKey), created_by: actor.userId })
      .execute();
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'public_reports.key', entityId: pair.keyId, scopeCode: actor.scopeCode, after: { keyId: pair.keyId, publicKey: pair.publicKey } });
  });
  return keyStatus(ctx, actor);
}

// — poster codes —

export interface CodeOut {
  id: string;
  code: string;
  codeShown: string;
  scope: 'target' | 'team';
  scopeName: string;
  name: string;
  teamName: string | null;
  path: string;
  url: string;
  qrCode: string;
}

export async function listCodes(ctx: AppContext, actor: Actor, roundId: string, origin: string): Promise<{ items: CodeOut[]; total: number }> {
  const round = await roundFor(ctx.db, actor, roundId);
  const teamIds = await teamIdsOf(ctx.db, actor);
  const teams = new Map((await repo.teamsOfRound(ctx.db, round.id)).map((t) => [t.id, t.name]));
  const rows = (await repo.codesOfRound(ctx.db, round.id)).filter((c) => teamIds === null || teamIds.includes(c.team_id ?? c.target_team_id ?? ''));
  const items = await Promise.all(
    rows.map(async (c) => {
      const path = posterPath(`r/${c.code}`);
      const url = `${origin}${path}`;
      return {
        id: c.id,
        code: c.code,
        codeShown: formatCode('short', c.code),
        scope: c.scope as 'target' | 'team',
        scopeName: c.scope === 'team' ? '巡察组' : c.target_kind === 'town' ? '乡镇（街道）' : '村（社区）',
        name: (c.scope === 'target' ? c.target_name : c.team_name) ?? '',
        teamName: c.scope === 'target' ? (c.target_team_id ? (teams.get(c.target_team_id) ?? null) : null) : c.team_name,
        path,
        url,
        qrCode: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
      };
    }),
  );
  return { items, total: items.length };
}

/** Codes for every target and team of the round that has none yet (the office, all at once). */
export async function generateCodes(ctx: AppContext, actor: Actor, roundId: string, origin: string) {
  const round = await roundFor(ctx.db, actor, roundId);
  requirePermission(actor, 'public_reports.handle');
  if (isTeamUser(actor)) throw new DomainError('FORBIDDEN', '扫码编号由巡察办按轮次统一生成');
  const existing = await repo.codesOfRound(ctx.db, round.id);
  const targets = (await repo.targetsOfRound(ctx.db, round.id)).filter((t) => !existing.some((c) => c.target_id === t.id));
  const teams = (await repo.teamsOfRound(ctx.db, round.id)).filter((t) => !existing.some((c) => c.team_id === t.id));
  let created = 0;
  await ctx.db.transaction().execute(async (tx) => {
    const add = async (scope: 'target' | 'team', id: string) => {
      // a clash of two random 35-bit codes is unlikely; draw again if it happens
      for (let i = 0; i < 5; i++) {
        const r = await repo.insertCode(tx, { code: newCode('short'), round_id: round.id, scope, target_id: scope === 'target' ? id : null, team_id: scope === 'team' ? id : null, created_by: actor.userId });
        if (r) return void created++;
      }
      throw new DomainError('CONFLICT', '生成扫码编号失败，请重试');
    };
    for (const t of targets) await add('target', t.id);
    for (const t of teams) await add('team', t.id);
    if (created > 0) await writeAudit(tx, ctx, actor, { action: 'create', entity: 'public_reports.codes', entityId: round.id, scopeCode: round.scope_code, after: { targets: targets.length, teams: teams.length } });
  });
  return { created, ...(await listCodes(ctx, actor, round.id, origin)) };
}

// — the inbox —

export const listQuery = z.object({
  roundId: z.string().uuid('轮次编号格式不正确').optional(),
  status: z.enum(REPORT_STATUS_LIST as [ReportStatus, ...ReportStatus[]], { message: '状态不正确' }).optional(),
  q: z.string().trim().max(100, '搜索词不超过 100 字').optional(),
  awaiting: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const handlerName = (r: repo.ReportRow) => {
  const h = handlerOf(inboxOf(r), r.phase as RoundPhase);
  return h.kind === 'team' ? (r.team_name ?? '巡察组') : '巡察办';
};

function summary(r: repo.ReportRow & { last_author?: string | null; messages?: string }): ReportSummary {
  return {
    id: r.id,
    number: Number(r.number),
    roundId: r.round_id,
    roundLabel: roundLabel(r),
    targetId: r.target_id,
    targetName: r.target_name,
    villageCode: r.village_code,
    teamName: r.team_name,
    handler: handlerName(r),
    categoryName: r.category_name,
    excerpt: [...r.description].slice(0, 60).join(''),
    anonymous: r.anonymous,
    identityLabel: r.anonymous ? ANONYMOUS_LABEL : SEALED_IDENTITY_LABEL,
    status: r.status as ReportStatus,
    statusName: REPORT_STATUSES[r.status as ReportStatus],
    receivedOn: r.received_on,
    messages: Number(r.messages ?? 0),
    awaitingReply: r.last_author === 'reporter',
  };
}

export async function listReports(ctx: AppContext, actor: Actor, q: z.output<typeof listQuery>): Promise<{ items: ReportSummary[]; total: number }> {
  readable(actor);
  const teamIds = await teamIdsOf(ctx.db, actor);
  const { items, total } = await repo.listReports(ctx.db, { scope: actor.scopeCode, teamIds, roundId: q.roundId, status: q.status, q: q.q || undefined, awaiting: q.awaiting === 'true' }, q.page, q.pageSize);
  return { items: items.map(summary), total };
}

/** A stored forward reason the domain knows (it is written only through triageInput's enum). */
const isForwardReason = (v: string | null): v is ForwardReason => v !== null && Object.hasOwn(FORWARD_REASONS, v);

export async function getReport(ctx: AppContext, actor: Actor, id: string): Promise<ReportDetail> {
  const { row, teamIds } = await reportFor(ctx.db, actor, id);
  const messages = await repo.messagesOf(ctx.db, row.id);
  const files = (await attachmentsOf(ctx.db, REPORT_OWNER, [row.id])).get(row.id) ?? [];
  const who = intakeActor(actor, teamIds, row.target_team_id);
  const phase = row.phase as RoundPhase;
  const today = chinaDay(ctx.now());
  const replyRefusal = staffMessageRefusal({ status: row.status as ReportStatus, finishedOn: row.finished_on, today, actor: who, inbox: inboxOf(row), phase });
  const actions = availableTriageActions(row.status as ReportStatus, who, inboxOf(row), phase);
  const links = await reportLinks(ctx.db, row.id);
  return {
    ...summary({ ...row, last_author: messages.at(-1)?.author ?? null, messages: String(messages.length) }),
    description: row.description,
    finishedOn: row.finished_on,
    mergedInto: row.merged_into,
    forwardReason: isForwardReason(row.forward_reason) ? row.forward_reason : null,
    forwardReasonName: row.forward_reason ? (FORWARD_REASONS[row.forward_reason as ForwardReason] ?? row.forward_reason) : null,
    forwardBody: row.forward_body,
    attachments: files,
    messages: messages.map((m) => ({ seq: m.seq, author: m.author as MessageAuthor, authorName: MESSAGE_AUTHORS[m.author as MessageAuthor] + (m.author_name ? `（${m.author_name}）` : ''), body: m.body, on: m.on_date, at: m.at ? new Date(m.at).toISOString() : null })),
    awaitingReply: awaitingStaffReply(messages.map((m) => ({ seq: m.seq, author: m.author as MessageAuthor }))),
    canReply: replyRefusal === null,
    replyRefusal,
    actions: actions.map((a) => ({ action: a, name: TRIAGE_ACTIONS[a] })),
    links,
    // unlinking follows the same rule as linking, on a report already 已转办
    canUnlink: row.status === 'linked' && triageRefusal('link', 'linked', who, inboxOf(row), phase) === null,
    canReveal: revealRefusal({ roles: actor.roles, anonymous: row.anonymous, sealed: row.sealed_identity !== null }) === null,
  };
}

export async function reportAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string): Promise<StoredFile> {
  const { row } = await reportFor(ctx.db, actor, id);
  const file = UUID.test(attachmentId) ? await loadAttachment(ctx.db, attachmentId) : null;
  const owned = file ? await ctx.db.selectFrom('attachments').select('owner_id').where('id', '=', attachmentId).where('owner_kind', '=', REPORT_OWNER).executeTakeFirst() : undefined;
  if (!file || owned?.owner_id !== row.id) throw new DomainError('NOT_FOUND', '附件不存在或无权查看');
  return file;
}

// — replies —

export async function reply(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof messageInput>) {
  const { row, teamIds } = await reportFor(ctx.db, actor, id);
  requirePermission(actor, 'public_reports.handle');
  if (input.attachments.length > 0) throw new DomainError('VALIDATION_FAILED', '答复暂不支持附件，请用文字答复');
  const who = intakeActor(actor, teamIds, row.target_team_id);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const locked = (await repo.findReportForUpdate(tx, row.id))!;
    const refusal = staffMessageRefusal({ status: locked.status as ReportStatus, finishedOn: locked.finished_on, today: chinaDay(now), actor: who, inbox: inboxOf(locked), phase: locked.phase as RoundPhase });
    if (refusal) throw new DomainError('FORBIDDEN', refusal);
    const m = await repo.insertMessage(tx, { report_id: row.id, author: who.kind === 'team' ? 'team' : 'office', author_user_id: actor.userId, author_name: actor.displayName, body: input.body, on_date: chinaDay(now), at: now });
    await writeAudit(tx, ctx, actor, { action: 'reply', entity: ENTITY, entityId: row.id, scopeCode: row.village_code, after: { seq: m.seq } });
  });
  return getReport(ctx, actor, id);
}

// — triage —

export const triageInput = z.object({
  action: z.enum(['accept', 'merge', 'forward', 'close', 'reopen'], { message: '请选择处理方式' }),
  intoId: z.string().uuid('要合并到的来件编号不正确').optional(),
  reason: z.enum(FORWARD_REASON_LIST as [ForwardReason, ...ForwardReason[]], { message: '请选择转交理由' }).optional(),
  note: z.string().trim().max(500, '说明不超过 500 字').optional(),
  body: z.string().trim().max(100, '转交部门名称不超过 100 字').optional(),
  reply: z.string().trim().max(2000, '答复不超过 2000 字').optional(),
});

export async function triage(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof triageInput>) {
  const { row, teamIds } = await reportFor(ctx.db, actor, id);
  requirePermission(actor, 'public_reports.handle');
  const who = intakeActor(actor, teamIds, row.target_team_id);
  const action = input.action as TriageAction;
  const now = ctx.now();
  const today = chinaDay(now);
  await ctx.db.transaction().execute(async (tx) => {
    const r = (await repo.findReportForUpdate(tx, row.id))!;
    const refusal = triageRefusal(action, r.status as ReportStatus, who, inboxOf(r), r.phase as RoundPhase);
    if (refusal) throw new DomainError(who.kind === 'other' || refusal.includes('不在本组') || refusal.includes('巡察办') ? 'FORBIDDEN' : 'CONFLICT', refusal);
    let problems: string[] = [];
    let replyText: string | null = null;
    if (action === 'merge') {
      const into = input.intoId ? await repo.findReport(tx, input.intoId) : undefined;
      const visible = into && scopeCovers(actor.scopeCode, into.scope_code) && (teamIds === null || (into.target_team_id !== null && teamIds.includes(into.target_team_id)));
      problems = mergeProblems({ reportId: r.id, roundId: r.round_id, into: visible ? { id: into.id, roundId: into.round_id, status: into.status as ReportStatus } : null });
    } else if (action === 'forward') {
      problems = forwardProblems({ reason: input.reason ?? '', note: input.note, body: input.body, reply: input.reply });
      replyText = input.reply ?? null;
    } else if (action === 'close') {
      problems = closeProblems({ reply: input.reply });
      replyText = input.reply ?? null;
    } else if (action === 'reopen') {
      problems = reopenProblems({ reason: input.note });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.join('；'), problems.map((message) => ({ path: 'body', message })));
    // a report reopened while still linked goes back to 已转办 when accepted again
    const to = action === 'accept' && (await liveLinkCount(tx, r.id)) > 0 ? 'linked' : TRIAGE_TRANSITIONS[action].to;
    await repo.updateReport(tx, r.id, {
      status: to,
      was_accepted: r.was_accepted || action === 'accept',
      finished_on: isFinished(to) ? today : null,
      merged_into: action === 'merge' ? input.intoId! : action === 'reopen' ? null : r.merged_into,
      forward_reason: action === 'forward' ? input.reason! : r.forward_reason,
      forward_body: action === 'forward' ? input.body! : r.forward_body,
      ...(input.note ? { note: input.note } : {}),
    });
    // the reply the reporter reads with the receipt
    if (replyText) await repo.insertMessage(tx, { report_id: r.id, author: who.kind === 'team' ? 'team' : 'office', author_user_id: actor.userId, author_name: actor.displayName, body: replyText, on_date: today, at: now });
    await writeAudit(tx, ctx, actor, {
      action,
      entity: ENTITY,
      entityId: r.id,
      scopeCode: r.village_code,
      before: { status: r.status },
      after: { status: to, intoId: input.intoId ?? null, reason: input.reason ?? null, body: input.body ?? null, note: input.note ?? null },
    });
  });
  return getReport(ctx, actor, id);
}

// — reveal —

const REVEAL_THROTTLE = { windowMs: 15 * 60_000, max: 5 };

export async function reveal(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof revealInput>): Promise<{ identity: Identity; keyId: string }> {
  const { row } = await reportFor(ctx.db, actor, id);
  const refusal = revealRefusal({ roles: actor.roles, anonymous: row.anonymous, sealed: row.sealed_identity !== null });
  if (refusal) throw new DomainError(row.anonymous && actor.permissions.has('public_reports.reveal') ? 'CONFLICT' : 'FORBIDDEN', refusal);
  const key = await repo.keyById(ctx.db, row.key_id!);
  if (!key) throw new DomainError('CONFLICT', '加密该身份信息的密钥已删除，身份信息无法恢复');
  // wrong passphrases are throttled like failed logins, per user, in the database
  const now = ctx.now().getTime();
  const clientKey = `reveal:${actor.userId}`;
  const history = await repo.rateHistory(ctx.db, 'reveal_passphrase', clientKey, now - REVEAL_THROTTLE.windowMs, now - REVEAL_THROTTLE.windowMs);
  const gate = slidingWindow(history.client, now, REVEAL_THROTTLE);
  if (!gate.allowed) throw new DomainError('PUBLIC_REPORT_RATE_LIMITED', `密钥口令错误次数过多，请 ${Math.max(1, Math.ceil(gate.retryAfterMs / 60_000))} 分钟后再试`, { retryAfter: Math.max(1, Math.ceil(gate.retryAfterMs / 1000)) });
  let identity: Identity;
  try {
    const privateKey = await unlockPrivateKey(key.encrypted_private_key as never, input.passphrase);
    identity = openIdentity(row.sealed_identity!, privateKey);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'INVALID_CREDENTIALS') {
      await repo.recordRateEvent(ctx.db, 'reveal_passphrase', clientKey, now, now - REVEAL_THROTTLE.windowMs);
      await ctx.db.transaction().execute((tx) =>
        writeAudit(tx, ctx, actor, { action: 'reveal_refused', entity: ENTITY, entityId: row.id, scopeCode: row.village_code, after: { reason: input.reason.trim(), cause: 'wrong_passphrase' } }),
      );
    }
    throw e;
  }
  await ctx.db.transaction().execute((tx) =>
    writeAudit(tx, ctx, actor, { action: 'reveal_identity', entity: ENTITY, entityId: row.id, scopeCode: row.village_code, after: revealAuditFields({ reportId: row.id, userId: actor.userId, reason: input.reason, keyId: key.key_id }) }),
  );
  return { identity, keyId: key.key_id };
}
