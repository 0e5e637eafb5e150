/**
 * The documents of findings through their routes: the working paper with its review steps, the
 * 立行立改通知书 only for 立行立改 items, the round's ledger scoped like the list; Chinese file names
 * (RFC 5987) and the findings' access (404 out of scope).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/fixtures';
import { readDocx } from '../documents/test-read';
import { createFindingsWorld, paper, type FindingsWorld } from './test-setup';

describe('findings documents', () => {
  let w: FindingsWorld;
  let plain: string;
  let immediate: string;
  beforeAll(async () => {
    w = await createFindingsWorld();
    const a = await api(w.t, w.member, 'POST', '/api/findings', paper(w.inspA, { responsible: [{ name: '王五', position: '村会计' }] }));
    plain = a.body.id;
    await api(w.t, w.member, 'POST', `/api/findings/${plain}/materials`, { title: '记账凭证', kind: 'account' });
    await api(w.t, w.member, 'POST', `/api/findings/${plain}/submit`, {});
    await api(w.t, w.deputy, 'POST', `/api/findings/${plain}/review`, { decision: 'approve', comment: '事实清楚' });
    await api(w.t, w.leader, 'POST', `/api/findings/${plain}/review`, { decision: 'approve', comment: '同意' });
    const b = await api(w.t, w.member, 'POST', '/api/findings', paper(w.inspA, { title: '违规发放误工补贴', immediate: true, immediateNoticeNo: '溧巡立改〔2026〕5号' }));
    immediate = b.body.id;
    await api(w.t, w.teamB, 'POST', '/api/findings', paper(w.inspB, { title: '第二组发现的问题' }));
  });
  afterAll(async () => w.t.close());

  const get = (cookie: string, url: string) => w.t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('working paper: the paper’s content, materials and the two review steps; Chinese file name', async () => {
    const res = await get(w.office, `/api/findings/${plain}/working-paper.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('问题底稿-2026年第2轮-第001号')}`);
    const doc = readDocx(res.rawPayload);
    for (const text of ['集体资金支出未经民主决策', '党的领导弱化', '查阅资料', '王五', '记账凭证', '副组长审核', '组长审定', '事实清楚']) expect(doc.text).toContain(text);
  });

  it('立行立改通知书 only for 立行立改 items', async () => {
    const res = await get(w.member, `/api/findings/${immediate}/immediate-notice.docx`);
    expect(res.statusCode).toBe(200);
    const doc = readDocx(res.rawPayload);
    expect(doc.text).toContain('溧巡立改〔2026〕5号');
    expect(doc.text).toContain('违规发放误工补贴');
    const none = await get(w.member, `/api/findings/${plain}/immediate-notice.docx`);
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toBe('该问题不是立行立改事项，没有立行立改通知书');
  });

  it('out of scope is 404 for the documents too', async () => {
    expect((await get(w.teamB, `/api/findings/${plain}/working-paper.docx`)).statusCode).toBe(404);
    expect((await get(w.town, `/api/findings/${immediate}/immediate-notice.docx`)).statusCode).toBe(404);
  });

  it('ledger of a round: the rows the actor sees, filterable by status', async () => {
    const read = async (cookie: string, query: string) => {
      const res = await get(cookie, `/api/findings/ledger.xlsx?${query}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const titles: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) titles.push(String(row.getCell(6).value));
      });
      return { titles, disposition: res.headers['content-disposition'] as string };
    };
    const office = await read(w.office, `roundId=${w.roundId}`);
    expect(office.titles.sort()).toEqual(['第二组发现的问题', '违规发放误工补贴', '集体资金支出未经民主决策'].sort());
    expect(office.disposition).toContain(encodeURIComponent('问题台账-2026年第2轮'));
    expect((await read(w.member, `roundId=${w.roundId}`)).titles.sort()).toEqual(['违规发放误工补贴', '集体资金支出未经民主决策'].sort());
    expect((await read(w.office, `roundId=${w.roundId}&status=approved`)).titles).toEqual(['集体资金支出未经民主决策']);
    expect((await get(w.office, '/api/findings/ledger.xlsx')).statusCode).toBe(400);
    expect((await get(w.town, `/api/findings/ledger.xlsx?roundId=${w.roundId}`)).statusCode).toBe(403);
  });
});
