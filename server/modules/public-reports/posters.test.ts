import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { readDocx } from '../documents/test-read';
import { createWorld, type World } from '../inspections/test-setup';

let w: World;
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, remoteAddress: '10.0.0.9', ...(payload !== undefined ? { payload: payload as object } : {}) }).then((r) => ({ status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.body }));
const file = (cookie: string, url: string) => w.t.app.inject({ method: 'GET', url, headers: { cookie } });
const notice = (extra: Record<string, unknown> = {}) => ({
  phone: '0519－87654321',
  mailbox: '溧阳市2026号信箱（邮编213300）',
  email: 'lyxc1@163.com',
  receptionPlace: '村委会二楼会议室',
  receptionHours: '',
  onSiteFrom: '2026-09-01',
  onSiteTo: '2026-11-30',
  petitionCutoff: '2026-11-22',
  ...extra,
});
const report = () => ({ report: { submissionId: crypto.randomUUID(), anonymous: true, category: 'other', description: '村里修路的钱去向不明，请巡察组查一查', attachments: [] } });
/** The generated files, for the LibreOffice check at the end. */
const docx: { single?: Buffer; batch?: Buffer } = {};
let codes: { scope: string; code: string; codeShown: string; teamName: string | null; name: string }[];
let targetB: string;

beforeAll(async () => {
  w = await createWorld();
  targetB = (await w.t.ctx.db.selectFrom('round_targets').select('id').where('round_id', '=', w.roundId).where('id', '!=', w.targetA).executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => w.t.close());

describe('巡察公告 facts per round × team', () => {
  it('lists every team with the round’s dates as defaults; a team sees only its own', async () => {
    const office = await api(w.t, w.office, 'GET', `/api/public-reports/notices?roundId=${w.roundId}`);
    expect(office.status).toBe(200);
    expect(office.body).toMatchObject({ roundLabel: '2026年第2轮', canEdit: true, total: 2 });
    expect(office.body.items[0]).toMatchObject({ saved: false, phone: '', onSiteFrom: '2026-09-01', onSiteTo: '2026-12-31', petitionCutoff: '2026-12-31', version: null });
    const team = await api(w.t, w.teamA, 'GET', `/api/public-reports/notices?roundId=${w.roundId}`);
    expect(team.body).toMatchObject({ canEdit: false, total: 1 });
    expect(team.body.items[0].teamName).toBe('第一巡察组');
    expect((await api(w.t, w.town, 'GET', `/api/public-reports/notices?roundId=${w.roundId}`)).status).toBe(404);
  });

  it('refuses bad input in Chinese, per field and across fields', async () => {
    const bad = await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice({ phone: '87654321', mailbox: '人民路1号', email: 'x@y' }));
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries((bad.body.details as { path: string; message: string }[]).map((d) => [d.path.replace(/^body\./, ''), d.message]));
    expect(fields.phone).toContain('固定电话请加区号');
    expect(fields.mailbox).toContain('请写明信箱');
    expect(fields.email).toContain('电子邮箱格式不正确');
    const early = await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice({ petitionCutoff: '2026-08-31' }));
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('信访受理截止日期不能早于进驻日期');
    const late = await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice({ onSiteTo: '2027-01-10', petitionCutoff: '2027-01-05' }));
    expect(late.status).toBe(400);
    expect(late.body.details.map((d: { path: string }) => d.path)).toEqual(['onSiteTo']);
    expect((await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.roundId}`, notice())).status).toBe(404);
    expect((await api(w.t, w.teamA, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice())).status).toBe(403);
    expect(await w.t.ctx.db.selectFrom('public_notices').selectAll().execute()).toHaveLength(0);
  });

  it('the office saves, with an audit row; a stale version is refused', async () => {
    const saved = await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ saved: true, phone: '0519-87654321', receptionHours: null, version: 1, updatedByName: 'office1姓名' });
    const again = await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice({ version: 1, petitionCutoff: '2026-11-22' }));
    expect(again.body.version).toBe(2);
    const stale = await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamAId}`, notice({ version: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('已被他人修改');
    const audit = await w.t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'public_reports.notice').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.after).toMatchObject({ teamId: w.teamAId, phone: '0519-87654321', petitionCutoff: '2026-11-22' });
    expect(audit[1]!.before).toMatchObject({ petitionCutoff: '2026-11-22' });
  });
});

describe('the 信访 cut-off in intake', () => {
  it('a report on the cut-off day (China time) lands with the team, one a second after midnight with the office', async () => {
    const gen = await api(w.t, w.office, 'POST', '/api/public-reports/codes', { roundId: w.roundId });
    codes = gen.body.items;
    const codeA = codes.find((c) => c.scope === 'target' && c.teamName === '第一巡察组')!.code;
    // 23:59:59 on 2026-11-22 in Asia/Shanghai
    w.t.setNow(new Date('2026-11-22T15:59:59Z'));
    const lookup = await pub('GET', `/api/public/reports/codes/${codeA}`);
    expect(lookup.body.notice).toEqual({ phone: '0519-87654321', mailbox: '溧阳市2026号信箱（邮编213300）', petitionCutoff: '2026-11-22', cutoffPassed: false });
    expect((await pub('POST', `/api/public/reports/codes/${codeA}`, report())).status).toBe(200);
    // 00:00:00 on 2026-11-23
    w.t.setNow(new Date('2026-11-22T16:00:00Z'));
    expect((await pub('GET', `/api/public/reports/codes/${codeA}`)).body.notice.cutoffPassed).toBe(true);
    expect((await pub('POST', `/api/public/reports/codes/${codeA}`, report())).status).toBe(200);
    const rows = await w.t.ctx.db.selectFrom('public_reports').select(['received_on', 'inbox_kind', 'inbox_team_id']).orderBy('number').execute();
    expect(rows).toEqual([
      { received_on: '2026-11-22', inbox_kind: 'team', inbox_team_id: w.teamAId },
      { received_on: '2026-11-23', inbox_kind: 'office', inbox_team_id: null },
    ]);
    // the team without a notice keeps its inbox while the round is on site
    const codeB = codes.find((c) => c.scope === 'target' && c.teamName === '第二巡察组')!.code;
    expect((await pub('GET', `/api/public/reports/codes/${codeB}`)).body.notice).toBeNull();
    await pub('POST', `/api/public/reports/codes/${codeB}`, report());
    const b = await w.t.ctx.db.selectFrom('public_reports').select(['inbox_kind', 'inbox_team_id']).orderBy('number', 'desc').executeTakeFirstOrThrow();
    expect(b).toEqual({ inbox_kind: 'team', inbox_team_id: w.teamBId });
    w.t.setNow(new Date('2026-11-22T02:00:00Z'));
  });

  it('the public report page shows the team’s phone, mailbox and the cut-off', async () => {
    const codeA = codes.find((c) => c.scope === 'target' && c.teamName === '第一巡察组')!.code;
    w.t.setNow(new Date('2026-11-23T01:00:00Z'));
    const page = await pub('GET', `/p/r/${codeA}`);
    w.t.setNow(new Date('2026-11-22T02:00:00Z'));
    expect(page.status).toBe(200);
    expect(page.body).toContain('0519-87654321');
    expect(page.body).toContain('溧阳市2026号信箱（邮编213300）');
    expect(page.body).toContain('2026年11月22日');
    expect(page.body).toContain('已过信访受理截止日期');
    expect(Buffer.byteLength(page.body, 'utf8')).toBeLessThan(50 * 1024);
  });
});

describe('posters', () => {
  it('refuses a target whose team has no notice yet, naming what is missing', async () => {
    const r = await file(w.office, `/api/public-reports/posters?roundId=${w.roundId}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('第二巡察组的巡察公告');
    expect((await file(w.office, `/api/public-reports/posters/${targetB}.docx`)).statusCode).toBe(409);
  });

  it('one target: an A4 巡察公告 with the purpose, scope, contacts, cut-off, the QR image and the code', async () => {
    const r = await file(w.office, `/api/public-reports/posters/${w.targetA}.docx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('2026年第2轮巡察公告-');
    docx.single = r.rawPayload;
    const doc = readDocx(r.rawPayload);
    const code = codes.find((c) => c.scope === 'target' && c.teamName === '第一巡察组')!;
    expect(doc.paragraphs[0]).toBe('中共溧阳市委第一巡察组巡察公告');
    expect(doc.text).toMatch(/按照市委统一部署，市委第一巡察组于2026年9月1日至11月30日对.+党组织开展巡察。/);
    expect(doc.text).toContain('其他不属于巡察受理范围的问题，按规定由有关部门处理');
    for (const s of ['举报电话：0519-87654321', '邮政信箱：溧阳市2026号信箱（邮编213300）', '电子邮箱：lyxc1@163.com', '接待地点：村委会二楼会议室', '信访受理截止日期：2026年11月22日', `/p/r/${code.code}`, '2026年9月1日']) {
      expect(doc.text).toContain(s);
    }
    expect(doc.paragraphs).toContain(code.codeShown); // under the QR code, on its own line
    expect(doc.text).not.toContain('接待时间');
    expect(doc.document.match(/<w:sectPr/g)).toHaveLength(1);
    expect(doc.document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(doc.document).toContain('<w:drawing>');
    const media = Object.entries(unzipSync(new Uint8Array(r.rawPayload))).filter(([name]) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(media[0]![1].subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('a round: one page per target with every code; a team gets only its own targets', async () => {
    expect((await api(w.t, w.office, 'PUT', `/api/public-reports/notices/${w.roundId}/${w.teamBId}`, notice({ phone: '12388', email: null, receptionPlace: null }))).status).toBe(200);
    const r = await file(w.office, `/api/public-reports/posters?roundId=${w.roundId}`);
    expect(r.statusCode).toBe(200);
    docx.batch = r.rawPayload;
    const doc = readDocx(r.rawPayload);
    expect(doc.document.match(/<w:sectPr/g)).toHaveLength(2);
    expect(doc.document.match(/<w:type w:val="nextPage"\/>/g)).toHaveLength(2);
    expect(doc.paragraphs.filter((p) => /^中共溧阳市委第[一二]巡察组巡察公告$/.test(p))).toHaveLength(2);
    expect(doc.text).toContain('中共溧阳市委第二巡察组');
    expect(doc.text).toContain('举报电话：12388');
    for (const c of codes.filter((x) => x.scope === 'target')) expect(doc.text).toContain(c.codeShown);
    expect(Object.keys(unzipSync(new Uint8Array(r.rawPayload))).filter((n) => n.startsWith('word/media/'))).toHaveLength(2);

    const team = readDocx((await file(w.teamA, `/api/public-reports/posters?roundId=${w.roundId}`)).rawPayload);
    expect(team.document.match(/<w:sectPr/g)).toHaveLength(1);
    expect(team.text).toContain('第一巡察组');
    expect(team.text).not.toContain('第二巡察组');
    expect((await file(w.teamA, `/api/public-reports/posters/${targetB}.docx`)).statusCode).toBe(404);
    expect((await file(w.town, `/api/public-reports/posters/${w.targetA}.docx`)).statusCode).toBe(404);
  });

  it('the print page’s data: the same text and the QR code as a PNG data URL', async () => {
    const all = await api(w.t, w.office, 'GET', `/api/public-reports/poster-pages?roundId=${w.roundId}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    const a = all.body.items.find((p: { targetId: string }) => p.targetId === w.targetA);
    expect(a.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(a.text.contacts[0]).toEqual(['举报电话', '0519-87654321']);
    expect(a.text.title).toBe('中共溧阳市委第一巡察组巡察公告');
    const one = await api(w.t, w.office, 'GET', `/api/public-reports/poster-pages?roundId=${w.roundId}&targetId=${targetB}`);
    expect(one.body.items.map((p: { targetId: string }) => p.targetId)).toEqual([targetB]);
    expect((await api(w.t, w.office, 'GET', `/api/public-reports/poster-pages?roundId=${w.roundId}&targetId=nope`)).status).toBe(404);
  });
});

// One real layout: where LibreOffice is installed (CI), each poster must come out as exactly one A4 page.
const office = ['libreoffice', 'soffice'].map((b) => spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' }).stdout.trim()).find(Boolean) ?? null;
describe.runIf(office)('posters in LibreOffice', () => {
  it('one page per poster: the single poster is one A4 page, the round of two is two', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-posters-'));
    try {
      const pages = (name: string, buf: Buffer) => {
        fs.writeFileSync(path.join(dir, `${name}.docx`), buf);
        execFileSync(office!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, `${name}.docx`)], { stdio: 'ignore', timeout: 120_000 });
        const pdf = fs.readFileSync(path.join(dir, `${name}.pdf`)).toString('latin1');
        expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 595(?:\.\d+)? 841(?:\.\d+)?\s*\]/);
        return (pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
      };
      expect(pages('single', docx.single!)).toBe(1);
      expect(pages('batch', docx.batch!)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
