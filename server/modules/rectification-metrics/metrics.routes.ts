import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluationModelInput, evaluationSaveInput } from '../../../domain/rectification';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { DOCX_MIME } from '../documents';
import { contentDisposition } from '../files';
import { evaluationDocx, townReportDocx } from './metrics.documents';
import * as svc from './metrics.service';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const roundId = z.preprocess(blank, z.string().uuid('轮次编号格式不正确').optional());
const townCode = z.preprocess(blank, z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字').optional());
// a 9-digit code is the town's own (town-level) records
const villageCode = z.preprocess(blank, z.string().regex(/^(\d{9}|\d{12})$/, '村（社区）代码应为 12 位数字').optional());
const asOf = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期格式应为 YYYY-MM-DD').optional());
const place = { roundId, townCode, villageCode, asOf };
const groupBy = z.preprocess(blank, z.enum(['round', 'town', 'village'], { message: '分组方式应为 round、town 或 village' }).optional());

const CLASSES = { items: ['due', 'on_time', 'late', 'open'], transfers: ['transferred', 'completed', 'pending'], ratings: ['all', 'satisfied', 'unsatisfied'] } as const;
const drillQuery = z
  .object({
    ...place,
    measure: z.enum(['items', 'transfers', 'ratings'], { message: '指标应为 items、transfers 或 ratings' }),
    class: z.string({ message: '请选择要查看的记录' }),
    ...pageQuery,
  })
  .refine((q) => (CLASSES[q.measure] as readonly string[]).includes(q.class), { message: '该指标没有这类记录', path: ['class'] });

const evalParams = z.object({ roundId: z.string().uuid('轮次编号格式不正确'), townCode: z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字') });

export function metricsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification'];
    const docx = (reply: { header: (k: string, v: string) => typeof reply; send: (b: Buffer) => unknown }, buffer: Buffer, fileName: string) =>
      reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(fileName, 'attachment')).send(buffer);

    app.get('/api/rectification/metrics/options', { schema: { tags, summary: '整改成效的筛选项：有整改事项的轮次、乡镇（街道）及其村（社区）', querystring: z.object({ roundId }) } }, async (req) =>
      svc.getOptions(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/rectification/metrics',
      { schema: { tags, summary: '整改到位率、移交事项办结率、群众满意率（截至某日，按轮次、乡镇或村分组，含分子分母）', querystring: z.object({ ...place, groupBy }) } },
      async (req) => svc.getRates(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/rectification/metrics/records',
      {
        schema: {
          tags,
          summary: '比率背后的记录（分页）：items = due|on_time|late|open；transfers = transferred|completed|pending；ratings = all|satisfied|unsatisfied',
          querystring: drillQuery,
        },
      },
      async (req) => svc.drillDown(ctx, actorOf(req), req.query),
    );

    app.get('/api/rectification/metrics/evaluation-model', { schema: { tags, summary: '整改成效评估模型（百分制扣分，默认 15/15/60/10）' } }, async (req) => svc.getModel(ctx, actorOf(req)));
    app.put('/api/rectification/metrics/evaluation-model', { schema: { tags, summary: '修改整改成效评估模型（巡察办）', body: evaluationModelInput } }, async (req) => svc.updateModel(ctx, actorOf(req), req.body));

    app.get(
      '/api/rectification/metrics/evaluations',
      { schema: { tags, summary: '一轮各乡镇（街道）的整改成效评估（得分、等次、是否二次整改）', querystring: z.object({ roundId: z.string({ message: '请选择轮次' }).uuid('轮次编号格式不正确'), ...pageQuery }) } },
      async (req) => svc.listEvaluations(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/rectification/metrics/evaluations/:roundId/:townCode',
      { schema: { tags, summary: '一个乡镇（街道）的整改成效评估：模型、数据建议的扣分次数、已填次数与说明、得分', params: evalParams, querystring: z.object({ asOf }) } },
      async (req) => svc.getEvaluation(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.query),
    );
    app.put(
      '/api/rectification/metrics/evaluations/:roundId/:townCode',
      { schema: { tags, summary: '保存整改成效评估草稿（巡察办；确认前可反复修改）', params: evalParams, body: evaluationSaveInput } },
      async (req) => svc.saveEvaluation(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.body),
    );
    app.post(
      '/api/rectification/metrics/evaluations/:roundId/:townCode/confirm',
      {
        schema: {
          tags,
          summary: '确认整改成效评估（巡察办；确认后不能修改）',
          params: evalParams,
          body: z.object({ version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号无效') }, { message: '提交的内容格式不正确' }),
        },
      },
      async (req) => svc.confirmEvaluation(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.body),
    );
    app.get(
      '/api/rectification/metrics/evaluations/:roundId/:townCode/evaluation.docx',
      { schema: { tags, summary: '整改成效评估报告（.docx 草稿）', params: evalParams } },
      async (req, reply) => {
        const data = await svc.evaluationDocData(ctx, actorOf(req), req.params.roundId, req.params.townCode);
        return docx(reply, await evaluationDocx(data), `${data.townName}${data.round}巡察整改成效评估报告.docx`);
      },
    );
    app.get(
      '/api/rectification/metrics/evaluations/:roundId/:townCode/report.docx',
      { schema: { tags, summary: '整改情况报告（.docx 草稿：整改事项、措施和结果、比率、方案与报告记录）', params: evalParams, querystring: z.object({ asOf }) } },
      async (req, reply) => {
        const data = await svc.townReportDocData(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.query);
        return docx(reply, await townReportDocx(data), `${data.townName}${data.round}巡察整改情况报告.docx`);
      },
    );
  };
}
