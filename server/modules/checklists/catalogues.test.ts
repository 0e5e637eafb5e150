import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUES } from '../../../domain/checklists/defaults';
import { ITEM_COLUMNS } from '../../../domain/checklists/spreadsheet';
import { api, upload } from '../../test/fixtures';
import type { TestApp } from '../../test/harness';
import { seedDefaultChecklists } from './catalogues.service';
import { createWorld, orgUser, type World } from './checklists.test-world';

const BASE = '/api/checklists/catalogues';

async function download(t: TestApp, cookie: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, buffer: res.rawPayload };
}

async function workbook(rows: string[][], sheet = '监督清单') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The content of a version without ids and sorts, for comparing. */
const contentOf = (v: { aspects: { name: string; items: { title: string; powerClass: string | null; villageTraits: string[]; manifestations: string[]; basis: string }[] }[] }) =>
  v.aspects.map((a) => ({ name: a.name, items: a.items.map(({ title, powerClass, villageTraits, manifestations, basis }) => ({ title, powerClass, villageTraits, manifestations, basis })) }));

describe('checklist catalogues', () => {
  let w: World;
  let t: TestApp;
  let otherCounty: string;

  beforeAll(async () => {
    w = await createWorld();
    t = w.t;
    otherCounty = (await orgUser(t, w.admin, 'office', '320482', 'office2', ['office'])).cookie;
  });
  afterAll(async () => t.close());

  it('ships the default catalogues once, published and marked as editable built-ins', async () => {
    const list = await api(t, w.office, 'GET', `${BASE}?pageSize=100`);
    expect(list.status).toBe(200);
    const builtins = list.body.items.filter((c: { builtin: boolean }) => c.builtin);
    expect(builtins.map((c: { name: string }) => c.name).sort()).toEqual(DEFAULT_CATALOGUES.map((c) => c.name).sort());
    for (const c of builtins) {
      expect(c.publishedVersion).toMatchObject({ version: 1, status: 'published', statusName: '已发布' });
      expect(c.publishedVersion.itemCount).toBeGreaterThan(0);
      expect(c.description).toContain('可结合实际修改');
      expect(c.editable).toBe(true);
    }
    expect(list.body.items[0]).toMatchObject({ kind: 'common', kindName: '通用清单' });
    // a second first run (every start calls it) installs nothing and writes nothing
    const auditBefore = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(await seedDefaultChecklists(t.ctx.db, t.ctx.now)).toEqual({ installed: [] });
    const again = await api(t, w.office, 'GET', `${BASE}?pageSize=100`);
    expect(again.body.total).toBe(list.body.total);
    const auditAfter = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    const seeded = await t.ctx.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'checklists.catalogue').where('action', '=', 'create').where('actor_name', '=', '系统').execute();
    expect(seeded).toHaveLength(DEFAULT_CATALOGUES.length);
  });

  it('filters by kind and searches by name', async () => {
    const personalised = await api(t, w.office, 'GET', `${BASE}?kind=personalised&pageSize=100`);
    expect(personalised.body.items.every((c: { kind: string }) => c.kind === 'personalised')).toBe(true);
    expect(personalised.body.total).toBe(DEFAULT_CATALOGUES.filter((c) => c.kind === 'personalised').length);
    const found = await api(t, w.office, 'GET', `${BASE}?q=${encodeURIComponent('软弱涣散')}`);
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['软弱涣散村党组织个性化清单']);
    const paged = await api(t, w.office, 'GET', `${BASE}?page=2&pageSize=2`);
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBe(DEFAULT_CATALOGUES.length);
  });

  it('runs the draft → publish → new draft cycle; published versions never change', async () => {
    const created = await api(t, w.office, 'POST', BASE, { name: '本县三资专项清单', kind: 'personalised', matchTags: ['财务混乱'], description: '' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const v1 = created.body.draftVersion;
    expect(v1).toMatchObject({ version: 1, status: 'draft' });
    expect(created.body.publishedVersion).toBeNull();

    const empty = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v1.id}/publish`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('没有任何事项');

    let tree = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v1.id}/aspects`, { name: '集体资产' });
    expect(tree.status).toBe(200);
    const aspectId = tree.body.aspects[0].id;
    tree = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v1.id}/aspects/${aspectId}/items`, {
      title: '资产发包',
      powerClass: 'assets',
      villageTraits: ['财务混乱'],
      manifestations: ['未公开竞价', ' ', '租金偏低'],
      basis: '三资管理办法',
    });
    expect(tree.body.aspects[0].items[0]).toMatchObject({ title: '资产发包', powerClassName: '三资管理', manifestations: ['未公开竞价', '租金偏低'] });
    const dup = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v1.id}/aspects/${aspectId}/items`, { title: '资产发包' });
    expect(dup.status).toBe(409);
    const bad = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v1.id}/aspects/${aspectId}/items`, { title: '', powerClass: 'money' });
    expect(bad.status).toBe(400);

    const published = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v1.id}/publish`, { note: '首次发布' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', editable: false, note: '首次发布', publishedByName: 'office1姓名' });

    const itemId = published.body.aspects[0].items[0].id;
    for (const [method, url, body] of [
      ['POST', `${BASE}/${id}/versions/${v1.id}/aspects`, { name: '新方面' }],
      ['PUT', `${BASE}/${id}/versions/${v1.id}/items/${itemId}`, { title: '改名' }],
      ['DELETE', `${BASE}/${id}/versions/${v1.id}/items/${itemId}`, undefined],
      ['DELETE', `${BASE}/${id}/versions/${v1.id}/aspects/${aspectId}`, undefined],
      ['POST', `${BASE}/${id}/versions/${v1.id}/publish`, {}],
    ] as const) {
      const r = await api(t, w.office, method, url, body);
      expect(r.status, `${method} ${url}`).toBe(409);
      expect(r.body.code).toBe('CHECKLIST_LOCKED');
      expect(r.body.message).toContain('新建草稿');
    }

    const draft = await api(t, w.office, 'POST', `${BASE}/${id}/drafts`);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft', editable: true });
    expect(contentOf(draft.body)).toEqual(contentOf(published.body));
    const second = await api(t, w.office, 'POST', `${BASE}/${id}/drafts`);
    expect(second.status).toBe(409);

    const v2 = draft.body.id;
    const a2 = draft.body.aspects[0].id;
    const i2 = draft.body.aspects[0].items[0].id;
    await api(t, w.office, 'PUT', `${BASE}/${id}/versions/${v2}/items/${i2}`, { title: '资产资源发包', powerClass: 'assets', manifestations: ['未公开竞价'] });
    const other = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v2}/aspects`, { name: '债权债务' });
    const a3 = other.body.aspects[1].id;
    const moved = await api(t, w.office, 'PUT', `${BASE}/${id}/versions/${v2}/order`, { aspects: [{ id: a3, itemIds: [i2] }, { id: a2, itemIds: [] }] });
    expect(moved.body.aspects.map((a: { name: string; items: unknown[] }) => [a.name, a.items.length])).toEqual([
      ['债权债务', 1],
      ['集体资产', 0],
    ]);
    const stale = await api(t, w.office, 'PUT', `${BASE}/${id}/versions/${v2}/order`, { aspects: [{ id: a3, itemIds: [] }] });
    expect(stale.status).toBe(409);

    // v1 is untouched by the edits of v2
    const old = await api(t, w.office, 'GET', `${BASE}/${id}/versions/${v1.id}`);
    expect(contentOf(old.body)).toEqual(contentOf(published.body));

    const p2 = await api(t, w.office, 'POST', `${BASE}/${id}/versions/${v2}/publish`, {});
    expect(p2.body.status).toBe('published');
    const cat = await api(t, w.office, 'GET', `${BASE}/${id}`);
    expect(cat.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect(cat.body.publishedVersion.version).toBe(2);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'checklists.version').where('action', '=', 'publish').execute();
    expect(audit).toHaveLength(2);
  });

  it('validates catalogue meta: personalised lists need tags, names are unique in a scope', async () => {
    const noTags = await api(t, w.office, 'POST', BASE, { name: '无标签', kind: 'personalised', matchTags: [] });
    expect(noTags.status).toBe(400);
    expect(JSON.stringify(noTags.body)).toContain('个性化清单须选择适用的村分类标签');
    const dup = await api(t, w.office, 'POST', BASE, { name: '本县三资专项清单', kind: 'common' });
    expect(dup.status).toBe(409);
    // another county may use the same name
    expect((await api(t, otherCounty, 'POST', BASE, { name: '本县三资专项清单', kind: 'common' })).status).toBe(201);
  });

  it('keeps counties apart and gives read-only users 403 on writes', async () => {
    const mine = await api(t, w.office, 'GET', `${BASE}?q=${encodeURIComponent('本县三资')}`);
    const id = mine.body.items[0].id;
    expect((await api(t, otherCounty, 'GET', `${BASE}/${id}`)).status).toBe(404);
    expect((await api(t, otherCounty, 'PUT', `${BASE}/${id}`, { name: 'x', kind: 'common' })).status).toBe(404);
    const theirs = await api(t, otherCounty, 'GET', `${BASE}?pageSize=100`);
    expect(theirs.body.items.filter((c: { scopeCode: string }) => c.scopeCode === '320481')).toEqual([]);
    // team and leading group read the lists but cannot change them
    const teamRead = await api(t, w.teamA, 'GET', `${BASE}/${id}`);
    expect(teamRead.status).toBe(200);
    expect(teamRead.body.editable).toBe(false);
    expect((await api(t, w.teamA, 'POST', `${BASE}/${id}/drafts`)).status).toBe(403);
    expect((await api(t, w.leading, 'POST', BASE, { name: '领导小组清单', kind: 'common' })).status).toBe(403);
    expect((await api(t, w.leading, 'POST', `${BASE}/${id}/archive`, { archived: true })).status).toBe(403);
  });

  it('edits a built-in list through a new draft, and copies it into the county', async () => {
    const list = await api(t, w.office, 'GET', `${BASE}?kind=common&pageSize=100`);
    const builtin = list.body.items.find((c: { builtin: boolean }) => c.builtin);
    const copy = await api(t, w.office, 'POST', `${BASE}/${builtin.id}/copy`, {});
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: builtin.name, scopeCode: '320481', builtin: false, copiedFrom: builtin.id, publishedVersion: null });
    const copied = await api(t, w.office, 'GET', `${BASE}/${copy.body.id}/versions/${copy.body.draftVersion.id}`);
    const original = await api(t, w.office, 'GET', `${BASE}/${builtin.id}/versions/${builtin.publishedVersion.id}`);
    expect(contentOf(copied.body)).toEqual(contentOf(original.body));
    const draft = await api(t, w.office, 'POST', `${BASE}/${builtin.id}/drafts`);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const after = await api(t, w.office, 'GET', `${BASE}/${builtin.id}`);
    expect(after.body).toMatchObject({ builtin: true, publishedVersion: { version: 1 }, draftVersion: { version: 2 } });
  });

  it('exports .xlsx with Chinese headers, a frozen header row and fitting widths, and re-imports the same content', async () => {
    const list = await api(t, w.office, 'GET', `${BASE}?pageSize=100`);
    const source = list.body.items.find((c: { name: string }) => c.name === '信访矛盾突出村个性化清单');
    const file = await download(t, w.office, `${BASE}/${source.id}/versions/${source.publishedVersion.id}/export`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('信访矛盾突出村个性化清单（第1版）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('监督清单')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['方面', '事项', '小微权力类别', '适用村情', '问题表现（每行一条，或用；分隔）', '依据']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    ITEM_COLUMNS.forEach((_, i) => expect(ws.getColumn(i + 1).width).toBeGreaterThanOrEqual(8));
    expect(ws.getColumn(5).width).toBeGreaterThan(ws.getColumn(3).width!);

    // re-import as a new county catalogue: same content, meta from the 清单信息 sheet
    const imported = await upload(t, w.office, `${BASE}/import`, 'export.xlsx', file.buffer);
    expect(imported.status).toBe(201);
    expect(imported.body.catalogue).toMatchObject({ name: '信访矛盾突出村个性化清单', kind: 'personalised', matchTags: source.matchTags, scopeCode: '320481' });
    const back = await api(t, w.office, 'GET', `${BASE}/${imported.body.catalogue.id}/versions/${imported.body.versionId}`);
    const orig = await api(t, w.office, 'GET', `${BASE}/${source.id}/versions/${source.publishedVersion.id}`);
    expect(contentOf(back.body)).toEqual(contentOf(orig.body));
    expect(back.body.status).toBe('draft');

    // into an existing draft: replaces the draft's content, all at once
    const into = await upload(t, w.office, `${BASE}/import?catalogueId=${imported.body.catalogue.id}`, 'export.xlsx', await workbook([['方面', '事项'], ['新方面', '新事项']]));
    expect(into.status).toBe(201);
    expect(into.body.versionId).toBe(imported.body.versionId);
    const replaced = await api(t, w.office, 'GET', `${BASE}/${imported.body.catalogue.id}/versions/${imported.body.versionId}`);
    expect(contentOf(replaced.body)).toEqual([{ name: '新方面', items: [{ title: '新事项', powerClass: null, villageTraits: [], manifestations: [], basis: '' }] }]);
  });

  it('refuses bad files with every error by row and column, importing nothing', async () => {
    const count = async () => (await api(t, w.office, 'GET', `${BASE}?pageSize=1`)).body.total;
    const before = await count();
    const notXlsx = await upload(t, w.office, `${BASE}/import`, '清单.xls', Buffer.from('方面,事项\n三资,发包\n'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    expect(notXlsx.body.message).toContain('另存为 .xlsx');
    const broken = await upload(t, w.office, `${BASE}/import`, 'x.xlsx', Buffer.from('PK\u0003\u0004garbage'));
    expect(broken.status).toBe(400);
    expect(broken.body.message).toContain('无法作为 .xlsx 工作簿读取');

    const bad = await workbook([
      ['方面', '事项', '小微权力类别', '适用村情', '问题表现', '依据'],
      ['三资', '发包', '财务', '', '', ''],
      ['三资', '', '', '', '有表现没事项', ''],
      ['', '', '', '', '', ''],
      ['三资', '发包', '', '', '', ''],
    ]);
    const r = await upload(t, w.office, `${BASE}/import?name=${encodeURIComponent('坏清单')}`, 'bad.xlsx', bad);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('3 处错误');
    expect(r.body.details.reasons).toEqual([
      '第 2 行“小微权力类别”列：“财务”不是小微权力类别，可填：三资管理、村级建设、工作人员使用、公共服务、村务财务公开，或留空',
      '第 3 行“事项”列：不能为空（该行填写了其他内容）',
      '第 5 行“事项”列：“发包”在“三资”中重复',
    ]);
    const noHeader = await upload(t, w.office, `${BASE}/import`, 'h.xlsx', await workbook([['姓名', '职务'], ['张三', '书记']]));
    expect(noHeader.body.details.reasons[0]).toContain('未找到表头');
    expect(await count()).toBe(before);

    // a dry run reports what would be imported and writes nothing
    const dry = await upload(t, w.office, `${BASE}/import?dryRun=true&name=${encodeURIComponent('预览清单')}`, 'ok.xlsx', await workbook([['方面', '事项'], ['甲', '乙'], ['甲', '丙']]));
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, aspects: 1, items: 2, name: '预览清单' });
    expect(await count()).toBe(before);
    expect((await upload(t, w.teamA, `${BASE}/import`, 'ok.xlsx', bad)).status).toBe(403);
  });

  it('archives a catalogue and restores it', async () => {
    const c = await api(t, w.office, 'POST', BASE, { name: '临时清单', kind: 'common' });
    const archived = await api(t, w.office, 'POST', `${BASE}/${c.body.id}/archive`, { archived: true });
    expect(archived.body.archived).toBe(true);
    const active = await api(t, w.office, 'GET', `${BASE}?archived=false&pageSize=100`);
    expect(active.body.items.some((x: { id: string }) => x.id === c.body.id)).toBe(false);
    expect((await api(t, w.office, 'POST', `${BASE}/${c.body.id}/archive`, { archived: false })).body.archived).toBe(false);
  });
});
