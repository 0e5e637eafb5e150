/**
 * 大数据比对 datasets through the routes, with the import job run in-process: upload → preview
 * (encoding, delimiter, header past title rows, suggested mapping) → confirm → job → a ready Parquet
 * dataset whose rows are normalised (分, 18-digit IDs, ISO dates) and whose row-level problems are
 * listed (kept and flagged, or rejected when a required field is unusable). Bad files (ragged rows,
 * empty) give Chinese messages with the row and leave no files and no ready row; a cancelled import
 * leaves nothing; the mapping confirmed for a source is offered for the next file with its headers;
 * other counties see 404, teams 403; delete removes the files and is audited.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, idNumber, importCounty, multipart, withBadCheck } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { COUNTY, orgUser } from '../../test/world';
import { analyticsEngine } from '../../analytics/engine';
import { waitForJob } from '../../jobs';
import { sweepLeftoverFiles } from './datasets.service';

const base = '/api/analytics/datasets';
// the runner's log: an unexpected error in the import shows in the test output
const log = (level: string, message: string, err?: unknown) => {
  if (level === 'error') console.error(message, err);
};
const ID1 = idNumber('320481', '19500101', 11);
const ID2 = idNumber('320481', '19600202', 22);
const ID3 = idNumber('320481', '19700303', 33);
const ID15 = '320481500404441'; // 15 digits: 1950-04-04
const TITLE = '溧阳市2023年度城乡低保发放花名册';

function roll(rows: string[][], sep = ','): string {
  return [TITLE, '单位：元', ['序号', '姓名', '身份证号码', '所属村', '发放金额', '发放日期'].join(sep), ...rows.map((r) => r.join(sep))].join('\r\n');
}

const GOOD_ROWS = [
  ['1', '張三', ID1, '东关村', '"1,200.50"', '2023年5月5日'],
  ['2', '李　四', ID15, '西关村', '800', '2023.5.6'],
  ['3', '王五', withBadCheck(ID3), '南渡村', '100', '2023/13/07'],
  ['4', '', ID2, '北山村', '300', '2023-05-08'],
  ['5', '钱七', ID2, '北山村', '壹佰元', '2023-05-09'],
  ['合计', '', '', '', '2300.5', ''],
];

describe('analytics datasets (大数据比对 数据集)', () => {
  let t: TestApp;
  let dataDir: string;
  let office: string;
  let otherOffice: string;
  let team: string;
  let firstId: string;

  const send = async (cookie: string, fileName: string, content: Buffer | string) => {
    const mp = multipart(fileName, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
    const res = await t.app.inject({ method: 'POST', url: `${base}/uploads`, headers: { cookie, ...mp.headers }, payload: mp.payload });
    return { status: res.statusCode, body: res.json() };
  };
  const datasetFiles = () => (fs.existsSync(path.join(dataDir, 'analytics', 'datasets')) ? fs.readdirSync(path.join(dataDir, 'analytics', 'datasets')) : []);
  const workFiles = () => (fs.existsSync(path.join(dataDir, 'analytics', 'work')) ? fs.readdirSync(path.join(dataDir, 'analytics', 'work')) : []);
  const confirm = async (id: string, body: Record<string, unknown>) => api(t, office, 'POST', `${base}/${id}/import`, body);
  const audits = async (id: string) => (await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'analytics.dataset').where('entity_id', '=', id).orderBy('seq').execute()).map((r) => r.action);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-analytics-'));
    t = await createTestApp({ env: { XUNCHA_DATA_DIR: dataDir, XUNCHA_ANALYTICS_THREADS: '2', XUNCHA_ANALYTICS_MEMORY: '1GB', XUNCHA_ANALYTICS_UPLOAD_MAX_MB: '30' } });
    const admin = await t.login('admin');
    await importCounty(t, admin, COUNTY);
    await importCounty(t, admin, '320412');
    office = (await orgUser(t, admin, 'office', COUNTY, 'office1', ['office'])).cookie;
    otherOffice = (await orgUser(t, admin, 'office', '320412', 'office2', ['office'])).cookie;
    team = (await orgUser(t, admin, 'team', COUNTY, 'teama', ['team_leader'])).cookie;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('previews a UTF-8 roll: header past the title and unit rows, the first rows and a suggested mapping', async () => {
    const r = await send(office, '低保发放.csv', roll(GOOD_ROWS));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    firstId = r.body.dataset.id;
    expect(r.body.dataset).toMatchObject({ status: 'uploaded', statusName: '待确认', format: 'csv', encoding: 'UTF-8', delimiter: ',', headerRow: 3, name: '低保发放' });
    expect(r.body.header).toMatchObject({ row: 3, rowCount: 1, headers: ['序号', '姓名', '身份证号码', '所属村', '发放金额', '发放日期'] });
    expect(r.body.rows[0]).toEqual({ row: 4, cells: ['1', '張三', ID1, '东关村', '1,200.50', '2023年5月5日'] });
    expect(r.body.suggestion).toMatchObject({ from: 'suggested', kind: 'benefit_payments', sourceName: null });
    expect(r.body.suggestion.mapping).toMatchObject({ name: { column: 1 }, id_number: { column: 2 }, village: { column: 3 }, amount: { column: 4, unit: '元' }, pay_date: { column: 5 } });
    expect(workFiles()).toEqual([firstId]);
    expect(await audits(firstId)).toEqual(['create']);
  });

  it('imports as a job: normalised rows, bad values flagged and kept, rows without a required field rejected', async () => {
    const bad = await confirm(firstId, { kind: 'benefit_payments', name: '2023年低保', sourceName: '县民政局低保发放', mapping: { name: { column: 1 }, amount: { column: 4 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('必填字段“身份证号码”还没有对应的列');

    const mapping = { name: { column: 1 }, id_number: { column: 2 }, village: { column: 3 }, amount: { column: 4, unit: '元' }, pay_date: { column: 5 } };
    const r = await confirm(firstId, { kind: 'benefit_payments', name: '2023年低保', sourceName: '县民政局低保发放', mapping });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.dataset.status).toBe('importing');
    const job = await waitForJob(t.ctx, r.body.jobId, { log });
    expect(job.status, JSON.stringify(job)).toBe('succeeded');

    const d = await api(t, office, 'GET', `${base}/${firstId}`);
    expect(d.body).toMatchObject({ status: 'ready', kind: 'benefit_payments', kindName: '补贴救助发放', sourceName: '县民政局低保发放', rowCount: 3, rejectedCount: 2, flaggedCount: 1 });
    // the 合计 row is no record and no problem
    const issues = d.body.issues.first.map((i: { row: number; label: string; issue: string; rejected: boolean }) => [i.row, i.label, i.rejected]);
    expect(issues).toEqual([
      [6, '身份证号码', false],
      [6, '发放日期', false],
      [7, '姓名', true],
      [8, '发放金额', true],
    ]);
    expect(d.body.issues.first[0].issue).toBe('校验位错误');

    const rows = await api(t, office, 'GET', `${base}/${firstId}/rows?page=1&pageSize=10`);
    expect(rows.body.total).toBe(3);
    const [a, b, c] = rows.body.items;
    expect(a).toMatchObject({ _row: 4, name: '张三', id_number: ID1, village: '东关村', amount: 120050, pay_date: '2023-05-05', pay_date_precision: 'day', _issues: null });
    expect(b).toMatchObject({ _row: 5, name: '李四', id_number: idNumber('320481', '19500404', 441), amount: 80000 });
    // a wrong check digit is kept as written (flagged); an impossible date is dropped (flagged)
    expect(c).toMatchObject({ _row: 6, name: '王五', id_number: withBadCheck(ID3), amount: 10000, pay_date: null });
    expect(c._issues).toContain('身份证号码：校验位错误');
    expect(c._issues).toContain('发放日期：');

    const flagged = await api(t, office, 'GET', `${base}/${firstId}/rows?page=1&pageSize=10&flagged=true`);
    expect(flagged.body.items.map((x: { _row: number }) => x._row)).toEqual([6]);

    const xlsx = await t.app.inject({ method: 'GET', url: `${base}/${firstId}/issues.xlsx`, headers: { cookie: office } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '表头', '标准字段', '原值', '问题', '处理']);
    const texts = sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 8).join('|'));
    expect(texts.some((s) => s.startsWith('7|B|姓名|姓名||必填项为空|整行未导入'))).toBe(true);
    expect(texts.some((s) => s.startsWith('8|E|发放金额|发放金额|壹佰元|不是有效的金额|整行未导入'))).toBe(true);
    expect(texts.some((s) => s.startsWith('6|C|身份证号码|身份证号码|') && s.endsWith('|校验位错误|已导入，值存疑'))).toBe(true);

    expect(datasetFiles()).toEqual([firstId]);
    expect(fs.readdirSync(path.join(dataDir, 'analytics', 'datasets', firstId)).sort()).toEqual(['data.parquet', 'issues.parquet']);
    expect(workFiles()).toEqual([]);
    expect(await audits(firstId)).toEqual(['create', 'import', 'import_finished']);
  });

  it('offers the saved mapping at the next import of the same source and headers', async () => {
    // a GBK file, tab-delimited, with the same header: the mapping confirmed above comes back with its source
    const gbk = iconv.encode(roll([['1', '赵六', ID2, '东关村', '0.05', '2023年6月']], '\t'), 'gbk');
    const r = await send(office, '低保发放-6月.txt', gbk);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.dataset).toMatchObject({ encoding: 'GB18030', encodingName: 'GBK / GB18030', delimiter: '\t' });
    expect(r.body.suggestion).toMatchObject({ from: 'saved', kind: 'benefit_payments', sourceName: '县民政局低保发放' });
    expect(r.body.suggestion.mapping.amount).toEqual({ column: 4, unit: '元' });
    // amounts of this source are in 万元
    const id = r.body.dataset.id;
    const mapping = { ...r.body.suggestion.mapping, amount: { column: 4, unit: '万元' } };
    const c = await confirm(id, { kind: 'benefit_payments', name: '2023年6月低保', sourceName: '县民政局低保发放', mapping });
    expect((await waitForJob(t.ctx, c.body.jobId, { log })).status).toBe('succeeded');
    const rows = await api(t, office, 'GET', `${base}/${id}/rows`);
    expect(rows.body.items[0]).toMatchObject({ name: '赵六', amount: 50000 });
    // the other county sees neither the dataset nor the saved mapping
    expect((await api(t, otherOffice, 'GET', `${base}/${id}`)).status).toBe(404);
    const other = await send(otherOffice, '低保发放.csv', roll(GOOD_ROWS.slice(0, 1)));
    expect(other.body.suggestion.from).toBe('suggested');
    expect((await api(t, otherOffice, 'GET', base)).body.total).toBe(1);
    // an upload nobody confirms is deleted with its file
    expect((await api(t, otherOffice, 'DELETE', `${base}/${other.body.dataset.id}`)).status).toBe(204);
    expect(workFiles()).toEqual([]);
  });

  it('reads an .xlsx with a title row and a two-row merged header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('耕地地力保护补贴');
    ws.addRow(['2023年耕地地力保护补贴发放清册']);
    ws.mergeCells('A1:F1');
    ws.addRow(['姓名', '身份证号码', '补贴面积', null, '补贴金额（元）', '所属村']);
    ws.addRow([null, null, '确权面积', '计补面积', null, null]);
    ws.mergeCells('C2:D2');
    for (const c of ['A', 'B', 'E', 'F']) ws.mergeCells(`${c}2:${c}3`);
    ws.addRow(['孙七', ID3, 5.2, 5.25, 1234.5, '东关村']);
    ws.addRow(['周八', ID1, 3, 3, 800, '西关村']);
    const r = await send(office, '地力补贴.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.header).toMatchObject({ row: 2, rowCount: 2 });
    expect(r.body.header.headers.slice(2, 4)).toEqual(['补贴面积-确权面积', '补贴面积-计补面积']);
    const mapping = { name: { column: 0 }, id_number: { column: 1 }, area: { column: 3, unit: '亩' }, amount: { column: 4, unit: '元' }, village: { column: 5 } };
    const c = await confirm(r.body.dataset.id, { kind: 'benefit_payments', name: '地力补贴', sourceName: '县农业农村局地力补贴', mapping });
    expect((await waitForJob(t.ctx, c.body.jobId, { log })).status).toBe('succeeded');
    const rows = await api(t, office, 'GET', `${base}/${r.body.dataset.id}/rows`);
    expect(rows.body.items).toMatchObject([
      { _row: 4, name: '孙七', amount: 123450, area: 525 },
      { _row: 5, name: '周八', amount: 80000, area: 300 },
    ]);
  });

  it('imports a Parquet file: its column names are the header', async () => {
    const source = path.join(dataDir, 'deaths.parquet');
    await analyticsEngine(t.ctx.config).use((conn) =>
      conn.run(`copy (select * from (values ('孙七', '${ID3}', date '2023-03-01'), ('周八', '${ID15}', date '2023-04-02')) v(死者姓名, 公民身份号码, 死亡日期)) to '${source}' (format parquet)`),
    );
    const r = await send(office, '死亡名单.parquet', fs.readFileSync(source));
    fs.rmSync(source);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.dataset).toMatchObject({ format: 'parquet', formatName: 'Parquet', encoding: null });
    expect(r.body.header.headers).toEqual(['死者姓名', '公民身份号码', '死亡日期']);
    expect(r.body.suggestion).toMatchObject({ kind: 'deaths', mapping: { name: { column: 0 }, id_number: { column: 1 }, event_date: { column: 2 } } });
    const c = await confirm(r.body.dataset.id, { kind: 'deaths', name: '2023年死亡人员', sourceName: '县公安局户籍注销', mapping: r.body.suggestion.mapping });
    expect((await waitForJob(t.ctx, c.body.jobId, { log })).status).toBe('succeeded');
    const rows = await api(t, office, 'GET', `${base}/${r.body.dataset.id}/rows`);
    expect(rows.body.items).toMatchObject([
      { _row: 1, name: '孙七', id_number: ID3, event_date: '2023-03-01' },
      { _row: 2, name: '周八', id_number: idNumber('320481', '19500404', 441), event_date: '2023-04-02' },
    ]);
  });

  it('the data starts past a 1, 2, 3 … row under the header; the user may pick another header row', async () => {
    const text = [TITLE, '序号,姓名,身份证号码,所属村,发放金额,发放日期', '1,2,3,4,5,6', `1,吴九,${ID1},东关村,100,2023-05-01`, `2,郑十,${ID2},西关村,200,2023-05-02`].join('\n');
    const r = await send(office, '带栏次.csv', text);
    expect(r.body.header.row).toBe(2);
    expect(r.body.rows.map((x: { row: number }) => x.row)).toEqual([4, 5]);
    // choosing the title as the header is the user's call; choosing back gives the detected layout again
    const wrong = await api(t, office, 'POST', `${base}/${r.body.dataset.id}/preview`, { headerRow: 1 });
    expect(wrong.body.header).toMatchObject({ row: 1, headers: [TITLE, '第2列', '第3列', '第4列', '第5列', '第6列'] });
    const back = await api(t, office, 'POST', `${base}/${r.body.dataset.id}/preview`, { headerRow: 2, headerRowCount: 1 });
    expect(back.body.header.headers).toEqual(['序号', '姓名', '身份证号码', '所属村', '发放金额', '发放日期']);
    const c = await confirm(r.body.dataset.id, { kind: 'benefit_payments', name: '带栏次', sourceName: '县民政局低保发放', mapping: r.body.suggestion.mapping });
    expect((await waitForJob(t.ctx, c.body.jobId, { log })).status).toBe('succeeded');
    const d = await api(t, office, 'GET', `${base}/${r.body.dataset.id}`);
    expect(d.body).toMatchObject({ rowCount: 2, rejectedCount: 0, flaggedCount: 0 });
  });

  it('a ragged file fails with the row in Chinese and leaves no dataset files', async () => {
    const rows = Array.from({ length: 1300 }, (_, i) => [String(i + 1), `人${i}`, ID1, '东关村', '100', '2023-05-01']);
    rows[1200] = ['1201', '坏行', ID1, '东关村', '100', '2023-05-01', '多余', '又多'];
    const r = await send(office, '坏文件.csv', roll(rows));
    expect(r.status).toBe(201);
    const c = await confirm(r.body.dataset.id, { kind: 'benefit_payments', name: '坏文件', sourceName: '县民政局低保发放', mapping: r.body.suggestion.mapping });
    const job = await waitForJob(t.ctx, c.body.jobId, { log });
    expect(job.status).toBe('failed');
    const message = '第 1,204 行：列数为 8，表头为 6 列。请检查这一行是否多了或少了分隔符（逗号），或单元格中的逗号没有用引号括起来';
    expect(job.error?.message).toBe(message);
    const d = await api(t, office, 'GET', `${base}/${r.body.dataset.id}`);
    expect(d.body).toMatchObject({ status: 'failed', statusName: '导入失败', errorMessage: message, rowCount: null });
    expect(datasetFiles()).not.toContain(r.body.dataset.id);
    expect(datasetFiles().filter((f) => f.startsWith('.tmp'))).toEqual([]);
    expect(workFiles()).toEqual([]);
    expect((await api(t, office, 'GET', `${base}/${r.body.dataset.id}/rows`)).status).toBe(409);
  });

  it('an empty file is refused at upload with 文件为空, leaving nothing', async () => {
    const before = (await api(t, office, 'GET', base)).body.total;
    const r = await send(office, '空.csv', '');
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('文件为空');
    const headerOnly = await send(office, '只有表头.csv', '姓名,身份证号码,发放金额\r\n');
    expect(headerOnly.status).toBe(201);
    const c = await confirm(headerOnly.body.dataset.id, { kind: 'benefit_payments', name: '只有表头', sourceName: '测试', mapping: { name: { column: 0 }, id_number: { column: 1 }, amount: { column: 2 } } });
    const job = await waitForJob(t.ctx, c.body.jobId, { log });
    expect(job.error?.message).toBe('文件为空：表头下面没有任何数据行');
    expect((await api(t, office, 'GET', base)).body.total).toBe(before + 1);
    expect(workFiles()).toEqual([]);
    expect(datasetFiles()).not.toContain(headerOnly.body.dataset.id);
  });

  it('cancelling mid-import leaves no dataset files and marks it failed', async () => {
    // ~23 MB of GBK: also over the app-wide 20 MB multipart cap, which this route replaces with its own
    const lines = ['姓名\t身份证号码\t发放金额\t发放日期'];
    for (let i = 0; i < 500_000; i++) lines.push(`张${i}\t${ID1}\t${i % 1000}.5\t2023年5月${(i % 28) + 1}日`);
    const r = await send(office, '大文件.csv', iconv.encode(lines.join('\n'), 'gbk'));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.dataset.id;
    const c = await confirm(id, { kind: 'benefit_payments', name: '大文件', sourceName: '县民政局低保发放（大）', mapping: { name: { column: 0 }, id_number: { column: 1 }, amount: { column: 2, unit: '元' }, pay_date: { column: 3 } } });
    const done = waitForJob(t.ctx, c.body.jobId, { heartbeatMs: 30, progressIntervalMs: 30, timeoutMs: 60_000, log });
    for (let i = 0; i < 500; i++) {
      const j = await api(t, office, 'GET', `/api/jobs/${c.body.jobId}`);
      if (j.body.status === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const cancel = await api(t, office, 'POST', `/api/jobs/${c.body.jobId}/cancel`);
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const job = await done;
    expect(job.status).toBe('cancelled');
    const d = await api(t, office, 'GET', `${base}/${id}`);
    expect(d.body).toMatchObject({ status: 'failed', errorMessage: '导入已取消，没有留下任何数据' });
    expect(datasetFiles()).not.toContain(id);
    expect(datasetFiles().filter((f) => f.startsWith('.tmp'))).toEqual([]);
    expect(workFiles()).toEqual([]);
    expect(await audits(id)).toEqual(['create', 'import', 'import_cancelled']);
  });

  it('an import cut off by a restart shows as failed with the reason, and its files go', async () => {
    const r = await send(office, '中断.csv', roll(GOOD_ROWS.slice(0, 2)));
    const id = r.body.dataset.id;
    const c = await confirm(id, { kind: 'benefit_payments', name: '中断', sourceName: '县民政局低保发放', mapping: r.body.suggestion.mapping });
    expect(workFiles()).toContain(id);
    // what the jobs runner does at start with a job whose runner is gone
    await t.ctx.db.updateTable('jobs').set({ status: 'failed', error_code: 'JOB_INTERRUPTED', error_message: '服务重启，任务中断，请重新运行', finished_at: new Date() }).where('id', '=', c.body.jobId).execute();
    const d = await api(t, office, 'GET', `${base}/${id}`);
    expect(d.body).toMatchObject({ status: 'failed', errorMessage: '服务重启，任务中断，请重新运行' });
    expect(workFiles()).not.toContain(id);
  });

  it('leftovers of a crashed process older than a day are swept at start; fresh ones are kept', async () => {
    const root = path.join(dataDir, 'analytics');
    const oldTmp = path.join(root, 'datasets', `.tmp-${randomUUID()}-0000`);
    const freshTmp = path.join(root, 'datasets', `.tmp-${randomUUID()}-1111`);
    const orphan = path.join(root, 'work', randomUUID());
    for (const dir of [oldTmp, freshTmp, orphan]) fs.mkdirSync(dir, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    for (const dir of [oldTmp, orphan]) fs.utimesSync(dir, twoDaysAgo, twoDaysAgo);
    expect(await sweepLeftoverFiles(t.ctx)).toBe(2);
    expect(fs.existsSync(oldTmp) || fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(freshTmp)).toBe(true);
    fs.rmSync(freshTmp, { recursive: true });
  });

  it('lists with search and filters; teams are refused; delete removes the files and is audited', async () => {
    const list = await api(t, office, 'GET', `${base}?q=${encodeURIComponent('民政局低保')}&status=ready`);
    expect(list.body.items.map((d: { name: string }) => d.name).sort()).toEqual(['2023年6月低保', '2023年低保', '带栏次']);
    expect((await api(t, office, 'GET', `${base}?status=failed`)).body.items.map((d: { name: string }) => d.name).sort()).toEqual(['中断', '只有表头', '坏文件', '大文件']);
    expect((await api(t, office, 'GET', `${base}?kind=benefit_payments&pageSize=1`)).body.items).toHaveLength(1);
    expect((await api(t, team, 'GET', base)).status).toBe(403);
    expect((await send(team, 'x.csv', roll(GOOD_ROWS))).status).toBe(403);
    expect((await api(t, otherOffice, 'DELETE', `${base}/${firstId}`)).status).toBe(404);
    const del = await api(t, office, 'DELETE', `${base}/${firstId}`);
    expect(del.status).toBe(204);
    expect(datasetFiles()).not.toContain(firstId);
    expect((await api(t, office, 'GET', `${base}/${firstId}`)).status).toBe(404);
    expect(await audits(firstId)).toEqual(['create', 'import', 'import_finished', 'delete']);
  });
});
