/**
 * 问卷 through its routes: create from a built-in or blank, the domain's definition rules as Chinese
 * 400s, draft-only editing, publish with a QR code and a public page, anonymous answers with one per
 * device token (409 in Chinese, also for two at once), one-time access codes (single use, only a hash
 * stored), closing and the answering window, results equal to counts over the rows, the .xlsx read
 * back, scoping (office, teams of the round only, towns nothing) and audit rows.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { createTestApp } from '../../test/harness';
import { insertRound } from '../../test/world';
import { createWorld, type World } from '../inspections/test-setup';

const window = { opensOn: '2026-11-20', closesOn: '2026-11-30' };

describe('questionnaires (问卷)', () => {
  let w: World;
  let id: string;
  let slug: string;
  let otherRoundQ: string;
  const base = '/api/questionnaires';
  const pub = (s: string) => `/api/public/questionnaires/${s}`;
  const anon = (method: 'GET' | 'POST', url: string, payload?: unknown) => api(w.t, '', method, url, payload);
  const audits = async (entityId: string) => (await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'questionnaire').where('entity_id', '=', entityId).execute()).map((r) => r.action);

  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(async () => w.t.close());

  it('creates from the built-in 满意度调查 for a round and its target; blank too', async () => {
    const r = await api(w.t, w.office, 'POST', base, { kind: 'satisfaction', from: 'default', roundId: w.roundId, targetId: w.targetA, ...window });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    expect(r.body).toMatchObject({ status: 'draft', statusName: '草稿', kindName: '满意度调查', accessMode: 'open', roundLabel: '2026年第2轮', answers: 0, link: null });
    const detail = await api(w.t, w.office, 'GET', `${base}/${id}`);
    expect(detail.body.definition.sections[0].questions.map((q: { id: string }) => q.id)).toEqual(['solved', 'overall', 'disclosure', 'change', 'advice']);
    const blank = await api(w.t, w.office, 'POST', base, { kind: 'democratic_evaluation', from: 'blank', ...window });
    expect(blank.status).toBe(201);
    expect(blank.body.title).toBe('新建民主测评问卷');
    const bad = await api(w.t, w.office, 'POST', base, { kind: 'x', opensOn: '2026-11-30', closesOn: '2026-11-20' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('请选择问卷类型');
    const backwards = await api(w.t, w.office, 'POST', base, { kind: 'satisfaction', opensOn: '2026-11-30', closesOn: '2026-11-20' });
    expect(backwards.body.message).toContain('截止日期不能早于开始作答日期');
    expect(await audits(id)).toEqual(['create']);
  });

  it('checks the definition with the domain rules, in Chinese, while a draft', async () => {
    const d = (await api(w.t, w.office, 'GET', `${base}/${id}`)).body.definition;
    const broken = structuredClone(d);
    broken.sections[0].questions[0].options = [{ id: 'a', label: '只有一个' }];
    broken.sections[0].questions[1].id = 'solved';
    const r = await api(w.t, w.office, 'PUT', `${base}/${id}`, { definition: broken, roundId: w.roundId, targetId: w.targetA, ...window });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    const messages = r.body.details.map((i: { message: string }) => i.message);
    expect(messages).toContain('每道选择题至少 2 个选项');
    expect(messages).toContain('题目编号“solved”重复');
    expect(r.body.details.map((i: { path: string }) => i.path)).toContain('definition.sections.0.questions.0.options');

    // a real edit: a required multiple-choice question added
    const edited = structuredClone(d);
    edited.sections[0].questions.push({ id: 'topics', text: '您最关心哪些方面？', type: 'multiple', required: true, min: 1, max: 2, options: [{ id: 'money', label: '集体资金' }, { id: 'roads', label: '道路' }, { id: 'water', label: '饮水' }] });
    const ok = await api(w.t, w.office, 'PUT', `${base}/${id}`, { definition: edited, roundId: w.roundId, targetId: w.targetA, ...window });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.definition.sections[0].questions).toHaveLength(6);
    expect(await audits(id)).toEqual(['create', 'update']);
  });

  it('publishes with a QR code and a public page; the definition is then frozen', async () => {
    const r = await api(w.t, w.office, 'POST', `${base}/${id}/publish`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.questionnaire.status).toBe('published');
    expect(r.body.qrCode).toMatch(/^data:image\/png;base64,/);
    slug = /^\/p\/q\/([A-Za-z0-9_-]{16})$/.exec(r.body.questionnaire.link)![1]!;
    expect(r.body.url).toContain(`/p/q/${slug}`);
    const again = await api(w.t, w.office, 'PUT', `${base}/${id}`, { definition: r.body.definition, ...window });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('不能再修改');

    const page = await w.t.app.inject({ method: 'GET', url: `/p/q/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain('nonce-');
    expect(page.body).toContain('巡察整改群众满意度调查');
    expect(page.body).toContain('<label class="opt"><input type="radio"');
    expect(page.body.length).toBeLessThan(50_000);
    const view = await anon('GET', pub(slug));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ accessMode: 'open', refusal: null, targetName: expect.any(String) });
    expect((await anon('GET', pub('AAAAAAAAAAAAAAAA'))).status).toBe(404);
  });

  const good = (overall: number, solved = 'solved', topics = ['money']) => ({ solved, overall, disclosure: 4, change: 'better', topics, advice: `意见${overall}` });

  it('takes anonymous answers: one per device token, checked against the definition', async () => {
    const first = await anon('POST', pub(slug), { answers: good(5), deviceToken: 'device-token-0000000001' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const replay = await anon('POST', pub(slug), { answers: good(1), deviceToken: 'device-token-0000000001' });
    expect(replay.status).toBe(409);
    expect(replay.body.message).toBe('本设备已提交过这份问卷，每台设备只能作答一次，感谢参与');
    const noToken = await anon('POST', pub(slug), { answers: good(3) });
    expect(noToken.status).toBe(400);
    expect(noToken.body.message).toContain('无法识别本设备');
    const missing = await anon('POST', pub(slug), { answers: { solved: 'solved', topics: ['money', 'roads', 'water'] }, deviceToken: 'device-token-0000000002' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('为必答题，请作答');
    expect(JSON.stringify(missing.body.details)).toContain('最多选择 2 项');

    // two at once from the same device: exactly one is kept
    const both = await Promise.all([0, 1].map(() => anon('POST', pub(slug), { answers: good(4, 'partly', ['roads', 'water']), deviceToken: 'device-token-0000000003' })));
    expect(both.map((b) => b.status).sort()).toEqual([200, 409]);
    expect((await anon('POST', pub(slug), { answers: good(2, 'unsolved'), deviceToken: 'device-token-0000000004' })).status).toBe(200);

    const rows = await w.t.ctx.db.selectFrom('questionnaire_answers').selectAll().where('questionnaire_id', '=', id).execute();
    expect(rows).toHaveLength(3);
    // only the date and a peppered hash: no token, no time of day
    expect(rows.every((r) => r.answered_on === '2026-11-22' && /^[0-9a-f]{64}$/.test(r.device_hash!))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('device-token');
    // answers are not audited one by one (anonymous)
    expect(await audits(id)).toEqual(['create', 'update', 'publish']);
  });

  it('gives results equal to counts over the stored rows, and an .xlsx of every answer', async () => {
    const r = await api(w.t, w.office, 'GET', `${base}/${id}/results`);
    expect(r.status).toBe(200);
    const rows = (await w.t.ctx.db.selectFrom('questionnaire_answers').select('answers').where('questionnaire_id', '=', id).execute()).map((x) => x.answers as Record<string, unknown>);
    expect(r.body.respondents).toBe(rows.length);
    const solved = r.body.questions.find((q: { id: string }) => q.id === 'solved');
    for (const o of solved.options) expect(o.count).toBe(rows.filter((x) => x.solved === o.id).length);
    const overall = r.body.questions.find((q: { id: string }) => q.id === 'overall');
    const ratings = rows.map((x) => x.overall as number);
    expect(overall.mean).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2);
    const topics = r.body.questions.find((q: { id: string }) => q.id === 'topics');
    expect(topics.options.find((o: { id: string }) => o.id === 'roads').count).toBe(rows.filter((x) => (x.topics as string[]).includes('roads')).length);
    expect(r.body.questions.find((q: { id: string }) => q.id === 'advice').texts.sort()).toEqual(['意见2', '意见4', '意见5']);

    const file = await w.t.app.inject({ method: 'GET', url: `${base}/${id}/export`, headers: { cookie: w.office } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('答卷')!;
    expect(ws.rowCount).toBe(1 + rows.length);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['序号', '作答日期', '作答方式', '1. 您反映或了解的问题解决了吗？（单选）']);
    const solvedColumn = [2, 3, 4].map((n) => ws.getRow(n).getCell(4).value).sort();
    expect(solvedColumn).toEqual(['已解决', '没有解决', '部分解决'].sort());
    expect([2, 3, 4].map((n) => ws.getRow(n).getCell(3).value)).toEqual(['扫码', '扫码', '扫码']);
    expect(await audits(id)).toContain('export');
  });

  it('closes: answers are refused with a Chinese reason, and the page says so', async () => {
    const c = await api(w.t, w.office, 'POST', `${base}/${id}/close`);
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('closed');
    const late = await anon('POST', pub(slug), { answers: good(5), deviceToken: 'device-token-0000000009' });
    expect(late.status).toBe(410);
    expect(late.body.message).toBe('该问卷尚未发布或已停用');
    const page = await w.t.app.inject({ method: 'GET', url: `/p/q/${slug}` });
    expect(page.body).toContain('该问卷尚未发布或已停用');
    expect(page.body).not.toContain('id="f"');
    expect((await api(w.t, w.office, 'POST', `${base}/${id}/close`)).status).toBe(409);
    expect(await audits(id)).toContain('close');
  });

  it('one-time access codes: shown once, stored hashed, each answers once whatever the device', async () => {
    const q = await api(w.t, w.teamA, 'POST', base, { kind: 'team_evaluation', roundId: w.roundId, accessMode: 'code', ...window });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    const qid = q.body.id;
    const gen = await api(w.t, w.teamA, 'POST', `${base}/${qid}/access-codes`, { count: 3 });
    expect(gen.status).toBe(201);
    expect(gen.body.codes).toHaveLength(3);
    expect(gen.body.codes[0]).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const stored = await w.t.ctx.db.selectFrom('questionnaire_access_codes').select('code_hash').where('questionnaire_id', '=', qid).execute();
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain(gen.body.codes[0].replace('-', ''));
    // the first questionnaire is in team A's round too, but answered by device, not by code
    const openMode = await api(w.t, w.teamA, 'POST', `${base}/${id}/access-codes`, { count: 1 });
    expect(openMode.status).toBe(409);
    expect(openMode.body.message).toContain('不使用验证码');
    const pubd = await api(w.t, w.teamA, 'POST', `${base}/${qid}/publish`);
    const s = /\/p\/q\/(.+)$/.exec(pubd.body.questionnaire.link)![1]!;
    const answers = { discipline: 'good', improper: 'no', burden: 'good', accuracy: 'fairly_good', guidance: 'good', overall: 9 };
    expect((await anon('POST', pub(s), { answers })).body.message).toBe('请输入纸质问卷上的验证码');
    const typo = await anon('POST', pub(s), { answers, accessCode: 'ABCD-EFGH' });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toContain('问卷验证码');
    // typed in lower case with spaces, from the same device twice: the code decides, not the device
    const code = gen.body.codes[0] as string;
    const ok = await anon('POST', pub(s), { answers, accessCode: ` ${code.toLowerCase().replace('-', ' ')} `, deviceToken: 'device-token-0000000001' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const reuse = await anon('POST', pub(s), { answers, accessCode: code });
    expect(reuse.status).toBe(409);
    expect(reuse.body.message).toBe('该验证码已经使用过，每个验证码只能作答一次');
    expect((await anon('POST', pub(s), { answers, accessCode: gen.body.codes[1], deviceToken: 'device-token-0000000001' })).status).toBe(200);
    const detail = await api(w.t, w.teamA, 'GET', `${base}/${qid}`);
    expect(detail.body.questionnaire).toMatchObject({ codes: 3, codesUsed: 2, answers: 2 });
    expect(await audits(qid)).toEqual(['create', 'generate_codes', 'publish']);
  });

  it('scopes: the office sees all, a team only its rounds, a town nothing', async () => {
    const r3 = await insertRound(w.t, { number: 3 });
    await w.t.ctx.db.insertInto('teams').values({ round_id: r3, org_id: w.teamAOrg, name: '第一巡察组', updated_at: new Date() }).execute();
    const q = await api(w.t, w.office, 'POST', base, { kind: 'democratic_evaluation', roundId: r3, ...window });
    otherRoundQ = q.body.id;
    expect((await api(w.t, w.teamA, 'GET', `${base}/${otherRoundQ}`)).status).toBe(200);
    expect((await api(w.t, w.teamB, 'GET', `${base}/${otherRoundQ}`)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'POST', `${base}/${otherRoundQ}/publish`)).status).toBe(404);
    expect((await api(w.t, w.teamB, 'POST', base, { kind: 'democratic_evaluation', roundId: r3, ...window })).status).toBe(404);
    const noRound = await api(w.t, w.teamB, 'POST', base, { kind: 'democratic_evaluation', ...window });
    expect(noRound.status).toBe(400);
    expect(noRound.body.message).toContain('巡察组制作问卷须选择');
    const teamBList = await api(w.t, w.teamB, 'GET', `${base}?pageSize=100`);
    expect(teamBList.body.items.map((i: { id: string }) => i.id)).not.toContain(otherRoundQ);
    expect(teamBList.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(teamBList.body.items.every((i: { roundId: string | null }) => i.roundId === w.roundId)).toBe(true);
    const office = await api(w.t, w.office, 'GET', `${base}?pageSize=2`);
    expect(office.body.total).toBe(4);
    expect(office.body.items).toHaveLength(2);
    const search = await api(w.t, w.office, 'GET', `${base}?q=${encodeURIComponent('满意度')}&status=closed`);
    expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await api(w.t, w.town, 'GET', base)).status).toBe(404);
    expect((await api(w.t, w.town, 'GET', `${base}/${id}/results`)).status).toBe(404);
  });
});

describe('questionnaires (问卷): the public endpoints are rate-limited', () => {
  it('refuses the 21st answer within the hour from one client with 429, in Chinese', async () => {
    const t = await createTestApp({ env: { XUNCHA_LOGIN_RATE_PER_MINUTE: '5' } });
    try {
      const post = () => t.app.inject({ method: 'POST', url: '/api/public/questionnaires/AAAAAAAAAAAAAAAA', payload: { answers: {}, deviceToken: 'device-token-0000000001' } });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await post()).statusCode);
      expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
      const last = await post();
      expect(last.statusCode).toBe(429);
      // the database-backed limiter of the domain's questionnaire_answer policy (answer-limit.test.ts has the rest)
      expect(last.json().message).toBe('问卷作答尝试次数过多，请 60 分钟后再试');
      expect(last.headers['retry-after']).toBe('3600');
      // the page is limited per minute like the other public pages
      const pages: number[] = [];
      for (let i = 0; i < 6; i++) pages.push((await t.app.inject({ method: 'GET', url: '/p/q/AAAAAAAAAAAAAAAA' })).statusCode);
      expect(pages).toEqual([404, 404, 404, 404, 404, 429]);
    } finally {
      await t.close();
    }
  });
});
