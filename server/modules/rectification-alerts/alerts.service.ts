/**
 * 三色预警 (issue 5 point 4): the scheduled job, each user's to-do list, the office's board, and the
 * office's reminders (催办/督促提醒), talks (约谈) and accountability decisions (问责).
 *
 * The job (runAlerts) asks domain alerts.ts `alertToSend` for every open item, with the office's
 * thresholds, and stores what it sends under the domain's idempotency key with ON CONFLICT DO NOTHING:
 * running it twice, or on several app instances at once, sends nothing twice. Levels only rise for a
 * due date; a new due date (extension, next periodic report) starts afresh.
 *
 * Recipients (DOMAIN.md: green → handler; yellow → handler and responsible leader; red → lead unit and
 * its Party head) mapped to the data we have — users carry no post, so a person named on the item is
 * reached through the accounts of the unit they belong to:
 *  - 经办人 handler: the active users of the responsible unit (responsible_org_id; when the unit has
 *    no organisation in the system, the town Party committee of the item's town);
 *  - 责任领导 responsible leader: the users of the same unit whose display name is the leader named on
 *    the item; when none matches, every user of that unit;
 *  - 牵头单位 lead unit: the users of the lead unit's organisation (lead_unit.orgId; a named unit
 *    without accounts falls back to the town Party committee of the item's town);
 *  - 牵头单位党组织书记 its Party head: users of the lead unit whose display name is the responsible
 *    leader named on the item when the lead unit is the responsible unit (by default the town
 *    secretary is both); otherwise, and when no name matches, every user of the lead unit.
 * Each alert stores the resolved recipients (role, unit, person, user ids) and one to-do per user.
 *
 * Visibility follows the items module: out of scope is 404. Only the office (rectification.manage)
 * writes; every write has an audit row, and a job run that sent anything has one too.
 */
import { chinaDate } from '../../../domain/leads/deadline';
import {
  ALERT_LEVELS,
  ALERT_LEVEL_LIST,
  ALERT_RECIPIENTS,
  alertSettingsInput,
  alertToSend,
  DEFAULT_ALERT_SETTINGS,
  INTERVENTION_GROUNDS,
  INTERVENTION_KINDS,
  ITEM_KINDS,
  ITEM_STATUSES,
  type AlertLevel,
  type AlertRecipient,
  type AlertSettings,
  type InterventionGround,
  type InterventionKind,
  type ItemKind,
  type ItemStatus,
  type UnitRef,
} from '../../../domain/rectification';
import { addDays } from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { SYSTEM_ACTOR, type AuditActor } from '../access/audit.service';
import { itemCode, viewOf } from '../rectification/items.service';
import type { ItemView } from '../rectification/items.repository';
import * as repo from './alerts.repository';
import { ACCOUNTABILITY_KINDS, type AccountabilityKind, type InterventionBody } from './alerts.inputs';

export const ALERT_SETTING_KEY = 'rectification_alerts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const itemNotFound = () => new DomainError('NOT_FOUND', '整改事项不存在或无权查看');

function viewOrNotFound(actor: Actor): ItemView {
  const v = viewOf(actor);
  if (!v) throw new DomainError('NOT_FOUND', '记录不存在或无权查看');
  return v;
}

function requireOffice(actor: Actor, what: string): void {
  if (actor.orgKind !== 'office' || !actor.permissions.has('rectification.manage')) throw new DomainError('FORBIDDEN', `只有巡察办可以${what}`);
}

// — settings —

export async function alertSettings(db: Executor): Promise<AlertSettings> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', ALERT_SETTING_KEY).executeTakeFirst();
  const parsed = alertSettingsInput.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_ALERT_SETTINGS;
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<AlertSettings> {
  viewOrNotFound(actor);
  return alertSettings(ctx.db);
}

export async function updateSettings(ctx: AppContext, actor: Actor, input: AlertSettings): Promise<AlertSettings> {
  requireOffice(actor, '设置三色预警');
  const body = alertSettingsInput.parse(input);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await alertSettings(tx);
    const json = JSON.stringify(body);
    await tx.insertInto('app_meta').values({ key: ALERT_SETTING_KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: 'rectification.settings', entityId: ALERT_SETTING_KEY, scopeCode: actor.scopeCode, before, after: body });
    return body;
  });
}

// — the job —

export interface RecipientOut {
  role: AlertRecipient;
  roleName: string;
  orgId: string | null;
  unitName: string;
  person: string;
  userIds: string[];
}

export interface AlertRunResult {
  date: string;
  /** open items with a due date within the green threshold */
  checked: number;
  sent: number;
  byLevel: Record<AlertLevel, number>;
  /** to-do entries created */
  todos: number;
}

const asUnit = (v: unknown): UnitRef => (typeof v === 'string' ? (JSON.parse(v) as UnitRef) : (v as UnitRef));

interface Directory {
  townOrg: Map<string, { id: string; name: string }>;
  org: Map<string, { id: string; name: string }>;
  users: Map<string, { id: string; display_name: string }[]>;
}

async function directory(db: Executor, items: { town_code: string; responsible_org_id: string | null; lead_unit?: unknown }[]): Promise<Directory> {
  const towns = await repo.townOrgs(db, [...new Set(items.map((i) => i.town_code))]);
  const townOrg = new Map(towns.map((t) => [t.scope_code, { id: t.id, name: t.name }]));
  const ids = new Set<string>();
  for (const i of items) {
    if (i.responsible_org_id) ids.add(i.responsible_org_id);
    const lead = i.lead_unit ? asUnit(i.lead_unit) : null;
    if (lead?.orgId) ids.add(lead.orgId);
  }
  const orgs = await repo.orgsById(db, [...ids]);
  const org = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name }]));
  const users = new Map<string, { id: string; display_name: string }[]>();
  for (const u of await repo.activeUsersOf(db, [...new Set([...ids, ...towns.map((t) => t.id)])])) {
    users.set(u.org_id, [...(users.get(u.org_id) ?? []), { id: u.id, display_name: u.display_name }]);
  }
  return { townOrg, org, users };
}

/** Who receives an alert of `level` for `item` (see the mapping in the header). */
export function resolveRecipients(item: repo.JobItem, level: AlertLevel, dir: Directory, roles: AlertRecipient[]): RecipientOut[] {
  const fallback = dir.townOrg.get(item.town_code) ?? null;
  const responsible = (item.responsible_org_id && dir.org.get(item.responsible_org_id)) || fallback;
  const leadRef = asUnit(item.lead_unit);
  const lead = (leadRef?.orgId && dir.org.get(leadRef.orgId)) || fallback;
  const usersOf = (o: { id: string } | null) => (o ? (dir.users.get(o.id) ?? []) : []);
  const named = (o: { id: string } | null, person: string) => {
    const all = usersOf(o);
    const match = person ? all.filter((u) => u.display_name === person) : [];
    return (match.length > 0 ? match : all).map((u) => u.id);
  };
  void level;
  return roles.map((role): RecipientOut => {
    switch (role) {
      case 'handler':
        return { role, roleName: ALERT_RECIPIENTS[role], orgId: responsible?.id ?? null, unitName: item.responsible_unit_name, person: item.handler, userIds: usersOf(responsible).map((u) => u.id) };
      case 'responsible_leader':
        return { role, roleName: ALERT_RECIPIENTS[role], orgId: responsible?.id ?? null, unitName: item.responsible_unit_name, person: item.responsible_leader, userIds: named(responsible, item.responsible_leader) };
      case 'lead_unit':
        return { role, roleName: ALERT_RECIPIENTS[role], orgId: lead?.id ?? null, unitName: leadRef?.name ?? lead?.name ?? '', person: '', userIds: usersOf(lead).map((u) => u.id) };
      case 'lead_unit_party_head': {
        const head = lead && responsible && lead.id === responsible.id ? item.responsible_leader : '';
        return { role, roleName: ALERT_RECIPIENTS[role], orgId: lead?.id ?? null, unitName: leadRef?.name ?? lead?.name ?? '', person: head, userIds: named(lead, head) };
      }
    }
  });
}

/**
 * Sends today's alerts: at most one per open item, never twice (the key is unique), only upwards
 * for a due date. `today` is a China date; the timer, the CLI and the office's route call it.
 */
export async function runAlerts(ctx: AppContext, today: string = chinaDate(ctx.now()), by: AuditActor = SYSTEM_ACTOR): Promise<AlertRunResult> {
  const settings = await alertSettings(ctx.db);
  const items = await repo.openItemsDueBy(ctx.db, addDays(today, settings.greenDays));
  const sent = await repo.sentAlerts(ctx.db, items.map((i) => i.id));
  const sentBy = new Map<string, { level: AlertLevel; dueOn: string }[]>();
  for (const s of sent) sentBy.set(s.item_id, [...(sentBy.get(s.item_id) ?? []), { level: s.level as AlertLevel, dueOn: s.due_on }]);
  const result: AlertRunResult = { date: today, checked: items.length, sent: 0, byLevel: { green: 0, yellow: 0, red: 0 }, todos: 0 };
  const toSend = items.flatMap((item) => {
    const a = alertToSend({ id: item.id, status: item.status as ItemStatus, dueOn: item.due_on }, today, sentBy.get(item.id) ?? [], settings);
    return a ? [{ item, alert: a }] : [];
  });
  if (toSend.length === 0) return result;
  const dir = await directory(ctx.db, toSend.map((x) => x.item));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    for (const { item, alert } of toSend) {
      const recipients = resolveRecipients(item, alert.level, dir, alert.recipients);
      const id = await repo.insertAlert(tx, { item_id: item.id, level: alert.level, due_on: alert.dueOn, days_left: alert.daysLeft, key: alert.key, recipients, created_at: now });
      if (!id) continue; // another run sent it in the meantime
      result.sent += 1;
      result.byLevel[alert.level] += 1;
      const users = [...new Set(recipients.flatMap((r) => r.userIds))];
      result.todos += await repo.insertTodos(tx, users.map((u) => ({ user_id: u, item_id: item.id, alert_id: id, intervention_id: null, created_at: now })));
    }
    if (result.sent > 0) await writeAudit(tx, ctx, by, { action: 'run', entity: 'rectification.alerts', entityId: today, scopeCode: '', after: result });
  });
  return result;
}

/** The office's 立即运行预警. */
export async function runAlertsNow(ctx: AppContext, actor: Actor): Promise<AlertRunResult> {
  requireOffice(actor, '运行三色预警');
  return runAlerts(ctx, chinaDate(ctx.now()), actor);
}

/** The in-process timer: every `minutes` (0 = off); a failure is logged and the next tick tries again. */
export function startAlertTimer(ctx: AppContext, minutes: number, log: (msg: string, err?: unknown) => void): () => void {
  if (minutes <= 0) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runAlerts(ctx);
      if (r.sent > 0) log(`三色预警：发出 ${r.sent} 条（绿 ${r.byLevel.green}，黄 ${r.byLevel.yellow}，红 ${r.byLevel.red}），新增待办 ${r.todos} 条`);
    } catch (e) {
      log('三色预警运行失败', e);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const timer = setInterval(() => void tick(), minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

// — the board —

export interface BoardQuery {
  roundId?: string | undefined;
  townCode?: string | undefined;
  level?: AlertLevel | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function alertBoard(ctx: AppContext, actor: Actor, query: BoardQuery) {
  const view = viewOrNotFound(actor);
  const today = chinaDate(ctx.now());
  const s = await alertSettings(ctx.db);
  const bounds = { today, yellowUntil: addDays(today, s.yellowDays), greenUntil: addDays(today, s.greenDays) };
  const f = { roundId: query.roundId, townCode: query.townCode, q: query.q?.trim() || undefined };
  const { items, total, towns } = await repo.board(ctx.db, view, f, bounds, query.level, query.page, query.pageSize);
  const counts: Record<AlertLevel, number> = { green: 0, yellow: 0, red: 0 };
  const byTown = new Map<string, { townCode: string; townName: string; green: number; yellow: number; red: number; total: number }>();
  for (const t of towns) {
    const lv = t.alert_level as AlertLevel;
    const n = Number(t.n);
    counts[lv] += n;
    const row = byTown.get(t.town_code) ?? { townCode: t.town_code, townName: t.town_name ?? t.town_code, green: 0, yellow: 0, red: 0, total: 0 };
    row[lv] += n;
    row.total += n;
    byTown.set(t.town_code, row);
  }
  return {
    date: today,
    settings: s,
    counts,
    towns: [...byTown.values()],
    total,
    items: items.map((r) => {
      const townName = r.town_name ?? r.town_code;
      const level = r.alert_level as AlertLevel;
      return {
        id: r.id,
        code: itemCode(r),
        roundId: r.round_id,
        roundLabel: `${r.round_year}年第${r.round_number}轮`,
        problem: r.finding_title,
        place: r.village_name ? `${townName}${r.village_name}` : townName,
        townCode: r.town_code,
        status: r.status as ItemStatus,
        statusName: ITEM_STATUSES[r.status as ItemStatus] ?? r.status,
        kindName: ITEM_KINDS[r.kind as ItemKind] ?? r.kind,
        dueOn: r.due_on as string,
        daysLeft: Math.round((Date.parse(r.due_on as string) - Date.parse(today)) / 86_400_000),
        level,
        levelName: ALERT_LEVELS[level],
        sentLevel: (r.sent_level as AlertLevel | null) ?? null,
        responsibleUnitName: r.responsible_unit_name,
        responsibleLeader: r.responsible_leader,
        handler: r.handler,
        leadUnitName: asUnit(r.lead_unit)?.name ?? '',
        interventions: Number(r.interventions),
      };
    }),
  };
}

// — to-do —

export async function listTodos(ctx: AppContext, actor: Actor, query: { unread?: boolean; page: number; pageSize: number }) {
  viewOrNotFound(actor);
  const { items, total, unread } = await repo.todos(ctx.db, actor.userId, query.unread === true, query.page, query.pageSize);
  const today = chinaDate(ctx.now());
  return {
    total,
    unread,
    items: items.map((r) => {
      const townName = r.town_name ?? '';
      const level = (r.level as AlertLevel | null) ?? null;
      const kind = (r.intervention_kind as InterventionKind | null) ?? null;
      return {
        id: r.id,
        type: r.alert_id ? ('alert' as const) : ('reminder' as const),
        itemId: r.item_id,
        itemCode: itemCode(r),
        problem: r.finding_title,
        place: r.village_name ? `${townName}${r.village_name}` : townName,
        itemStatusName: ITEM_STATUSES[r.status as ItemStatus] ?? r.status,
        level,
        levelName: level ? ALERT_LEVELS[level] : null,
        dueOn: r.due_on ?? r.item_due_on,
        // as of today, not as of the day the alert was sent: a to-do read later must not say "1 day overdue"
        daysLeft: (r.due_on ?? r.item_due_on) ? Math.round((Date.parse(String(r.due_on ?? r.item_due_on)) - Date.parse(today)) / 86_400_000) : null,
        roles: r.alert_id ? (Array.isArray(r.recipients) ? (r.recipients as RecipientOut[]) : (JSON.parse(String(r.recipients ?? '[]')) as RecipientOut[])).filter((x) => x.userIds.includes(actor.userId)).map((x) => x.roleName) : [],
        message: kind ? `${r.created_by_name}${INTERVENTION_KINDS[kind]}：${r.intervention_content}` : '',
        read: r.read_at !== null,
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
        createdAt: new Date(r.created_at).toISOString(),
      };
    }),
  };
}

export async function markTodoRead(ctx: AppContext, actor: Actor, id: string): Promise<{ ok: true }> {
  viewOrNotFound(actor);
  if (!UUID.test(id) || !(await repo.findTodo(ctx.db, actor.userId, id))) throw new DomainError('NOT_FOUND', '待办不存在或无权查看');
  await ctx.db.transaction().execute((tx) => repo.markRead(tx, actor.userId, [id], ctx.now()));
  return { ok: true };
}

export async function markAllTodosRead(ctx: AppContext, actor: Actor): Promise<{ marked: number }> {
  viewOrNotFound(actor);
  const marked = await ctx.db.transaction().execute((tx) => repo.markRead(tx, actor.userId, 'all', ctx.now()));
  return { marked };
}

// — reminders, talks, accountability —

export interface InterventionOut {
  id: string;
  kind: InterventionKind;
  kindName: string;
  ground: InterventionGround;
  groundName: string;
  happenedOn: string;
  persons: string;
  content: string;
  accountabilityKind: AccountabilityKind | null;
  accountabilityKindName: string | null;
  decisionNo: string;
  items: { id: string; code: string; problem: string }[];
  createdByName: string;
  createdAt: string;
}

async function interventionsOut(db: Executor, view: ItemView, rows: Awaited<ReturnType<typeof repo.interventions>>['items']): Promise<InterventionOut[]> {
  const links = await repo.interventionItems(db, view, rows.map((r) => r.id));
  return rows.map((r) => {
    const kind = r.kind as InterventionKind;
    const ground = r.ground as InterventionGround;
    const ak = (r.accountability_kind as AccountabilityKind | null) ?? null;
    return {
      id: r.id,
      kind,
      kindName: INTERVENTION_KINDS[kind] ?? r.kind,
      ground,
      groundName: INTERVENTION_GROUNDS[ground] ?? r.ground,
      happenedOn: r.happened_on,
      persons: r.persons,
      content: r.content,
      accountabilityKind: ak,
      accountabilityKindName: ak ? ACCOUNTABILITY_KINDS[ak] : null,
      decisionNo: r.decision_no,
      items: links.filter((l) => l.intervention_id === r.id).map((l) => ({ id: l.id, code: itemCode(l), problem: l.finding_title })),
      createdByName: r.created_by_name,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

export interface InterventionQuery {
  itemId?: string | undefined;
  roundId?: string | undefined;
  kind?: InterventionKind | undefined;
  page: number;
  pageSize: number;
}

export async function listInterventions(ctx: AppContext, actor: Actor, query: InterventionQuery) {
  const view = viewOrNotFound(actor);
  if (query.itemId) {
    if (!UUID.test(query.itemId) || (await repo.visibleItems(ctx.db, view, [query.itemId])).length === 0) throw itemNotFound();
  }
  if (query.roundId && !UUID.test(query.roundId)) return { items: [], total: 0 };
  const { items, total } = await repo.interventions(ctx.db, view, { itemId: query.itemId, roundId: query.roundId, kind: query.kind }, query.page, query.pageSize);
  return { items: await interventionsOut(ctx.db, view, items), total };
}

/** Records a reminder, talk or accountability decision on items the office sees; a reminder also lands in the handlers' to-do lists. */
export async function createIntervention(ctx: AppContext, actor: Actor, body: InterventionBody): Promise<InterventionOut & { todos: number }> {
  const view = viewOrNotFound(actor);
  requireOffice(actor, '催办、登记约谈和问责');
  const ids = [...new Set(body.itemIds)];
  const items = await repo.visibleItems(ctx.db, view, ids);
  if (items.length !== ids.length) throw itemNotFound();
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx: Tx) => {
    const row = await tx
      .insertInto('rectification_interventions')
      .values({
        kind: body.kind,
        ground: body.ground,
        happened_on: body.happenedOn,
        persons: body.persons,
        content: body.content,
        accountability_kind: body.kind === 'accountability' ? body.accountabilityKind : null,
        decision_no: body.kind === 'accountability' ? body.decisionNo : '',
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.insertInto('rectification_intervention_items').values(ids.map((item_id) => ({ intervention_id: row.id, item_id }))).execute();
    let todos = 0;
    if (body.kind === 'reminder') {
      // the handlers of each item: the responsible unit's users (its town's when it has no accounts)
      const dir = await directory(tx, items);
      const rows = items.flatMap((i) => {
        const org = (i.responsible_org_id && dir.org.get(i.responsible_org_id)) || dir.townOrg.get(i.town_code) || null;
        return (org ? (dir.users.get(org.id) ?? []) : []).map((u) => ({ user_id: u.id, item_id: i.id, alert_id: null, intervention_id: row.id, created_at: now }));
      });
      todos = await repo.insertTodos(tx, rows);
    }
    const [out] = await interventionsOut(tx, view, [row]);
    await writeAudit(tx, ctx, actor, { action: 'create', entity: `rectification.${body.kind}`, entityId: row.id, scopeCode: actor.scopeCode, after: { ...body, itemIds: ids } });
    return { ...out!, todos };
  });
}

export { ALERT_LEVEL_LIST };
