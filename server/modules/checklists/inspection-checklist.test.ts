import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUES } from '../../../domain/checklists/defaults';
import { countItems } from '../../../domain/checklists/catalogue';
import { api } from '../../test/fixtures';
import type { TestApp } from '../../test/harness';
import { createWorld, setPhase, setTags, type World } from './checklists.test-world';

const COMMON = DEFAULT_CATALOGUES.find((c) => c.kind === 'common')!;
const byName = (name: string) => DEFAULT_CATALOGUES.find((c) => c.name === name)!;
const PETITIONS = byName('信访矛盾突出村个性化清单');
const WEAK = byName('软弱涣散村党组织个性化清单');
const FINANCE = byName('财务管理不规范村个性化清单');

interface Item {
  id: string;
  source: string;
  sourceName: string;
  catalogueName: string | null;
  aspect: string;
  title: string;
  result: string;
  note: string;
}
const names = (items: Item[]) => [...new Set(items.map((i) => i.catalogueName))];

describe('the 1+X list of a village inspection', () => {
  let w: World;
  let t: TestApp;
  const url = (id: string, rest = '') => `/api/inspections/${id}/checklist${rest}`;

  beforeAll(async () => {
    w = await createWorld();
    t = w.t;
    await setTags(t, w.office, w.villageA, ['信访集中', '软弱涣散']);
  });
  afterAll(async () => t.close());

  it('is empty before generation', async () => {
    const r = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ locked: false, markable: false, canEdit: true, readyAt: null, items: [], coverage: { total: 0, notChecked: 0 } });
  });

  it('generates the common list plus the personalised lists the village’s tags choose', async () => {
    const r = await api(t, w.teamA, 'POST', url(w.inspA, '/generate'));
    expect(r.status).toBe(200);
    // common first, then the personalised lists in the order of their names' pinyin (软弱 ruǎn before 信访 xìn)
    expect(names(r.body.items)).toEqual([COMMON.name, WEAK.name, PETITIONS.name]);
    expect(r.body.items).toHaveLength(countItems(COMMON.content) + countItems(PETITIONS.content) + countItems(WEAK.content));
    expect(r.body.summary.catalogues).toEqual([
      { name: COMMON.name, version: 1, source: 'common', matchedTags: [] },
      { name: WEAK.name, version: 1, source: 'personalised', matchedTags: ['软弱涣散'] },
      { name: PETITIONS.name, version: 1, source: 'personalised', matchedTags: ['信访集中'] },
    ]);
    const first = r.body.items[0];
    expect(first).toMatchObject({ source: 'common', sourceName: '通用', aspect: COMMON.content[0]!.name, title: COMMON.content[0]!.items[0]!.title, result: 'not_checked', resultName: '未检查', catalogueVersion: 1 });
    const assets = r.body.items.find((i: { powerClass: string | null }) => i.powerClass === 'assets');
    expect(assets.powerClassName).toBe('三资管理');
    expect(r.body.items.filter((i: Item) => i.catalogueName === PETITIONS.name).every((i: Item) => i.source === 'personalised' && i.sourceName === '个性化')).toBe(true);
    expect(r.body.readyAt).not.toBeNull();
    expect(r.body.coverage).toMatchObject({ total: r.body.items.length, notChecked: r.body.items.length, noProblem: 0, problemFound: 0 });
    const row = await t.ctx.db.selectFrom('village_inspections').select('checklist_ready_at').where('id', '=', w.inspA).executeTakeFirstOrThrow();
    expect(row.checklist_ready_at).not.toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_log').select('after').where('entity', '=', 'inspections.checklist').where('entity_id', '=', w.inspA).execute();
    expect(audit).toHaveLength(1);
  });

  it('lets the team add and remove its own items before entry, never catalogue items', async () => {
    const added = await api(t, w.teamA, 'POST', url(w.inspA, '/items'), { aspect: '巡前线索', title: '信访反映的鱼塘发包问题', manifestations: ['承包费未入账'] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ source: 'team', sourceName: '本组增加', catalogueName: null, manifestations: ['承包费未入账'] });
    expect((await api(t, w.teamA, 'POST', url(w.inspA, '/items'), { aspect: '巡前线索', title: '信访反映的鱼塘发包问题' })).status).toBe(409);
    const spare = await api(t, w.teamA, 'POST', url(w.inspA, '/items'), { aspect: '巡前线索', title: '临时事项' });
    expect((await api(t, w.teamA, 'DELETE', url(w.inspA, `/items/${spare.body.id}`))).status).toBe(200);
    const list = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(list.body.items.at(-1).title).toBe('信访反映的鱼塘发包问题');
    const catalogueItem = list.body.items[0];
    const refused = await api(t, w.teamA, 'DELETE', url(w.inspA, `/items/${catalogueItem.id}`));
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('只能删除本组增加的事项');
  });

  it('refuses marks before entry, explaining why', async () => {
    const list = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(list.body.markable).toBe(false);
    const r = await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${list.body.items[0].id}/mark`), { result: 'no_problem' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CHECKLIST_LOCKED');
    expect(r.body.message).toContain('只有在进驻和了解阶段才能标记');
  });

  it('regenerates after the village’s tags change: unmarked catalogue items replaced, team items kept', async () => {
    await setTags(t, w.office, w.villageA, ['软弱涣散', '财务混乱']);
    const r = await api(t, w.teamA, 'POST', url(w.inspA, '/generate'));
    expect(names(r.body.items)).toEqual([COMMON.name, FINANCE.name, WEAK.name, null]);
    expect(r.body.summary).toMatchObject({ removed: countItems(COMMON.content) + countItems(PETITIONS.content) + countItems(WEAK.content), kept: 1 });
    expect(r.body.items.filter((i: Item) => i.source === 'team').map((i: Item) => i.title)).toEqual(['信访反映的鱼塘发包问题']);
  });

  it('locks the structure once the round enters, and allows marking on site', async () => {
    await setPhase(t, w.roundId, 'entry');
    const list = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(list.body).toMatchObject({ locked: true, markable: true, canEdit: false, roundPhaseName: '进驻' });
    expect(list.body.lockedReason).toContain('“进驻”阶段');
    const team = list.body.items.find((i: Item) => i.source === 'team');
    for (const [method, path, body] of [
      ['POST', '/generate', undefined],
      ['POST', '/items', { aspect: '甲', title: '乙' }],
      ['DELETE', `/items/${team.id}`, undefined],
    ] as const) {
      const r = await api(t, w.teamA, method, url(w.inspA, path), body);
      expect(r.status, path).toBe(409);
      expect(r.body.code).toBe('CHECKLIST_LOCKED');
      expect(r.body.message).toContain('进驻前');
    }
    const round = await api(t, w.office, 'POST', `/api/checklists/rounds/${w.roundId}/generate`);
    expect(round.status).toBe(409);
  });

  it('marks items: a problem needs a note, coverage follows, marks are audited', async () => {
    const list = await api(t, w.teamA, 'GET', url(w.inspA));
    const [a, b, c] = list.body.items as Item[];
    const noNote = await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${a!.id}/mark`), { result: 'problem_found' });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain('发现问题的事项请简要说明');
    const found = await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${a!.id}/mark`), { result: 'problem_found', note: '班子成员 2 人长期不参加组织生活' });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ result: 'problem_found', resultName: '发现问题', markedByName: 'teama姓名' });
    await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${b!.id}/mark`), { result: 'no_problem' });
    await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${c!.id}/mark`), { result: 'no_problem', note: '' });
    const reset = await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${c!.id}/mark`), { result: 'not_checked' });
    expect(reset.body).toMatchObject({ result: 'not_checked', markedAt: null });
    const after = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(after.body.coverage).toMatchObject({ total: list.body.items.length, problemFound: 1, noProblem: 1, notChecked: list.body.items.length - 2 });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'inspections.checklist_item').where('action', '=', 'mark').execute();
    expect(audit).toHaveLength(4);
    // the office sees the same marks
    const office = await api(t, w.office, 'GET', url(w.inspA));
    expect(office.body.coverage.problemFound).toBe(1);
  });

  it('keeps marked items when the round goes back to preparation and the list is regenerated', async () => {
    await setPhase(t, w.roundId, 'preparation');
    await setTags(t, w.office, w.villageA, []);
    const r = await api(t, w.teamA, 'POST', url(w.inspA, '/generate'));
    expect(r.status).toBe(200);
    const marked = r.body.items.filter((i: Item) => i.result !== 'not_checked');
    expect(marked.map((i: Item) => i.result).sort()).toEqual(['no_problem', 'problem_found']);
    expect(names(r.body.items)).toEqual([COMMON.name, null]);
    // no item twice
    const keys = r.body.items.map((i: Item) => `${i.aspect}/${i.title}`);
    expect(new Set(keys).size).toBe(keys.length);
    await setPhase(t, w.roundId, 'fact_finding');
  });

  it('refuses marks on a completed inspection', async () => {
    await t.ctx.db.updateTable('village_inspections').set({ status: 'completed', completed_at: new Date() }).where('id', '=', w.inspA).execute();
    const list = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(list.body.markable).toBe(false);
    const r = await api(t, w.teamA, 'PUT', url(w.inspA, `/items/${list.body.items[0].id}/mark`), { result: 'no_problem' });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('已完成');
    await t.ctx.db.updateTable('village_inspections').set({ status: 'in_progress', completed_at: null }).where('id', '=', w.inspA).execute();
  });

  it('shows another team nothing and lets the leading group read only', async () => {
    const list = await api(t, w.teamA, 'GET', url(w.inspA));
    const itemId = list.body.items[0].id;
    expect((await api(t, w.teamB, 'GET', url(w.inspA))).status).toBe(404);
    expect((await api(t, w.teamB, 'PUT', url(w.inspA, `/items/${itemId}/mark`), { result: 'no_problem' })).status).toBe(404);
    expect((await api(t, w.teamB, 'POST', url(w.inspA, '/generate'))).status).toBe(404);
    const lead = await api(t, w.leading, 'GET', url(w.inspA));
    expect(lead.status).toBe(200);
    expect(lead.body.markable).toBe(false);
    expect((await api(t, w.leading, 'PUT', url(w.inspA, `/items/${itemId}/mark`), { result: 'no_problem' })).status).toBe(403);
    expect((await api(t, w.leading, 'POST', `/api/checklists/rounds/${w.roundId}/generate`)).status).toBe(403);
    // an item of another inspection is not found through this one
    expect((await api(t, w.teamB, 'PUT', url(w.inspB, `/items/${itemId}/mark`), { result: 'no_problem' })).status).toBe(404);
  });

  it('generates a whole round for the office, and a published county edition replaces the built-in list', async () => {
    await setPhase(t, w.roundId, 'preparation');
    const list = await api(t, w.office, 'GET', '/api/checklists/catalogues?kind=common&pageSize=100');
    const builtin = list.body.items.find((c: { builtin: boolean }) => c.builtin);
    const copy = await api(t, w.office, 'POST', `/api/checklists/catalogues/${builtin.id}/copy`, { name: '溧阳市对村巡察通用清单' });
    const draft = copy.body.draftVersion.id;
    const tree = await api(t, w.office, 'GET', `/api/checklists/catalogues/${copy.body.id}/versions/${draft}`);
    await api(t, w.office, 'POST', `/api/checklists/catalogues/${copy.body.id}/versions/${draft}/aspects/${tree.body.aspects[0].id}/items`, { title: '溧阳本地事项', manifestations: ['表现'] });
    await api(t, w.office, 'POST', `/api/checklists/catalogues/${copy.body.id}/versions/${draft}/publish`, {});

    expect((await api(t, w.teamA, 'POST', `/api/checklists/rounds/${w.roundId}/generate`)).status).toBe(403);
    const r = await api(t, w.office, 'POST', `/api/checklists/rounds/${w.roundId}/generate`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ inspections: 2, withoutItems: 0 });
    const b = await api(t, w.teamB, 'GET', url(w.inspB));
    expect(names(b.body.items)).toEqual(['溧阳市对村巡察通用清单']);
    expect(b.body.items.some((i: Item) => i.title === '溧阳本地事项')).toBe(true);
    expect(b.body.items).toHaveLength(countItems(COMMON.content) + 1);
    const a = await api(t, w.teamA, 'GET', url(w.inspA));
    expect(a.body.items.filter((i: Item) => i.catalogueName === COMMON.name && i.result === 'not_checked')).toEqual([]);
    const other = await api(t, w.office, 'POST', '/api/checklists/rounds/00000000-0000-4000-8000-000000000000/generate');
    expect(other.status).toBe(404);
  });
});
