/**
 * The server's pepper for hashing the public's codes (domain/public-reports/secrets.ts): kept in a file
 * of the data directory, never in the database, so a stolen dump or backup cannot be searched offline
 * for the ~35-bit access codes (decision 0009). Created on first use (mode 600); losing it makes the
 * printed access codes and the device-token hashes unusable, not the answers.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../http/context';

const cache = new Map<string, string>();

export function codePepper(ctx: Pick<AppContext, 'config'>): string {
  const dir = path.resolve(ctx.config.dataDir || '.tmp', 'secrets');
  const file = path.join(dir, 'code-pepper');
  const hit = cache.get(file);
  if (hit) return hit;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting together must not overwrite each other's pepper
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const pepper = fs.readFileSync(file, 'utf8').trim();
  cache.set(file, pepper);
  return pepper;
}
