/**
 * Issue point 7, route by route: the office sees and works every inspection in its scope, a team only
 * its own round's targets, another team and the towns get 404, the leading group reads (200) but may
 * not write (403). Pre-inspection files: the office writes, teams read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { createWorld, orgUser, PNG, talk, type World } from './test-setup';

type Who = 'office' | 'teamA' | 'teamB' | 'town' | 'leading' | 'otherOffice';

describe('inspection access matrix', () => {
  let w: World;
  let cookies: Record<Who, string>;

  beforeAll(async () => {
    w = await createWorld();
    const other = await orgUser(w.t, w.admin, 'office', '320402', 'office2', ['office']);
    cookies = { office: w.office, teamA: w.teamA, teamB: w.teamB, town: w.town, leading: w.leading, otherOffice: other.cookie };
  });
  afterAll(async () => w.t.close());

  const base = () => `/api/inspections/${w.inspA}`;
  const newRecord = async () => (await api(w.t, w.office, 'POST', `${base()}/records`, talk('2026-11-02', '某村民', ['villager']))).body.id as string;
  const newEntry = async () => (await api(w.t, w.office, 'POST', `${base()}/pre-file`, { kind: 'petition', title: '来信反映', content: '' })).body.id as string;

  const READ: Record<Who, number> = { office: 200, teamA: 200, teamB: 404, town: 404, leading: 200, otherOffice: 404 };

  it.each([
    ['workspace', () => base()],
    ['records', () => `${base()}/records`],
    ['pre-file', () => `${base()}/pre-file`],
  ])('GET %s', async (_name, url) => {
    for (const who of Object.keys(READ) as Who[]) {
      const r = await api(w.t, cookies[who], 'GET', url());
      expect(r.status, who).toBe(READ[who]);
      if (r.status === 404) expect(JSON.stringify(r.body)).not.toContain(w.villageA);
    }
  });

  const WORK: Record<Who, number> = { office: 200, teamA: 200, teamB: 404, town: 404, leading: 403, otherOffice: 404 };
  const created = (who: Who, status: number) => (WORK[who] === 200 ? status : WORK[who]);

  it('PUT and DELETE a step', async () => {
    for (const who of Object.keys(WORK) as Who[]) {
      const put = await api(w.t, cookies[who], 'PUT', `${base()}/steps/briefing`, { doneOn: '2026-11-02' });
      expect(put.status, who).toBe(WORK[who]);
      if (WORK[who] !== 200) await api(w.t, w.office, 'PUT', `${base()}/steps/briefing`, { doneOn: '2026-11-02' });
      const del = await api(w.t, cookies[who], 'DELETE', `${base()}/steps/briefing`);
      expect(del.status, who).toBe(WORK[who]);
      if (WORK[who] !== 200) await api(w.t, w.office, 'DELETE', `${base()}/steps/briefing`);
    }
  });

  it('POST, PUT and DELETE a work record', async () => {
    for (const who of Object.keys(WORK) as Who[]) {
      const post = await api(w.t, cookies[who], 'POST', `${base()}/records`, talk('2026-11-02', '张三', []));
      expect(post.status, who).toBe(created(who, 201));
      const id = await newRecord();
      const put = await api(w.t, cookies[who], 'PUT', `${base()}/records/${id}`, talk('2026-11-03', '张三', []));
      expect(put.status, who).toBe(WORK[who]);
      const del = await api(w.t, cookies[who], 'DELETE', `${base()}/records/${id}`);
      expect(del.status, who).toBe(WORK[who]);
    }
  });

  it('upload and delete a record attachment; download it', async () => {
    for (const who of Object.keys(WORK) as Who[]) {
      const id = await newRecord();
      const up = await upload(w.t, cookies[who], `${base()}/records/${id}/attachments`, 'a.png', PNG);
      expect(up.status, who).toBe(created(who, 201));
      const att = (await upload(w.t, w.office, `${base()}/records/${id}/attachments`, 'b.png', PNG)).body.id;
      const get = await w.t.app.inject({ url: `/api/files/${att}`, headers: { cookie: cookies[who] } });
      expect(get.statusCode, who).toBe(READ[who]);
      const del = await api(w.t, cookies[who], 'DELETE', `${base()}/records/${id}/attachments/${att}`);
      expect(del.status, who).toBe(WORK[who]);
    }
  });

  it('POST transition', async () => {
    for (const who of Object.keys(WORK) as Who[]) {
      // the inspection is in progress already: finishing is refused on its merits (409) for those who may try
      const r = await api(w.t, cookies[who], 'POST', `${base()}/transition`, { to: 'completed' });
      expect(r.status, who).toBe(WORK[who] === 200 ? 409 : WORK[who]);
      if (WORK[who] === 200) expect(r.body.code).toBe('INSPECTION_NOT_COMPLETABLE');
    }
  });

  const OFFICE_WRITE: Record<Who, number> = { office: 200, teamA: 403, teamB: 404, town: 404, leading: 403, otherOffice: 404 };

  it('pre-file entries: POST, PUT, DELETE and attachments are the office’s', async () => {
    for (const who of Object.keys(OFFICE_WRITE) as Who[]) {
      const want = OFFICE_WRITE[who];
      const post = await api(w.t, cookies[who], 'POST', `${base()}/pre-file`, { kind: 'audit', title: '审计报告', content: '村集体资金审计' });
      expect(post.status, who).toBe(want === 200 ? 201 : want);
      const id = await newEntry();
      const put = await api(w.t, cookies[who], 'PUT', `${base()}/pre-file/${id}`, { kind: 'audit', title: '改', content: '' });
      expect(put.status, who).toBe(want);
      const up = await upload(w.t, cookies[who], `${base()}/pre-file/${id}/attachments`, 'scan.png', PNG);
      expect(up.status, who).toBe(want === 200 ? 201 : want);
      const att = (await upload(w.t, w.office, `${base()}/pre-file/${id}/attachments`, 'scan2.png', PNG)).body.id;
      const get = await w.t.app.inject({ url: `/api/files/${att}`, headers: { cookie: cookies[who] } });
      expect(get.statusCode, who).toBe(READ[who]);
      const delAtt = await api(w.t, cookies[who], 'DELETE', `${base()}/pre-file/${id}/attachments/${att}`);
      expect(delAtt.status, who).toBe(want);
      const del = await api(w.t, cookies[who], 'DELETE', `${base()}/pre-file/${id}`);
      expect(del.status, who).toBe(want);
    }
  });

  it('the list: the office and the leading group see all, each team only its own, a town nothing', async () => {
    const ids = async (who: Who) => {
      const r = await api(w.t, cookies[who], 'GET', '/api/inspections?pageSize=500');
      return { status: r.status, ids: r.status === 200 ? r.body.items.map((i: { id: string }) => i.id) : [] };
    };
    expect((await ids('office')).ids).toEqual(expect.arrayContaining([w.inspA, w.inspB]));
    expect((await ids('leading')).ids).toEqual(expect.arrayContaining([w.inspA, w.inspB]));
    expect((await ids('teamA')).ids).toEqual([w.inspA]);
    expect((await ids('teamB')).ids).toEqual([w.inspB]);
    expect((await ids('otherOffice')).ids).toEqual([]);
    expect((await ids('town')).status).toBe(403);
  });

  it('a team loses sight of a target reassigned to another team; unknown ids are 404', async () => {
    const target = await w.t.ctx.db.selectFrom('round_targets').select('team_id').where('id', '=', w.targetA).executeTakeFirstOrThrow();
    await w.t.ctx.db.updateTable('round_targets').set({ team_id: w.teamBId }).where('id', '=', w.targetA).execute();
    expect((await api(w.t, w.teamA, 'GET', base())).status).toBe(404);
    expect((await api(w.t, w.teamB, 'GET', base())).status).toBe(200);
    await w.t.ctx.db.updateTable('round_targets').set({ team_id: target.team_id }).where('id', '=', w.targetA).execute();
    for (const url of ['/api/inspections/not-a-uuid', '/api/inspections/00000000-0000-4000-8000-000000000000', '/api/files/00000000-0000-4000-8000-000000000000', '/api/files/x']) {
      expect((await api(w.t, w.office, 'GET', url)).status, url).toBe(404);
    }
  });

  it('every inspections and files route is in the OpenAPI document', async () => {
    const doc = (await w.t.app.inject('/api/docs/json')).json();
    const documented = new Set(Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const fs = await import('node:fs');
    const source = ['./inspections.routes.ts', '../files/files.routes.ts'].map((f) => fs.readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const routes = [...source.matchAll(/app\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map((m) => `${m[1]!.toUpperCase()} ${m[2]!.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes).toHaveLength(18);
    for (const r of routes) expect(documented, r).toContain(r);
  });
});
