import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuth } from './http/auth';
import type { AppContext } from './http/context';
import { registerErrorHandler } from './http/errors';
import { currentMigration } from './db/database';
import { accessRoutes } from './modules/access';
import { checklistsRoutes } from './modules/checklists';
import { findingsRoutes } from './modules/findings';
import { inspectionsRoutes } from './modules/inspections';
import { leadsRoutes } from './modules/leads';
import { planningRoutes } from './modules/planning';
import { registryRoutes } from './modules/registry';
import { reportsRoutes } from './modules/reports';
import { statisticsRoutes } from './modules/statistics';
import { archiveRoutes } from './modules/archive';
import { rectificationRoutes } from './modules/rectification';
import { rectificationAlertsRoutes } from './modules/rectification-alerts';
import { rectificationRatingsRoutes } from './modules/rectification-ratings';
import { rectificationPlansRoutes } from './modules/rectification-plans';
import { rectificationLookBackRoutes } from './modules/rectification-look-back';
import { rectificationMetricsRoutes } from './modules/rectification-metrics';
import { rectificationDisclosureRoutes } from './modules/rectification-disclosure';
import { publicReportsRoutes } from './modules/public-reports';
import { questionnairesRoutes } from './modules/questionnaires';
import { analyticsRoutes } from './modules/analytics';
import { jobsRoutes } from './jobs';
import { systemRoutes } from './modules/system';

export interface BuildOptions {
  logger?: boolean;
}

/** Builds the whole app without listening: main.ts listens, tests inject requests in-process. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger
      ? {
          level: ctx.config.logLevel,
          // Never log secrets: cookies, passwords and second-factor codes.
          redact: ['req.headers.cookie', 'res.headers["set-cookie"]', 'req.body.password', 'req.body.totp'],
        }
      : false,
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd writes its styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  // The documentation routes are public (registered by the plugins below).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'xuncha 巡察 API', version: '0.1.0', description: '对村（社区）巡察工作平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xuncha_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  registerAuth(app, ctx);

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), migration: z.string().nullable() }) },
      },
    },
    async () => ({ status: 'ok' as const, database: ctx.dbKind, migration: await currentMigration(ctx.db) }),
  );

  await app.register(accessRoutes(ctx));
  await app.register(registryRoutes(ctx));
  await app.register(planningRoutes(ctx));
  await app.register(checklistsRoutes(ctx));
  await app.register(inspectionsRoutes(ctx));
  await app.register(findingsRoutes(ctx));
  await app.register(leadsRoutes(ctx));
  await app.register(reportsRoutes(ctx));
  await app.register(statisticsRoutes(ctx));
  await app.register(archiveRoutes(ctx));
  await app.register(rectificationRoutes(ctx));
  await app.register(rectificationAlertsRoutes(ctx));
  await app.register(rectificationRatingsRoutes(ctx));
  await app.register(rectificationPlansRoutes(ctx));
  await app.register(rectificationLookBackRoutes(ctx));
  await app.register(rectificationMetricsRoutes(ctx));
  await app.register(rectificationDisclosureRoutes(ctx));
  await app.register(publicReportsRoutes(ctx));
  await app.register(questionnairesRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(analyticsRoutes(ctx));
  await app.register(systemRoutes(ctx));

  await serveWeb(app, ctx.config.webDistDir);
  return app;
}

/** The built staff web app, with client-side routes falling back to index.html. */
async function serveWeb(app: FastifyInstance, dir: string) {
  const index = path.join(dir, 'index.html');
  const notFound = (method: string, url: string) => ({ code: 'NOT_FOUND', message: `接口不存在：${method} ${url.split('?')[0]}` });
  if (!fs.existsSync(index)) {
    app.setNotFoundHandler((request, reply) => reply.status(404).send(notFound(request.method, request.url)));
    app.get('/', { config: { public: true } }, async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>巡察</title><p>前端页面尚未构建：请运行 <code>npm run build</code> 后重启（<code>npm start</code> 会自动构建）。接口文档见 <a href="/api/docs">/api/docs</a>。</p>'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(notFound(request.method, request.url));
  });
}
