import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_LEVEL_LIST, alertSettingsInput, INTERVENTION_KIND_LIST, type AlertLevel, type InterventionKind } from '../../../domain/rectification';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { interventionBody } from './alerts.inputs';
import * as svc from './alerts.service';

const uuidQuery = (what: string) => z.string().uuid(`${what}编号格式不正确`).optional();

export function alertRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification'];

    app.get('/api/rectification/alerts/settings', { schema: { tags, summary: '三色预警设置（绿色、黄色预警提前天数）' } }, async (req) => svc.getSettings(ctx, actorOf(req)));
    app.put('/api/rectification/alerts/settings', { schema: { tags, summary: '修改三色预警设置（巡察办）', body: alertSettingsInput } }, async (req) =>
      svc.updateSettings(ctx, actorOf(req), req.body),
    );
    app.post('/api/rectification/alerts/run', { schema: { tags, summary: '立即运行三色预警（巡察办；重复运行不会重复发送）' } }, async (req) => svc.runAlertsNow(ctx, actorOf(req)));
    app.get(
      '/api/rectification/alerts/board',
      {
        schema: {
          tags,
          summary: '三色预警看板：按颜色的整改事项及各镇（街道）数量',
          querystring: z.object({
            roundId: uuidQuery('轮次'),
            townCode: z.string().regex(/^\d{9}$/, '镇（街道）代码应为 9 位数字').optional(),
            level: z.enum(ALERT_LEVEL_LIST as [AlertLevel, ...AlertLevel[]], { message: '预警颜色无效' }).optional(),
            q: z.string().max(100, '关键词不能超过 100 个字').optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.alertBoard(ctx, actorOf(req), req.query),
    );

    app.get(
      '/api/rectification/todos',
      { schema: { tags, summary: '我的待办：三色预警和催办（未读在前）', querystring: z.object({ unread: z.enum(['0', '1'], { message: '未读标记应为 0 或 1' }).optional(), ...pageQuery }) } },
      async (req) => svc.listTodos(ctx, actorOf(req), { ...req.query, unread: req.query.unread === '1' }),
    );
    app.post('/api/rectification/todos/:id/read', { schema: { tags, summary: '标记待办为已读', params: z.object({ id: z.string().max(64) }) } }, async (req) =>
      svc.markTodoRead(ctx, actorOf(req), req.params.id),
    );
    app.post('/api/rectification/todos/read-all', { schema: { tags, summary: '全部标记为已读' } }, async (req) => svc.markAllTodosRead(ctx, actorOf(req)));

    app.get(
      '/api/rectification/interventions',
      {
        schema: {
          tags,
          summary: '催办、约谈和问责记录（按整改事项或轮次）',
          querystring: z.object({
            itemId: z.string().max(64).optional(),
            roundId: uuidQuery('轮次'),
            kind: z.enum(INTERVENTION_KIND_LIST as [InterventionKind, ...InterventionKind[]], { message: '类型无效' }).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listInterventions(ctx, actorOf(req), req.query),
    );
    app.post('/api/rectification/interventions', { schema: { tags, summary: '发送催办、登记约谈或问责（巡察办）', body: interventionBody } }, async (req, reply) =>
      reply.status(201).send(await svc.createIntervention(ctx, actorOf(req), req.body)),
    );
  };
}
