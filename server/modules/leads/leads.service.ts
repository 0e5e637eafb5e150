/**
 * Leads (问题线索): drafted by the round's team (or the office) from a finding or directly on a village
 * inspection or target, transferred by cadre-management authority with a transfer letter (移交函) to
 * the discipline commission, the organisation department or another body, then received, disposed
 * and reported by the receiving organisation within the configured months.
 *
 * Who sees what (out of scope is 404, decision 0003):
 *  - the office and the leading group: every lead their scope covers (the leading group reads only);
 *  - team users: leads on the targets of teams linked to their organisation (decision 0005);
 *  - discipline and organisation users: only leads whose receiving organisation is theirs;
 *  - everybody else: nothing.
 * Status changes go only through domain/leads/lead.ts; every write is one transaction with an audit row.
 */
import { chinaDate, DEFAULT_REPORT_MONTHS, deadlineOf, dueOnFor, DUE_SOON_DAYS, flagWindow, leadSettingsInput, type Deadline, type LeadSettings } from '../../../domain/leads/deadline';
import {
  leadCreateInput,
  leadDisposeInput,
  leadOutcomeInput,
  leadRecallInput,
  leadReceiveInput,
  leadReopenInput,
  leadReportInput,
  leadReturnInput,
  leadTransferInput,
  leadUpdateInput,
  type LeadCreateInput,
  type LeadDisposeInput,
  type LeadOutcomeInput,
  type LeadPersonInput,
  type LeadReceiveInput,
  type LeadReportInput,
  type LeadTransferInput,
  type LeadUpdateInput,
} from '../../../domain/leads/inputs';
import {
  actionRefusal,
  disposeProblems,
  LEAD_ACTIONS,
  LEAD_AUTHORITIES,
  LEAD_DISPOSITIONS,
  LEAD_STATUSES,
  LEAD_TRANSITIONS,
  measureName,
  outcomeKindName,
  outcomeProblems,
  receiveProblems,
  reportProblems,
  transferProblems,
  type LeadAction,
  type LeadAuthority,
  type LeadDisposition,
  type LeadSide,
  type LeadStatus,
} from '../../../domain/leads/lead';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { leadsLedgerXlsx, transferLetterDocx, type LeadsLedgerRow } from '../documents';
import { attachmentsOf, deleteAttachment, deleteAttachmentsOf, storeFile, type AttachmentOut } from '../files';
import * as repo from './leads.repository';

export const SETTING_KEY = 'lead_report_months';
/** Files of a lead: evidence, the signed hand-over (签收单), the receiver's decisions. */
export const LEAD_FILE_OWNER = 'lead';
const ENTITY = 'leads.lead';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '问题线索不存在或无权查看');

export interface LeadPerson {
  name: string;
  cadreId: string | null;
  position: string;
}

// — who the actor is to leads —

/** The leads the actor may see, or null when none at all. */
export function viewOf(actor: Actor): repo.LeadView | null {
  if (!actor.permissions.has('leads.read')) return null;
  if (actor.orgKind === 'discipline' || actor.orgKind === 'organization') return { kind: 'receiver', orgId: actor.orgId };
  if (actor.orgKind === 'team') return { kind: 'team', scope: actor.scopeCode, orgId: actor.orgId };
  if (actor.orgKind === 'office' || actor.orgKind === 'leading_group') return { kind: 'scope', scope: actor.scopeCode };
  return null;
}

function viewOrNotFound(actor: Actor): repo.LeadView {
  const v = viewOf(actor);
  if (!v) throw notFound();
  return v;
}

/**
 * The side the actor takes for `action` on this lead. The sender side records on behalf of a body
 * outside the system (authority 'other'); the leading group reads only.
 */
function sideFor(actor: Actor, view: repo.LeadView, authority: string, action: LeadAction): LeadSide | null {
  if (view.kind === 'receiver') return actor.permissions.has('leads.dispose') ? 'receiver' : null;
  if (!actor.permissions.has('leads.write')) return null;
  return authority === 'other' && LEAD_TRANSITIONS[action].by === 'receiver' ? 'receiver' : 'sender';
}

function actionsFor(actor: Actor, view: repo.LeadView, status: LeadStatus, authority: LeadAuthority): LeadAction[] {
  const out = new Set<LeadAction>();
  for (const a of Object.keys(LEAD_ACTIONS) as LeadAction[]) {
    const side = sideFor(actor, view, authority, a);
    if (side && actionRefusal(status, a, side, authority) === null) out.add(a);
  }
  return [...out];
}

/** Loads the lead the actor may see and checks that the actor may take `action` on it now. */
async function leadForAction(tx: Executor, actor: Actor, id: string, action: LeadAction, lock: boolean) {
  const view = viewOrNotFound(actor);
  if (!UUID.test(id)) throw notFound();
  if (lock) await repo.lockLead(tx as Tx, id);
  const row = await repo.findLead(tx, view, id);
  if (!row) throw notFound();
  const side = sideFor(actor, view, row.authority, action);
  if (!side) throw new DomainError('FORBIDDEN', `没有权限${LEAD_ACTIONS[action]}问题线索`);
  const status = row.status as LeadStatus;
  const by = LEAD_TRANSITIONS[action].by;
  if (by !== side) {
    throw new DomainError('FORBIDDEN', actionRefusal(status, action, side, row.authority as LeadAuthority)!);
  }
  const refusal = actionRefusal(status, action, side, row.authority as LeadAuthority);
  if (refusal) throw new DomainError('LEAD_TRANSITION_NOT_ALLOWED', refusal, { reasons: [refusal] });
  return { row, view, side };
}

const refuse = (reasons: string[], code: 'LEAD_TRANSITION_NOT_ALLOWED' | 'VALIDATION_FAILED' = 'LEAD_TRANSITION_NOT_ALLOWED') => {
  if (reasons.length > 0) throw new DomainError(code, reasons.length === 1 ? reasons[0]! : `有 ${reasons.length} 项不符合要求：${reasons.join('；')}`, { reasons });
};

// — the setting —

export async function reportMonths(db: Executor): Promise<number> {
  const parsed = leadSettingsInput.safeParse({ reportMonths: await repo.readSetting(db, SETTING_KEY) });
  return parsed.success ? parsed.data.reportMonths : DEFAULT_REPORT_MONTHS;
}

export async function getLeadSettings(ctx: AppContext, actor: Actor): Promise<LeadSettings & { dueSoonDays: number }> {
  viewOrNotFound(actor);
  return { reportMonths: await reportMonths(ctx.db), dueSoonDays: DUE_SOON_DAYS };
}

export async function updateLeadSettings(ctx: AppContext, actor: Actor, input: LeadSettings): Promise<LeadSettings & { dueSoonDays: number }> {
  if (actor.orgKind !== 'office' || !actor.permissions.has('leads.write')) throw new DomainError('FORBIDDEN', '只有巡察办可以设置问题线索办理期限');
  const body = leadSettingsInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await reportMonths(tx);
    await repo.writeSetting(tx, SETTING_KEY, body.reportMonths);
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'leads.settings', entityId: SETTING_KEY, scopeCode: actor.scopeCode, before: { reportMonths: before }, after: body });
    return { ...body, dueSoonDays: DUE_SOON_DAYS };
  });
}

// — rows out —

const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : typeof v === 'string' ? (JSON.parse(v) as T[]) : []);

export interface LeadOut {
  id: string;
  number: number;
  /** the number as shown and printed: year-round-number, e.g. 2026-02-007 */
  code: string;
  roundId: string;
  roundLabel: string;
  targetId: string;
  targetName: string;
  teamName: string | null;
  inspectionId: string | null;
  findingId: string | null;
  villageCode: string | null;
  villageName: string | null;
  townCode: string;
  townName: string | null;
  summary: string;
  evidence: string;
  persons: LeadPerson[];
  authority: LeadAuthority;
  authorityName: string;
  otherBody: string | null;
  receivingOrgId: string | null;
  receivingOrgName: string | null;
  receiverName: string | null;
  status: LeadStatus;
  statusName: string;
  letterNo: string | null;
  transferredOn: string | null;
  receivedOn: string | null;
  receivedByName: string | null;
  disposition: LeadDisposition | null;
  dispositionName: string | null;
  dispositionOn: string | null;
  caseOpenedOn: string | null;
  handlingReport: string;
  reportedOn: string | null;
  closedOn: string | null;
  deadline: Deadline | null;
  version: number;
  actions: LeadAction[];
  createdAt: string;
  updatedAt: string;
}

const leadCodeText = (r: { round_year: number; round_number: number; number: number }) =>
  `${r.round_year}-${String(r.round_number).padStart(2, '0')}-${String(r.number).padStart(3, '0')}`;

function leadOut(r: repo.LeadListRow, today: string, actions: LeadAction[]): LeadOut {
  const authority = r.authority as LeadAuthority;
  const status = r.status as LeadStatus;
  const disposition = r.disposition as LeadDisposition | null;
  return {
    id: r.id,
    number: r.number,
    code: leadCodeText(r),
    roundId: r.round_id,
    roundLabel: `${r.round_year}年第${r.round_number}轮`,
    targetId: r.target_id,
    targetName: r.target_name,
    teamName: r.team_name ?? null,
    inspectionId: r.inspection_id,
    findingId: r.finding_id,
    villageCode: r.village_code,
    villageName: r.village_name ?? null,
    townCode: r.town_code,
    townName: r.town_name ?? null,
    summary: r.summary,
    evidence: r.evidence,
    persons: asArray<LeadPerson>(r.persons),
    authority,
    authorityName: LEAD_AUTHORITIES[authority] ?? r.authority,
    otherBody: r.other_body,
    receivingOrgId: r.receiving_org_id,
    receivingOrgName: r.receiving_org_name ?? null,
    receiverName: authority === 'other' ? r.other_body : (r.receiving_org_name ?? null),
    status,
    statusName: LEAD_STATUSES[status] ?? r.status,
    letterNo: r.transfer_letter_no,
    transferredOn: r.transferred_on,
    receivedOn: r.received_on,
    receivedByName: r.received_by_name,
    disposition,
    dispositionName: disposition ? (LEAD_DISPOSITIONS[disposition] ?? disposition) : null,
    dispositionOn: r.disposition_on,
    caseOpenedOn: r.case_opened_on,
    handlingReport: r.handling_report,
    reportedOn: r.reported_on,
    closedOn: r.closed_on,
    deadline: deadlineOf({ dueOn: r.due_on, reportedOn: r.reported_on }, today),
    version: r.version,
    actions,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export interface OutcomeOut {
  id: string;
  personName: string;
  cadreId: string | null;
  kind: string;
  kindName: string;
  measure: string;
  measureName: string;
  decidedOn: string;
  note: string;
}

const outcomeOut = (o: repo.OutcomeRow): OutcomeOut => ({
  id: o.id,
  personName: o.person_name,
  cadreId: o.cadre_id,
  kind: o.kind,
  kindName: outcomeKindName(o.kind),
  measure: o.measure,
  measureName: measureName(o.kind, o.measure),
  decidedOn: o.decided_on,
  note: o.note,
});

const HISTORY_ACTIONS: Record<string, string> = {
  create: '登记',
  update: '修改',
  delete: '删除',
  transfer: '移交',
  recall: '撤回移交',
  receive: '签收',
  return: '退回移交单位',
  dispose: '登记处置',
  add_outcome: '登记处理结果',
  delete_outcome: '删除处理结果',
  report: '报告办理情况并办结',
  reopen: '重新打开',
};

async function loadOut(db: Executor, ctx: AppContext, actor: Actor, view: repo.LeadView, id: string) {
  const row = await repo.findLead(db, view, id);
  if (!row) throw notFound();
  return leadOut(row, chinaDate(ctx.now()), actionsFor(actor, view, row.status as LeadStatus, row.authority as LeadAuthority));
}

// — reads —

export interface LeadListQuery {
  roundId?: string | undefined;
  status?: LeadStatus | undefined;
  authority?: LeadAuthority | undefined;
  flag?: 'due_soon' | 'overdue' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listLeads(ctx: AppContext, actor: Actor, query: LeadListQuery) {
  const view = viewOrNotFound(actor);
  const today = chinaDate(ctx.now());
  const due = query.flag ? flagWindow(query.flag, today) : undefined;
  const { items, total } = await repo.listLeads(ctx.db, view, { ...query, due });
  return { items: items.map((r) => leadOut(r, today, actionsFor(actor, view, r.status as LeadStatus, r.authority as LeadAuthority))), total };
}

export async function leadSummary(ctx: AppContext, actor: Actor, query: { roundId?: string | undefined }) {
  const view = viewOrNotFound(actor);
  const today = chinaDate(ctx.now());
  const c = await repo.countLeads(ctx.db, view, query, today, flagWindow('due_soon', today).to!);
  return {
    total: c.total,
    byStatus: { draft: c.draft, transferred: c.transferred, received: c.received, disposed: c.disposed, closed: c.closed },
    dueSoon: c.due_soon,
    overdue: c.overdue,
    cases: c.cases,
    reportMonths: await reportMonths(ctx.db),
    dueSoonDays: DUE_SOON_DAYS,
    today,
  };
}

export async function getLead(ctx: AppContext, actor: Actor, id: string) {
  const view = viewOrNotFound(actor);
  if (!UUID.test(id)) throw notFound();
  const lead = await loadOut(ctx.db, ctx, actor, view, id);
  const [outcomes, history, files] = await Promise.all([repo.outcomesOf(ctx.db, id), repo.historyOf(ctx.db, id), attachmentsOf(ctx.db, LEAD_FILE_OWNER, [id])]);
  return {
    ...lead,
    attachments: files.get(id) ?? [],
    canAttach: attachRefusal(lead) === null,
    outcomes: outcomes.map(outcomeOut),
    history: history.map((h) => ({
      at: new Date(h.at).toISOString(),
      actorName: h.actor_name,
      action: h.action,
      actionName: HISTORY_ACTIONS[h.action] ?? h.action,
      reason: (h.after as { reason?: string } | null)?.reason ?? null,
    })),
  };
}

/** Rows for the ledger (台账) of the actor's leads, in number order. */
export async function ledgerRows(ctx: AppContext, actor: Actor, query: { roundId?: string | undefined }) {
  const view = viewOrNotFound(actor);
  const today = chinaDate(ctx.now());
  const rows = await repo.allLeads(ctx.db, view, query);
  const out = [];
  for (const r of rows) {
    const lead = leadOut(r, today, []);
    out.push({ ...lead, outcomes: (await repo.outcomesOf(ctx.db, r.id)).map(outcomeOut) });
  }
  return out;
}

// — the sender's writes —

interface Origin {
  roundId: string;
  targetId: string;
  inspectionId: string | null;
  findingId: string | null;
  villageCode: string | null;
  townCode: string;
  summary: string | null;
  persons: LeadPerson[];
}

/** The target must be one the actor's team (or office scope) works: out of reach is 404. */
async function targetForSender(db: Executor, actor: Actor, targetId: string, what: string) {
  const view = viewOf(actor);
  if (!view || view.kind === 'receiver') throw notFound();
  if (!actor.permissions.has('leads.write')) throw new DomainError('FORBIDDEN', '没有权限登记问题线索');
  const t = await repo.targetWithTeam(db, targetId);
  const notThere = new DomainError('NOT_FOUND', `${what}不存在或无权查看`);
  if (!t || !t.code.startsWith(actor.scopeCode)) throw notThere;
  if (view.kind === 'team' && t.team_org_id !== actor.orgId) throw notThere;
  return t;
}

async function originOf(db: Executor, actor: Actor, input: LeadCreateInput): Promise<Origin> {
  if (input.findingId) {
    const f = await repo.findingById(db, input.findingId);
    if (!f) throw new DomainError('NOT_FOUND', '问题底稿不存在或无权查看');
    await targetForSender(db, actor, f.target_id, '问题底稿');
    const responsible = asArray<{ cadreId?: string | null; name?: string; position?: string }>(f.responsible);
    const cadres = await repo.cadresByIds(db, responsible.flatMap((p) => (p.cadreId ? [p.cadreId] : [])));
    const persons = responsible
      .map((p) => ({ name: (p.name || cadres.find((c) => c.id === p.cadreId)?.name || '').trim(), cadreId: p.cadreId ?? null, position: p.position ?? '' }))
      .filter((p) => p.name);
    return {
      roundId: f.round_id,
      targetId: f.target_id,
      inspectionId: f.inspection_id,
      findingId: f.id,
      villageCode: f.village_code,
      townCode: f.town_code,
      summary: `${f.title}。${f.description}`.slice(0, 4000),
      persons,
    };
  }
  if (input.inspectionId) {
    const i = await repo.inspectionById(db, input.inspectionId);
    if (!i) throw new DomainError('NOT_FOUND', '村级巡察不存在或无权查看');
    await targetForSender(db, actor, i.target_id, '村级巡察');
    return { roundId: i.round_id, targetId: i.target_id, inspectionId: i.id, findingId: null, villageCode: i.village_code, townCode: i.town_code, summary: null, persons: [] };
  }
  const t = await targetForSender(db, actor, input.targetId!, '巡察对象');
  const village = t.kind === 'village' ? t.code : null;
  const inspection = village ? await repo.inspectionOf(db, t.id, village) : undefined;
  return {
    roundId: t.round_id,
    targetId: t.id,
    inspectionId: inspection?.id ?? null,
    findingId: null,
    villageCode: village,
    townCode: t.town_code ?? t.code.slice(0, 9),
    summary: null,
    persons: [],
  };
}

/** Persons picked from the registry must be cadres of the lead's village (or town). */
async function checkPersons(db: Executor, persons: LeadPersonInput[], leadCode: string): Promise<LeadPerson[]> {
  const ids = persons.flatMap((p) => (p.cadreId ? [p.cadreId] : []));
  const cadres = await repo.cadresByIds(db, ids);
  const reasons: string[] = [];
  for (const p of persons) {
    if (!p.cadreId) continue;
    const c = cadres.find((x) => x.id === p.cadreId);
    if (!c) reasons.push(`被反映人“${p.name}”所选的干部不存在`);
    else if (!c.village_code.startsWith(leadCode)) reasons.push(`被反映人“${p.name}”所选的干部不属于该村（社区）`);
  }
  refuse(reasons, 'VALIDATION_FAILED');
  return persons.map((p) => ({ name: p.name, cadreId: p.cadreId ?? null, position: p.position ?? '' }));
}

const leadCode = (r: { village_code: string | null; town_code: string }) => r.village_code ?? r.town_code;

export async function createLead(ctx: AppContext, actor: Actor, input: LeadCreateInput): Promise<LeadOut> {
  const body = leadCreateInput.parse(input);
  const view = viewOrNotFound(actor);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const o = await originOf(tx, actor, body);
    const summary = body.summary?.trim() || o.summary;
    if (!summary) throw new DomainError('VALIDATION_FAILED', '请填写问题线索摘要', { reasons: ['请填写问题线索摘要'] });
    const persons = body.persons ? await checkPersons(tx, body.persons, o.villageCode ?? o.townCode) : o.persons;
    const number = await repo.nextLeadNumber(tx, o.roundId);
    const row = await repo.insertLead(tx, {
      round_id: o.roundId,
      target_id: o.targetId,
      inspection_id: o.inspectionId,
      finding_id: o.findingId,
      village_code: o.villageCode,
      town_code: o.townCode,
      number,
      summary,
      evidence: body.evidence,
      persons: JSON.stringify(persons),
      authority: body.authority,
      other_body: body.authority === 'other' ? (body.otherBody ?? null) : null,
      created_by: actor.userId,
      updated_at: ctx.now(),
    });
    await writeAudit(tx, ctx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      scopeCode: leadCode(row),
      after: { number, summary, persons, authority: row.authority, otherBody: row.other_body, findingId: row.finding_id },
    });
    return row.id;
  });
  return loadOut(ctx.db, ctx, actor, view, id);
}

export async function updateLead(ctx: AppContext, actor: Actor, id: string, input: LeadUpdateInput): Promise<LeadOut> {
  const body = leadUpdateInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const { row, view } = await leadForAction(tx, actor, id, 'edit', true);
    if (body.version !== undefined && body.version !== row.version) throw new DomainError('CONFLICT', '该问题线索已被他人修改，请刷新后再改');
    const persons = await checkPersons(tx, body.persons, leadCode(row));
    const before = { summary: row.summary, evidence: row.evidence, persons: row.persons, authority: row.authority, otherBody: row.other_body };
    const after = { summary: body.summary, evidence: body.evidence, persons, authority: body.authority, otherBody: body.authority === 'other' ? (body.otherBody ?? null) : null };
    await repo.updateLead(tx, id, {
      summary: after.summary,
      evidence: after.evidence,
      persons: JSON.stringify(persons),
      authority: after.authority,
      other_body: after.otherBody,
      updated_at: ctx.now(),
    });
    await writeAudit(tx, ctx, actor, { action: 'update', entity: ENTITY, entityId: id, scopeCode: leadCode(row), before, after });
    return loadOut(tx, ctx, actor, view, id);
  });
}

export async function deleteLead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { row } = await leadForAction(tx, actor, id, 'delete', true);
    const files = await deleteAttachmentsOf(tx, LEAD_FILE_OWNER, id);
    await repo.deleteLead(tx, id);
    await writeAudit(tx, ctx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      scopeCode: leadCode(row),
      before: { number: row.number, summary: row.summary, persons: row.persons, attachments: files.map((f) => f.fileName) },
    });
  });
}

export async function transferLead(ctx: AppContext, actor: Actor, id: string, input: LeadTransferInput): Promise<LeadOut> {
  const body = leadTransferInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const { row, view } = await leadForAction(tx, actor, id, 'transfer', true);
    const named = Boolean(body.receivingOrgId);
    const org = body.receivingOrgId ? await repo.organisationById(tx, body.receivingOrgId) : undefined;
    const today = chinaDate(ctx.now());
    refuse(
      transferProblems({
        authority: body.authority,
        otherBody: body.otherBody,
        receivingOrg: org ? { kind: org.kind, scopeCode: org.scope_code, disabled: org.disabled } : null,
        receivingOrgNamed: named,
        leadCode: leadCode(row),
        letterNo: body.letterNo,
        transferredOn: body.transferredOn,
        today,
        persons: asArray(row.persons).length,
        summary: row.summary,
      }),
    );
    const months = await reportMonths(tx);
    const dueOn = dueOnFor(body.transferredOn, months);
    const after = {
      authority: body.authority,
      receivingOrgId: body.authority === 'other' ? null : body.receivingOrgId!,
      otherBody: body.authority === 'other' ? body.otherBody!.trim() : null,
      letterNo: body.letterNo,
      transferredOn: body.transferredOn,
      dueOn,
      reportMonths: months,
      status: 'transferred',
    };
    await repo.updateLead(tx, id, {
      status: 'transferred',
      authority: after.authority,
      receiving_org_id: after.receivingOrgId,
      other_body: after.otherBody,
      transfer_letter_no: after.letterNo,
      transferred_on: after.transferredOn,
      transferred_by: actor.userId,
      due_on: dueOn,
      updated_at: ctx.now(),
    });
    await writeAudit(tx, ctx, actor, { action: 'transfer', entity: ENTITY, entityId: id, scopeCode: leadCode(row), before: { status: row.status }, after });
    return loadOut(tx, ctx, actor, view, id);
  });
}

const UNTRANSFERRED = {
  status: 'draft',
  receiving_org_id: null,
  transfer_letter_no: null,
  transferred_on: null,
  transferred_by: null,
  due_on: null,
} as const;

/** The sender takes a transfer back before the receiver signed for it. */
export async function recallLead(ctx: AppContext, actor: Actor, id: string, input: { reason: string }): Promise<LeadOut> {
  const body = leadRecallInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const { row, view } = await leadForAction(tx, actor, id, 'recall', true);
    await repo.updateLead(tx, id, { ...UNTRANSFERRED, updated_at: ctx.now() });
    await writeAudit(tx, ctx, actor, {
      action: 'recall',
      entity: ENTITY,
      entityId: id,
      scopeCode: leadCode(row),
      before: { status: row.status, receivingOrgId: row.receiving_org_id, letterNo: row.transfer_letter_no, transferredOn: row.transferred_on },
      after: { status: 'draft', reason: body.reason },
    });
    return loadOut(tx, ctx, actor, view, id);
  });
}

// — the receiver's writes —

async function receiverWrite<T>(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: LeadAction,
  work: (tx: Tx, row: repo.LeadListRow, today: string) => Promise<{ auditAction: string; before: unknown; after: unknown }>,
): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    const { row, view } = await leadForAction(tx, actor, id, action, true);
    const { auditAction, before, after } = await work(tx, row, chinaDate(ctx.now()));
    await writeAudit(tx, ctx, actor, { action: auditAction, entity: ENTITY, entityId: id, scopeCode: leadCode(row), before, after });
    // a return takes the lead away from the receiver: answer with what the sender side would see
    const stillVisible = await repo.findLead(tx, view, id);
    return (stillVisible ? leadOut(stillVisible, chinaDate(ctx.now()), actionsFor(actor, view, stillVisible.status as LeadStatus, stillVisible.authority as LeadAuthority)) : { id, status: 'draft' }) as T;
  });
}

export function receiveLead(ctx: AppContext, actor: Actor, id: string, input: LeadReceiveInput): Promise<LeadOut> {
  const body = leadReceiveInput.parse(input);
  return receiverWrite(ctx, actor, id, 'receive', async (tx, row, today) => {
    refuse(receiveProblems({ receivedOn: body.receivedOn, transferredOn: row.transferred_on, today, receivedByName: body.receivedByName }));
    await repo.updateLead(tx, id, { status: 'received', received_on: body.receivedOn, received_by_name: body.receivedByName, updated_at: ctx.now() });
    return { auditAction: 'receive', before: { status: row.status }, after: { status: 'received', ...body } };
  });
}

/** The receiver sends a lead back (not within its authority, incomplete): it returns to the sender's draft. */
export function returnLead(ctx: AppContext, actor: Actor, id: string, input: { reason: string }): Promise<LeadOut | { id: string; status: 'draft' }> {
  const body = leadReturnInput.parse(input);
  return receiverWrite(ctx, actor, id, 'return', async (tx, row) => {
    await repo.updateLead(tx, id, { ...UNTRANSFERRED, updated_at: ctx.now() });
    return {
      auditAction: 'return',
      before: { status: row.status, receivingOrgId: row.receiving_org_id, letterNo: row.transfer_letter_no },
      after: { status: 'draft', reason: body.reason },
    };
  });
}

export function disposeLead(ctx: AppContext, actor: Actor, id: string, input: LeadDisposeInput): Promise<LeadOut> {
  const body = leadDisposeInput.parse(input);
  return receiverWrite(ctx, actor, id, 'dispose', async (tx, row, today) => {
    refuse(disposeProblems({ dispositionOn: body.dispositionOn, caseOpenedOn: body.caseOpenedOn, receivedOn: row.received_on, today }));
    await repo.updateLead(tx, id, {
      status: 'disposed',
      disposition: body.disposition,
      disposition_on: body.dispositionOn,
      case_opened_on: body.caseOpenedOn ?? null,
      updated_at: ctx.now(),
    });
    return {
      auditAction: 'dispose',
      before: { status: row.status, disposition: row.disposition, dispositionOn: row.disposition_on, caseOpenedOn: row.case_opened_on },
      after: { status: 'disposed', ...body },
    };
  });
}

export function addOutcome(ctx: AppContext, actor: Actor, id: string, input: LeadOutcomeInput): Promise<LeadOut> {
  const body = leadOutcomeInput.parse(input);
  return receiverWrite(ctx, actor, id, 'outcome', async (tx, row, today) => {
    const persons = asArray<LeadPerson>(row.persons);
    refuse(outcomeProblems({ ...body, persons: persons.map((p) => p.name), receivedOn: row.received_on, today }));
    const o = await repo.insertOutcome(tx, {
      lead_id: id,
      person_name: body.personName,
      cadre_id: persons.find((p) => p.name === body.personName)?.cadreId ?? null,
      kind: body.kind,
      measure: body.measure,
      decided_on: body.decidedOn,
      note: body.note,
      created_by: actor.userId,
    });
    await repo.updateLead(tx, id, { updated_at: ctx.now() });
    return { auditAction: 'add_outcome', before: null, after: { outcomeId: o.id, ...body, measureName: measureName(body.kind, body.measure) } };
  });
}

export function deleteOutcome(ctx: AppContext, actor: Actor, id: string, outcomeId: string): Promise<LeadOut> {
  return receiverWrite(ctx, actor, id, 'outcome', async (tx) => {
    const o = UUID.test(outcomeId) ? await repo.findOutcome(tx, id, outcomeId) : undefined;
    if (!o) throw new DomainError('NOT_FOUND', '处理结果不存在');
    await repo.deleteOutcome(tx, o.id);
    await repo.updateLead(tx, id, { updated_at: ctx.now() });
    return { auditAction: 'delete_outcome', before: outcomeOut(o), after: null };
  });
}

export function reportLead(ctx: AppContext, actor: Actor, id: string, input: LeadReportInput): Promise<LeadOut> {
  const body = leadReportInput.parse(input);
  return receiverWrite(ctx, actor, id, 'report', async (tx, row, today) => {
    const outcomes = Number((await repo.countOutcomes(tx, id)).n);
    refuse(
      reportProblems({
        handlingReport: body.handlingReport,
        reportedOn: body.reportedOn,
        dispositionOn: row.disposition_on ?? row.received_on,
        today,
        caseOpened: Boolean(row.case_opened_on),
        outcomes,
      }),
    );
    await repo.updateLead(tx, id, { status: 'closed', handling_report: body.handlingReport, reported_on: body.reportedOn, closed_on: body.reportedOn, updated_at: ctx.now() });
    return { auditAction: 'report', before: { status: row.status }, after: { status: 'closed', ...body } };
  });
}

export function reopenLead(ctx: AppContext, actor: Actor, id: string, input: { reason: string }): Promise<LeadOut> {
  const body = leadReopenInput.parse(input);
  return receiverWrite(ctx, actor, id, 'reopen', async (tx, row) => {
    // an 'other' lead closed straight from receipt reopens to 已接收: it never had a disposition
    const to = row.disposition ? 'disposed' : 'received';
    await repo.updateLead(tx, id, { status: to, reported_on: null, closed_on: null, updated_at: ctx.now() });
    return { auditAction: 'reopen', before: { status: row.status, reportedOn: row.reported_on, handlingReport: row.handling_report }, after: { status: to, reason: body.reason } };
  });
}

// — documents —

/** 问题线索移交函 of a lead the actor sees (a draft prints as a preview without a number). */
export async function transferLetter(ctx: AppContext, actor: Actor, id: string): Promise<{ buffer: Buffer; fileName: string }> {
  const view = viewOrNotFound(actor);
  if (!UUID.test(id)) throw notFound();
  const row = await repo.findLead(ctx.db, view, id);
  if (!row) throw notFound();
  const lead = leadOut(row, chinaDate(ctx.now()), []);
  const sender = await repo.userWithOrg(ctx.db, row.transferred_by ?? row.created_by);
  const evidence = lead.evidence
    .split(/[\n；;]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((title) => ({ title }));
  const buffer = await transferLetterDocx({
    number: lead.letterNo ?? '（待编号）',
    leadNumber: lead.code,
    to: lead.receiverName ?? lead.authorityName,
    issuer: sender?.org_name ?? '巡察工作领导小组办公室',
    team: lead.teamName ?? lead.targetName,
    town: lead.townName ?? lead.townCode,
    village: lead.villageName,
    round: `${lead.roundLabel}巡察`,
    persons: lead.persons.map((p) => ({ name: p.name, position: p.position || undefined })),
    summary: lead.summary,
    evidence,
    replyBy: lead.deadline?.dueOn ?? null,
    date: lead.transferredOn ?? chinaDate(ctx.now()),
    handover: { transferredBy: sender?.display_name, receivedBy: lead.receivedByName ?? undefined, on: lead.receivedOn ?? undefined },
  });
  return { buffer, fileName: `问题线索移交函-${lead.code}.docx` };
}

const outcomesText = (list: OutcomeOut[]) => list.map((o) => `${o.personName}：${o.kindName === o.measureName ? o.measureName : `${o.kindName}·${o.measureName}`}`).join('；');

/** 问题线索台账 of the leads the actor sees (a receiver: those transferred to it). */
export async function leadsLedger(ctx: AppContext, actor: Actor, query: { roundId?: string | undefined }): Promise<{ buffer: Buffer; fileName: string }> {
  const leads = await ledgerRows(ctx, actor, query);
  const rows: LeadsLedgerRow[] = leads.map((l) => ({
    number: l.code,
    round: l.roundLabel,
    town: l.townName ?? l.townCode,
    village: l.villageName,
    persons: l.persons.map((p) => (p.position ? `${p.name}（${p.position}）` : p.name)).join('、'),
    summary: l.summary,
    receivingBody: l.receiverName ?? (l.status === 'draft' ? null : l.authorityName),
    status: l.deadline && l.deadline.flag !== 'ok' && l.deadline.flag !== 'reported' ? `${l.statusName}（${l.deadline.flag === 'overdue' ? '已逾期' : '即将到期'}）` : l.statusName,
    transferLetterNumber: l.letterNo,
    transferredOn: l.transferredOn,
    receivedOn: l.receivedOn,
    dueOn: l.deadline?.dueOn ?? null,
    disposition: l.dispositionName,
    dispositionOn: l.dispositionOn,
    caseOpenedOn: l.caseOpenedOn,
    outcomes: outcomesText(l.outcomes),
    reportedOn: l.reportedOn,
    closedOn: l.closedOn,
  }));
  const round = leads[0] && query.roundId ? `${leads[0].roundLabel}` : '';
  return { buffer: await leadsLedgerXlsx(rows), fileName: `问题线索台账${round ? `-${round}` : ''}-${chinaDate(ctx.now())}.xlsx` };
}

// — files —

/** Files may be added or removed by whoever may act on the lead now, until it is closed. */
function attachRefusal(lead: Pick<LeadOut, 'actions' | 'status'>): string | null {
  if (lead.status === 'closed') return '问题线索已办结，不能再增删附件；如需补充，请先重新打开';
  if (lead.actions.length === 0) return '当前不能为该问题线索增删附件';
  return null;
}

async function leadForFiles(tx: Tx, ctx: AppContext, actor: Actor, id: string): Promise<LeadOut> {
  const view = viewOrNotFound(actor);
  if (!UUID.test(id)) throw notFound();
  await repo.lockLead(tx, id);
  const lead = await loadOut(tx, ctx, actor, view, id);
  const refusal = attachRefusal(lead);
  if (refusal) throw new DomainError(lead.status === 'closed' ? 'LEAD_TRANSITION_NOT_ALLOWED' : 'FORBIDDEN', refusal, { reasons: [refusal] });
  return lead;
}

export async function addLeadAttachment(ctx: AppContext, actor: Actor, id: string, file: { buffer: Uint8Array; fileName: string }): Promise<AttachmentOut> {
  return ctx.db.transaction().execute(async (tx) => {
    const lead = await leadForFiles(tx, ctx, actor, id);
    return storeFile(tx, ctx, actor, file, { ownerKind: LEAD_FILE_OWNER, ownerId: id, scopeCode: lead.villageCode ?? lead.townCode });
  });
}

export async function deleteLeadAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const lead = await leadForFiles(tx, ctx, actor, id);
    await deleteAttachment(tx, ctx, actor, attachmentId, { ownerKind: LEAD_FILE_OWNER, ownerId: id, scopeCode: lead.villageCode ?? lead.townCode });
  });
}

/** Files of a lead are readable by whoever sees the lead (for GET /api/files/:attachmentId). */
export async function checkLeadFileAccess(ctx: AppContext, actor: Actor, leadId: string): Promise<void> {
  const view = viewOrNotFound(actor);
  if (!UUID.test(leadId) || !(await repo.findLead(ctx.db, view, leadId))) throw notFound();
}
