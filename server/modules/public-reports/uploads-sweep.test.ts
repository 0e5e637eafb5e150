/**
 * The orphan-upload sweep on a fake clock: uploads to /api/public/reports/uploads that no report took are
 * deleted with their blobs once their (China) day lies more than 24 hours back, in batches; uploads that were
 * attached, and blobs another attachment shares, stay. The server's timer runs it at start and hourly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { multipart } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/harness';
import { PNG, PDF } from '../inspections/test-setup';
import { REPORT_OWNER, UPLOAD_OWNER } from './intake.service';
import { startUploadSweepTimer, sweepCutoff, sweepOrphanUploads } from './uploads-sweep';

let t: TestApp;
const HOUR = 3600_000;
/** 2026-11-22 10:00 in China */
const T0 = new Date('2026-11-22T02:00:00Z');

async function upload(name: string, content: Buffer): Promise<string> {
  const mp = multipart(name, content);
  const r = await t.app.inject({ method: 'POST', url: '/api/public/reports/uploads', headers: mp.headers, payload: mp.payload, remoteAddress: '10.40.0.1' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().uploadId;
}
const attachment = (id: string) => t.ctx.db.selectFrom('attachments').select(['id', 'owner_kind', 'sha256']).where('id', '=', id).executeTakeFirst();
const blob = (sha256: string) => t.ctx.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();

beforeAll(async () => {
  t = await createTestApp({ now: T0 });
});
afterAll(async () => t.close());
afterEach(() => {
  t.setNow(T0);
  vi.useRealTimers();
});

describe('orphan public uploads', () => {
  it('the cutoff keeps every upload at least 24 hours (uploads carry only their China day)', () => {
    // uploaded at 23:59 China time on the 22nd, stored as the 22nd's midnight
    const day = new Date('2026-11-22T00:00:00+08:00');
    const uploadedAt = new Date('2026-11-22T23:59:00+08:00');
    expect(sweepCutoff(new Date(uploadedAt.getTime() + 24 * HOUR)) < day).toBe(true); // not yet at +24 h
    expect(sweepCutoff(new Date(day.getTime() + 48 * HOUR)) >= day).toBe(true); // gone by +48 h from the day's start
  });

  it('deletes unattached uploads older than a day with their blobs, keeps attached ones and shared content', async () => {
    const orphan = await upload('IMG_0001.png', PNG);
    const orphanPdf = await upload('材料.pdf', PDF);
    const attached = await upload('IMG_0002.png', PNG); // same content as the orphan: one blob
    await t.ctx.db.updateTable('attachments').set({ owner_kind: REPORT_OWNER }).where('id', '=', attached).execute();
    const pngHash = (await attachment(orphan))!.sha256;
    const pdfHash = (await attachment(orphanPdf))!.sha256;

    // the same day and the next morning: too young
    t.setNow(new Date(T0.getTime() + 23 * HOUR));
    expect(await sweepOrphanUploads(t.ctx)).toEqual({ uploads: 0, blobs: 0, bytes: 0 });
    t.setNow(new Date('2026-11-23T23:00:00+08:00'));
    expect(await sweepOrphanUploads(t.ctx)).toEqual({ uploads: 0, blobs: 0, bytes: 0 });
    expect(await attachment(orphan)).toBeDefined();

    // two days on: the orphans go; the PDF's blob with them, the PNG's stays for the attached copy
    t.setNow(new Date('2026-11-24T00:00:00+08:00'));
    const r = await sweepOrphanUploads(t.ctx);
    expect(r).toEqual({ uploads: 2, blobs: 1, bytes: PDF.length });
    expect(await attachment(orphan)).toBeUndefined();
    expect(await attachment(orphanPdf)).toBeUndefined();
    expect(await blob(pdfHash)).toBeUndefined();
    expect((await attachment(attached))!.owner_kind).toBe(REPORT_OWNER);
    expect(await blob(pngHash)).toBeDefined();
    // nothing left to do: a second run deletes nothing
    expect((await sweepOrphanUploads(t.ctx)).uploads).toBe(0);
  });

  it('works in batches until none is left, the last orphan taking its blob', async () => {
    t.setNow(new Date('2026-11-20T09:00:00+08:00'));
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await upload(`p${i}.png`, PNG));
    t.setNow(new Date('2026-11-24T09:00:00+08:00'));
    const pngHash = (await attachment(ids[0]!))!.sha256;
    // the attached PNG of the previous test still shares the blob: detach it so the last orphan takes the blob
    await t.ctx.db.deleteFrom('attachments').where('owner_kind', '=', REPORT_OWNER).execute();
    const r = await sweepOrphanUploads(t.ctx, { batch: 3 });
    expect(r.uploads).toBe(7);
    expect(r.blobs).toBe(1);
    expect(await t.ctx.db.selectFrom('attachments').select('id').where('owner_kind', '=', UPLOAD_OWNER).execute()).toEqual([]);
    expect(await blob(pngHash)).toBeUndefined();
  });

  it('the server’s timer sweeps at start and then every hour, logging counts only', async () => {
    // Fake timers decide when a run starts; `idle()` waits for the run's database work, which takes real
    // time (on PostgreSQL under load too): no polling with a real-time timeout, no tick skipped because
    // the previous run had not finished yet.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const logs: string[] = [];
    t.setNow(new Date('2026-11-20T09:00:00+08:00'));
    const first = await upload('a.png', PNG);
    t.setNow(new Date('2026-11-24T09:00:00+08:00'));
    const sweep = startUploadSweepTimer(t.ctx, (msg, err) => logs.push(err ? `错误：${msg}` : msg), { firstAfterMs: 1000 });
    let stopped = false;
    try {
      await vi.advanceTimersByTimeAsync(999);
      await sweep.idle();
      expect(logs).toEqual([]);
      expect(await attachment(first)).toBeDefined();
      await vi.advanceTimersByTimeAsync(1);
      await sweep.idle();
      expect(await attachment(first)).toBeUndefined();
      expect(logs).toEqual([`清理未提交的群众上传附件：1 个（释放文件内容 1 份，${PNG.length} 字节）`]);

      // uploaded now: still there after the next hourly run, gone at the first hourly run after its day is 24 h past
      const second = await upload('b.png', PNG);
      await vi.advanceTimersByTimeAsync(HOUR);
      await sweep.idle();
      expect(await attachment(second)).toBeDefined();
      expect(logs).toHaveLength(1);
      t.setNow(new Date('2026-11-26T00:00:00+08:00'));
      await vi.advanceTimersByTimeAsync(HOUR);
      await sweep.idle();
      expect(await attachment(second)).toBeUndefined();
      expect(logs).toHaveLength(2);
      expect(logs.join('')).not.toMatch(/b\.png|a\.png|错误/);
      await sweep.stop();
      stopped = true;
    } finally {
      if (!stopped) await sweep.stop();
    }
    // stopped: no more runs
    const third = await upload('c.png', PNG);
    t.setNow(new Date('2026-11-29T00:00:00+08:00'));
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    await sweep.idle();
    expect(await attachment(third)).toBeDefined();
    expect(logs).toHaveLength(2);
  });

  it('stopping waits for the run in progress, so the database is not closed under it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    t.setNow(new Date('2026-11-20T09:00:00+08:00'));
    const orphan = await upload('d.png', PNG);
    t.setNow(new Date('2026-11-24T09:00:00+08:00'));
    const logs: string[] = [];
    const sweep = startUploadSweepTimer(t.ctx, (msg) => logs.push(msg), { firstAfterMs: 10 });
    await vi.advanceTimersByTimeAsync(10); // the run has started, its queries are in flight
    await sweep.stop();
    expect(logs).toHaveLength(1);
    expect(await attachment(orphan)).toBeUndefined();
  });
});
