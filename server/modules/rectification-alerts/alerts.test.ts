/**
 * 三色预警 through the job and the routes with a fixed clock across deadlines: green at 20 days,
 * yellow at 10, red when overdue; nothing twice; a job that skipped days sends only the current
 * level; closed items get nothing; an extended deadline starts afresh. Then each user's to-do list
 * and its scoping, the board per town, reminders/talks/accountability with audit rows, and settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { runAlerts } from './alerts.service';
import { createAlertsWorld, type AlertsWorld } from './test-setup';

const RANK: Record<string, number> = { green: 1, yellow: 2, red: 3 };

describe('rectification alerts', () => {
  let w: AlertsWorld;
  const sentFor = async (itemId: string) =>
    (await w.t.ctx.db.selectFrom('rectification_alerts').select(['level', 'due_on', 'recipients']).where('item_id', '=', itemId).execute())
      .map((r) => `${r.level}@${r.due_on}`)
      .sort((x, y) => x.slice(-10).localeCompare(y.slice(-10)) || RANK[x.split('@')[0]!]! - RANK[y.split('@')[0]!]!);
  const todos = async (cookie: string, q = '') => (await api(w.t, cookie, 'GET', `/api/rectification/todos${q}`)).body;

  beforeAll(async () => {
    w = await createAlertsWorld();
  });
  afterAll(async () => w.t.close());

  it('sends green at 20 days, yellow at 10 and red when overdue, each once, only upwards', async () => {
    await w.setDate('2026-12-01');
    await w.due(w.a, '2026-12-21'); // 20 days: green
    await w.due(w.a2, '2026-12-05', 'closed'); // closed: never
    await w.due(w.townItem, '2026-12-31'); // 30 days: nothing yet
    await w.due(w.b, '2026-12-11'); // 10 days: yellow (the other town)

    const first = await api(w.t, w.office, 'POST', '/api/rectification/alerts/run');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ date: '2026-12-01', checked: 2, sent: 2, byLevel: { green: 1, yellow: 1, red: 0 } });
    expect(first.body.todos).toBeGreaterThan(0);
    // twice: nothing
    expect((await api(w.t, w.office, 'POST', '/api/rectification/alerts/run')).body).toMatchObject({ sent: 0, todos: 0 });
    expect(await runAlerts(w.t.ctx, '2026-12-01')).toMatchObject({ sent: 0 });
    // one day later: still green for a, still yellow for b — nothing new
    expect(await runAlerts(w.t.ctx, '2026-12-02')).toMatchObject({ sent: 0 });
    expect(await sentFor(w.a)).toEqual(['green@2026-12-21']);
    expect(await sentFor(w.b)).toEqual(['yellow@2026-12-11']);

    // 11 days before: still green; 10 days before: yellow
    expect(await runAlerts(w.t.ctx, '2026-12-10')).toMatchObject({ sent: 0 });
    expect(await runAlerts(w.t.ctx, '2026-12-11')).toMatchObject({ sent: 2, byLevel: { green: 1, yellow: 1, red: 0 } }); // a yellow, townItem green (20 days)
    expect(await sentFor(w.a)).toEqual(['green@2026-12-21', 'yellow@2026-12-21']);
    // the due day itself is yellow (nothing new for b); the day after is red
    expect(await runAlerts(w.t.ctx, '2026-12-11')).toMatchObject({ sent: 0 });
    expect(await runAlerts(w.t.ctx, '2026-12-12')).toMatchObject({ sent: 1, byLevel: { red: 1 } });
    expect(await sentFor(w.b)).toEqual(['yellow@2026-12-11', 'red@2026-12-11']);

    // the job missed days: townItem jumps from green straight to red — only red is sent
    expect(await runAlerts(w.t.ctx, '2027-01-02')).toMatchObject({ sent: 2, byLevel: { green: 0, yellow: 0, red: 2 } });
    expect(await sentFor(w.townItem)).toEqual(['green@2026-12-31', 'red@2026-12-31']);
    expect(await runAlerts(w.t.ctx, '2027-01-03')).toMatchObject({ sent: 0 });
    expect(await sentFor(w.a2)).toEqual([]); // closed: nothing, ever
  });

  it('starts afresh for an extended deadline', async () => {
    await w.setDate('2027-01-03');
    const ext = await api(w.t, w.office, 'POST', `/api/rectification/items/${w.a}/extend`, { deadline: '2027-01-20', reason: '需等待上级审批' });
    expect(ext.status, JSON.stringify(ext.body)).toBe(200);
    const due = await w.t.ctx.db.selectFrom('rectification_items').select('due_on').where('id', '=', w.a).executeTakeFirstOrThrow();
    expect(due.due_on).toBe('2027-01-20');
    expect(await runAlerts(w.t.ctx, '2027-01-03')).toMatchObject({ sent: 1, byLevel: { green: 1 } }); // 17 days: green for the new date
    expect(await sentFor(w.a)).toEqual(['green@2026-12-21', 'yellow@2026-12-21', 'red@2026-12-21', 'green@2027-01-20']);
  });

  it('lists each user their own alerts, unread first, and marks them read', async () => {
    await w.setDate('2027-01-03');
    const mine = await todos(w.town);
    // town A: a green, yellow, red and green again; townItem green and red (handler and lead unit are the town)
    expect(mine.total).toBe(6);
    expect(mine.unread).toBe(6);
    expect(mine.items.every((x: { itemId: string }) => [w.a, w.townItem].includes(x.itemId))).toBe(true);
    const red = mine.items.find((x: { level: string; itemId: string }) => x.level === 'red' && x.itemId === w.townItem);
    expect(mine.items.filter((x: { level: string }) => x.level === 'red')).toHaveLength(2);
    expect(mine.items.find((x: { level: string; itemId: string }) => x.level === 'red' && x.itemId === w.townItem)).toMatchObject({ itemId: w.townItem, levelName: '红色预警', type: 'alert', read: false, dueOn: '2026-12-31', daysLeft: -3 });
    expect(red.roles).toEqual(expect.arrayContaining(['牵头单位']));
    // the other town sees only villageB's item
    const theirs = await todos(w.otherTown);
    expect(theirs.items.map((x: { itemId: string; level: string }) => `${x.itemId === w.b}:${x.level}`).sort()).toEqual(['true:red', 'true:yellow']);
    // mark one read: it goes after the unread ones; another's entry is 404
    expect((await api(w.t, w.otherTown, 'POST', `/api/rectification/todos/${red.id}/read`)).status).toBe(404);
    expect((await api(w.t, w.town, 'POST', `/api/rectification/todos/${red.id}/read`)).status).toBe(200);
    const after = await todos(w.town);
    expect(after.unread).toBe(5);
    expect(after.items.at(-1)).toMatchObject({ id: red.id, read: true });
    expect(after.items.slice(0, 5).every((x: { read: boolean }) => !x.read)).toBe(true);
    expect((await todos(w.town, '?unread=1')).total).toBe(5);
    expect((await api(w.t, w.town, 'POST', '/api/rectification/todos/read-all')).body).toEqual({ marked: 5 });
    expect((await todos(w.town)).unread).toBe(0);
  });

  it('shows the office the board by colour with counts per town; a town sees only its own', async () => {
    await w.setDate('2027-01-03');
    const all = await api(w.t, w.office, 'GET', '/api/rectification/alerts/board');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.counts).toEqual({ green: 1, yellow: 0, red: 2 });
    expect(all.body.total).toBe(3);
    expect(all.body.towns).toHaveLength(2);
    expect(all.body.towns.find((t: { townCode: string }) => t.townCode === w.townA)).toMatchObject({ green: 1, red: 1, total: 2 });
    expect(all.body.items[0]).toMatchObject({ id: w.b, level: 'red', sentLevel: 'red', daysLeft: -23 });
    const reds = await api(w.t, w.office, 'GET', '/api/rectification/alerts/board?level=red&pageSize=1');
    expect(reds.body).toMatchObject({ total: 2, counts: { red: 2 } });
    expect(reds.body.items).toHaveLength(1);
    const town = await api(w.t, w.town, 'GET', '/api/rectification/alerts/board');
    expect(town.body.counts).toEqual({ green: 1, yellow: 0, red: 1 });
    expect(town.body.items.map((i: { id: string }) => i.id).sort()).toEqual([w.a, w.townItem].sort());
    expect((await api(w.t, w.office, 'GET', '/api/rectification/alerts/board?level=purple')).status).toBe(400);
  });

  it('lets only the office send reminders and record talks and accountability, with audit rows', async () => {
    await w.setDate('2027-01-03');
    const url = '/api/rectification/interventions';
    const reminder = { kind: 'reminder', ground: 'overdue', itemIds: [w.townItem], happenedOn: '2027-01-03', persons: 'towna党委', content: '请于 1 月 10 日前报送整改进展' };
    expect((await api(w.t, w.town, 'POST', url, reminder)).status).toBe(403);
    expect((await api(w.t, w.office, 'POST', url, { ...reminder, itemIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(404);
    const sent = await api(w.t, w.office, 'POST', url, reminder);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'reminder', kindName: '督促提醒', groundName: '逾期未整改', todos: 1, items: [{ id: w.townItem }] });
    const reminded = (await todos(w.town, '?unread=1')).items;
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toMatchObject({ type: 'reminder', itemId: w.townItem, level: null });
    expect(reminded[0].message).toContain('请于 1 月 10 日前报送整改进展');

    const talk = await api(w.t, w.office, 'POST', url, { ...reminder, kind: 'talk', itemIds: [w.townItem, w.b], persons: '张三（镇党委书记）', content: '约谈镇党委书记，要求限期整改' });
    expect(talk.status).toBe(201);
    const noDecision = await api(w.t, w.office, 'POST', url, { ...reminder, kind: 'accountability', ground: 'fake', persons: '李四', content: '虚假整改' });
    expect(noDecision.status).toBe(400);
    expect(JSON.stringify(noDecision.body)).toContain('请选择问责方式');
    const acc = await api(w.t, w.office, 'POST', url, { ...reminder, kind: 'accountability', ground: 'fake', itemIds: [w.b], persons: '李四', content: '虚假整改，予以诫勉', accountabilityKind: 'admonish', decisionNo: '溧纪发〔2027〕3号' });
    expect(acc.status).toBe(201);
    expect(acc.body).toMatchObject({ accountabilityKindName: '诫勉', decisionNo: '溧纪发〔2027〕3号' });

    // per item and per round; the other town sees only what touches its items
    const perItem = await api(w.t, w.office, 'GET', `${url}?itemId=${w.townItem}`);
    expect(perItem.body.items.map((x: { kind: string }) => x.kind).sort()).toEqual(['reminder', 'talk']);
    expect((await api(w.t, w.office, 'GET', `${url}?roundId=${w.roundId}`)).body.total).toBe(3);
    expect((await api(w.t, w.office, 'GET', `${url}?roundId=${w.roundId}&kind=accountability`)).body.total).toBe(1);
    expect((await api(w.t, w.otherTown, 'GET', `${url}?itemId=${w.townItem}`)).status).toBe(404);
    const theirs = await api(w.t, w.otherTown, 'GET', url);
    expect(theirs.body.items.map((x: { kind: string }) => x.kind).sort()).toEqual(['accountability', 'talk']);
    // the talk lists only the item the other town may see
    expect(theirs.body.items.find((x: { kind: string }) => x.kind === 'talk').items.map((i: { id: string }) => i.id)).toEqual([w.b]);

    const audits = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'like', 'rectification.%').where('entity', '<>', 'rectification.item').orderBy('seq').execute();
    expect(audits.map((a) => `${a.action} ${a.entity}`)).toEqual(
      expect.arrayContaining(['run rectification.alerts', 'create rectification.reminder', 'create rectification.talk', 'create rectification.accountability']),
    );
    expect(audits.filter((a) => a.entity === 'rectification.accountability')).toHaveLength(1);
  });

  it('keeps thresholds in the office settings', async () => {
    const url = '/api/rectification/alerts/settings';
    expect((await api(w.t, w.town, 'GET', url)).body).toEqual({ greenDays: 20, yellowDays: 10 });
    expect((await api(w.t, w.town, 'PUT', url, { greenDays: 30, yellowDays: 15 })).status).toBe(403);
    const bad = await api(w.t, w.office, 'PUT', url, { greenDays: 10, yellowDays: 10 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('黄色预警的提前天数应少于绿色预警');
    expect((await api(w.t, w.office, 'PUT', url, { greenDays: 30, yellowDays: 15 })).status).toBe(200);
    // a2 reopened with a due date 30 days out is green under the new setting
    await w.due(w.a2, '2027-02-02');
    expect(await runAlerts(w.t.ctx, '2027-01-03')).toMatchObject({ sent: 1, byLevel: { green: 1 } });
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('after').where('entity', '=', 'rectification.settings').where('entity_id', '=', 'rectification_alerts').executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ greenDays: 30, yellowDays: 15 });
  });
});
