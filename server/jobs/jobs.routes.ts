import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOB_STATUS_LIST, type JobStatus } from '../../domain/jobs';
import { actorOf } from '../http/auth';
import type { AppContext } from '../http/context';
import { pageQuery } from '../http/pagination';
import * as svc from './jobs.service';

const idParams = z.object({ id: z.string().max(64) });

export function jobRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['任务'];
    app.get(
      '/api/jobs',
      {
        schema: {
          tags,
          summary: '本辖区的任务（本人创建的，以及有相应权限可见的），按创建时间倒序',
          querystring: z.object({
            kind: z.string().max(64).optional(),
            status: z.enum(JOB_STATUS_LIST as [JobStatus, ...JobStatus[]], { message: '任务状态不正确' }).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listJobs(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/jobs/:id',
      { schema: { tags, summary: '任务状态：进度、结果或错误', params: idParams } },
      async (req) => svc.getJob(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/jobs/:id/cancel',
      { schema: { tags, summary: '取消任务（排队中的立即取消；运行中的在处理程序响应后结束）', params: idParams } },
      async (req) => svc.cancelJob(ctx, actorOf(req), req.params.id),
    );
  };
}
