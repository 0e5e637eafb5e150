import { sql } from 'kysely';
import type { Executor } from '../../http/context';

// --- users ---------------------------------------------------------------------------------

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function recordLoginFailure(db: Executor, id: string, at: Date, lockedUntil: Date | null) {
  return db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), last_failed_at: at, locked_until: lockedUntil }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
}

export function clearLoginFailures(db: Executor, id: string) {
  return db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_failed_at: null }).where('id', '=', id).execute();
}

export interface UserListFilter {
  scopeCode: string;
  q?: string | undefined;
  orgId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Executor, f: UserListFilter) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .where('o.scope_code', 'like', `${f.scopeCode}%`);
  if (f.orgId) q = q.where('u.org_id', '=', f.orgId);
  if (f.q) q = q.where((eb) => eb.or([eb('u.username', 'ilike', `%${f.q}%`), eb('u.display_name', 'ilike', `%${f.q}%`)]));
  const [items, total] = await Promise.all([
    q
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.org_id',
        'u.roles',
        'u.disabled',
        'u.failed_logins',
        'u.locked_until',
        'u.totp_secret',
        'u.created_at',
        'o.name as org_name',
        'o.kind as org_kind',
      ])
      .orderBy('o.scope_code')
      .orderBy('u.username')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// --- organisations -------------------------------------------------------------------------

export function findOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrganisations(db: Executor, scopeCode: string, q?: string) {
  let query = db.selectFrom('organisations').selectAll().where('scope_code', 'like', `${scopeCode}%`);
  if (q) query = query.where('name', 'ilike', `%${q}%`);
  return query.orderBy('scope_code').orderBy('kind').orderBy('name').execute();
}

// --- sessions ------------------------------------------------------------------------------

export function insertSession(db: Executor, row: { id: string; user_id: string; created_at: Date; last_seen_at: Date; expires_at: Date }) {
  return db.insertInto('sessions').values(row).execute();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteUserSessions(db: Executor, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function findSessionWithUser(db: Executor, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      's.id as session_id',
      's.created_at as session_created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.disabled',
      'u.must_change_password',
      'u.totp_secret',
      'o.id as org_id',
      'o.kind as org_kind',
      'o.name as org_name',
      'o.scope_code',
      'o.disabled as org_disabled',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function touchSession(db: Executor, id: string, lastSeen: Date, expiresAt: Date) {
  return db.updateTable('sessions').set({ last_seen_at: lastSeen, expires_at: expiresAt }).where('id', '=', id).execute();
}

export function deleteExpiredSessions(db: Executor, now: Date) {
  return db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
