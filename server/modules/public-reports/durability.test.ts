import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 6: the receipt is shown only after the report is durably committed. The real server runs as a
 * child process on a PGlite data directory; it is killed with SIGKILL the moment the receipt arrives and
 * restarted on the same directory, where the receipt must still find the report.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin/xuncha.js');
const ADMIN_PASSWORD = 'Durable#Admin2026';
const PASSPHRASE = '巡察办身份密钥口令持久性测试用';
const COUNTY = '510181';
const VILLAGE = '510181002001'; // 莲花社区

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-durable-'));
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcess;
  exited: Promise<void>;
}

async function start(): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', XUNCHA_DATA_DIR: dir, XUNCHA_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const log: string[] = [];
  child.stdout!.on('data', (c: Buffer) => log.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      gone = true;
      children.delete(child);
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`server exited while starting:\n${log.join('')}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, child, exited };
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log.join('')}`);
    await sleep(200);
  }
}

async function kill(server: Server) {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** JSON over fetch with a session cookie; fails on an unexpected status. */
async function call(base: string, cookie: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return JSON.parse(text);
}

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await sleep(300);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('码上巡 durability', () => {
  it('a crash of the server right after the receipt cannot lose an acknowledged report', async () => {
    let server = await start();
    // — setup as the built-in administrator (admin + office): the office key, a round with a target, codes —
    const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const api = (method: string, url: string, body?: unknown) => call(server.base, cookie, method, url, body);
    await api('POST', '/api/registry/divisions/import', { county: COUNTY });
    await api('POST', '/api/public-reports/key', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const round = await api('POST', '/api/planning/rounds', { countyCode: COUNTY, year, number: 1, theme: '持久性测试', startDate: `${year}-01-01`, endDate: `${year}-12-31` });
    const org = await api('POST', '/api/access/organisations', { kind: 'team', name: '县委第一巡察组', scopeCode: COUNTY });
    const team = await api('POST', `/api/planning/rounds/${round.id}/teams`, { name: '第一巡察组', orgId: org.id });
    await api('POST', `/api/planning/rounds/${round.id}/targets`, { kind: 'village', code: VILLAGE, mode: 'direct', teamId: team.id });
    const codes = await api('POST', '/api/public-reports/codes', { roundId: round.id });
    const code = codes.items.find((c: { scope: string }) => c.scope === 'target').code as string;

    const acknowledged: { receipt: string; description: string; named: boolean }[] = [];
    for (let i = 1; i <= 3; i++) {
      const named = i === 2; // one named report: the sealed identity must survive too
      const description = `第${i}份反映：村集体鱼塘承包费去向不明，请巡察组核实`;
      const body = {
        report: { submissionId: crypto.randomUUID(), anonymous: !named, category: 'other', description, attachments: [], ...(named ? { identity: { name: '欧阳翠花', phone: '13912345678' } } : {}) },
      };
      const res = await fetch(`${server.base}/api/public/reports/codes/${code}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      // the receipt is in hand: kill at once, before the server can do anything more
      server.child.kill('SIGKILL');
      expect(res.status, text).toBe(200);
      const { receipt } = JSON.parse(text) as { receipt: string };
      expect(receipt).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$/);
      acknowledged.push({ receipt, description, named });
      await server.exited;

      server = await start();
      // every report acknowledged so far is still there after each crash
      for (const a of acknowledged) {
        const read = await fetch(`${server.base}/api/public/reports/receipt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt: a.receipt }) });
        const view = await read.json();
        expect(read.status, JSON.stringify(view)).toBe(200);
        expect(view.description).toBe(a.description);
        expect(view.status).toBe('已收到，等待处理');
      }
    }
    await kill(server);
  }, 240_000); // four starts of the server on PGlite: slow on a loaded two-core machine
});
