import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../../domain/shared/errors';

/**
 * PGlite allows one process per data directory and does nothing to stop a second one; a second
 * process writing the same directory destroys tables (measured). This lock file is the guard.
 * A lock left by a process that is gone (crash, kill -9) is taken over.
 */
export interface DataDirLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'xuncha.lock');
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = fs.readFileSync(file, 'utf8');
          if (current === mine) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; host?: string; purpose?: string; since?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        // unreadable lock: treat as stale
      }
      const sameHost = !holder.host || holder.host === os.hostname();
      if (holder.pid && sameHost && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new DomainError(
          'DATA_DIR_LOCKED',
          `数据目录 ${dataDir} 正被另一个 xuncha 进程使用（进程号 ${holder.pid}，用途：${holder.purpose ?? '未知'}，` +
            `自 ${holder.since ?? '未知时间'}）。同一数据目录只能由一个进程打开：请先停止该进程，` +
            `或在服务运行时通过其网页/接口操作。`,
          { pid: holder.pid },
        );
      }
      if (holder.pid && !sameHost) {
        throw new DomainError(
          'DATA_DIR_LOCKED',
          `数据目录 ${dataDir} 被另一台主机（${holder.host}）上的进程锁定。若确认该进程已停止，请删除 ${file} 后重试。`,
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DomainError('DATA_DIR_LOCKED', `无法锁定数据目录 ${dataDir}`);
}
