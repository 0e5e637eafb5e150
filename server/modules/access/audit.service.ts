import { createHash } from 'node:crypto';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { GENESIS_HASH, insertAudit, type AuditInsert, iterateAudit, listAudit, lockChainAndReadHead, readAuditHead, type AuditFilter } from './audit.repository';

/** Sorted-key JSON: the same value always hashes the same, whatever order jsonb gives keys back in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

type HashedFields = Omit<AuditInsert, 'prev_hash' | 'hash'>;

export function auditHash(prevHash: string, e: HashedFields): string {
  const payload = canonicalJson([
    prevHash,
    e.at.toISOString(),
    e.actor_id,
    e.actor_name,
    e.org_id,
    e.scope_code,
    e.action,
    e.entity,
    e.entity_id,
    e.before,
    e.after,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

/** Who an audit row names: a user, or the system for writes nobody clicked (first-run set-up). */
export interface AuditActor {
  userId: string | null;
  displayName: string;
  orgId: string | null;
}
export const SYSTEM_ACTOR: AuditActor = { userId: null, displayName: '系统', orgId: null };

export interface AuditEntry {
  action: string; // create | update | delete | import | ...
  entity: string; // e.g. registry.cadre
  entityId: string;
  scopeCode: string; // division code the record belongs to ('' for deployment-wide records)
  before?: unknown;
  after?: unknown;
}

// What is stored is what JSON round-trips to (Dates become strings): hash exactly that.
const plain = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/** Writes one audit row in the caller's transaction, chained to the previous row. */
export async function writeAudit(
  trx: Tx,
  ctx: Pick<AppContext, 'now'>,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const prev = await lockChainAndReadHead(trx);
  const row = {
    at: ctx.now(),
    actor_id: actor.userId,
    actor_name: actor.displayName,
    org_id: actor.orgId,
    scope_code: entry.scopeCode,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before: plain(entry.before),
    after: plain(entry.after),
  };
  await insertAudit(trx, { ...row, prev_hash: prev, hash: auditHash(prev, row) });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** First entry whose hash or link does not hold (edited, inserted or deleted before it). */
  brokenAt: number | null;
  problem: string | null;
}

export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let checked = 0;
  for await (const row of iterateAudit(db)) {
    checked++;
    if (row.prev_hash !== prev) {
      return { ok: false, checked, brokenAt: row.seq, problem: `第 ${row.seq} 条记录与前一条不衔接：其前的记录被删除或篡改` };
    }
    const expected = auditHash(prev, { ...row, before: row.before, after: row.after });
    if (expected !== row.hash) {
      return { ok: false, checked, brokenAt: row.seq, problem: `第 ${row.seq} 条记录的内容与其哈希不符：该记录被篡改` };
    }
    prev = row.hash;
  }
  const head = await readAuditHead(db);
  if (head !== null && head !== prev) {
    return { ok: false, checked, brokenAt: null, problem: '日志末尾的记录被删除：最后一条记录与链头不符' };
  }
  if (head === null && checked > 0) {
    return { ok: false, checked, brokenAt: null, problem: '日志链头缺失' };
  }
  return { ok: true, checked, brokenAt: null, problem: null };
}

export function searchAudit(ctx: AppContext, actor: Actor, f: Omit<AuditFilter, 'scopeCode'>) {
  return listAudit(ctx.db, { ...f, scopeCode: actor.scopeCode });
}

/** An audit row as the API shows it. */
export function auditEntryOut(r: { seq: number; at: Date; actor_name: string; action: string; entity: string; entity_id: string; scope_code: string; before: unknown; after: unknown }) {
  return { seq: r.seq, at: r.at, actorName: r.actor_name, action: r.action, entity: r.entity, entityId: r.entity_id, scopeCode: r.scope_code, before: r.before, after: r.after };
}
