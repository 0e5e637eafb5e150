import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';

describe('territory registry: importing real divisions', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
  });
  afterAll(async () => t.close());

  it('imports 都江堰市 with exactly the national counts: 11 towns, 166 units, 85 rural', async () => {
    const r = await api(t, admin, 'POST', '/api/registry/divisions/import', { county: '510181' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      county: { code: '510181', name: '都江堰市' },
      towns: { total: 11, created: 11, updated: 0 },
      villages: { total: 166, created: 166, updated: 0 },
    });
    const towns = await api(t, admin, 'GET', '/api/registry/towns?county=510181');
    expect(towns.body.total).toBe(11);
    expect(towns.body.items.reduce((n: number, x: { villages: number }) => n + x.villages, 0)).toBe(166);
    const rural = await api(t, admin, 'GET', '/api/registry/villages?county=510181&kind=村&pageSize=1');
    expect(rural.body.total).toBe(85);
    const counties = await api(t, admin, 'GET', '/api/registry/counties');
    expect(counties.body.items).toEqual([{ code: '510181', name: '都江堰市', cityName: '成都市', towns: 11, villages: 166 }]);
  });

  it('is idempotent: a re-import adds nothing and updates renamed units', async () => {
    await t.ctx.db.updateTable('divisions').set({ name: '旧名称村民委员会' }).where('code', '=', '510181103222').execute();
    const r = await api(t, admin, 'POST', '/api/registry/divisions/import', { county: '510181' });
    expect(r.body.villages).toEqual({ total: 166, created: 0, updated: 1 });
    expect(r.body.towns).toEqual({ total: 11, created: 0, updated: 0 });
    const again = await api(t, admin, 'GET', '/api/registry/villages?county=510181&pageSize=1');
    expect(again.body.total).toBe(166);
    const v = await api(t, admin, 'GET', '/api/registry/villages/510181103222');
    expect(v.body.fullName).toBe('三坝社区村民委员会');
  });

  it('finds villages by pinyin initials and by name', async () => {
    const sb = await api(t, admin, 'GET', '/api/registry/villages?county=510181&q=sb');
    expect(sb.body.items.map((v: { name: string }) => v.name)).toContain('三坝社区');
    const byName = await api(t, admin, 'GET', '/api/registry/villages?q=三坝');
    expect(byName.body.items.map((v: { code: string }) => v.code)).toEqual(['510181103222']);
    const paged = await api(t, admin, 'GET', '/api/registry/villages?county=510181&page=2&pageSize=50');
    expect(paged.body.items).toHaveLength(50);
    expect(paged.body.total).toBe(166);
  });

  it('refuses an unknown county with a clear Chinese message and writes nothing', async () => {
    const r = await api(t, admin, 'POST', '/api/registry/divisions/import', { county: '519999' });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'UNKNOWN_COUNTY' });
    expect(r.body.message).toContain('519999');
    const bad = await api(t, admin, 'POST', '/api/registry/divisions/import', { county: '51018' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('imports 溧阳市 (320481): 14 towns and 244 units', async () => {
    const r = await api(t, admin, 'POST', '/api/registry/divisions/import', { county: '320481' });
    expect(r.body.towns.total).toBe(14);
    expect(r.body.villages.total).toBe(244);
  });

  it('imports a user-supplied XLSX of codes and names, and rejects a bad one whole', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRow(['某县区划代码表']);
    ws.addRow(['统计用区划代码', '名称']);
    ws.addRow(['130102001000', '建北街道']);
    ws.addRow(['130102001001', '建北社区居委会']);
    ws.addRow(['130102001203', '东村村委会']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(t, admin, '/api/registry/divisions/import-file', 'codes.xlsx', good);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ county: { code: '130102' }, towns: { total: 1, created: 1 }, villages: { total: 2, created: 2 } });
    const kinds = await api(t, admin, 'GET', '/api/registry/villages?county=130102');
    expect(kinds.body.items.map((v: { name: string; kind: string }) => [v.name, v.kind])).toEqual([
      ['建北社区', '社区'],
      ['东村', '村'],
    ]);

    const csv = iconv.encode('代码,名称\r\n130103001000,某街道\r\n130103001001,甲社区居委会\r\n13010300100X,坏代码\r\n', 'gbk');
    const bad = await upload(t, admin, '/api/registry/divisions/import-file', 'codes.csv', csv);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('第 4 行');
    const none = await api(t, admin, 'GET', '/api/registry/villages?county=130103');
    expect(none.body.total).toBe(0);
  });

  it('writes one audit row per created division, chained', async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').select(['entity', 'action']).where('entity', '=', 'registry.division').execute();
    // 都江堰: 1 province + 1 city + 1 county + 11 towns + 166 villages, the rename, 溧阳 (city and county new, province new), the file import
    expect(rows.filter((r) => r.action === 'create').length).toBe(3 + 11 + 166 + (2 + 1 + 14 + 244) + (2 + 1 + 1 + 2));
    expect(rows.filter((r) => r.action === 'update').length).toBe(1);
    const verify = await api(t, admin, 'GET', '/api/access/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
  });
});
