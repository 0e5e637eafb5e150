/**
 * Findings on the server: numbering per round (never reused), access as the inspection's, the phase
 * guard, the three-step review with every refusal, content checks (checklist item of the same list,
 * cadres of the village, amounts, 立行立改), materials with files, list filters and counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { createFindingsWorld, insertChecklist, paper, PNG, setPhase, type FindingsWorld } from './test-setup';

describe('findings', () => {
  let w: FindingsWorld;
  beforeAll(async () => {
    w = await createFindingsWorld();
  });
  afterAll(async () => w.t.close());

  const create = async (cookie: string, extra: Record<string, unknown> = {}, inspectionId = w.inspA) => api(w.t, cookie, 'POST', '/api/findings', paper(inspectionId, extra));
  const newDraft = async (extra: Record<string, unknown> = {}) => {
    const r = await create(w.member, extra);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; number: number; version: number };
  };
  const act = (cookie: string, id: string, path: string, body: object = {}) => api(w.t, cookie, 'POST', `/api/findings/${id}/${path}`, body);
  const reasons = (r: { body: { details?: { reasons?: string[] } } }) => r.body.details?.reasons ?? [];

  describe('creating and numbering', () => {
    it('a member writes a draft on the team inspection: numbered in the round, amount to the fen, audited', async () => {
      const r = await create(w.member);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'draft', statusName: '草稿', amount: '36800.50', villageCode: w.villageA, townCode: w.townA, categoryName: '党的领导弱化', sourceName: '查阅资料' });
      expect(r.body.actions).toEqual(['edit', 'delete', 'submit']);
      const second = await create(w.member2);
      expect(second.body.number).toBe(r.body.number + 1);
      const audit = await w.t.ctx.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', r.body.id).execute();
      expect(audit).toEqual([{ action: 'create', entity: 'findings.finding' }]);
    });

    it('numbers are never reused, not even after the last draft is deleted', async () => {
      const a = await newDraft();
      expect((await api(w.t, w.member2, 'DELETE', `/api/findings/${a.id}`)).status).toBe(409);
      expect((await api(w.t, w.member, 'DELETE', `/api/findings/${a.id}`)).status).toBe(200);
      expect((await api(w.t, w.member, 'GET', `/api/findings/${a.id}`)).status).toBe(404);
      const b = await newDraft();
      expect(b.number).toBe(a.number + 1);
    });

    it('parallel creations get distinct numbers', async () => {
      const rs = await Promise.all([create(w.member), create(w.member2), create(w.deputy)]);
      const numbers = rs.map((r) => r.body.number as number);
      expect(new Set(numbers).size).toBe(3);
    });

    it('refuses: another team’s village (404), the office and the leading group (403), outside 进驻/了解/报告 (409)', async () => {
      expect((await create(w.member, {}, w.inspB)).status).toBe(404);
      expect((await create(w.office)).status).toBe(403);
      expect((await create(w.leading)).status).toBe(403);
      expect((await create(w.town)).status).toBe(403);
      await setPhase(w.t, w.roundId, 'feedback');
      const r = await create(w.member);
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('ROUND_LOCKED');
      await setPhase(w.t, w.roundId, 'report');
      expect((await create(w.member)).status).toBe(201);
      await setPhase(w.t, w.roundId, 'fact_finding');
    });

    it('content: amount, dates, 立行立改 notice and fix, in Chinese with the field', async () => {
      const neg = await create(w.member, { amount: -5 });
      expect(neg.status).toBe(400);
      expect(JSON.stringify(neg.body)).toContain('涉及金额不能为负数');
      expect((await create(w.member, { amount: '1.234' })).body.message).toContain('最多保留两位小数');
      const future = await create(w.member, { foundOn: '2026-11-23' });
      expect(future.status).toBe(400);
      expect(future.body.details).toEqual([{ path: 'body.foundOn', message: '发现日期（2026-11-23）不能晚于今天' }]);
      const noNotice = await create(w.member, { immediate: true });
      expect(noNotice.body.details).toEqual([{ path: 'body.immediateNoticeNo', message: '立行立改事项须填写立行立改通知书文号' }]);
      const fixedTomorrow = await create(w.member, { immediate: true, immediateNoticeNo: '溧巡立改〔2026〕3号', immediateFix: '已退回', immediateFixedOn: '2026-11-23' });
      expect(fixedTomorrow.body.details).toEqual([{ path: 'body.immediateFixedOn', message: '整改完成日期（2026-11-23）不能晚于今天' }]);
      // today in China: at 2026-11-21T20:00Z it is already the 22nd in Beijing
      w.t.setNow(new Date('2026-11-21T20:00:00Z'));
      const ok = await create(w.member, { foundOn: '2026-11-22', immediate: true, immediateNoticeNo: '溧巡立改〔2026〕3号', immediateFix: '违规资金已退回村集体账户', immediateFixedOn: '2026-11-22' });
      w.t.setNow(new Date('2026-11-22T02:00:00Z'));
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ immediate: true, immediateNoticeNo: '溧巡立改〔2026〕3号', immediateFixedOn: '2026-11-22' });
      const notFlagged = await create(w.member, { immediateNoticeNo: '不应保留' });
      expect(notFlagged.body.immediateNoticeNo).toBeNull();
    });

    it('checklist item only from the same inspection’s list, shown with its mark', async () => {
      const [mine] = await insertChecklist(w.t, w.inspA, ['落实“四议两公开”']);
      const [theirs] = await insertChecklist(w.t, w.inspB, ['村务公开']);
      const bad = await create(w.member, { checklistItemId: theirs });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ path: 'body.checklistItemId', message: '监督清单事项不属于本村（社区）的监督清单' }]);
      const ok = await create(w.member, { checklistItemId: mine });
      expect(ok.body.checklistItem).toMatchObject({ id: mine, title: '落实“四议两公开”', result: 'not_checked' });
      const listed = await api(w.t, w.member, 'GET', `/api/findings?inspectionId=${w.inspA}&pageSize=500`);
      expect(listed.body.items.find((i: { id: string }) => i.id === ok.body.id)).toMatchObject({ checklistItemId: mine });
    });

    it('responsible people: cadres of the village copied from the registry, or entered by hand', async () => {
      const now = new Date();
      const [cadreA] = await w.t.ctx.db
        .insertInto('cadres')
        .values({ village_code: w.villageA, name: '王建国', gender: '男', id_number: '320481197001010011', positions: JSON.stringify(['书记', '主任']), updated_at: now })
        .returning('id')
        .execute();
      const [cadreB] = await w.t.ctx.db
        .insertInto('cadres')
        .values({ village_code: w.villageB, name: '李四', gender: '男', id_number: '320481197001010038', positions: JSON.stringify(['会计']), updated_at: now })
        .returning('id')
        .execute();
      const ok = await create(w.member, { responsible: [{ cadreId: cadreA!.id }, { name: '赵会计', position: '报账员' }] });
      expect(ok.body.responsible).toEqual([
        { cadreId: cadreA!.id, name: '王建国', position: '书记、主任' },
        { cadreId: null, name: '赵会计', position: '报账员' },
      ]);
      const bad = await create(w.member, { responsible: [{ cadreId: cadreB!.id }] });
      expect(bad.body.details).toEqual([{ path: 'body.responsible.0.cadreId', message: '所选干部不是本村（社区）的干部' }]);
    });

    it('town-level problems hang off a town target of the round; a village target is refused', async () => {
      const town = await w.t.ctx.db
        .insertInto('round_targets')
        .values({ round_id: w.roundId, kind: 'town', code: w.townA, name: '某镇', town_code: w.townA, mode: 'direct', team_id: w.teamAId, updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      // the list's picker offers the team its town targets, and nobody else's
      const offered = await api(w.t, w.member, 'GET', '/api/findings/town-targets');
      expect(offered.body.items.map((i: { id: string }) => i.id)).toContain(town.id);
      expect((await api(w.t, w.teamB, 'GET', '/api/findings/town-targets')).body.items.map((i: { id: string }) => i.id)).not.toContain(town.id);
      expect((await api(w.t, w.leading, 'GET', '/api/findings/town-targets')).status).toBe(403);
      const r = await api(w.t, w.member, 'POST', '/api/findings', paper('', { inspectionId: null, targetId: town.id }));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ villageCode: null, townCode: w.townA, inspectionId: null, target: { kind: 'town' } });
      expect((await api(w.t, w.office, 'GET', `/api/findings/${r.body.id}`)).status).toBe(200);
      expect((await api(w.t, w.teamB, 'GET', `/api/findings/${r.body.id}`)).status).toBe(404);
      const village = await api(w.t, w.member, 'POST', '/api/findings', paper('', { inspectionId: null, targetId: w.targetA }));
      expect(village.status).toBe(400);
      const neither = await api(w.t, w.member, 'POST', '/api/findings', paper('', { inspectionId: null }));
      expect(neither.status).toBe(400);
    });
  });

  describe('access', () => {
    it('reading as the inspection: team A, office, leading group yes; team B, town 404; lists scoped', async () => {
      const f = await newDraft();
      const expected: [string, number][] = [
        [w.member2, 200],
        [w.leader, 200],
        [w.office, 200],
        [w.leading, 200],
        [w.teamB, 404],
        [w.deputyB, 404],
        [w.town, 404],
      ];
      for (const [cookie, status] of expected) expect((await api(w.t, cookie, 'GET', `/api/findings/${f.id}`)).status).toBe(status);
      const listB = await api(w.t, w.teamB, 'GET', `/api/findings?roundId=${w.roundId}&pageSize=500`);
      expect(listB.body.items.some((i: { id: string }) => i.id === f.id)).toBe(false);
      const listOffice = await api(w.t, w.office, 'GET', `/api/findings?roundId=${w.roundId}&pageSize=500`);
      expect(listOffice.body.items.some((i: { id: string }) => i.id === f.id)).toBe(true);
      expect((await api(w.t, w.town, 'GET', '/api/findings')).status).toBe(403);
      // the office reads but has no buttons
      expect((await api(w.t, w.office, 'GET', `/api/findings/${f.id}`)).body.actions).toEqual([]);
    });
  });

  describe('the three-step review', () => {
    it('author → 副组长 → 组长, with returns, edits, resubmission, approval and reopening, each step recorded', async () => {
      const f = await newDraft();
      const url = `/api/findings/${f.id}`;
      // only the author submits
      const notAuthor = await act(w.member2, f.id, 'submit');
      expect(notAuthor.status).toBe(409);
      expect(reasons(notAuthor)).toEqual(['只有撰写人可以提交问题底稿']);
      expect((await act(w.member, f.id, 'submit')).body.status).toBe('submitted');
      // nobody edits under review
      const edit = await api(w.t, w.member, 'PUT', url, { ...paper(w.inspA), version: f.version + 1 });
      expect(edit.status).toBe(409);
      expect(reasons(edit)).toEqual(['问题底稿“待副组长审核”，审核期间不能修改；如需修改，请审核人退回']);
      // the leader cannot skip the deputy; team B's deputy does not see it
      expect(reasons(await act(w.leader, f.id, 'review', { decision: 'approve' }))).toEqual(['待副组长审核的问题底稿，只有副组长可以审核']);
      expect((await act(w.deputyB, f.id, 'review', { decision: 'approve' })).status).toBe(404);
      expect((await act(w.office, f.id, 'review', { decision: 'approve' })).status).toBe(409);
      // a return needs a comment
      const bare = await act(w.deputy, f.id, 'review', { decision: 'return' });
      expect(reasons(bare)).toEqual(['退回修改须填写审核意见']);
      const returned = await act(w.deputy, f.id, 'review', { decision: 'return', comment: '请补充会议记录' });
      expect(returned.body).toMatchObject({ status: 'returned', statusName: '退回修改' });
      // the author edits with the current version and resubmits
      const stale = await api(w.t, w.member, 'PUT', url, { ...paper(w.inspA, { title: '新标题' }), version: f.version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
      const edited = await api(w.t, w.member, 'PUT', url, { ...paper(w.inspA, { title: '集体资金支出未经“四议两公开”' }), version: returned.body.version });
      expect(edited.status).toBe(200);
      expect(edited.body.title).toBe('集体资金支出未经“四议两公开”');
      expect((await act(w.member, f.id, 'submit')).body.status).toBe('submitted');
      expect((await act(w.deputy, f.id, 'review', { decision: 'approve', comment: '同意' })).body.status).toBe('deputy_approved');
      // the deputy cannot do the leader's step
      expect(reasons(await act(w.deputy, f.id, 'review', { decision: 'approve' }))).toEqual(['待组长审定的问题底稿，只有组长可以审定']);
      const toAuthor = await act(w.leader, f.id, 'review', { decision: 'return', comment: '金额需与凭证核对' });
      expect(toAuthor.body.status).toBe('returned');
      await act(w.member, f.id, 'submit');
      await act(w.deputy, f.id, 'review', { decision: 'approve' });
      const approved = await act(w.leader, f.id, 'review', { decision: 'approve', comment: '审定' });
      expect(approved.body).toMatchObject({ status: 'approved', statusName: '已审定', actions: ['reopen'] });
      // approved is final
      const late = await api(w.t, w.member, 'PUT', url, { ...paper(w.inspA), version: approved.body.version });
      expect(reasons(late)).toEqual(['问题底稿已审定，不能修改；如需修改，请组长重新打开']);
      expect(reasons(await api(w.t, w.member, 'DELETE', url))).toEqual(['只能删除草稿；该问题底稿已“已审定”，编号保留不能删除']);
      expect(reasons(await act(w.deputy, f.id, 'reopen', { reason: '补充' }))).toEqual(['只有组长可以重新打开已审定的问题底稿']);
      expect(reasons(await act(w.leader, f.id, 'reopen', { reason: ' ' }))).toEqual(['重新打开须说明原因']);
      const reopened = await act(w.leader, f.id, 'reopen', { reason: '领导小组要求补充责任人' });
      expect(reopened.body.status).toBe('returned');
      expect(reopened.body.reviews.map((r: { stepName: string; decisionName: string; comment: string }) => `${r.stepName}:${r.decisionName}:${r.comment}`)).toEqual([
        '撰写人提交:提交:',
        '副组长审核:退回修改:请补充会议记录',
        '撰写人提交:提交:',
        '副组长审核:通过:同意',
        '组长审定:退回修改:金额需与凭证核对',
        '撰写人提交:提交:',
        '副组长审核:通过:',
        '组长审定:通过:审定',
        '组长重新打开:重新打开:领导小组要求补充责任人',
      ]);
      expect(reopened.body.reviews[1].reviewerName).toBe('deputya姓名');
      const audit = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', f.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'return', 'update', 'submit', 'approve', 'return', 'submit', 'approve', 'approve', 'reopen']);
    });

    it('reviewers never review their own paper: the only 副组长 paper goes to the 组长, whose review is final', async () => {
      const own = await create(w.deputy);
      await act(w.deputy, own.body.id, 'submit');
      expect(reasons(await act(w.deputy, own.body.id, 'review', { decision: 'approve' }))).toEqual(['本组没有其他副组长，待审核的问题底稿由组长直接审定', '不能审核本人撰写的问题底稿']);
      expect((await api(w.t, w.leader, 'GET', `/api/findings/${own.body.id}`)).body.actions).toEqual(['approve', 'return']);
      const approved = await act(w.leader, own.body.id, 'review', { decision: 'approve', comment: '同意' });
      expect(approved.body).toMatchObject({ status: 'approved' });
      expect(approved.body.reviews.map((r: { stepName: string }) => r.stepName)).toEqual(['撰写人提交', '组长审定']);
    });

    it('the 组长 own paper is final on the 副组长 approval', async () => {
      const own = await create(w.leader);
      expect(own.status, JSON.stringify(own.body)).toBe(201);
      await act(w.leader, own.body.id, 'submit');
      expect(reasons(await act(w.leader, own.body.id, 'review', { decision: 'approve' }))).toContain('不能审核本人撰写的问题底稿');
      const approved = await act(w.deputy, own.body.id, 'review', { decision: 'approve' });
      expect(approved.body.status).toBe('approved');
    });

    it('a team without an active 副组长: the 组长 reviews at the first step; the 组长 own paper then cannot be reviewed, and says why', async () => {
      const deputyName = 'deputya';
      await w.t.ctx.db.updateTable('users').set({ disabled: true }).where('username', '=', deputyName).execute();
      try {
        const f = await newDraft();
        await act(w.member, f.id, 'submit');
        const returned = await act(w.leader, f.id, 'review', { decision: 'return', comment: '补充证据' });
        expect(returned.body.status).toBe('returned');
        await act(w.member, f.id, 'submit');
        expect((await act(w.leader, f.id, 'review', { decision: 'approve' })).body.status).toBe('approved');
        const own = await create(w.leader);
        await act(w.leader, own.body.id, 'submit');
        expect(reasons(await act(w.leader, own.body.id, 'review', { decision: 'approve' }))).toContain('本组没有可审核的副组长，组长本人撰写的问题底稿无法审核；请巡察办为本组增加副组长账号');
      } finally {
        await w.t.ctx.db.updateTable('users').set({ disabled: false }).where('username', '=', deputyName).execute();
      }
    });

    it('no review outside 进驻/了解/报告', async () => {
      const f = await newDraft();
      await setPhase(w.t, w.roundId, 'rectification');
      const r = await act(w.member, f.id, 'submit');
      await setPhase(w.t, w.roundId, 'fact_finding');
      expect(r.body.code).toBe('ROUND_LOCKED');
      expect((await api(w.t, w.member, 'GET', `/api/findings/${f.id}`)).body.status).toBe('draft');
    });
  });

  describe('supporting materials', () => {
    it('listed with files; files as visible as the finding; locked under review', async () => {
      const f = await newDraft();
      const added = await api(w.t, w.member, 'POST', `/api/findings/${f.id}/materials`, { title: '2025年记账凭证第12号', kind: 'account', description: '复印件' });
      expect(added.status).toBe(201);
      const m = added.body.materials[0];
      expect(m).toMatchObject({ title: '2025年记账凭证第12号', kindName: '账目凭证' });
      expect((await api(w.t, w.member, 'POST', `/api/findings/${f.id}/materials`, { title: '' })).status).toBe(400);
      const file = await upload(w.t, w.member, `/api/findings/${f.id}/materials/${m.id}/attachments`, '凭证.png', PNG);
      expect(file.status).toBe(201);
      for (const [cookie, status] of [
        [w.leader, 200],
        [w.office, 200],
        [w.leading, 200],
        [w.teamB, 404],
        [w.town, 404],
      ] as const) {
        expect((await w.t.app.inject({ method: 'GET', url: `/api/files/${file.body.id}`, headers: { cookie } })).statusCode).toBe(status);
      }
      const detail = await api(w.t, w.office, 'GET', `/api/findings/${f.id}`);
      expect(detail.body.materials[0].attachments).toEqual([expect.objectContaining({ id: file.body.id, fileName: '凭证.png', mime: 'image/png' })]);
      expect((await upload(w.t, w.member2, `/api/findings/${f.id}/materials/${m.id}/attachments`, 'x.png', PNG)).status).toBe(409);
      await act(w.member, f.id, 'submit');
      const locked = await upload(w.t, w.member, `/api/findings/${f.id}/materials/${m.id}/attachments`, '补充.png', PNG);
      expect(locked.status).toBe(409);
      expect((await api(w.t, w.member, 'DELETE', `/api/findings/${f.id}/materials/${m.id}`)).status).toBe(409);
      await act(w.deputy, f.id, 'review', { decision: 'return', comment: '补充材料' });
      const renamed = await api(w.t, w.member, 'PUT', `/api/findings/${f.id}/materials/${m.id}`, { title: '记账凭证', kind: 'account' });
      expect(renamed.body.materials[0].title).toBe('记账凭证');
      expect((await api(w.t, w.member, 'DELETE', `/api/findings/${f.id}/materials/${m.id}/attachments/${file.body.id}`)).status).toBe(200);
      const gone = await api(w.t, w.member, 'DELETE', `/api/findings/${f.id}/materials/${m.id}`);
      expect(gone.body.materials).toEqual([]);
    });
  });

  describe('the list', () => {
    it('filters by status, category, 立行立改, village, search; counts by status; paginates', async () => {
      const f = await newDraft({ category: 'strict_governance', title: '违规发放误工补贴', immediate: true, immediateNoticeNo: '溧巡立改〔2026〕9号' });
      const q = (s: string) => api(w.t, w.office, 'GET', `/api/findings?roundId=${w.roundId}&${s}`);
      const imm = await q('immediate=true&category=strict_governance');
      expect(imm.body.items.map((i: { id: string }) => i.id)).toEqual([f.id]);
      expect((await q('q=误工补贴')).body.items.map((i: { id: string }) => i.id)).toEqual([f.id]);
      expect((await q(`villageCode=${w.villageB}`)).body.total).toBe(0);
      const all = await q('pageSize=2');
      expect(all.body.items).toHaveLength(2);
      const counts = all.body.counts as Record<string, number>;
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(all.body.total);
      const drafts = await q('status=draft&pageSize=500');
      expect(drafts.body.total).toBe(counts.draft);
      expect(drafts.body.counts).toEqual(counts);
      expect((await q('status=nope')).status).toBe(400);
    });
  });
});
