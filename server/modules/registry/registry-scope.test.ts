import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, idNumber, importCounty, rosterXlsx, townUser, upload } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { creditCodeCheckChar, organizationCodeCheckChar } from '../../../domain/shared/credit-code';

// 聚源镇 (town A) and 幸福街道 (town B) of 都江堰市 510181.
const TOWN_A = '510181103';
const TOWN_B = '510181002';
const VILLAGE_A = '510181103222'; // 三坝社区
const VILLAGE_B = '510181002001'; // 莲花社区

describe('registry access scoping: a town sees only its own villages and cadres', () => {
  let t: TestApp;
  let admin: string;
  let a: string;
  let cadreB: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    await importCounty(t, admin, '510181');
    a = (await townUser(t, admin, TOWN_A, 'jyz')).cookie;
    const created = await api(t, admin, 'POST', `/api/registry/villages/${VILLAGE_B}/cadres`, {
      name: '李建国',
      idNumber: idNumber('510181', '19700101', 11),
      positions: ['书记', '主任'],
      relatives: [{ name: '王秀英', relation: '配偶' }],
    });
    expect(created.status).toBe(201);
    cadreB = created.body.id;
  });
  afterAll(async () => t.close());

  it('lists only its own town and its villages', async () => {
    const towns = await api(t, a, 'GET', '/api/registry/towns?county=510181');
    expect(towns.body.items.map((x: { code: string }) => x.code)).toEqual([TOWN_A]);
    const villages = await api(t, a, 'GET', '/api/registry/villages?county=510181&pageSize=500');
    expect(villages.body.total).toBeGreaterThan(0);
    expect(villages.body.items.every((v: { townCode: string }) => v.townCode === TOWN_A)).toBe(true);
    const filtered = await api(t, a, 'GET', `/api/registry/villages?town=${TOWN_B}`);
    expect(filtered.body).toEqual({ items: [], total: 0 });
    const searched = await api(t, a, 'GET', '/api/registry/villages?q=莲花');
    expect(searched.body.total).toBe(0);
    const counties = await api(t, a, 'GET', '/api/registry/counties');
    expect(counties.body.items).toHaveLength(1);
    expect(counties.body.items[0].towns).toBe(1);
  });

  it('answers 404 for every read of another town, revealing nothing', async () => {
    for (const url of [
      `/api/registry/villages/${VILLAGE_B}`,
      `/api/registry/villages/${VILLAGE_B}/cadres`,
      `/api/registry/villages/${VILLAGE_B}/history`,
      '/api/registry/towns?county=510182',
    ]) {
      const r = await api(t, a, 'GET', url);
      expect(r.status, url).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('莲花');
      expect(JSON.stringify(r.body)).not.toContain('李建国');
    }
  });

  it('answers 404 for every write to another town', async () => {
    const profile = await api(t, a, 'PUT', `/api/registry/villages/${VILLAGE_B}/profile`, { version: 1, households: 5 });
    expect(profile.status).toBe(404);
    const create = await api(t, a, 'POST', `/api/registry/villages/${VILLAGE_B}/cadres`, {
      name: '张三',
      idNumber: idNumber('510181', '19800101', 13),
      positions: ['委员'],
    });
    expect(create.status).toBe(404);
    const update = await api(t, a, 'PUT', `/api/registry/cadres/${cadreB}`, { name: '改名', idNumber: idNumber('510181', '19700101', 11), positions: ['书记'] });
    expect(update.status).toBe(404);
    const del = await api(t, a, 'DELETE', `/api/registry/cadres/${cadreB}`);
    expect(del.status).toBe(404);
    const still = await api(t, admin, 'GET', `/api/registry/villages/${VILLAGE_B}/cadres`);
    expect(still.body.items[0].name).toBe('李建国');
  });

  it('cannot import cadres into another town, by name or by preview parameter', async () => {
    const file = await rosterXlsx([
      { '村（社区）': '莲花社区', 姓名: '赵六', 身份证号码: idNumber('510181', '19750505', 15), 职务: '委员' },
    ]);
    const byName = await upload(t, a, '/api/registry/cadres/import/preview', 'r.xlsx', file);
    expect(byName.status).toBe(200);
    expect(byName.body.validCadres).toBe(0);
    expect(byName.body.errors[0].reason).toContain('找不到');
    const byParam = await upload(t, a, `/api/registry/cadres/import/preview?village=${VILLAGE_B}`, 'r.xlsx', file);
    expect(byParam.status).toBe(404);
  });

  it('cannot confirm an import batch another user previewed', async () => {
    const file = await rosterXlsx([{ '村（社区）': '三坝社区', 姓名: '钱七', 身份证号码: idNumber('510181', '19760606', 17), 职务: '委员' }]);
    const preview = await upload(t, admin, '/api/registry/cadres/import/preview', 'r.xlsx', file);
    expect(preview.body.validCadres).toBe(1);
    const confirm = await api(t, a, 'POST', `/api/registry/cadres/import/${preview.body.batchId}/confirm`);
    expect(confirm.status).toBe(404);
  });

  it('town users cannot import divisions, manage tags, users or read the audit log', async () => {
    expect((await api(t, a, 'POST', '/api/registry/divisions/import', { county: '510182' })).status).toBe(403);
    expect((await api(t, a, 'POST', '/api/registry/tags', { name: '新标签', category: '其他' })).status).toBe(403);
    expect((await api(t, a, 'GET', '/api/access/users')).status).toBe(403);
    expect((await api(t, a, 'GET', '/api/access/audit')).status).toBe(403);
    expect((await api(t, a, 'POST', '/api/system/demo')).status).toBe(403);
  });

  it('does edit its own villages', async () => {
    const v = await api(t, a, 'GET', `/api/registry/villages/${VILLAGE_A}`);
    expect(v.body.name).toBe('三坝社区');
    expect(v.body.kind).toBe('村');
    const put = await api(t, a, 'PUT', `/api/registry/villages/${VILLAGE_A}/profile`, {
      version: v.body.profile.version,
      households: 812,
      partyMembers: 64,
      collectiveAssets: '1250000.50',
      tags: ['经济活跃村'],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ households: 812, partyMembers: 64, collectiveAssets: '1250000.50', tags: ['经济活跃村'] });
    const stale = await api(t, a, 'PUT', `/api/registry/villages/${VILLAGE_A}/profile`, { version: v.body.profile.version, households: 1 });
    expect(stale.status).toBe(409);
    const org8 = 'MA6CXY01';
    const first17 = `N2510181${org8}${organizationCodeCheckChar(org8)}`;
    const credit = first17 + creditCodeCheckChar(first17);
    const withCode = await api(t, a, 'PUT', `/api/registry/villages/${VILLAGE_A}/profile`, { ...put.body, collectiveCreditCode: credit.toLowerCase() });
    expect(withCode.status).toBe(200);
    expect(withCode.body.collectiveCreditCode).toBe(credit);
    const badCode = await api(t, a, 'PUT', `/api/registry/villages/${VILLAGE_A}/profile`, { ...withCode.body, collectiveCreditCode: `${first17}${credit.endsWith('0') ? '1' : '0'}` });
    expect(badCode.status).toBe(400);
    expect(badCode.body.details[0].path).toContain('collectiveCreditCode');
    const history = await api(t, a, 'GET', `/api/registry/villages/${VILLAGE_A}/history`);
    expect(history.body.items[0]).toMatchObject({ entity: 'registry.village_profile', actorName: 'jyz' });
    expect(history.body.items[0].after.households).toBe(812);
  });

  it('a village user sees only its own village, and cannot write', async () => {
    const org = await api(t, admin, 'POST', '/api/access/organisations', { kind: 'village', name: '三坝社区党组织', scopeCode: VILLAGE_A });
    const user = await api(t, admin, 'POST', '/api/access/users', { username: 'sanba', displayName: '三坝', orgId: org.body.id, roles: ['village'], password: 'Village@123' });
    await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
    const v = await t.login('sanba', 'Village@123');
    const list = await api(t, v, 'GET', '/api/registry/villages');
    expect(list.body.items.map((x: { code: string }) => x.code)).toEqual([VILLAGE_A]);
    expect((await api(t, v, 'GET', '/api/registry/towns?county=510181')).body.items.map((x: { code: string }) => x.code)).toEqual([TOWN_A]);
    expect((await api(t, v, 'GET', '/api/registry/villages/510181103001')).status).toBe(404);
    expect((await api(t, v, 'PUT', `/api/registry/villages/${VILLAGE_A}/profile`, { version: 1 })).status).toBe(403);
  });

  it('masks ID numbers for readers who do not keep the roster', async () => {
    const org = await api(t, admin, 'POST', '/api/access/organisations', { kind: 'discipline', name: '都江堰市纪委监委', scopeCode: '510181' });
    const user = await api(t, admin, 'POST', '/api/access/users', { username: 'jwuser', displayName: '纪委', orgId: org.body.id, roles: ['discipline'], password: 'Discipline@1' });
    await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
    const d = await t.login('jwuser', 'Discipline@1');
    const cadres = await api(t, d, 'GET', `/api/registry/villages/${VILLAGE_B}/cadres`);
    expect(cadres.body.items[0].idNumber).toMatch(/^510181\*{8}\d{3}[\dX]$/);
    const full = await api(t, admin, 'GET', `/api/registry/villages/${VILLAGE_B}/cadres`);
    expect(full.body.items[0].idNumber).toBe(idNumber('510181', '19700101', 11));
  });

  it('requires a session for every registry route', async () => {
    for (const [method, url] of [
      ['GET', '/api/registry/counties'],
      ['GET', '/api/registry/towns?county=510181'],
      ['GET', '/api/registry/villages'],
      ['GET', `/api/registry/villages/${VILLAGE_A}`],
      ['GET', `/api/registry/villages/${VILLAGE_A}/cadres`],
      ['POST', '/api/registry/divisions/import'],
      ['GET', '/api/registry/tags'],
    ] as const) {
      const r = await t.app.inject({ method, url, payload: method === 'POST' ? { county: '510181' } : undefined });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().message).toBe('请先登录');
    }
  });
});
