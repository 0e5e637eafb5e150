/**
 * The server pepper of the public's codes (码上巡 receipts, submission ids, rate-limit client keys;
 * questionnaire access codes and device tokens; decision 0009): one per deployment. It must live outside the
 * database and its backups, so it is a file — `codes.pepper` in the data directory, or XUNCHA_PEPPER_FILE —
 * created once (exclusive create, so two processes starting together agree on one) and readable by
 * the server's user only. Back it up separately from the database: without it, receipts no longer
 * match and printed questionnaire access codes stop working (the reports and answers stay readable).
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIN_PEPPER_BYTES } from '../../domain/public-reports/secrets';
import type { AppContext } from './context';

export const PEPPER_FILE = 'codes.pepper';
const cache = new Map<string, Buffer>();

export function pepperOf(ctx: Pick<AppContext, 'config'>): Buffer {
  const file = ctx.config.pepperFile;
  const hit = cache.get(file);
  if (hit) return hit;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    // written in full under a temporary name, then linked: a concurrent reader never sees half a file
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, randomBytes(MIN_PEPPER_BYTES).toString('base64'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  const pepper = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (pepper.length < MIN_PEPPER_BYTES) throw new Error(`${file}: the pepper must have at least ${MIN_PEPPER_BYTES} bytes`);
  cache.set(file, pepper);
  return pepper;
}

/**
 * A one-way fingerprint of the pepper, kept in the database (app_meta) so that an instance started
 * with another pepper — a second instance with its own data directory, or a restore without the
 * pepper file — is refused at start instead of silently failing every receipt the public holds.
 */
export function pepperFingerprint(pepper: Buffer): string {
  return createHmac('sha256', pepper).update('xuncha codes pepper fingerprint v1').digest('hex').slice(0, 32);
}

export const PEPPER_MISMATCH_HELP = [
  '群众回执码、问卷访问码的散列密钥（codes.pepper）与数据库中记录的不一致，服务未启动。',
  '  - 多个实例共用一个数据库时，须使用同一个 codes.pepper：复制到每个实例的数据目录，或用 XUNCHA_PEPPER_FILE 指向同一个文件；',
  '  - 从备份恢复时，须同时恢复原数据目录中的 codes.pepper；',
  '  - 若原文件确已丢失：运行 `xuncha pepper accept` 改用当前文件（此前发出的回执码和纸质访问码将全部失效，反映和答卷内容不受影响）。',
].join('\n');
