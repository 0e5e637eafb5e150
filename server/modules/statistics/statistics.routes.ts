import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drillFields, refineDrill, refineScope, scopeFields, statisticsQuery, STAT_TABLE_LIST, type StatTable } from '../../../domain/statistics/statistics';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { XLSX_MIME } from '../documents';
import { contentDisposition } from '../files';
import { exportTable } from './statistics.export';
import * as svc from './statistics.service';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionsQuery = z.object({
  termPlanId: z.preprocess(blank, z.string().uuid('巡察规划编号无效').optional()),
  townCode: z.preprocess(blank, z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字').optional()),
});
const tableField = z.enum(STAT_TABLE_LIST as [StatTable, ...StatTable[]], { message: '未知的统计表' });
const pagedScope = z.object({ ...scopeFields, ...pageQuery }).superRefine(refineScope);
const pagedDrill = z.object({ ...drillFields, ...pageQuery }).superRefine(refineDrill);
const exportQuery = z.object({ ...scopeFields, table: tableField }).superRefine(refineScope);

export function statisticsApiRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['statistics'];

    app.get('/api/statistics/options', { schema: { tags, summary: '统计范围选项：本辖区的巡察规划、轮次、乡镇（选定乡镇时含其村）', querystring: optionsQuery } }, async (req) =>
      svc.getOptions(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/statistics/overview',
      { schema: { tags, summary: '巡察统计总览：主要数字，按问题类别、清单方面、乡镇、轮次、处理方式的统计表', querystring: statisticsQuery } },
      async (req) => svc.getOverview(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/statistics/villages',
      { schema: { tags, summary: '按村（社区）统计（分页，按问题数排序）', querystring: pagedScope } },
      async (req) => svc.listVillages(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/statistics/records',
      { schema: { tags, summary: '统计数字背后的记录（问题底稿、问题线索、处理结果或村），与统计口径一致', querystring: pagedDrill } },
      async (req) => svc.drillDown(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/statistics/export.xlsx',
      { schema: { tags, summary: '导出统计表（.xlsx）：table = category | aspect | town | village | round | measure | report_round | report_town | report_village', querystring: exportQuery } },
      async (req, reply) => {
        const file = await exportTable(ctx, actorOf(req), req.query.table, req.query);
        return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
      },
    );
  };
}
