/**
 * `xuncha uploads sweep` on a PGlite data directory of its own: in the help, and it deletes an orphan upload
 * three days old with its blob while keeping today's, printing counts only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';
import { openContext } from '../../bootstrap';
import { loadConfig } from '../../config';
import { UPLOAD_OWNER } from './intake.service';

describe('xuncha uploads sweep', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-sweep-'));
  afterAll(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is in the help, and sweeps old orphans only', async () => {
    vi.stubEnv('XUNCHA_DATA_DIR', path.join(dir, 'data'));
    vi.stubEnv('XUNCHA_ADMIN_PASSWORD', 'Admin@12345');
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('LOG_LEVEL', 'silent');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['--help'])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain('uploads sweep');

      const { ctx, database } = await openContext(loadConfig(), 'test');
      try {
        const old = Buffer.from('%PDF-1.4\n% orphan\n%%EOF\n');
        const fresh = Buffer.from('%PDF-1.4\n% today\n%%EOF\n');
        for (const [content, sha256, created] of [
          [old, 'a'.repeat(64), new Date(Date.now() - 3 * 86_400_000)],
          [fresh, 'b'.repeat(64), new Date()],
        ] as const) {
          await ctx.db.insertInto('blobs').values({ sha256, size: content.length, mime: 'application/pdf', content }).execute();
          await ctx.db
            .insertInto('attachments')
            .values({ owner_kind: UPLOAD_OWNER, owner_id: crypto.randomUUID(), sha256, file_name: '附件.pdf', mime: 'application/pdf', size: content.length, uploaded_by: null, created_at: created })
            .execute();
        }
      } finally {
        await database.close();
      }

      log.mockClear();
      expect(await main(['uploads', 'sweep'])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toBe(`已清理未随反映提交的上传附件 1 个（释放文件内容 1 份，${Buffer.byteLength('%PDF-1.4\n% orphan\n%%EOF\n')} 字节）`);
      const { ctx: after, database: db2 } = await openContext(loadConfig(), 'test');
      try {
        expect((await after.db.selectFrom('attachments').select('sha256').execute()).map((r) => r.sha256)).toEqual(['b'.repeat(64)]);
        expect((await after.db.selectFrom('blobs').select('sha256').execute()).map((r) => r.sha256)).toEqual(['b'.repeat(64)]);
      } finally {
        await db2.close();
      }
    } finally {
      log.mockRestore();
    }
  }, 120_000);
});
