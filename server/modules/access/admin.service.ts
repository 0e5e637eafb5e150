import { z } from 'zod';
import { passwordProblems } from '../../../domain/access/password';
import { ORG_KIND_LIST, ROLE_LIST, ROLES_BY_ORG_KIND, ROLES, ORG_KINDS, scopeCovers, type OrgKind, type Role } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import * as repo from './access.repository';
import { hashPassword, randomPassword } from './auth.service';
import { writeAudit } from './audit.service';

function requireManage(actor: Actor) {
  if (!actor.permissions.has('access.manage')) throw new DomainError('FORBIDDEN');
}

// --- organisations -------------------------------------------------------------------------

export const organisationInput = z.object({
  kind: z.enum(ORG_KIND_LIST as [OrgKind, ...OrgKind[]]),
  name: z.string().trim().min(2, '名称至少 2 个字').max(60),
  /** Division code the organisation stands for or works in (city, county, town or village). */
  scopeCode: z.string().regex(/^(\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码应为 4、6、9 或 12 位数字'),
  parentId: z.string().uuid().nullable().optional(),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

const SCOPE_LENGTH_BY_KIND: Partial<Record<OrgKind, number[]>> = {
  office: [4, 6],
  town: [9],
  village: [12],
};

async function checkOrganisationInput(ctx: AppContext, actor: Actor, input: OrganisationInput) {
  if (!scopeCovers(actor.scopeCode, input.scopeCode)) {
    throw new DomainError('FORBIDDEN', '只能在本级管辖范围内设立组织');
  }
  const lengths = SCOPE_LENGTH_BY_KIND[input.kind] ?? [4, 6];
  if (!lengths.includes(input.scopeCode.length)) {
    const want = input.kind === 'town' ? '乡镇（街道）9 位代码' : input.kind === 'village' ? '村（社区）12 位代码' : '市 4 位或区县 6 位代码';
    throw new DomainError('VALIDATION_FAILED', `${ORG_KINDS[input.kind]}的管辖范围应为${want}`, [{ path: 'scopeCode', message: want }]);
  }
  if (input.kind === 'town' || input.kind === 'village') {
    const division = await ctx.db.selectFrom('divisions').select('code').where('code', '=', input.scopeCode).executeTakeFirst();
    if (!division) throw new DomainError('VALIDATION_FAILED', `区划代码 ${input.scopeCode} 尚未导入，请先导入所在区县`);
  }
  if (input.parentId) {
    const parent = await repo.findOrganisation(ctx.db, input.parentId);
    if (!parent || !scopeCovers(actor.scopeCode, parent.scope_code)) throw new DomainError('NOT_FOUND', '上级组织不存在');
  }
}

export async function listOrganisations(ctx: AppContext, actor: Actor, q?: string) {
  return repo.listOrganisations(ctx.db, actor.scopeCode, q);
}

export async function createOrganisation(ctx: AppContext, actor: Actor, input: OrganisationInput) {
  requireManage(actor);
  await checkOrganisationInput(ctx, actor, input);
  return ctx.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('organisations')
      .select('id')
      .where('scope_code', '=', input.scopeCode)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (exists) throw new DomainError('CONFLICT', `同一管辖范围内已有名为“${input.name}”的组织`);
    const row = await trx
      .insertInto('organisations')
      .values({
        kind: input.kind,
        name: input.name,
        parent_id: input.parentId ?? actor.orgId,
        level: input.scopeCode.length === 4 ? 'city' : input.scopeCode.length === 6 ? 'county' : input.scopeCode.length === 9 ? 'town' : 'village',
        scope_code: input.scopeCode,
        updated_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'access.organisation', entityId: row.id, scopeCode: row.scope_code, after: row });
    return row;
  });
}

export const organisationPatch = z.object({
  name: z.string().trim().min(2).max(60).optional(),
  disabled: z.boolean().optional(),
});

export async function updateOrganisation(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof organisationPatch>) {
  requireManage(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findOrganisation(trx, id);
    if (!before || !scopeCovers(actor.scopeCode, before.scope_code)) throw new DomainError('NOT_FOUND');
    if (before.id === actor.orgId && patch.disabled) throw new DomainError('VALIDATION_FAILED', '不能停用本人所在的组织');
    const after = await trx
      .updateTable('organisations')
      .set({ ...patch, updated_at: ctx.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'access.organisation', entityId: id, scopeCode: after.scope_code, before, after });
    return after;
  });
}

// --- users ---------------------------------------------------------------------------------

const roleEnum = z.enum(ROLE_LIST as [Role, ...Role[]]);

export const userInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位字母、数字、下划线、点或短横线，以字母开头'),
  displayName: z.string().trim().min(1, '请填写姓名').max(40),
  orgId: z.string().uuid(),
  roles: z.array(roleEnum).min(1, '至少选择一个角色'),
  password: z.string().optional(),
});

export const userPatch = z.object({
  displayName: z.string().trim().min(1).max(40).optional(),
  roles: z.array(roleEnum).min(1).optional(),
  disabled: z.boolean().optional(),
});

function publicUser(row: { id: string; username: string; display_name: string; org_id: string; roles: unknown; disabled: boolean }) {
  return { id: row.id, username: row.username, displayName: row.display_name, orgId: row.org_id, roles: row.roles as Role[], disabled: row.disabled };
}

async function orgInScope(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await repo.findOrganisation(ctx.db, orgId);
  if (!org || !scopeCovers(actor.scopeCode, org.scope_code)) throw new DomainError('NOT_FOUND', '所属组织不存在');
  return org;
}

function checkRoles(orgKind: string, roles: Role[]) {
  const allowed = ROLES_BY_ORG_KIND[orgKind as OrgKind] ?? [];
  const bad = roles.filter((r) => !allowed.includes(r));
  if (bad.length) {
    throw new DomainError('VALIDATION_FAILED', `${ORG_KINDS[orgKind as OrgKind] ?? orgKind}的用户不能担任：${bad.map((r) => ROLES[r]).join('、')}`, [
      { path: 'roles', message: '角色与所属组织不符' },
    ]);
  }
}

export async function listUsers(ctx: AppContext, actor: Actor, f: Omit<repo.UserListFilter, 'scopeCode'>) {
  requireManage(actor);
  const { items, total } = await repo.listUsers(ctx.db, { ...f, scopeCode: actor.scopeCode });
  return {
    total,
    items: items.map((u) => ({
      ...publicUser(u),
      orgName: u.org_name,
      orgKind: u.org_kind,
      locked: u.locked_until !== null && u.locked_until > ctx.now(),
      failedLogins: u.failed_logins,
      totpEnabled: u.totp_secret !== null,
      createdAt: u.created_at,
    })),
  };
}

export async function createUser(ctx: AppContext, actor: Actor, input: z.infer<typeof userInput>) {
  requireManage(actor);
  const org = await orgInScope(ctx, actor, input.orgId);
  checkRoles(org.kind, input.roles);
  const generated = input.password ? undefined : randomPassword();
  const password = input.password ?? generated!;
  const problems = passwordProblems(password, input.username);
  if (problems.length) throw new DomainError('PASSWORD_TOO_WEAK', problems.join('；'));
  const password_hash = await hashPassword(password);
  const user = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, input.username)) throw new DomainError('CONFLICT', `用户名“${input.username}”已被使用`);
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        org_id: org.id,
        roles: JSON.stringify(input.roles),
        password_hash,
        must_change_password: true,
        totp_secret: null,
        totp_pending_secret: null,
        last_failed_at: null,
        locked_until: null,
        updated_at: ctx.now(),
      })
      .returning(['id', 'username', 'display_name', 'org_id', 'roles', 'disabled'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'access.user', entityId: row.id, scopeCode: org.scope_code, after: publicUser(row) });
    return row;
  });
  return { user: publicUser(user), initialPassword: generated ?? null };
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof userPatch>) {
  requireManage(actor);
  const existing = await repo.findUserById(ctx.db, id);
  if (!existing) throw new DomainError('NOT_FOUND');
  const org = await orgInScope(ctx, actor, existing.org_id).catch(() => {
    throw new DomainError('NOT_FOUND');
  });
  if (patch.roles) checkRoles(org.kind, patch.roles);
  if (id === actor.userId && (patch.disabled || (patch.roles && !patch.roles.includes('admin')))) {
    throw new DomainError('VALIDATION_FAILED', '不能停用自己或撤销自己的管理员角色');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.roles !== undefined && { roles: JSON.stringify(patch.roles) }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        updated_at: ctx.now(),
      })
      .where('id', '=', id)
      .returning(['id', 'username', 'display_name', 'org_id', 'roles', 'disabled'])
      .executeTakeFirstOrThrow();
    if (patch.disabled) await repo.deleteUserSessions(trx, id);
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'access.user',
      entityId: id,
      scopeCode: org.scope_code,
      before: publicUser(existing),
      after: publicUser(row),
    });
    return publicUser(row);
  });
}

/** Sets a new random password, clears lock-outs and signs the user out everywhere. */
export async function resetUserPassword(ctx: AppContext, actor: Actor, id: string) {
  requireManage(actor);
  const existing = await repo.findUserById(ctx.db, id);
  if (!existing) throw new DomainError('NOT_FOUND');
  const org = await orgInScope(ctx, actor, existing.org_id).catch(() => {
    throw new DomainError('NOT_FOUND');
  });
  const password = randomPassword();
  const password_hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash, must_change_password: true, failed_logins: 0, locked_until: null, last_failed_at: null, updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await repo.deleteUserSessions(trx, id);
    await writeAudit(trx, ctx, actor, { action: 'reset_password', entity: 'access.user', entityId: id, scopeCode: org.scope_code });
  });
  return { initialPassword: password };
}
