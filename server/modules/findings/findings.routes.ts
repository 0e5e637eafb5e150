import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FINDING_CATEGORY_LIST, findingCreateInput, findingUpdateInput, materialInput, type FindingCategory } from '../../../domain/findings/finding';
import { FINDING_STATUS_LIST, type FindingStatus } from '../../../domain/findings/review';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { DOCX_MIME, XLSX_MIME } from '../documents';
import { contentDisposition, multipartDoc, uploadedAttachment } from '../files';
import * as docs from './findings.documents';
import * as svc from './findings.service';

const id = z.object({ id: z.string().max(64) });
const withMaterial = id.extend({ materialId: z.string().max(64) });

export const findingListQuery = z.object({
  roundId: z.string().uuid().optional(),
  status: z.enum(FINDING_STATUS_LIST as [FindingStatus, ...FindingStatus[]], { message: '未知的状态' }).optional(),
  villageCode: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字').optional(),
  townCode: z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字').optional(),
  category: z.enum(FINDING_CATEGORY_LIST as [FindingCategory, ...FindingCategory[]], { message: '未知的问题类别' }).optional(),
  immediate: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  inspectionId: z.string().uuid().optional(),
  q: z.string().max(40).optional(),
  ...pageQuery,
});

export function findingRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['findings'];

    app.get('/api/findings', { schema: { tags, summary: '问题底稿列表（含各状态数量；巡察组只看本组对象）', querystring: findingListQuery } }, async (req) =>
      svc.listFindings(ctx, actorOf(req), req.query),
    );
    app.get('/api/findings/town-targets', { schema: { tags, summary: '可登记乡镇层面问题的乡镇巡察对象（进驻、了解、报告阶段；巡察组只含本组）' } }, async (req) =>
      svc.listTownTargets(ctx, actorOf(req)),
    );
    app.get(
      '/api/findings/ledger.xlsx',
      {
        schema: {
          tags,
          summary: '导出一轮的问题台账（.xlsx；巡察组只含本组对象，可按状态筛选，如只导出已审定的）',
          querystring: z.object({ roundId: z.string().uuid({ message: '请选择轮次' }), status: findingListQuery.shape.status }),
        },
      },
      async (req, reply) => {
        const file = await docs.findingsLedger(ctx, actorOf(req), req.query);
        return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
      },
    );
    app.get('/api/findings/:id/working-paper.docx', { schema: { tags, summary: '问题底稿（.docx，公文格式）', params: id } }, async (req, reply) => {
      const file = await docs.workingPaper(ctx, actorOf(req), req.params.id);
      return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.get('/api/findings/:id/immediate-notice.docx', { schema: { tags, summary: '立行立改通知书（.docx，仅立行立改事项）', params: id } }, async (req, reply) => {
      const file = await docs.immediateNotice(ctx, actorOf(req), req.params.id);
      return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.get('/api/findings/:id', { schema: { tags, summary: '问题底稿（含审核记录、佐证材料和附件）', params: id } }, async (req) =>
      svc.getFinding(ctx, actorOf(req), req.params.id),
    );
    app.post('/api/findings', { schema: { tags, summary: '新建问题底稿（一事一底稿，按轮次编号）', body: findingCreateInput } }, async (req, reply) =>
      reply.status(201).send(await svc.createFinding(ctx, actorOf(req), req.body)),
    );
    app.put('/api/findings/:id', { schema: { tags, summary: '修改问题底稿（撰写人，草稿或退回修改时）', params: id, body: findingUpdateInput } }, async (req) =>
      svc.updateFinding(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/findings/:id', { schema: { tags, summary: '删除问题底稿草稿（撰写人；编号不再使用）', params: id } }, async (req) => {
      await svc.deleteFinding(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });
    app.post(
      '/api/findings/:id/submit',
      { schema: { tags, summary: '提交审核（撰写人）', params: id, body: z.object({ comment: z.string().trim().max(2000).optional() }) } },
      async (req) => svc.submitFinding(ctx, actorOf(req), req.params.id, req.body.comment ?? ''),
    );
    app.post(
      '/api/findings/:id/review',
      {
        schema: {
          tags,
          summary: '审核问题底稿：副组长审核、组长审定，通过或退回修改（退回须填写意见）',
          params: id,
          body: z.object({
            decision: z.enum(['approve', 'return'], { message: '请选择“通过”或“退回修改”' }),
            comment: z.string().trim().max(2000, '审核意见不超过 2000 字').optional(),
          }),
        },
      },
      async (req) => svc.reviewFinding(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/findings/:id/reopen',
      { schema: { tags, summary: '重新打开已审定的问题底稿（组长，须说明原因）', params: id, body: z.object({ reason: z.string().trim().max(2000, '原因不超过 2000 字') }) } },
      async (req) => svc.reopenFinding(ctx, actorOf(req), req.params.id, req.body.reason),
    );

    app.post('/api/findings/:id/materials', { schema: { tags, summary: '新增佐证材料', params: id, body: materialInput } }, async (req, reply) =>
      reply.status(201).send(await svc.addMaterial(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.put('/api/findings/:id/materials/:materialId', { schema: { tags, summary: '修改佐证材料', params: withMaterial, body: materialInput } }, async (req) =>
      svc.updateMaterial(ctx, actorOf(req), req.params.id, req.params.materialId, req.body),
    );
    app.delete('/api/findings/:id/materials/:materialId', { schema: { tags, summary: '删除佐证材料（连同附件）', params: withMaterial } }, async (req) =>
      svc.deleteMaterial(ctx, actorOf(req), req.params.id, req.params.materialId),
    );
    app.post(
      '/api/findings/:id/materials/:materialId/attachments',
      { schema: { tags, summary: '上传佐证材料附件（按内容检查类型，单个不超过 20 MB）', params: withMaterial, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await svc.checkMaterialUpload(ctx, actor, req.params.id); // refuse before reading 20 MB
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await svc.addMaterialAttachment(ctx, actor, req.params.id, req.params.materialId, file));
      },
    );
    app.delete(
      '/api/findings/:id/materials/:materialId/attachments/:attachmentId',
      { schema: { tags, summary: '删除佐证材料附件', params: withMaterial.extend({ attachmentId: z.string().uuid() }) } },
      async (req) => {
        await svc.deleteMaterialAttachment(ctx, actorOf(req), req.params.id, req.params.materialId, req.params.attachmentId);
        return { ok: true };
      },
    );
  };
}
