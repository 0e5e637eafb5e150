/**
 * 巡察建议书 to departments (numbered per round, sent, replied; reply due 30 days after sending unless
 * set — domain/reports/tracking.ts) and transfer items (移交事项) to departments, optionally from an
 * approved finding, tracked open → done. Both from 报告 until the round is filed. Every write:
 * permission, scope, one transaction, an audit row.
 */
import type { Selectable } from 'kysely';
import { scopeCovers } from '../../../domain/access/roles';
import type { SuggestionInput, SuggestionSendInput, TransferItemInput } from '../../../domain/reports/inputs';
import { phaseProblem, REPORT_PHASES } from '../../../domain/reports/report';
import {
  clockOf,
  CLOCK_NAMES,
  defaultReplyDue,
  SUGGESTION_STATUSES,
  suggestionNumberLabel,
  suggestionProblems,
  transferNumberLabel,
  transferProblems,
  TRANSFER_STATUSES,
  type SuggestionAction,
  type SuggestionStatus,
  type TransferStatus,
} from '../../../domain/reports/tracking';
import type { RoundPhase } from '../../../domain/planning/round';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import type { DB } from '../../db/schema';
import { writeAudit } from '../access';
import { findingForActor } from '../findings';
import { isUuid, roundForActor, type RoundRow } from './access';
import { todayInChina } from './reports.service';

type SuggestionRow = Selectable<DB['suggestions']>;
type TransferRow = Selectable<DB['transfer_items']>;

function refuse(reasons: string[], code: 'CONFLICT' | 'ROUND_LOCKED' = 'CONFLICT'): DomainError {
  return new DomainError(code, reasons.join('；'), { reasons });
}

function requirePhase(round: RoundRow, what: string) {
  const p = phaseProblem(round.phase as RoundPhase, REPORT_PHASES, what);
  if (p) throw refuse([p], 'ROUND_LOCKED');
}

/** Department organisations a round may address: kind department, enabled, within the round's scope. */
export async function departmentsOf(db: Executor, round: RoundRow) {
  const rows = await db.selectFrom('organisations').select(['id', 'name', 'scope_code']).where('kind', '=', 'department').where('disabled', '=', false).orderBy('name').execute();
  return rows.filter((o) => scopeCovers(round.scope_code, o.scope_code) || scopeCovers(o.scope_code, round.scope_code)).map((o) => ({ id: o.id, name: o.name }));
}

export async function listDepartments(ctx: AppContext, actor: Actor, roundId: string) {
  const { round } = await roundForActor(ctx.db, actor, roundId, 'read');
  const items = await departmentsOf(ctx.db, round);
  return { items, total: items.length };
}

async function department(db: Executor, round: RoundRow, id: string) {
  const d = (await departmentsOf(db, round)).find((o) => o.id === id);
  if (!d) throw new DomainError('VALIDATION_FAILED', '请选择本辖区的职能部门', [{ path: 'body.departmentOrgId', message: '不是本辖区的职能部门' }]);
  return d;
}

async function orgName(db: Executor, id: string) {
  return (await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
}

// — 巡察建议书 —

async function suggestionOut(db: Executor, round: RoundRow, s: SuggestionRow, today: string) {
  const status = s.status as SuggestionStatus;
  const clock = clockOf(status === 'sent', s.reply_due_on, today);
  return {
    id: s.id,
    roundId: s.round_id,
    number: s.number,
    numberLabel: suggestionNumberLabel(round.year, s.number),
    departmentOrgId: s.department_org_id,
    department: await orgName(db, s.department_org_id),
    title: s.title,
    content: s.content,
    measures: (Array.isArray(s.measures) ? s.measures : JSON.parse(String(s.measures))) as string[],
    sentOn: s.sent_on,
    replyDueOn: s.reply_due_on,
    reply: s.reply,
    repliedOn: s.replied_on,
    status,
    statusName: SUGGESTION_STATUSES[status] ?? s.status,
    clock,
    clockName: CLOCK_NAMES[clock],
  };
}
export type SuggestionOut = Awaited<ReturnType<typeof suggestionOut>>;

export async function suggestionForActor(db: Executor, actor: Actor, id: string, need: 'read' | 'write') {
  const notFound = () => new DomainError('NOT_FOUND', '巡察建议书不存在或无权查看');
  if (!isUuid(id)) throw notFound();
  const row = await db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  try {
    return { row, ...(await roundForActor(db, actor, row.round_id, need)) };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw notFound();
    throw e;
  }
}

export async function listSuggestions(ctx: AppContext, actor: Actor, roundId: string, page: { page: number; pageSize: number }) {
  const { round } = await roundForActor(ctx.db, actor, roundId, 'read');
  const q = ctx.db.selectFrom('suggestions').where('round_id', '=', round.id);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('number').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  const today = todayInChina(ctx.now());
  const items = [];
  for (const r of rows) items.push(await suggestionOut(ctx.db, round, r, today));
  return { items, total };
}

export async function createSuggestion(ctx: AppContext, actor: Actor, roundId: string, input: SuggestionInput): Promise<SuggestionOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { round } = await roundForActor(tx, actor, roundId, 'write');
    requirePhase(round, '制发巡察建议书');
    await department(tx, round, input.departmentOrgId);
    // number per round: the round row is locked so two letters never get the same number
    await tx.selectFrom('rounds').select('id').where('id', '=', round.id).forUpdate().executeTakeFirst();
    const last = await tx.selectFrom('suggestions').select((eb) => eb.fn.max('number').as('n')).where('round_id', '=', round.id).executeTakeFirst();
    const row = await tx
      .insertInto('suggestions')
      .values({
        round_id: round.id,
        department_org_id: input.departmentOrgId,
        number: Number(last?.n ?? 0) + 1,
        title: input.title,
        content: input.content,
        measures: JSON.stringify(input.measures),
        created_by: actor.userId,
        updated_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'reports.suggestion', entityId: row.id, scopeCode: round.scope_code, after: row });
    return suggestionOut(tx, round, row, todayInChina(ctx.now()));
  });
}

async function suggestionWrite(tx: Tx, ctx: AppContext, actor: Actor, id: string, action: SuggestionAction, what: string, facts: { date?: string } = {}) {
  const { row, round } = await suggestionForActor(tx, actor, id, 'write');
  requirePhase(round, what);
  const locked = await tx.selectFrom('suggestions').selectAll().where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
  const reasons = suggestionProblems(locked.status as SuggestionStatus, action, { sentOn: locked.sent_on, date: facts.date });
  if (reasons.length) throw refuse(reasons);
  return { before: locked, round };
}

export async function updateSuggestion(ctx: AppContext, actor: Actor, id: string, input: SuggestionInput): Promise<SuggestionOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { before, round } = await suggestionWrite(tx, ctx, actor, id, 'edit', '修改巡察建议书');
    await department(tx, round, input.departmentOrgId);
    const after = await tx
      .updateTable('suggestions')
      .set({ department_org_id: input.departmentOrgId, title: input.title, content: input.content, measures: JSON.stringify(input.measures), updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'reports.suggestion', entityId: after.id, scopeCode: round.scope_code, before, after });
    return suggestionOut(tx, round, after, todayInChina(ctx.now()));
  });
}

export async function sendSuggestion(ctx: AppContext, actor: Actor, id: string, input: SuggestionSendInput): Promise<SuggestionOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { before, round } = await suggestionWrite(tx, ctx, actor, id, 'send', '发出巡察建议书');
    const after = await tx
      .updateTable('suggestions')
      .set({ status: 'sent', sent_on: input.sentOn, reply_due_on: input.replyDueOn ?? defaultReplyDue(input.sentOn), updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'send', entity: 'reports.suggestion', entityId: after.id, scopeCode: round.scope_code, before, after });
    return suggestionOut(tx, round, after, todayInChina(ctx.now()));
  });
}

export async function replySuggestion(ctx: AppContext, actor: Actor, id: string, input: { reply: string; repliedOn: string }): Promise<SuggestionOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { before, round } = await suggestionWrite(tx, ctx, actor, id, 'reply', '登记巡察建议书的回复', { date: input.repliedOn });
    const after = await tx
      .updateTable('suggestions')
      .set({ status: 'replied', reply: input.reply, replied_on: input.repliedOn, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'reply', entity: 'reports.suggestion', entityId: after.id, scopeCode: round.scope_code, before, after });
    return suggestionOut(tx, round, after, todayInChina(ctx.now()));
  });
}

export async function deleteSuggestion(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { before, round } = await suggestionWrite(tx, ctx, actor, id, 'delete', '删除巡察建议书');
    await tx.deleteFrom('suggestions').where('id', '=', before.id).execute();
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'reports.suggestion', entityId: before.id, scopeCode: round.scope_code, before });
  });
}

// — 移交事项 —

async function transferOut(db: Executor, round: RoundRow, t: TransferRow, seq: number, today: string) {
  const status = t.status as TransferStatus;
  const clock = clockOf(status === 'open', t.due_on, today);
  const finding = t.finding_id ? await db.selectFrom('findings').select(['id', 'number', 'title', 'village_code', 'amount']).where('id', '=', t.finding_id).executeTakeFirst() : undefined;
  return {
    id: t.id,
    roundId: t.round_id,
    numberLabel: transferNumberLabel(round.year, round.number, seq),
    departmentOrgId: t.department_org_id,
    department: await orgName(db, t.department_org_id),
    finding: finding ? { id: finding.id, title: finding.title, villageCode: finding.village_code, amount: finding.amount === null ? null : Number(finding.amount).toFixed(2) } : null,
    title: t.title,
    content: t.content,
    sentOn: t.sent_on,
    dueOn: t.due_on,
    status,
    statusName: TRANSFER_STATUSES[status] ?? t.status,
    result: t.result,
    completedOn: t.completed_on,
    clock,
    clockName: CLOCK_NAMES[clock],
  };
}
export type TransferOut = Awaited<ReturnType<typeof transferOut>>;

/** Sequence numbers of a round's transfer items: their order of creation. */
async function sequence(db: Executor, roundId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('transfer_items').select('id').where('round_id', '=', roundId).orderBy('created_at').orderBy('id').execute();
  return new Map(rows.map((r, i) => [r.id, i + 1]));
}

export async function transferForActor(db: Executor, actor: Actor, id: string, need: 'read' | 'write') {
  const notFound = () => new DomainError('NOT_FOUND', '移交事项不存在或无权查看');
  if (!isUuid(id)) throw notFound();
  const row = await db.selectFrom('transfer_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  try {
    return { row, ...(await roundForActor(db, actor, row.round_id, need)) };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw notFound();
    throw e;
  }
}

export async function allTransferItems(db: Executor, round: RoundRow, today: string): Promise<TransferOut[]> {
  const rows = await db.selectFrom('transfer_items').selectAll().where('round_id', '=', round.id).orderBy('created_at').orderBy('id').execute();
  const out = [];
  for (const [i, r] of rows.entries()) out.push(await transferOut(db, round, r, i + 1, today));
  return out;
}

export async function listTransferItems(ctx: AppContext, actor: Actor, roundId: string, query: { page: number; pageSize: number; status?: TransferStatus | undefined }) {
  const { round } = await roundForActor(ctx.db, actor, roundId, 'read');
  const all = await allTransferItems(ctx.db, round, todayInChina(ctx.now()));
  const filtered = query.status ? all.filter((t) => t.status === query.status) : all;
  return { items: filtered.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), total: filtered.length };
}

export async function createTransferItem(ctx: AppContext, actor: Actor, roundId: string, input: TransferItemInput): Promise<TransferOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { round } = await roundForActor(tx, actor, roundId, 'write');
    requirePhase(round, '登记移交事项');
    await department(tx, round, input.departmentOrgId);
    if (input.findingId) {
      let finding;
      try {
        finding = (await findingForActor(tx, actor, input.findingId)).finding;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') throw new DomainError('VALIDATION_FAILED', '问题底稿不存在或无权查看', [{ path: 'body.findingId', message: '问题底稿不存在或无权查看' }]);
        throw e;
      }
      const reasons: string[] = [];
      if (finding.round_id !== round.id) reasons.push('该问题底稿不属于本轮巡察');
      if (finding.status !== 'approved') reasons.push('只有已审定的问题底稿才能作为移交事项的来源');
      if (reasons.length) throw refuse(reasons);
    }
    const row = await tx
      .insertInto('transfer_items')
      .values({
        round_id: round.id,
        department_org_id: input.departmentOrgId,
        finding_id: input.findingId,
        title: input.title,
        content: input.content,
        sent_on: input.sentOn,
        due_on: input.dueOn,
        created_by: actor.userId,
        updated_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'create', entity: 'reports.transfer_item', entityId: row.id, scopeCode: round.scope_code, after: row });
    const seq = (await sequence(tx, round.id)).get(row.id) ?? 0;
    return transferOut(tx, round, row, seq, todayInChina(ctx.now()));
  });
}

export async function completeTransferItem(ctx: AppContext, actor: Actor, id: string, input: { result: string; completedOn: string }): Promise<TransferOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const { row, round } = await transferForActor(tx, actor, id, 'write');
    requirePhase(round, '办结移交事项');
    const before = await tx.selectFrom('transfer_items').selectAll().where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    const reasons = transferProblems(before.status as TransferStatus, 'complete', { sentOn: before.sent_on, date: input.completedOn });
    if (reasons.length) throw refuse(reasons);
    const after = await tx
      .updateTable('transfer_items')
      .set({ status: 'done', result: input.result, completed_on: input.completedOn, updated_at: ctx.now() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'complete', entity: 'reports.transfer_item', entityId: after.id, scopeCode: round.scope_code, before, after });
    const seq = (await sequence(tx, round.id)).get(after.id) ?? 0;
    return transferOut(tx, round, after, seq, todayInChina(ctx.now()));
  });
}

export async function deleteTransferItem(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { row, round } = await transferForActor(tx, actor, id, 'write');
    requirePhase(round, '删除移交事项');
    const before = await tx.selectFrom('transfer_items').selectAll().where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    const reasons = transferProblems(before.status as TransferStatus, 'delete');
    if (reasons.length) throw refuse(reasons);
    await tx.deleteFrom('transfer_items').where('id', '=', before.id).execute();
    await writeAudit(tx, ctx, actor, { action: 'delete', entity: 'reports.transfer_item', entityId: before.id, scopeCode: round.scope_code, before });
  });
}
