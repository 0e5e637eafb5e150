import { sql } from 'kysely';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, idNumber, importCounty, rosterXlsx, upload, withBadCheck } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { idNumberCheckChar } from '../../../domain/shared/id-number';

const SANBA = '510181103222';

async function cadreCount(t: TestApp) {
  const r = await sql<{ n: number }>`select count(*) as n from cadres`.execute(t.ctx.db);
  return Number(r.rows[0]!.n);
}

describe('cadre roster import: preview, bad rows, confirm', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    await importCounty(t, admin, '510181');
  });
  afterAll(async () => t.close());

  const secretary = idNumber('510181', '19720315', 31);
  const director = idNumber('510181', '19800808', 42);
  const member = idNumber('510181', '19851201', 55);

  const rows = [
    // a cadre over two rows: her two relatives (the second row repeats her ID as merged cells read)
    { '村（社区）': '三坝社区', '乡镇（街道）': '聚源镇', 姓名: '张桂兰', 性别: '女', 身份证号码: director, 职务: '党支部书记、村委会主任', 任职时间: '2021.01', 联系电话: '13800000001', 亲属姓名: '李强', 亲属身份证号码: idNumber('510181', '19790101', 11), 与本人关系: '丈夫' },
    { '村（社区）': '三坝社区', '乡镇（街道）': '聚源镇', 姓名: '张桂兰', 身份证号码: director, 职务: '党支部书记、村委会主任', 亲属姓名: '李小梅', 与本人关系: '女儿' },
    { '村（社区）': '三坝社区', 姓名: '王志刚', 身份证号码: secretary, 职务: '村务监督委员会主任' },
    { '村（社区）': '三坝社区', 姓名: '赵海波', 身份证号码: withBadCheck(member), 职务: '委员' },
    { '村（社区）': '不存在村', 姓名: '钱文斌', 身份证号码: idNumber('510181', '19900101', 71), 职务: '委员' },
    { '村（社区）': '莲花社区', 姓名: '孙红梅', 身份证号码: idNumber('510181', '19880202', 82), 职务: '文书兼报账员', 任职时间: '2021年13月' },
  ];

  it('previews without writing: valid rows, and bad rows with row number, column and reason', async () => {
    const before = await cadreCount(t);
    const file = await rosterXlsx(rows);
    const r = await upload(t, admin, '/api/registry/cadres/import/preview', '干部名册.xlsx', file);
    expect(r.status).toBe(200);
    expect(r.body.rowCount).toBe(6);
    expect(r.body.validCadres).toBe(2);
    expect(r.body.validRelatives).toBe(2);
    // title row is row 1, header row 2: data starts at row 3
    expect(r.body.errors).toEqual([
      { rowNumber: 6, column: '身份证号码', reason: expect.stringContaining('校验位错误') },
      { rowNumber: 7, column: '村（社区）', reason: '找不到村（社区）“不存在村”' },
      { rowNumber: 8, column: '任职时间', reason: '无法识别的日期“2021年13月”' },
    ]);
    expect(r.body.sample.map((s: { name: string; positions: string[]; villageName: string; townName: string }) => [s.name, s.positions, s.townName, s.villageName])).toEqual([
      ['张桂兰', ['书记', '主任'], '聚源镇', '三坝社区'],
      ['王志刚', ['村务监督委员会主任'], '聚源镇', '三坝社区'],
    ]);
    expect(await cadreCount(t)).toBe(before);
  });

  it('imports the valid rows on confirm, once', async () => {
    const preview = await upload(t, admin, '/api/registry/cadres/import/preview', '干部名册.xlsx', await rosterXlsx(rows));
    const confirm = await api(t, admin, 'POST', `/api/registry/cadres/import/${preview.body.batchId}/confirm`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toEqual({ created: 2, updated: 0, relatives: 2, skippedRows: 3 });
    const again = await api(t, admin, 'POST', `/api/registry/cadres/import/${preview.body.batchId}/confirm`);
    expect(again.status).toBe(404);
    const list = await api(t, admin, 'GET', `/api/registry/villages/${SANBA}/cadres`);
    expect(list.body.items[0]).toMatchObject({
      name: '张桂兰',
      gender: '女',
      idNumber: director,
      positions: ['书记', '主任'],
      oneShoulder: true,
      termStart: '2021-01-01',
      phone: '13800000001',
      relatives: [
        { name: '李强', relation: '配偶' },
        { name: '李小梅', relation: '女儿' },
      ],
    });
    const village = await api(t, admin, 'GET', `/api/registry/villages/${SANBA}`);
    expect(village.body).toMatchObject({ cadreCount: 2, secretary: '张桂兰', oneShoulder: true });
  });

  it('re-importing updates by ID number instead of duplicating, and converts 15-digit numbers', async () => {
    const old15 = '510181800101001'; // 15-digit first-generation number
    const file = await rosterXlsx([
      { '村（社区）': '三坝社区', 姓名: '王志刚', 身份证号码: secretary, 职务: '副书记', 联系电话: '13900000002' },
      { '村（社区）': '三坝社区', 姓名: '周建国', 身份证号码: old15, 职务: '委员' },
    ]);
    const preview = await upload(t, admin, `/api/registry/cadres/import/preview?village=${SANBA}`, 'r.xlsx', file);
    expect(preview.body.errors).toEqual([]);
    const confirm = await api(t, admin, 'POST', `/api/registry/cadres/import/${preview.body.batchId}/confirm`);
    expect(confirm.body).toMatchObject({ created: 1, updated: 1 });
    const list = await api(t, admin, 'GET', `/api/registry/villages/${SANBA}/cadres`);
    expect(list.body.total).toBe(3);
    const zhou = list.body.items.find((c: { name: string }) => c.name === '周建国');
    expect(zhou.idNumber).toBe(`51018119800101001${idNumberCheckChar('51018119800101001')}`);
    const wang = list.body.items.find((c: { name: string }) => c.name === '王志刚');
    expect(wang).toMatchObject({ positions: ['副书记'], phone: '13900000002' });
  });

  it('reads GBK CSV with a BOM-less header', async () => {
    const csv = iconv.encode(`村（社区）,姓名,身份证号码,职务\r\n莲花社区,吴丽娟,${idNumber('510181', '19830303', 62)},委员\r\n`, 'gbk');
    const preview = await upload(t, admin, '/api/registry/cadres/import/preview', '名册.csv', csv);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ validCadres: 1, errors: [] });
    expect(preview.body.sample[0].name).toBe('吴丽娟');
  });

  it('a file without the required columns is refused, naming them', async () => {
    const file = await rosterXlsx([{ 姓名: '张三' }], ['村（社区）', '姓名']);
    const r = await upload(t, admin, '/api/registry/cadres/import/preview', 'r.xlsx', file);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('IMPORT_FILE_INVALID');
    expect(r.body.message).toContain('身份证号码');
    expect(r.body.message).toContain('职务');
    const xls = await upload(t, admin, '/api/registry/cadres/import/preview', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    expect(xls.status).toBe(400);
  });

  it('a failure midway writes nothing', async () => {
    const before = await cadreCount(t);
    const file = await rosterXlsx([
      { '村（社区）': '莲花社区', 姓名: '甲', 身份证号码: idNumber('510181', '19700101', 91), 职务: '委员' },
      { '村（社区）': '莲花社区', 姓名: '乙', 身份证号码: idNumber('510181', '19700101', 93), 职务: '委员' },
    ]);
    const preview = await upload(t, admin, '/api/registry/cadres/import/preview', 'r.xlsx', file);
    expect(preview.body.validCadres).toBe(2);
    // Sabotage the second stored row so its insert fails mid-transaction (name NOT NULL), after the
    // first cadre and its audit row were already written inside the transaction.
    const batch = await t.ctx.db.selectFrom('import_batches').select('valid_rows').where('id', '=', preview.body.batchId).executeTakeFirstOrThrow();
    const validRows = batch.valid_rows as unknown as { name: string | null }[];
    validRows[1]!.name = null;
    await t.ctx.db.updateTable('import_batches').set({ valid_rows: JSON.stringify(validRows) }).where('id', '=', preview.body.batchId).execute();
    const auditBefore = await t.ctx.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const confirm = await api(t, admin, 'POST', `/api/registry/cadres/import/${preview.body.batchId}/confirm`);
    expect(confirm.status).toBe(500);
    expect(confirm.body).toEqual({ code: 'INTERNAL', message: '服务器内部错误' });
    const auditAfter = await t.ctx.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    const status = await t.ctx.db.selectFrom('import_batches').select('status').where('id', '=', preview.body.batchId).executeTakeFirstOrThrow();
    expect(status.status).toBe('preview');
    expect(await cadreCount(t)).toBe(before);
  });

  it('writes an audit row per imported cadre in the same transaction', async () => {
    const rowsAudited = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'registry.cadre').execute();
    expect(rowsAudited.filter((r) => r.action === 'import_create').length).toBe(3);
    expect(rowsAudited.filter((r) => r.action === 'import_update').length).toBe(1);
  });
});
