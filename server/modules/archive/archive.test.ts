/**
 * 立卷归档 through its routes: the target's file by stage with the reasons it is incomplete, which
 * disappear as materials are filed; the .zip of a target (目录.xlsx read back: every row names a file in
 * the zip with its size and SHA-256) and of a round (a folder per target the caller sees); refusals when
 * nothing can be exported; team scoping (another team's user gets 404).
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECTION_STEP_LIST } from '../../../domain/inspections/steps';
import { api } from '../../test/fixtures';
import { approvedReport, attach, createArchiveWorld, feedback, material, PDF, PNG, recordSteps, transferredLead, workRecord, type ArchiveWorld } from './test-setup';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function readCatalogue(buffer: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { ws, header: rows[0]!, rows: rows.slice(1) };
}

describe('archive (立卷归档)', () => {
  let w: ArchiveWorld;
  let base: string;
  beforeAll(async () => {
    w = await createArchiveWorld();
    base = `/api/archive/rounds/${w.roundId}/targets/${w.townTarget}`;
  });
  afterAll(async () => w.t.close());

  const download = (cookie: string, url: string) => w.t.app.inject({ method: 'GET', url, headers: { cookie } });
  const missing = async () => (await api(w.t, w.teamA, 'GET', base)).body.missing as string[];

  it('lists what an unfinished file lacks, with Chinese reasons', async () => {
    const r = await api(w.t, w.teamA, 'GET', base);
    expect(r.status).toBe(200);
    expect(r.body.complete).toBe(false);
    const v1 = w.v1Name;
    expect(r.body.missing).toContain(`${v1}：必经环节“见面沟通”未登记完成`);
    expect(r.body.missing).toContain(`${v1}：没有个别谈话记录`);
    expect(r.body.missing).toContain('问题第001号“集体资金支出未经民主决策”没有佐证材料');
    expect(r.body.missing.some((m: string) => m.includes('尚在草稿的问题') && m.includes('尚未审定（草稿）'))).toBe(true);
    expect(r.body.missing).toContain('巡察报告尚未起草');
    expect(r.body.missing).toContain(`尚未向${w.townName}反馈`);
    // the stages in filing order; approved findings already give their working papers
    expect(r.body.stages.map((s: { folder: string }) => s.folder)).toEqual(['01-进驻', '02-听取汇报', '03-查阅资料', '04-个别谈话', '05-走访勘查', '06-问题底稿', '07-问题线索', '08-巡察报告', '09-反馈']);
    const papers = r.body.stages[5].entries;
    expect(papers).toHaveLength(3);
    expect(papers[0]).toMatchObject({ seq: 1, typeName: '生成文书', size: null, zipPath: expect.stringMatching(/^06-问题底稿\/问题底稿-第001号-.+\.docx$/) });
    expect(papers[0].download).toMatch(/^\/api\/findings\/.+\/working-paper\.docx$/);
  });

  it('reasons disappear as the materials are filed, until the file is complete', async () => {
    const [i1, i2] = w.insp;
    const steps = INSPECTION_STEP_LIST.filter((s) => s !== 'feedback');
    await recordSteps(w.t, i1, steps);
    await recordSteps(w.t, i2, steps);
    expect((await missing()).filter((m) => m.includes('必经环节'))).toEqual([`${w.v1Name}：必经环节“集中反馈”未登记完成`, expect.stringContaining('必经环节“集中反馈”未登记完成')]);
    await recordSteps(w.t, i1, ['feedback'], '2026-11-25');
    await recordSteps(w.t, i2, ['feedback'], '2026-11-25');
    expect((await missing()).some((m) => m.includes('必经环节'))).toBe(false);

    // talks: two records in v1 with a photo each under the same name, one in v2
    const t1 = await workRecord(w.t, i1, 'talk', '2026-11-03', ['张三']);
    const t2 = await workRecord(w.t, i1, 'talk', '2026-11-04', ['李四', '赵六']);
    await attach(w.t, 'work_record', t1, '谈话照片.png', PNG);
    await attach(w.t, 'work_record', t2, '谈话照片.png', Buffer.concat([PNG, Buffer.from([0])]));
    expect((await missing()).filter((m) => m.includes('个别谈话记录'))).toHaveLength(1);
    await workRecord(w.t, i2, 'talk', '2026-11-05', ['钱七']);
    expect((await missing()).some((m) => m.includes('个别谈话记录'))).toBe(false);
    const review = await workRecord(w.t, i2, 'review', '2026-11-06');
    await attach(w.t, 'work_record', review, '账目/凭证.pdf', PDF, 'application/pdf');
    const pre = await w.t.ctx.db.insertInto('pre_inspection_entries').values({ target_id: w.townTarget, village_code: null, kind: 'petition', title: '信访件摘要', occurred_on: '2026-08-01', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await attach(w.t, 'pre_inspection_entry', pre.id, '信访件.pdf', PDF, 'application/pdf');

    // findings: a material without a file is named, then the file clears it
    const m1 = await material(w.t, w.approved[0]!, '会议记录');
    expect(await missing()).toContain('问题第001号“集体资金支出未经民主决策”的佐证材料没有上传文件');
    await attach(w.t, 'finding_material', m1, '会议记录.pdf', PDF, 'application/pdf');
    for (const id of w.approved.slice(1)) await attach(w.t, 'finding_material', await material(w.t, id, '账目'), '账目.png', PNG);
    await w.t.ctx.db.deleteFrom('findings').where('id', '=', w.draft).execute();
    expect((await missing()).some((m) => m.startsWith('问题'))).toBe(false);

    // a lead: draft, then transferred without the signed hand-over, then with it
    const lead = await transferredLead(w.t, w, { number: 1, status: 'draft', letterNo: null });
    expect(await missing()).toContain('问题线索2026-02-001尚未移交');
    await w.t.ctx.db.updateTable('leads').set({ status: 'transferred', transfer_letter_no: '溧巡移〔2026〕1号', transferred_on: '2026-11-15' }).where('id', '=', lead).execute();
    expect(await missing()).toContain('问题线索2026-02-001没有上传签收的移交材料（签收单或回执）');
    await attach(w.t, 'lead', lead, '签收单.pdf', Buffer.concat([PDF, Buffer.from('签收')]), 'application/pdf');

    await approvedReport(w.t, w);
    await feedback(w.t, w, null, '2026-11-22');
    await feedback(w.t, w, w.v1, '2026-11-23');
    expect(await missing()).toEqual([`尚未向${w.v2Name}反馈`]);
    await feedback(w.t, w, w.v2, '2026-11-24');
    const done = await api(w.t, w.teamA, 'GET', base);
    expect(done.body).toMatchObject({ complete: true, missing: [] });
    expect(done.body.counts).toMatchObject({ records: 4, findings: 3, approvedFindings: 3, leads: 1, transferredLeads: 1 });
  });

  it('exports the target as a .zip whose 目录.xlsx names every file with its size and SHA-256', async () => {
    const res = await download(w.teamA, `${base}/archive.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`巡察档案-2026年第2轮-${w.townName}.zip`)}`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const paths = Object.keys(files);
    expect(paths[0]).toBe('目录.xlsx');
    const { ws, header, rows } = await readCatalogue(files['目录.xlsx']!);
    expect(header).toEqual(['序号', '阶段', '题名', '文件名', '日期', '责任者/来源', '类型', '大小（字节）', 'SHA-256', '在压缩包中的路径']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows).toHaveLength(paths.length - 1);
    for (const [i, row] of rows.entries()) {
      const [seq, , , name, , , , size, hash, path] = row as [number, string, string, string, Date, string, string, number, string, string];
      expect(seq).toBe(i + 1);
      const bytes = files[path];
      expect(bytes, path).toBeDefined();
      expect(path.endsWith(`/${name}`)).toBe(true);
      expect(bytes!.length).toBe(size);
      expect(sha(bytes!)).toBe(hash);
    }
    // filing order, deduplicated names, generated documents present
    const listed = rows.map((r) => r[9] as string);
    expect(listed).toEqual(paths.slice(1));
    expect(listed).toContain('01-进驻/信访件.pdf');
    expect(listed).toContain('01-进驻/巡察环节和工作记录登记表.xlsx');
    expect(listed).toContain('03-查阅资料/账目_凭证.pdf');
    expect(listed).toContain('04-个别谈话/谈话照片.png');
    expect(listed).toContain('04-个别谈话/谈话照片(2).png');
    expect(listed).toContain('07-问题线索/问题线索移交函-2026-02-001.docx');
    expect(listed).toContain('07-问题线索/签收单.pdf');
    expect(listed).toContain(`08-巡察报告/巡察报告-${w.townName}.docx`);
    expect(listed).toContain(`09-反馈/反馈意见-${w.townName}.docx`);
    expect(listed).toContain(`09-反馈/问题清单-${w.v1Name}.docx`);
    expect(listed.filter((p) => p.startsWith('06-问题底稿/问题底稿-'))).toHaveLength(3);
    expect([...listed].sort((a, b) => a.slice(0, 2).localeCompare(b.slice(0, 2)))).toEqual(listed);
    expect(Buffer.from(files['04-个别谈话/谈话照片.png']!).equals(PNG)).toBe(true);
    const titles = rows.map((r) => r[2] as string);
    expect(titles).toContain(`${w.v1Name}·个别谈话记录（李四、赵六）`);
    // the same export twice gives the same names in the same order
    const again = unzipSync(new Uint8Array((await download(w.teamA, `${base}/archive.zip`)).rawPayload));
    expect(Object.keys(again)).toEqual(paths);
  });

  it('the register lists steps and records; the list shows the download links', async () => {
    const res = await download(w.leading, `${base}/work-register.xlsx`);
    expect(res.statusCode).toBe(200);
    const { header, rows } = await readCatalogue(res.rawPayload);
    expect(header.slice(0, 4)).toEqual(['村（社区）', '类别', '环节或记录', '日期']);
    expect(rows.filter((r) => r[1] === '巡察环节')).toHaveLength(INSPECTION_STEP_LIST.length * 2);
    expect(rows.filter((r) => r[1] === '工作记录')).toHaveLength(4);
    const list = await api(w.t, w.leading, 'GET', base);
    const talks = list.body.stages[3].entries;
    expect(talks.map((e: { fileName: string }) => e.fileName)).toEqual(['谈话照片.png', '谈话照片(2).png']);
    expect(talks[0].download).toMatch(/^\/api\/files\//);
    expect((await download(w.leading, talks[0].download)).statusCode).toBe(200);
  });

  it('exports the round with a folder per target the caller sees, leaving out targets with nothing filed', async () => {
    const res = await download(w.office, `/api/archive/rounds/${w.roundId}/archive.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('巡察档案-2026年第2轮.zip'));
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const folders = [...new Set(Object.keys(files).map((p) => p.split('/')[0]))];
    expect(folders).toEqual([expect.stringMatching(new RegExp(`^\\d\\d-${w.townName}$`))]);
    const own = await readCatalogue(files[`${folders[0]}/目录.xlsx`]!);
    for (const row of own.rows) expect(sha(files[`${folders[0]}/${row[9] as string}`]!)).toBe(row[8]);

    // team B sees only its own target, which has nothing filed yet
    const refused = await api(w.t, w.teamB, 'GET', `/api/archive/rounds/${w.roundId}/archive.zip`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('还没有可归档的材料');
  });

  it('refuses a target with nothing to export, in Chinese', async () => {
    const r = await api(w.t, w.teamA, 'GET', `/api/archive/rounds/${w.roundId}/targets/${w.targetA}/archive.zip`);
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/^.+还没有可归档的材料（.+），无法导出档案$/);
  });

  it('overview: counts and completeness per target, scoped to the team, paged', async () => {
    const office = await api(w.t, w.office, 'GET', `/api/archive/rounds/${w.roundId}/targets`);
    expect(office.status).toBe(200);
    expect(office.body.total).toBe(3);
    const town = office.body.items.find((t: { id: string }) => t.id === w.townTarget);
    expect(town).toMatchObject({ complete: true, missingCount: 0, counts: { approvedFindings: 3, transferredLeads: 1 } });
    const village = office.body.items.find((t: { id: string }) => t.id === w.targetA);
    expect(village.complete).toBe(false);
    expect(village.missing.length).toBeGreaterThan(0);
    expect((await api(w.t, w.office, 'GET', `/api/archive/rounds/${w.roundId}/targets?pageSize=1&page=2`)).body.items).toHaveLength(1);
    const teamA = await api(w.t, w.teamA, 'GET', `/api/archive/rounds/${w.roundId}/targets`);
    expect(teamA.body.items.map((t: { id: string }) => t.id).sort()).toEqual([w.targetA, w.townTarget].sort());
    expect((await api(w.t, w.teamB, 'GET', `/api/archive/rounds/${w.roundId}/targets`)).body.total).toBe(1);
  });

  it("another team's user, a town and a department get 404 for the file and its export", async () => {
    expect((await api(w.t, w.teamB, 'GET', base)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'GET', `${base}/archive.zip`)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'GET', `${base}/work-register.xlsx`)).status).toBe(404);
    expect((await api(w.t, w.town, 'GET', base)).status).toBe(404);
    expect((await api(w.t, w.town, 'GET', `/api/archive/rounds/${w.roundId}/targets`)).status).toBe(404);
    expect((await api(w.t, w.department, 'GET', `/api/archive/rounds/${w.roundId}/archive.zip`)).status).toBe(404);
    expect((await api(w.t, w.leading, 'GET', base)).status).toBe(200);
    // the leading group reads and exports too: the generated documents come through their modules with its rights
    const lg = await download(w.leading, `${base}/archive.zip`);
    expect(lg.statusCode).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(lg.rawPayload))).some((p) => p.startsWith('08-巡察报告/'))).toBe(true);
  });
});
