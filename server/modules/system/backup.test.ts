import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ORDER } from '../../db/schema';
import { createTestApp, type TestApp } from '../../test/harness';
import { backupTo, restoreFrom } from './backup.service';
import { buildDemo } from './demo.service';
import { verifyAuditChain } from '../access';

async function snapshot(t: TestApp) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLE_ORDER) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.ctx.db);
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('demo, backup and restore', () => {
  let source: TestApp;
  let target: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-backup-'));
  const file = path.join(dir, 'b.jsonl.gz');

  beforeAll(async () => {
    source = await createTestApp();
    target = await createTestApp();
  });
  afterAll(async () => {
    await source.close();
    await target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds the demo county from the real divisions of 溧阳市', async () => {
    const s = await buildDemo(source.ctx);
    expect(s).toMatchObject({ county: '溧阳市', towns: 14, villages: 244 });
    expect(s.cadres).toBeGreaterThan(244 * 6);
    expect(s.relatives).toBeGreaterThan(s.cadres);
    const cookie = await source.login('town01', 'Demo@2026');
    const r = await source.app.inject({ url: '/api/registry/villages?pageSize=1', headers: { cookie } });
    expect(r.json().total).toBeGreaterThan(0);
    expect(r.json().total).toBeLessThan(244);
    await expect(buildDemo(source.ctx)).rejects.toThrow('演示数据只能在空库中生成');
  });

  it('the demo holds a term plan, a finished round and a round in progress, worked through the rules', async () => {
    const s = (await buildDemo(source.ctx).catch(() => null)) ?? null;
    expect(s).toBeNull(); // built once above
    const office = await source.login('liyang.office', 'Demo@2026');
    const get = async (cookie: string, url: string) => {
      const r = await source.app.inject({ url, headers: { cookie } });
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json();
    };
    const rounds = await get(office, '/api/planning/rounds');
    expect(rounds.items.map((r: { year: number; number: number; phase: string }) => `${r.year}-${r.number}:${r.phase}`).sort()).toEqual(['2025-1:rectification', '2026-1:fact_finding']);
    const plans = await get(office, '/api/planning/term-plans');
    const coverage = await get(office, `/api/planning/term-plans/${plans.items[0].id}/coverage`);
    expect(coverage.coverage).toMatchObject({ villages: 244, inspected: 9, planned: 6 }); // last year's 8 and this year's finished key village
    const lastYear = coverage.coverage.years.find((y: { year: number }) => y.year === 2025);
    expect(lastYear).toMatchObject({ inspected: 8, status: 'past' });

    const all = await get(office, '/api/inspections?pageSize=100');
    expect(all.total).toBe(15);
    // a team sees its own targets only: team 1 has last year's 4 villages and this year's 3
    const team1 = await source.login('liyang.zu1', 'Demo@2026');
    const own = await get(team1, '/api/inspections?pageSize=100');
    expect(own.total).toBe(7);
    expect(new Set(own.items.map((i: { teamName: string }) => i.teamName))).toEqual(new Set(['第一巡察组']));
    const inProgress = own.items.filter((i: { status: string }) => i.status === 'in_progress');
    expect(inProgress.length).toBe(2);
    const nearlyDone = await get(team1, `/api/inspections/${inProgress.find((i: { villageCode: string }) => i.villageCode === own.items.filter((x: { roundLabel: string }) => x.roundLabel.startsWith('2026')).map((x: { villageCode: string }) => x.villageCode).sort()[0])!.id}`);
    expect(nearlyDone.blockers.some((b: string) => b.includes('集中反馈'))).toBe(true);
    expect(nearlyDone.blockers.some((b: string) => b.includes('监督清单还有'))).toBe(true);
    const other = all.items.find((i: { teamName: string }) => i.teamName === '第二巡察组');
    expect((await source.app.inject({ url: `/api/inspections/${other.id}`, headers: { cookie: team1 } })).statusCode).toBe(404);
    // a town learns the schedule of its villages, not the contents
    const town = await source.login('town03', 'Demo@2026');
    const schedule = await get(town, '/api/planning/schedule');
    expect(schedule.total).toBeGreaterThan(0);
    expect((await source.app.inject({ url: `/api/inspections/${own.items[0].id}`, headers: { cookie: town } })).statusCode).toBe(404);
  });

  it('round-trips every row of every table', async () => {
    const header = await backupTo(source.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
    expect(header.tables.cadres).toBeGreaterThan(1000);
    await expect(restoreFrom(target.ctx.db, file, { replace: false })).rejects.toThrow('目标数据库已有数据');
    await restoreFrom(target.ctx.db, file, { replace: true });
    expect(await snapshot(target)).toEqual(await snapshot(source));
    expect((await verifyAuditChain(target.ctx.db)).ok).toBe(true);
    // the restored database keeps working: serials continue, logins work
    const cookie = await target.login('liyang.office', 'Demo@2026');
    const tag = await target.app.inject({ method: 'POST', url: '/api/registry/tags', headers: { cookie }, payload: { name: '恢复后新标签', category: '其他' } });
    expect(tag.statusCode).toBe(201);
  });

  it('a truncated backup restores nothing', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(dir, 'cut.jsonl.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const before = await snapshot(target);
    await expect(restoreFrom(target.ctx.db, cut, { replace: true })).rejects.toThrow('备份文件不完整');
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('stored files survive backup and restore byte for byte', () => {
  it('round-trips blobs (bytea) with every byte value', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const source = await createTestApp();
    const target = await createTestApp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-blobs-'));
    try {
      const contents = [Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000), Buffer.from([0])];
      for (const content of contents) {
        const sha256 = createHash('sha256').update(content).digest('hex');
        await source.ctx.db.insertInto('blobs').values({ sha256, size: content.length, mime: 'application/octet-stream', content }).execute();
        await source.ctx.db
          .insertInto('attachments')
          .values({ owner_kind: 'work_record', owner_id: '00000000-0000-4000-8000-000000000001', sha256, file_name: '附件.bin', mime: 'application/octet-stream', size: content.length, uploaded_by: null })
          .execute();
      }
      const file = path.join(dir, 'blobs.jsonl.gz');
      await backupTo(source.ctx.db, file, new Date('2026-11-22T00:00:00Z'));
      await restoreFrom(target.ctx.db, file, { replace: true });
      const rows = await target.ctx.db.selectFrom('blobs').select(['sha256', 'size', 'content']).execute();
      expect(rows).toHaveLength(contents.length);
      for (const r of rows) {
        const bytes = Buffer.from(r.content);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
        expect(bytes.length).toBe(Number(r.size));
        expect(contents.some((c) => Buffer.compare(c, bytes) === 0)).toBe(true);
      }
      expect(await snapshot(target)).toEqual(await snapshot(source));
    } finally {
      await source.close();
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
