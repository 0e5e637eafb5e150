import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../../domain/shared/id-number';
import type { TestApp } from './harness';

/** A valid 18-digit ID number for an area, birth date (YYYYMMDD) and sequence (odd = male). */
export function idNumber(area: string, birth: string, seq: number): string {
  const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** Replaces the check character with a wrong one. */
export function withBadCheck(id: string): string {
  const good = id.at(-1)!;
  return id.slice(0, 17) + (good === '0' ? '1' : '0');
}

export async function api(t: TestApp, cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

export async function importCounty(t: TestApp, cookie: string, county: string) {
  const r = await api(t, cookie, 'POST', '/api/registry/divisions/import', { county });
  if (r.status !== 200) throw new Error(`import ${county}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Creates a town organisation and a user in it (password set, no forced change), returns the cookie. */
export async function townUser(t: TestApp, adminCookie: string, townCode: string, username: string): Promise<{ cookie: string; orgId: string; userId: string }> {
  const org = await api(t, adminCookie, 'POST', '/api/access/organisations', { kind: 'town', name: `${username}党委`, scopeCode: townCode });
  if (org.status !== 201) throw new Error(`org: ${JSON.stringify(org.body)}`);
  const user = await api(t, adminCookie, 'POST', '/api/access/users', {
    username,
    displayName: username,
    orgId: org.body.id,
    roles: ['town'],
    password: 'Town@12345',
  });
  if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
  // Clear the forced change so tests can go straight to work.
  await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
  return { cookie: await t.login(username, 'Town@12345'), orgId: org.body.id, userId: user.body.user.id };
}

export interface RosterRow {
  [header: string]: string | number | undefined;
}

/** A government-style roster: a merged title row, then the header, then rows, then blank rows. */
export async function rosterXlsx(rows: RosterRow[], headers?: string[]): Promise<Buffer> {
  const cols = headers ?? ['村（社区）', '乡镇（街道）', '姓名', '性别', '身份证号码', '职务', '任职时间', '联系电话', '亲属姓名', '亲属身份证号码', '与本人关系'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村干部名册');
  ws.addRow(['都江堰市村（社区）“两委”干部及近亲属信息表']);
  ws.mergeCells(1, 1, 1, cols.length);
  ws.addRow(cols);
  for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? ''));
  ws.addRow([]);
  ws.addRow([]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----xuncha${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(t: TestApp, cookie: string, url: string, fileName: string, content: Buffer) {
  const mp = multipart(fileName, content);
  const res = await t.app.inject({ method: 'POST', url, headers: { cookie, ...mp.headers }, payload: mp.payload });
  return { status: res.statusCode, body: res.json() };
}
