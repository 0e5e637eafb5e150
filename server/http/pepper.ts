/**
 * The server pepper of the public's codes (码上巡 receipts, submission ids, rate-limit client keys;
 * questionnaire access codes and device tokens; decision 0009): one per data directory. It must live outside the database and its backups, so it is a file in the data directory,
 * created once (exclusive create, so two processes starting together agree on one) and readable by
 * the server's user only. Back it up separately from the database: without it, receipts no longer
 * match and printed questionnaire access codes stop working (the reports and answers stay readable).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIN_PEPPER_BYTES } from '../../domain/public-reports/secrets';
import type { AppContext } from './context';

export const PEPPER_FILE = 'codes.pepper';
const cache = new Map<string, Buffer>();

export function pepperOf(ctx: Pick<AppContext, 'config'>): Buffer {
  const dir = ctx.config.dataDir;
  const hit = cache.get(dir);
  if (hit) return hit;
  const file = path.join(dir, PEPPER_FILE);
  fs.mkdirSync(dir, { recursive: true });
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
  cache.set(dir, pepper);
  return pepper;
}
