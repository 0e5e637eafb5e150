import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePermission } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { countDivisions } from '../registry';
import { buildDemo, demoBuilt, DEMO_COUNTY } from './demo.service';

export function systemRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get('/api/system/status', { schema: { tags: ['system'], summary: '系统状态（是否为空库，可否生成演示数据）' } }, async (req) => {
      actorOf(req);
      const divisions = await countDivisions(ctx.db);
      return { empty: divisions === 0, demoBuilt: await demoBuilt(ctx), demoCounty: DEMO_COUNTY, database: ctx.dbKind };
    });
    app.post('/api/system/demo', { schema: { tags: ['system'], summary: '在空库中生成演示数据（溧阳市）' } }, async (req) => {
      requirePermission(actorOf(req), 'access.manage');
      return buildDemo(ctx);
    });
  };
}
