import { sql } from 'kysely';
import type { Executor, Tx } from '../../http/context';

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 7_240_001; // advisory lock key serialising the hash chain on PostgreSQL

export async function lockChainAndReadHead(trx: Tx): Promise<string> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

export interface AuditInsert {
  at: Date;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  scope_code: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

export async function insertAudit(trx: Tx, row: AuditInsert): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
    })
    .execute();
  await trx
    .insertInto('app_meta')
    .values({ key: 'audit_head', value: JSON.stringify({ hash: row.hash }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ hash: row.hash }) }))
    .execute();
}

export async function readAuditHead(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', 'audit_head').executeTakeFirst();
  return row ? (row.value as unknown as { hash: string }).hash : null;
}

export async function* iterateAudit(db: Executor, batch = 2000) {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.seq;
  }
}

export interface AuditFilter {
  scopeCode: string;
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log').where('scope_code', 'like', `${f.scopeCode}%`);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor_name', 'like', `%${f.actor}%`);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
