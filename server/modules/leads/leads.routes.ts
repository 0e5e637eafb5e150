import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leadSettingsInput } from '../../../domain/leads/deadline';
import {
  leadCreateInput,
  leadDisposeInput,
  leadOutcomeInput,
  leadRecallInput,
  leadReceiveInput,
  leadReopenInput,
  leadReportInput,
  leadReturnInput,
  leadTransferInput,
  leadUpdateInput,
} from '../../../domain/leads/inputs';
import { LEAD_AUTHORITY_LIST, LEAD_STATUS_LIST, type LeadAuthority, type LeadStatus } from '../../../domain/leads/lead';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { DOCX_MIME, XLSX_MIME } from '../documents';
import { contentDisposition, multipartDoc, uploadedAttachment } from '../files';
import * as svc from './leads.service';

const id = z.object({ id: z.string().max(64) });

export function leadRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['leads'];

    app.get(
      '/api/leads',
      {
        schema: {
          tags,
          summary: '问题线索列表（巡察办看辖区，巡察组看本组，纪委监委、组织部只看移交给本单位的）',
          querystring: z.object({
            roundId: z.string().uuid().optional(),
            status: z.enum(LEAD_STATUS_LIST as [LeadStatus, ...LeadStatus[]], { message: '未知的状态' }).optional(),
            flag: z.enum(['due_soon', 'overdue'], { message: '期限标记应为 due_soon 或 overdue' }).optional(),
            authority: z.enum(LEAD_AUTHORITY_LIST as [LeadAuthority, ...LeadAuthority[]], { message: '未知的移交方向' }).optional(),
            q: z.string().max(40).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listLeads(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/leads/summary',
      { schema: { tags, summary: '问题线索数量：按状态、即将到期和已逾期（移交方和接收单位都能看到）', querystring: z.object({ roundId: z.string().uuid().optional() }) } },
      async (req) => svc.leadSummary(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/leads/ledger.xlsx',
      { schema: { tags, summary: '导出问题线索台账（.xlsx；接收单位只含移交给本单位的）', querystring: z.object({ roundId: z.string().uuid().optional() }) } },
      async (req, reply) => {
        const file = await svc.leadsLedger(ctx, actorOf(req), req.query);
        return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
      },
    );
    app.get('/api/leads/:id/transfer-letter.docx', { schema: { tags, summary: '问题线索移交函（.docx，公文格式）', params: id } }, async (req, reply) => {
      const file = await svc.transferLetter(ctx, actorOf(req), req.params.id);
      return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
    });
    app.get('/api/leads/settings', { schema: { tags, summary: '问题线索办理期限（月）' } }, async (req) => svc.getLeadSettings(ctx, actorOf(req)));
    app.put('/api/leads/settings', { schema: { tags, summary: '设置问题线索办理期限（巡察办）', body: leadSettingsInput } }, async (req) =>
      svc.updateLeadSettings(ctx, actorOf(req), req.body),
    );

    app.post('/api/leads', { schema: { tags, summary: '登记问题线索（从问题底稿或直接在巡察对象上）', body: leadCreateInput } }, async (req, reply) =>
      reply.status(201).send(await svc.createLead(ctx, actorOf(req), req.body)),
    );
    app.get('/api/leads/:id', { schema: { tags, summary: '问题线索详情（含处理结果和办理经过）', params: id } }, async (req) => svc.getLead(ctx, actorOf(req), req.params.id));
    app.put('/api/leads/:id', { schema: { tags, summary: '修改问题线索（草稿）', params: id, body: leadUpdateInput } }, async (req) =>
      svc.updateLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/leads/:id', { schema: { tags, summary: '删除问题线索（草稿）', params: id } }, async (req) => {
      await svc.deleteLead(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });

    app.post('/api/leads/:id/transfer', { schema: { tags, summary: '按干部管理权限移交（移交函）', params: id, body: leadTransferInput } }, async (req) =>
      svc.transferLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/leads/:id/recall', { schema: { tags, summary: '撤回移交（接收单位签收前）', params: id, body: leadRecallInput } }, async (req) =>
      svc.recallLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/leads/:id/receive', { schema: { tags, summary: '接收单位签收', params: id, body: leadReceiveInput } }, async (req) =>
      svc.receiveLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/leads/:id/return', { schema: { tags, summary: '接收单位退回移交单位', params: id, body: leadReturnInput } }, async (req) =>
      svc.returnLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/leads/:id/dispose', { schema: { tags, summary: '登记处置方式和立案', params: id, body: leadDisposeInput } }, async (req) =>
      svc.disposeLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/leads/:id/outcomes', { schema: { tags, summary: '登记对被反映人的处理结果', params: id, body: leadOutcomeInput } }, async (req, reply) =>
      reply.status(201).send(await svc.addOutcome(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.delete(
      '/api/leads/:id/outcomes/:outcomeId',
      { schema: { tags, summary: '删除处理结果（办结前）', params: id.extend({ outcomeId: z.string().max(64) }) } },
      async (req) => svc.deleteOutcome(ctx, actorOf(req), req.params.id, req.params.outcomeId),
    );
    app.post('/api/leads/:id/report', { schema: { tags, summary: '报告办理情况并办结', params: id, body: leadReportInput } }, async (req) =>
      svc.reportLead(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/leads/:id/attachments',
      { schema: { tags, summary: '上传问题线索附件（证据、签收单、处理决定等，单个不超过 20 MB）', params: id, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await svc.getLead(ctx, actor, req.params.id); // refuse out-of-scope before reading 20 MB
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await svc.addLeadAttachment(ctx, actor, req.params.id, file));
      },
    );
    app.delete(
      '/api/leads/:id/attachments/:attachmentId',
      { schema: { tags, summary: '删除问题线索附件', params: id.extend({ attachmentId: z.string().uuid() }) } },
      async (req) => {
        await svc.deleteLeadAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
        return { ok: true };
      },
    );
    app.post('/api/leads/:id/reopen', { schema: { tags, summary: '重新打开已办结的问题线索', params: id, body: leadReopenInput } }, async (req) =>
      svc.reopenLead(ctx, actorOf(req), req.params.id, req.body),
    );
  };
}
