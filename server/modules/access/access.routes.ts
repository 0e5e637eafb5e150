import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, clearSessionCookie, requirePermission, SESSION_COOKIE, setSessionCookie } from '../../http/auth';
import type { Actor, AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import * as admin from './admin.service';
import * as auth from './auth.service';
import { auditEntryOut, searchAudit, verifyAuditChain } from './audit.service';

const me = (a: Actor) => ({
  id: a.userId,
  username: a.username,
  displayName: a.displayName,
  org: { id: a.orgId, kind: a.orgKind, name: a.orgName, scopeCode: a.scopeCode },
  roles: a.roles,
  permissions: [...a.permissions],
  mustChangePassword: a.mustChangePassword,
  totpEnabled: a.totpEnabled,
});

export function accessRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/auth/login',
      {
        config: { public: true, rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: '登录',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), totp: z.string().max(10).optional() }),
        },
      },
      async (req, reply) => {
        const result = await auth.login(ctx, req.body);
        setSessionCookie(reply, ctx, result.token, result.expiresAt);
        const actor = await auth.resolveSession(ctx, result.token);
        return { user: actor ? me(actor) : null, expiresAt: result.expiresAt.toISOString() };
      },
    );

    app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await auth.logout(ctx, token);
      clearSessionCookie(reply);
      return { ok: true };
    });

    app.get('/api/auth/me', { config: { allowPasswordChange: true }, schema: { tags: ['auth'], summary: '当前用户' } }, async (req) =>
      me(actorOf(req)),
    );

    app.post(
      '/api/auth/password',
      {
        config: { allowPasswordChange: true },
        schema: { tags: ['auth'], summary: '修改密码', body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(128) }) },
      },
      async (req) => {
        await auth.changePassword(ctx, actorOf(req), req.body.currentPassword, req.body.newPassword);
        return { ok: true };
      },
    );

    app.post('/api/auth/totp/setup', { schema: { tags: ['auth'], summary: '生成动态验证码密钥' } }, async (req) =>
      auth.beginTotpSetup(ctx, actorOf(req)),
    );
    app.post(
      '/api/auth/totp/enable',
      { schema: { tags: ['auth'], summary: '启用动态验证码', body: z.object({ code: z.string().min(6).max(8) }) } },
      async (req) => {
        await auth.enableTotp(ctx, actorOf(req), req.body.code);
        return { ok: true };
      },
    );
    app.post(
      '/api/auth/totp/disable',
      { schema: { tags: ['auth'], summary: '停用动态验证码', body: z.object({ password: z.string().min(1) }) } },
      async (req) => {
        await auth.disableTotp(ctx, actorOf(req), req.body.password);
        return { ok: true };
      },
    );

    // --- organisations and users (office administrators) ---
    app.get(
      '/api/access/organisations',
      { schema: { tags: ['access'], summary: '组织列表', querystring: z.object({ q: z.string().optional() }) } },
      async (req) => {
        const items = await admin.listOrganisations(ctx, actorOf(req), req.query.q);
        return {
          total: items.length,
          items: items.map((o) => ({ id: o.id, kind: o.kind, name: o.name, parentId: o.parent_id, level: o.level, scopeCode: o.scope_code, disabled: o.disabled })),
        };
      },
    );
    app.post('/api/access/organisations', { schema: { tags: ['access'], summary: '新建组织', body: admin.organisationInput } }, async (req, reply) => {
      const o = await admin.createOrganisation(ctx, actorOf(req), req.body);
      return reply.status(201).send({ id: o.id, kind: o.kind, name: o.name, scopeCode: o.scope_code, parentId: o.parent_id, level: o.level, disabled: o.disabled });
    });
    app.patch(
      '/api/access/organisations/:id',
      { schema: { tags: ['access'], summary: '修改组织', params: z.object({ id: z.string().uuid() }), body: admin.organisationPatch } },
      async (req) => {
        const o = await admin.updateOrganisation(ctx, actorOf(req), req.params.id, req.body);
        return { id: o.id, kind: o.kind, name: o.name, scopeCode: o.scope_code, disabled: o.disabled };
      },
    );

    app.get(
      '/api/access/users',
      {
        schema: {
          tags: ['access'],
          summary: '用户列表',
          querystring: z.object({ q: z.string().optional(), orgId: z.string().uuid().optional(), ...pageQuery }),
        },
      },
      async (req) => admin.listUsers(ctx, actorOf(req), req.query),
    );
    app.post('/api/access/users', { schema: { tags: ['access'], summary: '新建用户', body: admin.userInput } }, async (req, reply) =>
      reply.status(201).send(await admin.createUser(ctx, actorOf(req), req.body)),
    );
    app.patch(
      '/api/access/users/:id',
      { schema: { tags: ['access'], summary: '修改用户', params: z.object({ id: z.string().uuid() }), body: admin.userPatch } },
      async (req) => admin.updateUser(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/access/users/:id/reset-password',
      { schema: { tags: ['access'], summary: '重置密码并解锁', params: z.object({ id: z.string().uuid() }) } },
      async (req) => admin.resetUserPassword(ctx, actorOf(req), req.params.id),
    );

    // --- audit log ---
    app.get(
      '/api/access/audit',
      {
        schema: {
          tags: ['access'],
          summary: '审计日志',
          querystring: z.object({
            entity: z.string().optional(),
            entityId: z.string().optional(),
            actor: z.string().optional(),
            action: z.string().optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        requirePermission(actor, 'audit.read');
        const { items, total } = await searchAudit(ctx, actor, req.query);
        return {
          total,
          items: items.map(auditEntryOut),
        };
      },
    );
    app.get('/api/access/audit/verify', { schema: { tags: ['access'], summary: '校验审计日志哈希链' } }, async (req) => {
      requirePermission(actorOf(req), 'audit.read');
      return verifyAuditChain(ctx.db);
    });
  };
}
