import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  itemExtendInput,
  itemKindField,
  itemProgressInput,
  itemReopenInput,
  itemReturnInput,
  itemSubmitInput,
  itemUpdateInput,
  ITEM_STATUS_LIST,
  signOffApproveInput,
  signOffReturnInput,
  signOffSettingsInput,
  type ItemStatus,
} from '../../../domain/rectification';
import { isIsoDate } from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { XLSX_MIME } from '../documents';
import { contentDisposition, loadAttachment, multipartDoc, uploadedAttachment } from '../files';
import * as svc from './items.service';

const id = z.object({ id: z.string().max(64) });
const scopeQuery = {
  roundId: z.string().uuid('轮次编号格式不正确').optional(),
  townCode: z.string().regex(/^\d{9}$/, '镇（街道）代码应为 9 位数字').optional(),
  villageCode: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字').optional(),
};
const startInput = z.object(
  {
    measures: z.string({ message: '整改措施应为文字' }).trim().max(4000, '整改措施不能超过 4000 个字').optional(),
    deadline: z
      .string({ message: '请填写整改期限' })
      .refine(isIsoDate, '日期应为有效的 YYYY-MM-DD 格式')
      .nullable()
      .optional(),
  },
  { message: '提交的内容格式不正确' },
);
const acceptInput = z.object({ comment: z.string({ message: '核查意见应为文字' }).trim().max(1000, '核查意见不能超过 1000 个字').default('') }, { message: '提交的内容格式不正确' });

export function itemRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification'];

    app.get(
      '/api/rectification/items',
      {
        schema: {
          tags,
          summary: '整改台账：整改事项列表（按辖区、巡察组对象筛选），附各状态数量',
          querystring: z.object({
            ...scopeQuery,
            status: z.enum(ITEM_STATUS_LIST as [ItemStatus, ...ItemStatus[]], { message: '整改状态无效' }).optional(),
            kind: itemKindField.optional(),
            overdue: z.enum(['0', '1'], { message: '逾期标记应为 0 或 1' }).optional(),
            q: z.string().max(100, '关键词不能超过 100 个字').optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => svc.listItems(ctx, actorOf(req), { ...req.query, overdue: req.query.overdue === '1' }),
    );
    app.get(
      '/api/rectification/items/places',
      { schema: { tags, summary: '有整改事项的镇（街道）和村（社区）（筛选用）', querystring: z.object({ roundId: scopeQuery.roundId }) } },
      async (req) => svc.listPlaces(ctx, actorOf(req), req.query),
    );
    app.get(
      '/api/rectification/items/ledger.xlsx',
      { schema: { tags, summary: '导出三清单一台账（.xlsx：问题清单、任务清单、责任清单、整改台账；按轮次、镇或村）', querystring: z.object(scopeQuery) } },
      async (req, reply) => {
        const file = await svc.itemsLedger(ctx, actorOf(req), req.query);
        return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);
      },
    );
    app.post(
      '/api/rectification/rounds/:roundId/generate-items',
      { schema: { tags, summary: '生成整改事项（已审定且已反馈的问题，每个问题一项；重复执行不会重复生成）', params: z.object({ roundId: z.string().max(64) }) } },
      async (req) => svc.generateItems(ctx, actorOf(req), req.params.roundId),
    );
    app.get('/api/rectification/sign-off-settings', { schema: { tags, summary: '销号审核单位设置' } }, async (req) => svc.getSignOffSettings(ctx, actorOf(req)));
    app.put('/api/rectification/sign-off-settings', { schema: { tags, summary: '设置销号审核单位（巡察办）', body: signOffSettingsInput } }, async (req) =>
      svc.updateSignOffSettings(ctx, actorOf(req), req.body),
    );

    app.get('/api/rectification/items/:id', { schema: { tags, summary: '整改事项详情（进展、佐证材料、销号审核）', params: id } }, async (req) => svc.getItem(ctx, actorOf(req), req.params.id));
    app.get('/api/rectification/items/:id/unit-options', { schema: { tags, summary: '可选的责任单位、牵头和配合单位、主管部门', params: id } }, async (req) =>
      svc.unitOptions(ctx, actorOf(req), req.params.id),
    );
    app.put('/api/rectification/items/:id', { schema: { tags, summary: '修改整改措施、责任单位和整改类型', params: id, body: itemUpdateInput } }, async (req) =>
      svc.updateItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/start', { schema: { tags, summary: '确定整改措施和期限，开始整改', params: id, body: startInput } }, async (req) =>
      svc.startItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/progress', { schema: { tags, summary: '报告整改进展（可附已上传的佐证材料）', params: id, body: itemProgressInput } }, async (req) =>
      svc.reportProgress(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/rectification/items/:id/evidence',
      { schema: { tags, summary: '上传整改佐证材料（材料版本随之更新，之前的销号审核需重新进行）', params: id, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await svc.checkEvidenceAccess(ctx, actor, req.params.id); // refuse out-of-scope before reading 20 MB
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await svc.addEvidence(ctx, actor, req.params.id, file));
      },
    );
    app.post('/api/rectification/items/:id/submit', { schema: { tags, summary: '申请销号', params: id, body: itemSubmitInput } }, async (req) =>
      svc.submitItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/accept', { schema: { tags, summary: '核查通过，进入销号审核（巡察组或巡察办）', params: id, body: acceptInput } }, async (req) =>
      svc.acceptItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/approve', { schema: { tags, summary: '销号审核通过（注明所看材料版本）', params: id, body: signOffApproveInput } }, async (req) =>
      svc.approveItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/return', { schema: { tags, summary: '退回整改（核查或销号审核中，须说明理由）', params: id, body: itemReturnInput.or(signOffReturnInput) } }, async (req) =>
      svc.returnItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/extend', { schema: { tags, summary: '延长整改期限（巡察办，须说明理由）', params: id, body: itemExtendInput } }, async (req) =>
      svc.extendItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/rectification/items/:id/reopen', { schema: { tags, summary: '重新打开已销号的整改事项（巡察办，须说明理由）', params: id, body: itemReopenInput } }, async (req) =>
      svc.reopenItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/api/rectification/files/:attachmentId',
      { schema: { tags, summary: '下载整改佐证材料', params: z.object({ attachmentId: z.string().max(64) }), querystring: z.object({ download: z.enum(['0', '1']).optional() }) } },
      async (req, reply) => {
        const actor = actorOf(req);
        const file = await loadAttachment(ctx.db, req.params.attachmentId);
        if (!file || file.ownerKind !== svc.EVIDENCE_OWNER) throw new DomainError('NOT_FOUND', '附件不存在或无权查看');
        await svc.checkEvidenceAccess(ctx, actor, file.ownerId);
        const inline = req.query.download !== '1' && /^(image\/(jpeg|png|webp|gif)|application\/pdf)$/.test(file.mime);
        return reply
          .header('content-type', file.mime)
          .header('content-length', String(file.content.length))
          .header('content-disposition', contentDisposition(file.fileName, inline ? 'inline' : 'attachment'))
          .header('cache-control', 'private, max-age=3600')
          .send(file.content);
      },
    );
  };
}
