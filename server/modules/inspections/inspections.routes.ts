import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INSPECTION_STATUS_LIST, type InspectionStatus } from '../../../domain/inspections/completion';
import { preFileEntryInput } from '../../../domain/inspections/pre-file';
import { INSPECTION_STEP_LIST, type InspectionStep } from '../../../domain/inspections/steps';
import { WORK_RECORD_KIND_LIST, type WorkRecordKind, workRecordInput } from '../../../domain/inspections/work-records';
import { isoDateField } from '../../../domain/shared/calendar';
import { actorOf, requirePermission } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { multipartDoc, uploadedAttachment } from '../files';
import { inspectionForActor } from './access';
import * as svc from './inspections.service';
import * as pre from './pre-file.service';

const id = z.object({ id: z.string().max(64) });
const withRecord = id.extend({ recordId: z.string().max(64) });
const withEntry = id.extend({ entryId: z.string().max(64) });
const stepParam = id.extend({ step: z.enum(INSPECTION_STEP_LIST as [InspectionStep, ...InspectionStep[]], { message: '未知的巡察环节' }) });

const transitionBody = z.object({
  to: z.enum(INSPECTION_STATUS_LIST as [InspectionStatus, ...InspectionStatus[]], { message: '未知的状态' }),
  override: z.object({ reason: z.string().max(2000) }).optional(),
  reason: z.string().trim().max(2000).optional(),
});

export function inspectionRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['inspections'];

    app.get(
      '/api/inspections',
      {
        schema: {
          tags,
          summary: '村级巡察列表（巡察办看辖区全部，巡察组只看本组对象）',
          querystring: z.object({
            roundId: z.string().uuid().optional(),
            status: z.enum(INSPECTION_STATUS_LIST as [InspectionStatus, ...InspectionStatus[]]).optional(),
            townCode: z.string().regex(/^\d{9}$/).optional(),
            q: z.string().max(40).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listInspections(ctx, actorOf(req), req.query),
    );
    app.get('/api/inspections/:id', { schema: { tags, summary: '村级巡察工作台', params: id } }, async (req) =>
      svc.getWorkspace(ctx, actorOf(req), req.params.id),
    );
    app.post('/api/inspections/:id/transition', { schema: { tags, summary: '开始、完成（可特批）或重新打开村级巡察', params: id, body: transitionBody } }, async (req) =>
      svc.transitionInspection(ctx, actorOf(req), req.params.id, req.body),
    );

    app.put(
      '/api/inspections/:id/steps/:step',
      { schema: { tags, summary: '记录巡察环节已完成', params: stepParam, body: z.object({ doneOn: isoDateField, notes: z.string().trim().max(2000).optional() }) } },
      async (req) => svc.recordStep(ctx, actorOf(req), req.params.id, req.params.step, req.body),
    );
    app.delete('/api/inspections/:id/steps/:step', { schema: { tags, summary: '撤销巡察环节记录', params: stepParam } }, async (req) => {
      await svc.undoStep(ctx, actorOf(req), req.params.id, req.params.step);
      return { ok: true };
    });

    app.get(
      '/api/inspections/:id/records',
      {
        schema: {
          tags,
          summary: '工作记录（宣听谈访看勘改）',
          params: id,
          querystring: z.object({ kind: z.enum(WORK_RECORD_KIND_LIST as [WorkRecordKind, ...WorkRecordKind[]]).optional(), ...pageQuery }),
        },
      },
      async (req) => svc.listWorkRecords(ctx, actorOf(req), req.params.id, req.query),
    );
    app.post('/api/inspections/:id/records', { schema: { tags, summary: '新增工作记录', params: id, body: workRecordInput } }, async (req, reply) =>
      reply.status(201).send(await svc.addWorkRecord(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.put('/api/inspections/:id/records/:recordId', { schema: { tags, summary: '修改工作记录', params: withRecord, body: workRecordInput } }, async (req) =>
      svc.updateWorkRecord(ctx, actorOf(req), req.params.id, req.params.recordId, req.body),
    );
    app.delete('/api/inspections/:id/records/:recordId', { schema: { tags, summary: '删除工作记录（连同附件）', params: withRecord } }, async (req) => {
      await svc.deleteWorkRecord(ctx, actorOf(req), req.params.id, req.params.recordId);
      return { ok: true };
    });
    app.post(
      '/api/inspections/:id/records/:recordId/attachments',
      { schema: { tags, summary: '上传工作记录附件（按内容检查类型，单个不超过 20 MB）', params: withRecord, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await inspectionForActor(ctx.db, actor, req.params.id, 'work'); // refuse before reading 20 MB
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await svc.addRecordAttachment(ctx, actor, req.params.id, req.params.recordId, file));
      },
    );
    app.delete(
      '/api/inspections/:id/records/:recordId/attachments/:attachmentId',
      { schema: { tags, summary: '删除工作记录附件', params: withRecord.extend({ attachmentId: z.string().uuid() }) } },
      async (req) => {
        await svc.deleteRecordAttachment(ctx, actorOf(req), req.params.id, req.params.recordId, req.params.attachmentId);
        return { ok: true };
      },
    );

    app.get('/api/inspections/:id/pre-file', { schema: { tags, summary: '巡前资料、以往巡察和村情数字', params: id } }, async (req) =>
      pre.getPreFile(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/inspections/:id/pre-file',
      { schema: { tags, summary: '新增巡前资料（巡察办）', params: id, body: preFileEntryInput.extend({ wholeTarget: z.boolean().optional() }) } },
      async (req, reply) => reply.status(201).send(await pre.addPreInspectionEntry(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.put('/api/inspections/:id/pre-file/:entryId', { schema: { tags, summary: '修改巡前资料（巡察办）', params: withEntry, body: preFileEntryInput } }, async (req) =>
      pre.updatePreInspectionEntry(ctx, actorOf(req), req.params.id, req.params.entryId, req.body),
    );
    app.delete('/api/inspections/:id/pre-file/:entryId', { schema: { tags, summary: '删除巡前资料（巡察办）', params: withEntry } }, async (req) => {
      await pre.deletePreInspectionEntry(ctx, actorOf(req), req.params.id, req.params.entryId);
      return { ok: true };
    });
    app.post(
      '/api/inspections/:id/pre-file/:entryId/attachments',
      { schema: { tags, summary: '上传巡前资料附件（巡察办）', params: withEntry, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await inspectionForActor(ctx.db, actor, req.params.id, 'read');
        requirePermission(actor, 'planning.write');
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await pre.addPreEntryAttachment(ctx, actor, req.params.id, req.params.entryId, file));
      },
    );
    app.delete(
      '/api/inspections/:id/pre-file/:entryId/attachments/:attachmentId',
      { schema: { tags, summary: '删除巡前资料附件（巡察办）', params: withEntry.extend({ attachmentId: z.string().uuid() }) } },
      async (req) => {
        await pre.deletePreEntryAttachment(ctx, actorOf(req), req.params.id, req.params.entryId, req.params.attachmentId);
        return { ok: true };
      },
    );
  };
}
