/**
 * 问卷 (issue 6 point 6). Staff with questionnaires.manage build a questionnaire from a built-in or a
 * blank one, edit its definition while it is a draft (domain/public-reports/questionnaires.ts checks
 * every rule, in Chinese), publish it under a random slug with a QR code, print one-time access codes
 * for a controlled sample, close it, and read the results (the domain's aggregation) or export every
 * answer as .xlsx. The public answers without an account at /p/q/<slug>.
 *
 * Scope: the office sees its division scope; a team's users only the questionnaires of rounds their
 * team serves in (and create only for those rounds). Anything else is 404, like everywhere else.
 *
 * Replay protection (answerRefusal decides, the unique indexes enforce under concurrency): open mode —
 * one answer per device token, stored only as a peppered hash per questionnaire; code mode — each
 * access code once, whatever the device. Answers keep the China date only: no address, user agent or
 * time of day, and nothing of the answer is written to the log or the audit trail.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyBaseLogger } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { chinaDate } from '../../../domain/leads/deadline';
import {
  ACCESS_MODES,
  aggregateAnswers,
  answerRefusal,
  checkAnswers,
  defaultQuestionnaire,
  formatCode,
  hashCode,
  hashDeviceToken,
  newCodes,
  parseAccessCode,
  QUESTION_TYPES,
  questionnaireDefinition,
  QUESTIONNAIRE_KINDS,
  QUESTIONNAIRE_KIND_LIST,
  questionsOf,
  type AccessMode,
  type AnswerSet,
  type QuestionnaireDefinition,
  type QuestionnaireKind,
} from '../../../domain/public-reports';
import { isIsoDate } from '../../../domain/shared/calendar';
import { DomainError, type FieldIssue } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import { pepperOf } from '../../http/pepper';
import { countPublicFailure, enforcePublicLimit } from '../public-reports/rate-limiter';
import * as repo from './questionnaires.repository';

const ENTITY = 'questionnaire';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '问卷不存在或无权查看');
const publicNotFound = () => new DomainError('NOT_FOUND', '问卷不存在，请核对二维码或链接');
export const QUESTIONNAIRE_LINK_PREFIX = '/p/q/';
export const STATUSES = { draft: '草稿', published: '作答中', closed: '已结束' } as const;
export type QuestionnaireStatus = keyof typeof STATUSES;

// — inputs —

const date = (what: string) => z.string({ message: `请填写${what}` }).refine(isIsoDate, `${what}应为有效的 YYYY-MM-DD 格式`);
const kindField = z.enum(QUESTIONNAIRE_KIND_LIST as [QuestionnaireKind, ...QuestionnaireKind[]], { message: '请选择问卷类型' });
const modeField = z.enum(['open', 'code'], { message: '请选择作答方式' });
const placement = {
  roundId: z.string().uuid('轮次编号格式不正确').nullable().optional(),
  targetId: z.string().uuid('巡察对象编号格式不正确').nullable().optional(),
  accessMode: modeField.default('open'),
  opensOn: date('开始作答日期'),
  closesOn: date('截止日期'),
};

export const createInput = z.object(
  {
    kind: kindField,
    /** start from the built-in questionnaire of the kind, or from a blank one */
    from: z.enum(['default', 'blank'], { message: '请选择从内置问卷或空白问卷开始' }).default('default'),
    ...placement,
  },
  { message: '提交的内容格式不正确' },
);
export type CreateInput = z.input<typeof createInput>;

export const updateInput = z.object(
  {
    /** checked by the domain in the service, so every issue comes back with its path */
    definition: z.unknown(),
    ...placement,
    version: z.number().int().optional(),
  },
  { message: '提交的内容格式不正确' },
);
export type UpdateInput = z.input<typeof updateInput>;

export const codesInput = z.object({ count: z.number({ message: '请填写验证码数量' }).int('验证码数量应为整数').min(1, '至少生成 1 个验证码').max(2000, '一次最多生成 2000 个验证码') }, { message: '提交的内容格式不正确' });

export const answerInput = z.object(
  {
    answers: z.record(z.string().max(40), z.unknown(), { message: '请作答后再提交' }),
    deviceToken: z.string().max(100).optional(),
    accessCode: z.string().max(60).optional(),
  },
  { message: '提交的内容格式不正确' },
);
export type AnswerInput = z.infer<typeof answerInput>;

function blank(kind: QuestionnaireKind): QuestionnaireDefinition {
  return questionnaireDefinition.parse({
    kind,
    title: `新建${QUESTIONNAIRE_KINDS[kind]}问卷`,
    intro: '',
    sections: [{ id: 's1', title: '第一部分', questions: [{ id: 'q1', text: '您的意见和建议', type: 'text', required: false, maxLength: 500 }] }],
  });
}

/** The domain's check of a definition as a 400 with every issue (path under `definition`). */
export function checkDefinition(raw: unknown): QuestionnaireDefinition {
  const r = questionnaireDefinition.safeParse(raw);
  if (r.success) return r.data;
  const issues: FieldIssue[] = r.error.issues.map((i) => ({ path: ['definition', ...i.path].join('.'), message: i.message }));
  throw new DomainError('VALIDATION_FAILED', `问卷内容有误：${[...new Set(issues.map((i) => i.message))].slice(0, 3).join('；')}`, issues);
}

// — who the actor is to questionnaires —

function viewOf(actor: Actor): repo.QuestionnaireView {
  if (!actor.permissions.has('questionnaires.manage')) throw notFound();
  if (actor.orgKind === 'team') return { kind: 'team', scope: actor.scopeCode, orgId: actor.orgId };
  return { kind: 'scope', scope: actor.scopeCode };
}

async function questionnaireFor(db: Executor, actor: Actor, id: string) {
  const view = viewOf(actor);
  if (!UUID.test(id)) throw notFound();
  const row = await repo.find(db, view, id);
  if (!row) throw notFound();
  return row;
}

/** Round and target of a placement, checked against the view; the scope the row will carry. */
async function placementOf(db: Executor, actor: Actor, p: { roundId?: string | null | undefined; targetId?: string | null | undefined }) {
  const view = viewOf(actor);
  if (!p.roundId) {
    if (p.targetId) throw new DomainError('VALIDATION_FAILED', '选择巡察对象前请先选择巡察轮次', [{ path: 'roundId', message: '请选择巡察轮次' }]);
    if (view.kind === 'team') throw new DomainError('VALIDATION_FAILED', '巡察组制作问卷须选择本组参加的巡察轮次', [{ path: 'roundId', message: '请选择巡察轮次' }]);
    return { roundId: null, targetId: null, scope: actor.scopeCode };
  }
  const round = await repo.roundInView(db, view, p.roundId);
  if (!round) throw new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
  if (p.targetId && !(await repo.targetOfRound(db, p.roundId, p.targetId))) throw new DomainError('NOT_FOUND', '该巡察对象不属于所选轮次');
  return { roundId: p.roundId, targetId: p.targetId ?? null, scope: round.scope_code };
}

function checkDates(opensOn: string, closesOn: string) {
  if (closesOn < opensOn) throw new DomainError('VALIDATION_FAILED', '截止日期不能早于开始作答日期', [{ path: 'closesOn', message: '截止日期不能早于开始作答日期' }]);
}

// — rows out —

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface QuestionnaireOut {
  id: string;
  kind: QuestionnaireKind;
  kindName: string;
  title: string;
  status: QuestionnaireStatus;
  statusName: string;
  accessMode: AccessMode;
  accessModeName: string;
  roundId: string | null;
  roundLabel: string | null;
  targetId: string | null;
  targetName: string | null;
  opensOn: string;
  closesOn: string;
  publishedAt: string | null;
  closedAt: string | null;
  answers: number;
  codes: number;
  codesUsed: number;
  version: number;
  /** the public page's path once published */
  link: string | null;
}

function out(r: repo.QuestionnaireRow): QuestionnaireOut {
  return {
    id: r.id,
    kind: r.kind as QuestionnaireKind,
    kindName: QUESTIONNAIRE_KINDS[r.kind as QuestionnaireKind] ?? r.kind,
    title: r.title,
    status: r.status as QuestionnaireStatus,
    statusName: STATUSES[r.status as QuestionnaireStatus] ?? r.status,
    accessMode: r.access_mode as AccessMode,
    accessModeName: ACCESS_MODES[r.access_mode as AccessMode] ?? r.access_mode,
    roundId: r.round_id,
    roundLabel: r.round_year ? `${r.round_year}年第${r.round_number}轮` : null,
    targetId: r.target_id,
    targetName: r.target_name,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    publishedAt: iso(r.published_at),
    closedAt: iso(r.closed_at),
    answers: Number(r.answers ?? 0),
    codes: Number(r.codes ?? 0),
    codesUsed: Number(r.codes_used ?? 0),
    version: r.version,
    link: r.slug ? `${QUESTIONNAIRE_LINK_PREFIX}${r.slug}` : null,
  };
}

const definitionOf = (r: repo.QuestionnaireRow) => questionnaireDefinition.parse(r.definition);

async function qr(url: string) {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
}

// — staff use cases —

export async function list(ctx: AppContext, actor: Actor, q: { q?: string | undefined; status?: string | undefined; roundId?: string | undefined; page: number; pageSize: number }) {
  const view = viewOf(actor);
  const r = await repo.list(ctx.db, view, { q: q.q?.trim() || undefined, status: q.status, roundId: q.roundId }, q.page, q.pageSize);
  return { items: r.items.map(out), total: r.total };
}

export async function get(ctx: AppContext, actor: Actor, id: string, origin: string) {
  const r = await questionnaireFor(ctx.db, actor, id);
  const o = out(r);
  return { questionnaire: o, definition: definitionOf(r), url: o.link ? `${origin}${o.link}` : null, qrCode: o.link ? await qr(`${origin}${o.link}`) : null };
}

export async function create(ctx: AppContext, actor: Actor, input: CreateInput) {
  viewOf(actor);
  const body = createInput.parse(input);
  checkDates(body.opensOn, body.closesOn);
  const p = await placementOf(ctx.db, actor, body);
  const definition = body.from === 'blank' ? blank(body.kind) : defaultQuestionnaire(body.kind);
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insert(tx, {
      scope_code: p.scope,
      round_id: p.roundId,
      target_id: p.targetId,
      kind: definition.kind,
      title: definition.title,
      definition: JSON.stringify(definition),
      access_mode: body.accessMode,
      opens_on: body.opensOn,
      closes_on: body.closesOn,
      created_by: actor.userId,
      at: ctx.now(),
    });
    await writeAudit(tx, ctx, actor, { action: 'create', entity: ENTITY, entityId: id, scopeCode: p.scope, after: { kind: definition.kind, from: body.from, roundId: p.roundId, targetId: p.targetId, accessMode: body.accessMode } });
    return out((await repo.findById(tx, id))!);
  });
}

export async function update(ctx: AppContext, actor: Actor, id: string, input: UpdateInput) {
  const r = await questionnaireFor(ctx.db, actor, id);
  const body = updateInput.parse(input);
  if (r.status !== 'draft') throw new DomainError('QUESTIONNAIRE_NOT_DRAFT', '问卷已发布，不能再修改题目；如需调整请新建问卷');
  const definition = checkDefinition(body.definition);
  checkDates(body.opensOn, body.closesOn);
  const p = await placementOf(ctx.db, actor, body);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lock(tx, id);
    const now = (await repo.findById(tx, id))!;
    if (now.status !== 'draft') throw new DomainError('QUESTIONNAIRE_NOT_DRAFT', '问卷已发布，不能再修改题目');
    if (body.version !== undefined && body.version !== now.version) throw new DomainError('CONFLICT', '问卷已被他人修改，请刷新后重试');
    await repo.update(
      tx,
      id,
      {
        scope_code: p.scope,
        round_id: p.roundId,
        target_id: p.targetId,
        kind: definition.kind,
        title: definition.title,
        definition: JSON.stringify(definition),
        access_mode: body.accessMode,
        opens_on: body.opensOn,
        closes_on: body.closesOn,
      },
      ctx.now(),
    );
    await writeAudit(tx, ctx, actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      scopeCode: p.scope,
      before: { title: now.title, questions: questionsOf(definitionOf(now)).length, accessMode: now.access_mode, opensOn: now.opens_on, closesOn: now.closes_on },
      after: { title: definition.title, questions: questionsOf(definition).length, accessMode: body.accessMode, opensOn: body.opensOn, closesOn: body.closesOn },
    });
    const row = (await repo.findById(tx, id))!;
    return { questionnaire: out(row), definition: definitionOf(row) };
  });
}

export async function publish(ctx: AppContext, actor: Actor, id: string, origin: string) {
  const r = await questionnaireFor(ctx.db, actor, id);
  if (r.status !== 'draft') throw new DomainError('CONFLICT', r.status === 'published' ? '问卷已发布' : '问卷已结束，不能再发布');
  // a stored draft is valid, but the domain may have grown stricter since
  checkDefinition(r.definition);
  if (r.closes_on < chinaDate(ctx.now())) throw new DomainError('VALIDATION_FAILED', '截止日期已过，请先修改截止日期再发布', [{ path: 'closesOn', message: '截止日期不能早于今天' }]);
  const slug = randomBytes(12).toString('base64url');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lock(tx, id);
    const now = (await repo.findById(tx, id))!;
    if (now.status !== 'draft') throw new DomainError('CONFLICT', '问卷已发布');
    await repo.update(tx, id, { status: 'published', slug, published_at: ctx.now() }, ctx.now());
    await writeAudit(tx, ctx, actor, { action: 'publish', entity: ENTITY, entityId: id, scopeCode: r.scope_code, before: { status: 'draft' }, after: { status: 'published', slug } });
  });
  return get(ctx, actor, id, origin);
}

export async function close(ctx: AppContext, actor: Actor, id: string) {
  const r = await questionnaireFor(ctx.db, actor, id);
  if (r.status !== 'published') throw new DomainError('CONFLICT', r.status === 'draft' ? '问卷尚未发布' : '问卷已结束');
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lock(tx, id);
    await repo.update(tx, id, { status: 'closed', closed_at: ctx.now() }, ctx.now());
    await writeAudit(tx, ctx, actor, { action: 'close', entity: ENTITY, entityId: id, scopeCode: r.scope_code, before: { status: 'published' }, after: { status: 'closed' } });
    return out((await repo.findById(tx, id))!);
  });
}

/** N fresh one-time codes, returned once (formatted for print); only their peppered hashes are kept. */
export async function generateCodes(ctx: AppContext, actor: Actor, id: string, input: { count: number }) {
  const r = await questionnaireFor(ctx.db, actor, id);
  const body = codesInput.parse(input);
  if (r.access_mode !== 'code') throw new DomainError('CONFLICT', '该问卷为扫码作答，不使用验证码；如需抽样请将作答方式改为“凭一次性验证码作答”');
  if (r.status === 'closed') throw new DomainError('CONFLICT', '问卷已结束，不能再生成验证码');
  const pepper = pepperOf(ctx);
  const codes = newCodes('access', body.count);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lock(tx, id);
    const batch = await repo.nextBatch(tx, id);
    await repo.insertCodes(
      tx,
      id,
      batch,
      codes.map((c) => hashCode(pepper, 'access', c)),
      ctx.now(),
    );
    await writeAudit(tx, ctx, actor, { action: 'generate_codes', entity: ENTITY, entityId: id, scopeCode: r.scope_code, after: { batch, count: codes.length } });
    return { batch, title: r.title, codes: codes.map((c) => formatCode('access', c)) };
  });
}

export async function results(ctx: AppContext, actor: Actor, id: string) {
  const r = await questionnaireFor(ctx.db, actor, id);
  const rows = await repo.answersOf(ctx.db, id);
  const definition = definitionOf(r);
  return { questionnaire: out(r), ...aggregateAnswers(definition, rows.map((a) => a.answers as AnswerSet)) };
}

function shown(q: ReturnType<typeof questionsOf>[number], v: unknown): string | number {
  if (v === undefined || v === null) return '';
  if (q.type === 'single') return q.options.find((o) => o.id === v)?.label ?? String(v);
  if (q.type === 'multiple') return (v as string[]).map((id) => q.options.find((o) => o.id === id)?.label ?? id).join('、');
  if (q.type === 'rating') return Number(v);
  return String(v);
}

/** Every answer, one row each, one column per question (labels, not option ids). */
export async function exportAnswers(ctx: AppContext, actor: Actor, id: string) {
  const r = await questionnaireFor(ctx.db, actor, id);
  const definition = definitionOf(r);
  const rows = await repo.answersOf(ctx.db, id);
  const questions = questionsOf(definition);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xuncha';
  const ws = wb.addWorksheet('答卷');
  ws.addRow(['序号', '作答日期', '作答方式', ...questions.map((q, i) => `${i + 1}. ${q.text}（${QUESTION_TYPES[q.type]}）`)]);
  ws.getRow(1).font = { bold: true };
  rows.forEach((a, i) => {
    const set = a.answers as AnswerSet;
    ws.addRow([i + 1, a.answered_on, a.access_code_id ? '验证码' : '扫码', ...questions.map((q) => shown(q, set[q.id]))]);
  });
  ws.columns.forEach((c, i) => {
    c.width = i < 3 ? 12 : 28;
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await ctx.db.transaction().execute(async (tx) => {
    await writeAudit(tx, ctx, actor, { action: 'export', entity: ENTITY, entityId: id, scopeCode: r.scope_code, after: { answers: rows.length } });
  });
  return { buffer, fileName: `${r.title}-答卷.xlsx` };
}

// — the public, without an account —

const SLUG = /^[A-Za-z0-9_-]{16}$/;

async function bySlug(db: Executor, slug: string) {
  if (!SLUG.test(slug)) throw publicNotFound();
  const r = await repo.findBySlug(db, slug);
  if (!r || r.status === 'draft') throw publicNotFound();
  return r;
}

export interface PublicQuestionnaire {
  title: string;
  kindName: string;
  intro: string;
  targetName: string | null;
  accessMode: AccessMode;
  opensOn: string;
  closesOn: string;
  /** why answering is not possible today (closed, not yet open), or null */
  refusal: string | null;
  sections: QuestionnaireDefinition['sections'];
}

function windowRefusal(ctx: AppContext, r: repo.QuestionnaireRow): string | null {
  // only the window and status: device and code are checked at submission
  return answerRefusal({ mode: 'open', opensOn: r.opens_on, closesOn: r.closes_on, today: chinaDate(ctx.now()), published: r.status === 'published', deviceToken: true, deviceAlreadyAnswered: false, accessCode: null });
}

export async function publicQuestionnaire(ctx: AppContext, slug: string): Promise<PublicQuestionnaire> {
  const r = await bySlug(ctx.db, slug);
  const d = definitionOf(r);
  return { title: d.title, kindName: QUESTIONNAIRE_KINDS[d.kind], intro: d.intro, targetName: r.target_name, accessMode: r.access_mode as AccessMode, opensOn: r.opens_on, closesOn: r.closes_on, refusal: windowRefusal(ctx, r), sections: d.sections };
}

const DEVICE_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * One answer set; the device hash or access code recorded in the same transaction, under locks and unique indexes.
 * Limited in the database (rate-limiter.ts, so across restarts and instances): every submission counts against
 * questionnaire_answer per client and over all clients; in code mode a well-formed code that is unknown, used or
 * revoked also counts against access_code (guessing), a mistyped one does not.
 */
export async function submitAnswers(ctx: AppContext, log: FastifyBaseLogger, clientKey: string, slug: string, input: AnswerInput): Promise<{ ok: true }> {
  await enforcePublicLimit(ctx, log, 'questionnaire_answer', clientKey, true);
  const r = await bySlug(ctx.db, slug);
  const mode = r.access_mode as AccessMode;
  const today = chinaDate(ctx.now());
  const gate = { mode, opensOn: r.opens_on, closesOn: r.closes_on, today, published: r.status === 'published' };
  const early = windowRefusal(ctx, r);
  if (early) throw new DomainError('QUESTIONNAIRE_NOT_OPEN', early);
  const definition = definitionOf(r);
  const checked = checkAnswers(definition, input.answers);
  if (!checked.ok) throw new DomainError('VALIDATION_FAILED', checked.issues.map((i) => i.message).slice(0, 3).join('；'), checked.issues.map((i) => ({ path: `answers.${i.path}`, message: i.message })));
  const pepper = pepperOf(ctx);
  let codeHash: string | null = null;
  if (mode === 'code') {
    if (!input.accessCode?.trim()) throw new DomainError('QUESTIONNAIRE_ACCESS_CODE_INVALID', answerRefusal({ ...gate, deviceToken: false, deviceAlreadyAnswered: false, accessCode: null })!);
    const parsed = parseAccessCode(input.accessCode);
    if (!parsed.ok) throw new DomainError('QUESTIONNAIRE_ACCESS_CODE_INVALID', parsed.reason);
    await enforcePublicLimit(ctx, log, 'access_code', clientKey, false);
    codeHash = hashCode(pepper, 'access', parsed.value);
  }
  const token = input.deviceToken ?? '';
  const deviceHash = mode === 'open' && DEVICE_TOKEN.test(token) ? hashDeviceToken(pepper, r.id, token) : null;
  let badCode = false;
  const saved = ctx.db.transaction().execute(async (tx) => {
    await repo.lock(tx, r.id);
    const current = (await repo.findById(tx, r.id))!;
    const facts = { ...gate, published: current.status === 'published' };
    if (mode === 'open') {
      const answered = deviceHash !== null && (await repo.deviceAnswered(tx, r.id, deviceHash));
      const refusal = answerRefusal({ ...facts, deviceToken: deviceHash !== null, deviceAlreadyAnswered: answered, accessCode: null });
      if (refusal) throw new DomainError(answered ? 'QUESTIONNAIRE_ALREADY_ANSWERED' : current.status === 'published' ? 'VALIDATION_FAILED' : 'QUESTIONNAIRE_NOT_OPEN', refusal);
      if (!(await repo.insertAnswer(tx, { questionnaireId: r.id, answers: checked.answers, answeredOn: today, deviceHash, accessCodeId: null }))) {
        throw new DomainError('QUESTIONNAIRE_ALREADY_ANSWERED', answerRefusal({ ...facts, deviceToken: true, deviceAlreadyAnswered: true, accessCode: null })!);
      }
    } else {
      const code = await repo.codeByHash(tx, r.id, codeHash!);
      const state = !code ? 'unknown' : code.used_at ? 'used' : code.revoked_at ? 'revoked' : 'unused';
      const refusal = answerRefusal({ ...facts, deviceToken: false, deviceAlreadyAnswered: false, accessCode: state });
      badCode = state !== 'unused';
      if (refusal) throw new DomainError(state === 'used' ? 'QUESTIONNAIRE_ALREADY_ANSWERED' : current.status === 'published' ? 'QUESTIONNAIRE_ACCESS_CODE_INVALID' : 'QUESTIONNAIRE_NOT_OPEN', refusal);
      if (!(await repo.markCodeUsed(tx, code!.id, ctx.now()))) {
        badCode = true;
        throw new DomainError('QUESTIONNAIRE_ALREADY_ANSWERED', '该验证码已经使用过，每个验证码只能作答一次');
      }
      await repo.insertAnswer(tx, { questionnaireId: r.id, answers: checked.answers, answeredOn: today, deviceHash: null, accessCodeId: code!.id });
    }
    return { ok: true as const };
  });
  try {
    return await saved;
  } catch (e) {
    // counted after the rollback, outside the refused transaction
    if (badCode && e instanceof DomainError) await countPublicFailure(ctx, log, 'access_code', clientKey);
    throw e;
  }
}
