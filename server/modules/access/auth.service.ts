import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { LOGIN_POLICY, loginDelaySeconds, passwordProblems } from '../../../domain/access/password';
import { isOrgKind, isRole, permissionsOf, type Role } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import * as repo from './access.repository';
import { SYSTEM_ACTOR, writeAudit } from './audit.service';

const ABSOLUTE_SESSION_DAYS = 7;
let dummyHash: Promise<string> | undefined; // verified against for unknown users: same cost as a real check

export const hashPassword = (password: string) => argonHash(password);

export function randomPassword(): string {
  // 16 characters from an alphabet without look-alikes; always has letters and digits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${body.slice(0, 14)}${'23456789'[bytes[0]! % 8]}${'abcdefghjk'[bytes[1]! % 10]}`;
}

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  mustChangePassword: boolean;
}

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.now();
  const username = input.username.trim().toLowerCase();
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user) {
    dummyHash ??= argonHash(randomBytes(16).toString('hex'));
    await argonVerify(await dummyHash, input.password).catch(() => false);
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now) {
    const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
    throw new DomainError('ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试或联系管理员解锁`, {
      retryAfter: minutes * 60,
    });
  }
  const delay = loginDelaySeconds(user.failed_logins);
  if (delay > 0 && user.last_failed_at) {
    const wait = Math.ceil((user.last_failed_at.getTime() + delay * 1000 - now.getTime()) / 1000);
    if (wait > 0) throw new DomainError('LOGIN_THROTTLED', `登录尝试过于频繁，请 ${wait} 秒后再试`, { retryAfter: wait });
  }

  const fail = async (code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID'): Promise<never> => {
    const willLock = user.failed_logins + 1 >= LOGIN_POLICY.lockAfter;
    const lockedUntil = willLock ? new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000) : null;
    await repo.recordLoginFailure(ctx.db, user.id, now, lockedUntil);
    if (willLock) {
      throw new DomainError('ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定 ${LOGIN_POLICY.lockMinutes} 分钟`);
    }
    throw new DomainError(code);
  };

  if (!(await argonVerify(user.password_hash, input.password).catch(() => false))) return fail('INVALID_CREDENTIALS');
  if (user.disabled) throw new DomainError('ACCOUNT_DISABLED');
  const org = await repo.findOrganisation(ctx.db, user.org_id);
  if (!org || org.disabled) throw new DomainError('ACCOUNT_DISABLED', '所属组织已停用，请联系管理员');
  if (user.totp_secret) {
    if (!input.totp) throw new DomainError('TOTP_REQUIRED');
    const ok = verifySync({ secret: user.totp_secret, token: input.totp.trim(), epochTolerance: 30 }).valid;
    if (!ok) return fail('TOTP_INVALID');
  }
  if (user.failed_logins > 0 || user.locked_until) await repo.clearLoginFailures(ctx.db, user.id);

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await repo.insertSession(ctx.db, {
    id: sessionIdOf(token),
    user_id: user.id,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  await repo.deleteExpiredSessions(ctx.db, now);
  return { token, expiresAt, mustChangePassword: user.must_change_password };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await repo.deleteSession(ctx.db, sessionIdOf(token));
}

/** The actor behind a session token, or null when the session is unknown, expired or disabled. */
export async function resolveSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const now = ctx.now();
  const id = sessionIdOf(token);
  const row = await repo.findSessionWithUser(ctx.db, id);
  if (!row) return null;
  if (row.expires_at <= now || row.disabled || row.org_disabled) {
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  // Sliding expiry, bounded by an absolute lifetime; written at most once a minute.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    const absolute = row.session_created_at.getTime() + ABSOLUTE_SESSION_DAYS * 86_400_000;
    const expires = new Date(Math.min(absolute, now.getTime() + ctx.config.sessionHours * 3_600_000));
    await repo.touchSession(ctx.db, id, now, expires);
  }
  const roles = (row.roles as unknown as string[]).filter(isRole);
  if (!isOrgKind(row.org_kind)) return null;
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgKind: row.org_kind,
    orgName: row.org_name,
    scopeCode: row.scope_code,
    roles,
    permissions: permissionsOf(roles),
    sessionId: id,
    mustChangePassword: row.must_change_password,
    totpEnabled: row.totp_secret !== null,
  };
}

export async function changePassword(ctx: AppContext, actor: Actor, current: string, next: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new DomainError('NOT_FOUND');
  if (!(await argonVerify(user.password_hash, current).catch(() => false))) {
    throw new DomainError('INVALID_CREDENTIALS', '当前密码不正确');
  }
  const problems = passwordProblems(next, user.username);
  if (problems.length) throw new DomainError('PASSWORD_TOO_WEAK', problems.join('；'));
  if (next === current) throw new DomainError('PASSWORD_TOO_WEAK', '新密码不能与当前密码相同');
  const password_hash = await hashPassword(next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash, must_change_password: false, updated_at: ctx.now() }).where('id', '=', user.id).execute();
    await repo.deleteUserSessions(trx, user.id, actor.sessionId); // other devices are signed out
    await writeAudit(trx, ctx, actor, {
      action: 'change_password',
      entity: 'access.user',
      entityId: user.id,
      scopeCode: actor.scopeCode,
    });
  });
}

export async function beginTotpSetup(ctx: AppContext, actor: Actor): Promise<{ secret: string; uri: string }> {
  const secret = generateSecret();
  await ctx.db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', actor.userId).execute();
  return { secret, uri: generateURI({ issuer: 'xuncha 巡察', label: actor.username, secret }) };
}

export async function enableTotp(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.totp_pending_secret) throw new DomainError('VALIDATION_FAILED', '请先生成动态验证码密钥');
  if (!verifySync({ secret: user.totp_pending_secret, token: code.trim(), epochTolerance: 30 }).valid) {
    throw new DomainError('TOTP_INVALID');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, updated_at: ctx.now() })
      .where('id', '=', user.id)
      .execute();
    await writeAudit(trx, ctx, actor, { action: 'enable_totp', entity: 'access.user', entityId: user.id, scopeCode: actor.scopeCode });
  });
}

export async function disableTotp(ctx: AppContext, actor: Actor, password: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || !(await argonVerify(user.password_hash, password).catch(() => false))) {
    throw new DomainError('INVALID_CREDENTIALS', '密码不正确');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, updated_at: ctx.now() }).where('id', '=', user.id).execute();
    await writeAudit(trx, ctx, actor, { action: 'disable_totp', entity: 'access.user', entityId: user.id, scopeCode: actor.scopeCode });
  });
}

/**
 * First run: the deployment's root inspection office (scope '' = everything this deployment holds)
 * and its administrator `admin`. Returns the generated password when none was configured.
 */
export async function ensureBootstrapAdmin(ctx: AppContext): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await repo.countUsers(ctx.db)) > 0) return { created: false };
  const generated = ctx.config.adminPassword ? undefined : randomPassword();
  const password = ctx.config.adminPassword ?? generated!;
  const password_hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const org = await trx
      .insertInto('organisations')
      .values({ kind: 'office', name: '巡察工作领导小组办公室', parent_id: null, level: 'root', scope_code: '', updated_at: ctx.now() })
      .returning(['id', 'name', 'kind', 'scope_code'])
      .executeTakeFirstOrThrow();
    const roles: Role[] = ['admin', 'office'];
    const user = await trx
      .insertInto('users')
      .values({
        username: 'admin',
        display_name: '系统管理员',
        org_id: org.id,
        roles: JSON.stringify(roles),
        password_hash,
        must_change_password: generated !== undefined,
        totp_secret: null,
        totp_pending_secret: null,
        last_failed_at: null,
        locked_until: null,
        updated_at: ctx.now(),
      })
      .returning(['id', 'username', 'display_name'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, SYSTEM_ACTOR, { action: 'create', entity: 'access.organisation', entityId: org.id, scopeCode: '', after: org });
    await writeAudit(trx, ctx, SYSTEM_ACTOR, {
      action: 'create',
      entity: 'access.user',
      entityId: user.id,
      scopeCode: '',
      after: { ...user, roles },
    });
  });
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}

/**
 * The actor for work done outside a browser session (command line, demo builder): the first
 * administrator of the deployment's root office, so audit rows name a real account.
 */
export async function rootAdminActor(ctx: AppContext, via: string): Promise<Actor> {
  const row = await ctx.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'o.id as org_id', 'o.kind', 'o.name'])
    .where('o.scope_code', '=', '')
    .where('u.disabled', '=', false)
    .orderBy('u.created_at')
    .execute()
    .then((rows) => rows.find((r) => (r.roles as unknown as string[]).includes('admin')));
  if (!row) throw new DomainError('NOT_FOUND', '找不到本部署的管理员账户');
  const roles = (row.roles as unknown as string[]).filter(isRole);
  return {
    userId: row.id,
    username: row.username,
    displayName: `${row.display_name}（${via}）`,
    orgId: row.org_id,
    orgKind: 'office',
    orgName: row.name,
    scopeCode: '',
    roles,
    permissions: permissionsOf(roles),
    sessionId: '',
    mustChangePassword: false,
    totpEnabled: false,
  };
}
