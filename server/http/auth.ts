import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../domain/access/roles';
import { DomainError } from '../../domain/shared/errors';
import { resolveSession } from '../modules/access/auth.service';
import type { Actor, AppContext } from './context';

export const SESSION_COOKIE = 'xuncha_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, docs, public pages). */
    public?: boolean;
    /** Reachable while the user still has to change a generated password. */
    allowPasswordChange?: boolean;
  }
}

/** Resolves the session cookie on every request; API routes not marked public require it. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await resolveSession(ctx, token) : null;
  });
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/') || request.is404) return;
    const cfg = request.routeOptions.config;
    if (cfg?.public) return;
    if (!request.actor) throw new DomainError('UNAUTHENTICATED');
    if (request.actor.mustChangePassword && !cfg?.allowPasswordChange) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string, expires: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    path: '/',
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED');
  return request.actor;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new DomainError('FORBIDDEN');
}
