import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { XLSX_MIME } from '../documents';
import { contentDisposition } from '../files';
import * as svc from './archive.service';

const ZIP_MIME = 'application/zip';
const round = z.object({ roundId: z.string().max(64) });
const target = round.extend({ targetId: z.string().max(64) });

export function archiveRouteList(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['archive'];

    app.get(
      '/api/archive/rounds/:roundId/targets',
      { schema: { tags, summary: '一轮各巡察对象的档案概况：材料数量、是否齐全（巡察组只看本组对象）', params: round, querystring: z.object({ ...pageQuery }) } },
      async (req) => svc.roundOverview(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.get('/api/archive/rounds/:roundId/targets/:targetId', { schema: { tags, summary: '巡察对象的档案：按阶段排列的材料目录和缺少的材料', params: target } }, async (req) =>
      svc.getTargetArchive(ctx, actorOf(req), req.params.roundId, req.params.targetId),
    );
    app.get('/api/archive/rounds/:roundId/targets/:targetId/work-register.xlsx', { schema: { tags, summary: '巡察环节和工作记录登记表（.xlsx）', params: target } }, async (req, reply) => {
      const file = await svc.workRegister(ctx, actorOf(req), req.params.roundId, req.params.targetId);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.get('/api/archive/rounds/:roundId/targets/:targetId/archive.zip', { schema: { tags, summary: '导出巡察对象的档案（.zip：按阶段分文件夹，含目录.xlsx）', params: target } }, async (req, reply) => {
      const file = await svc.exportTarget(ctx, actorOf(req), req.params.roundId, req.params.targetId);
      return reply.header('content-type', ZIP_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.get('/api/archive/rounds/:roundId/archive.zip', { schema: { tags, summary: '导出一轮的档案（.zip：每个巡察对象一个文件夹，边生成边下载）', params: round } }, async (req, reply) => {
      const file = await svc.exportRound(ctx, actorOf(req), req.params.roundId, req.log);
      return reply.header('content-type', ZIP_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.stream);
    });
  };
}
