import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCode } from '../../../domain/public-reports/secrets';
import { api, idNumber, multipart } from '../../test/fixtures';
import { COUNTY, createWorld, orgUser, PNG, type World } from '../inspections/test-setup';

const PASSPHRASE = '巡察办身份密钥口令2026年十二月';
const NAME = '欧阳翠花';
const PHONE = '13912345678';
const ID = idNumber('320481', '19700101', 123);

let w: World;
let code: string;
let teamCode: string;
/** a system administrator without the office role */
let sysadmin: string;
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown, ip = '10.0.0.1') =>
  w.t.app.inject({ method, url, remoteAddress: ip, ...(payload !== undefined ? { payload: payload as object } : {}) }).then((r) => ({ status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.body, raw: r }));
const report = (extra: Record<string, unknown> = {}) => ({
  report: { submissionId: crypto.randomUUID(), anonymous: true, category: 'other', description: '村里修路的钱去向不明，请巡察组查一查', attachments: [], ...extra },
});
const dump = async () => JSON.stringify([await w.t.ctx.db.selectFrom('public_reports').selectAll().execute(), await w.t.ctx.db.selectFrom('public_report_messages').selectAll().execute()]);

beforeAll(async () => {
  w = await createWorld();
  sysadmin = (await orgUser(w.t, w.admin, 'office', COUNTY, 'sysadmin', ['admin'])).cookie;
}, 120_000);
afterAll(async () => w.t.close());

describe('码上巡', () => {
  it('before the office key, a named report is refused and an anonymous one works; the office sets the key once', async () => {
    const gen = await api(w.t, w.office, 'POST', '/api/public-reports/codes', { roundId: w.roundId });
    expect(gen.status).toBe(200);
    expect(gen.body.created).toBe(4); // two targets, two teams
    const again = await api(w.t, w.office, 'POST', '/api/public-reports/codes', { roundId: w.roundId });
    expect(again.body.created).toBe(0);
    expect(again.body.total).toBe(4);
    code = gen.body.items.find((c: { scope: string; name: string; path: string; teamName: string | null }) => c.scope === 'target' && c.name !== '' && c.path.startsWith('/p/r/') && c.teamName === '第一巡察组').code;
    teamCode = gen.body.items.find((c: { scope: string; name: string }) => c.scope === 'team' && c.name === '第二巡察组').code;
    expect(gen.body.items[0].qrCode).toMatch(/^data:image\/png;base64,/);
    // teams cannot generate, and see only their own codes
    expect((await api(w.t, w.teamA, 'POST', '/api/public-reports/codes', { roundId: w.roundId })).status).toBe(403);
    expect((await api(w.t, w.teamA, 'GET', `/api/public-reports/codes?roundId=${w.roundId}`)).body.total).toBe(2);

    const named = await pub('POST', `/api/public/reports/codes/${code}`, report({ anonymous: false, identity: { name: NAME, phone: PHONE } }));
    expect(named.status).toBe(409);
    expect(named.body.message).toContain('暂不能实名反映');
    expect((await pub('GET', `/api/public/reports/codes/${code}`)).body.namedAllowed).toBe(false);

    expect((await api(w.t, w.teamA, 'POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).status).toBe(403);
    expect((await api(w.t, sysadmin, 'POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).status).toBe(403);
    const short = await api(w.t, w.office, 'POST', '/api/public-reports/key', { passphrase: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    const key = await api(w.t, w.office, 'POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    expect(key.status).toBe(201);
    expect(key.body.exists).toBe(true);
    expect((await api(w.t, w.office, 'POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).status).toBe(409);
    expect((await pub('GET', `/api/public/reports/codes/${code}`)).body.namedAllowed).toBe(true);
  }, 60_000);

  it('serves the report page under 50 KB with a CSP nonce, and a Chinese page for an unknown code', async () => {
    const page = await pub('GET', `/p/r/${code}`);
    expect(page.status).toBe(200);
    const bytes = Buffer.byteLength(page.raw.body, 'utf8');
    expect(bytes).toBeLessThan(50 * 1024);
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(page.raw.headers['content-security-policy']))![1];
    expect(page.raw.body).toContain(`<script nonce="${nonce}">`);
    expect(page.raw.body).toContain('提交反映');
    expect(page.raw.body).toContain('匿名反映');
    expect(page.raw.body).toContain('<link rel="icon" href="data:,">'); // no /favicon.ico round trip
    const receipt = await pub('GET', '/p/receipt');
    expect(Buffer.byteLength(receipt.raw.body, 'utf8')).toBeLessThan(50 * 1024);
    // the inline scripts at least parse (no framework, no build step to catch a typo)
    for (const html of [page.raw.body, receipt.raw.body]) {
      const script = /<script nonce="[^"]+">([\s\S]*)<\/script>/.exec(html)![1]!;
      expect(() => new Script(script)).not.toThrow();
    }
    const unknown = await pub('GET', `/p/r/${newCode('short')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.raw.body).toContain('扫码编号不存在');
  });

  it('refuses a .jpg that is an executable, keeps a real photo', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const mpExe = multipart('照片.jpg', exe);
    const bad = await w.t.app.inject({ method: 'POST', url: '/api/public/reports/uploads', headers: mpExe.headers, payload: mpExe.payload });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().message).toMatch(/不能上传/);
    const mp = multipart('IMG_20261203_081523.png', PNG);
    const ok = await w.t.app.inject({ method: 'POST', url: '/api/public/reports/uploads', headers: mp.headers, payload: mp.payload });
    expect(ok.statusCode).toBe(201);
    const up = ok.json();
    const sent = await pub('POST', `/api/public/reports/codes/${code}`, report({ attachments: [{ uploadId: up.uploadId, fileName: up.fileName, mime: up.mime, size: up.size }] }));
    expect(sent.status).toBe(200);
    const att = await w.t.ctx.db.selectFrom('attachments').selectAll().where('id', '=', up.uploadId).executeTakeFirstOrThrow();
    expect(att.owner_kind).toBe('public_report');
    expect(att.file_name).toBe('附件1.png'); // the phone's timestamp name is dropped
  });

  it('accepts uploads up to the limit the page declares per kind (a 30 MB video), refuses larger ones with a Chinese 413', async () => {
    const mp4 = (bytes: number) => {
      const b = Buffer.alloc(bytes);
      Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]).copy(b);
      return b;
    };
    const send = async (name: string, content: Buffer) => {
      const mp = multipart(name, content);
      const r = await w.t.app.inject({ method: 'POST', url: '/api/public/reports/uploads', headers: mp.headers, payload: mp.payload, remoteAddress: '10.0.0.77' });
      return { status: r.statusCode, body: r.json() };
    };
    const video = await send('VID_20261203.mp4', mp4(30 * 1024 * 1024));
    expect(video.status).toBe(201);
    expect(video.body).toMatchObject({ mime: 'video/mp4', size: 30 * 1024 * 1024 });
    const over = await send('VID_big.mp4', mp4(50 * 1024 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(over.body.message).toBe('“VID_big.mp4”过大：视频每个不超过 50 MB');
    // a photo has its own, smaller limit, checked while reading
    const photo = Buffer.alloc(11 * 1024 * 1024);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(photo);
    const big = await send('照片.jpg', photo);
    expect(big.status).toBe(413);
    expect(big.body.message).toContain('照片每个不超过 10 MB');
    // no extension: the largest limit, then the content decides
    const unnamed = await send('blob', mp4(60 * 1024 * 1024));
    expect(unnamed.status).toBe(413);
    expect(unnamed.body.message).toContain('单个文件不超过 50 MB');
    // only the accepted video was stored
    expect((await w.t.ctx.db.selectFrom('attachments').select('id').where('size', '>', 20 * 1024 * 1024).execute()).length).toBe(1);
  }, 120_000);

  let receipt: string;
  let reportId: string;
  it('stores a named report with the identity sealed and the receipt only hashed; a resend gets the same receipt', async () => {
    const body = report({ anonymous: false, identity: { name: NAME, phone: PHONE, idNumber: ID }, description: '村干部优亲厚友，低保评定不公开不透明' });
    const sent = await pub('POST', `/api/public/reports/codes/${code}`, body);
    expect(sent.status).toBe(200);
    receipt = sent.body.receipt;
    expect(receipt).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$/);
    const again = await pub('POST', `/api/public/reports/codes/${code}`, body);
    expect(again.body).toMatchObject({ receipt, repeated: true });

    const all = await dump();
    for (const secret of [NAME, PHONE, ID, receipt, receipt.replace(/-/g, ''), body.report.submissionId]) expect(all).not.toContain(secret);
    const row = await w.t.ctx.db.selectFrom('public_reports').selectAll().where('description', 'like', '%低保%').executeTakeFirstOrThrow();
    reportId = row.id;
    expect(row.sealed_identity).toMatch(/^xs1\./);
    expect(row.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.received_on).toBe('2026-11-22');
    expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['ip', 'user_agent', 'created_at']));
    expect(await w.t.ctx.db.selectFrom('public_reports').select('id').where('description', 'like', '%低保%').execute()).toHaveLength(1);
  });

  it('team replies, the reporter reads it and answers by receipt; another team sees nothing', async () => {
    const list = await api(w.t, w.teamA, 'GET', '/api/public-reports/reports?page=1&pageSize=10');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect((await api(w.t, w.teamA, 'GET', '/api/public-reports/reports?q=低保')).body.total).toBe(1);
    expect((await api(w.t, w.teamB, 'GET', '/api/public-reports/reports')).body.total).toBe(0);
    expect((await api(w.t, w.teamB, 'GET', `/api/public-reports/reports/${reportId}`)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'POST', `/api/public-reports/reports/${reportId}/messages`, { body: '你好' })).status).toBe(404);
    const detail = await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}`);
    expect(detail.body).toMatchObject({ statusName: '待处理', anonymous: false, canReply: true, canReveal: false });
    expect(JSON.stringify(detail.body)).not.toContain(NAME);
    // the office sees it but does not answer while the team handles it
    const office = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/messages`, { body: '巡察办的答复' });
    expect(office.status).toBe(403);

    const asked = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/messages`, { body: '请问是哪一年的低保评定？' });
    expect(asked.status).toBe(200);
    const read = await pub('POST', '/api/public/reports/receipt', { receipt: receipt.toLowerCase().replace(/-/g, ' ') });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('已收到，等待处理');
    expect(read.body.messages).toEqual([{ author: '巡察组', body: '请问是哪一年的低保评定？', on: '2026-11-22', attachments: 0 }]);
    const answered = await pub('POST', '/api/public/reports/receipt/messages', { receipt, message: { body: '2025年的评定' } });
    expect(answered.status).toBe(200);
    expect(answered.body.messages.map((m: { author: string }) => m.author)).toEqual(['巡察组', '反映人']);
    const stored = await w.t.ctx.db.selectFrom('public_report_messages').selectAll().where('report_id', '=', reportId).orderBy('seq').execute();
    expect(stored.map((m) => [m.seq, m.author, m.at === null])).toEqual([
      [1, 'team', false],
      [2, 'reporter', true],
    ]);
    const after = await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}`);
    expect(after.body.awaitingReply).toBe(true);
    expect((await api(w.t, w.teamA, 'GET', '/api/public-reports/reports?awaiting=true')).body.total).toBe(1);
  });

  it('the reporter adds material by receipt: it joins the report under a neutral name', async () => {
    const mp = multipart('mmexport1764720000000.png', PNG);
    const up = (await w.t.app.inject({ method: 'POST', url: '/api/public/reports/uploads', headers: mp.headers, payload: mp.payload })).json();
    const sent = await pub('POST', '/api/public/reports/receipt/messages', { receipt, message: { body: '', attachments: [{ uploadId: up.uploadId, fileName: up.fileName, mime: up.mime, size: up.size }] } });
    expect(sent.status).toBe(200);
    expect(sent.body.messages.at(-1).body).toBe('（补充材料：附件1.png）');
    const detail = await api(w.t, w.teamA, 'GET', `/api/public-reports/reports/${reportId}`);
    expect(detail.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['附件1.png']);
    const file = await w.t.app.inject({ method: 'GET', url: `/api/public-reports/reports/${reportId}/attachments/${detail.body.attachments[0].id}`, headers: { cookie: w.teamA } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await w.t.app.inject({ method: 'GET', url: `/api/public-reports/reports/${reportId}/attachments/${detail.body.attachments[0].id}`, headers: { cookie: w.teamB } })).statusCode).toBe(404);
    // the same upload cannot be attached twice
    expect((await pub('POST', '/api/public/reports/receipt/messages', { receipt, message: { body: '再发一次', attachments: [{ uploadId: up.uploadId, fileName: up.fileName, mime: up.mime, size: up.size }] } })).status).toBe(400);
  });

  it('triage: accept, then close with a reply the reporter sees; merge and forward check their facts', async () => {
    const other = await w.t.ctx.db.selectFrom('public_reports').select('id').where('id', '!=', reportId).executeTakeFirstOrThrow();
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${other.id}/triage`, { action: 'forward', reason: 'litigation', body: '', reply: '' })).status).toBe(400);
    const merged = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${other.id}/triage`, { action: 'merge', intoId: reportId });
    expect(merged.status).toBe(200);
    expect(merged.body.statusName).toBe('已合并');
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/triage`, { action: 'close', reply: '短' })).status).toBe(400);
    const accepted = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/triage`, { action: 'accept' });
    expect(accepted.body.statusName).toBe('已受理');
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/triage`, { action: 'accept' })).status).toBe(409);
    const closed = await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/triage`, { action: 'close', reply: '经核实，已责成镇里重新公示低保名单' });
    expect(closed.body.statusName).toBe('已办结');
    const read = await pub('POST', '/api/public/reports/receipt', { receipt });
    expect(read.body.status).toBe('已办结');
    expect(read.body.messages.at(-1)).toMatchObject({ author: '巡察组', body: '经核实，已责成镇里重新公示低保名单' });
  });

  it('reveal: refused to teams and the administrator, refused with a wrong passphrase, audited with the reason', async () => {
    const reason = '需要电话联系反映人核实低保评定的具体情况';
    expect((await api(w.t, w.teamA, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason, passphrase: PASSPHRASE })).status).toBe(403);
    expect((await api(w.t, sysadmin, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason, passphrase: PASSPHRASE })).status).toBe(403);
    expect((await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason: '看看', passphrase: PASSPHRASE })).status).toBe(400);
    const wrong = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason, passphrase: '完全错误的口令口令口令口令' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('密钥口令不正确，无法解锁身份信息密钥');
    const ok = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason, passphrase: PASSPHRASE });
    expect(ok.status).toBe(200);
    expect(ok.body.identity).toEqual({ name: NAME, phone: PHONE, idNumber: ID });
    const audit = await w.t.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', reportId).where('action', 'in', ['reveal_identity', 'reveal_refused']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['reveal_refused', 'reveal_identity']);
    expect(audit[1]!.actor_name).toBe('office1姓名');
    expect(JSON.stringify(audit[1]!.after)).toContain(reason);
    expect(JSON.stringify(audit)).not.toContain(NAME);
    expect(JSON.stringify(audit)).not.toContain(PASSPHRASE);
    // wrong passphrases are throttled like failed logins: five in 15 minutes, then even the right one waits
    for (let i = 0; i < 4; i++) expect((await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason, passphrase: `错误的口令错误的口令${i}` })).status).toBe(401);
    const throttled = await api(w.t, w.office, 'POST', `/api/public-reports/reports/${reportId}/reveal`, { reason, passphrase: PASSPHRASE });
    expect(throttled.status).toBe(429);
    expect(throttled.body.message).toMatch(/密钥口令错误次数过多，请 \d+ 分钟后再试/);
  }, 90_000);

  it('a team poster lets the reporter choose among the team’s villages only', async () => {
    const view = await pub('GET', `/api/public/reports/codes/${teamCode}`);
    expect(view.body.targets).toHaveLength(1);
    expect((await pub('POST', `/api/public/reports/codes/${teamCode}`, report())).status).toBe(400);
    const ok = await pub('POST', `/api/public/reports/codes/${teamCode}`, { ...report(), targetId: view.body.targets[0].id });
    expect(ok.status).toBe(200);
    expect((await api(w.t, w.teamB, 'GET', '/api/public-reports/reports')).body.total).toBe(1);
  });

  it('rate-limits receipt guessing per client in Chinese; typos are not counted; other clients go on', async () => {
    expect((await pub('POST', '/api/public/reports/receipt', { receipt: 'AAAA' }, '10.9.9.9')).status).toBe(400);
    for (let i = 0; i < 10; i++) expect((await pub('POST', '/api/public/reports/receipt', { receipt: newCode('receipt') }, '10.9.9.9')).status).toBe(404);
    const blocked = await pub('POST', '/api/public/reports/receipt', { receipt }, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/回执码查询尝试次数过多，请 \d+ 分钟后再试/);
    expect((await pub('POST', '/api/public/reports/receipt', { receipt }, '10.9.9.10')).status).toBe(200);
    const events = JSON.stringify(await w.t.ctx.db.selectFrom('public_rate_events').selectAll().execute());
    expect(events).not.toContain('10.9.9.9');
  });
});
