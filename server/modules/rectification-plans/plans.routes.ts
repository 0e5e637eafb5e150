import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planReviewInput, rectificationReportInput } from '../../../domain/rectification/inputs';
import { planSettingsInput } from '../../../domain/rectification/plan';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { contentDisposition, multipartDoc, uploadedAttachment } from '../files';
import * as svc from './plans.service';

const round = z.object({ roundId: z.string().max(64) });
const town = round.extend({ townCode: z.string().max(16) });
const page = z.object({ ...pageQuery });
const attachment = town.extend({ attachmentId: z.string().uuid('附件编号格式不正确') });
const INLINE = /^(image\/(jpeg|png|webp|gif)|application\/pdf)$/;

export function planRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rectification-plans'];
    const base = '/api/rectification/plans';

    app.get(`${base}/settings`, { schema: { tags, summary: '整改情况报告期限（反馈后几个月）' } }, async (req) => svc.getPlanSettings(ctx, actorOf(req)));
    app.put(`${base}/settings`, { schema: { tags, summary: '设置整改情况报告期限（巡察办）', body: planSettingsInput } }, async (req) => svc.updatePlanSettings(ctx, actorOf(req), req.body));

    app.get(`${base}/rounds`, { schema: { tags, summary: '可查看整改方案与报告的巡察轮次', querystring: page } }, async (req) => svc.listPlanRounds(ctx, actorOf(req), req.query));
    app.get(`${base}/rounds/:roundId/towns`, { schema: { tags, summary: '一轮的各镇（街道）：整改方案联审进度、整改情况报告期限、向村反馈情况', params: round, querystring: page } }, async (req) =>
      svc.listTowns(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.get(`${base}/rounds/:roundId/towns/:townCode`, { schema: { tags, summary: '一个镇（街道）的整改方案、联审意见、整改情况报告和向村反馈', params: town } }, async (req) =>
      svc.getTown(ctx, actorOf(req), req.params.roundId, req.params.townCode),
    );

    // — 整改方案 —
    app.put(`${base}/rounds/:roundId/towns/:townCode/plan`, { schema: { tags, summary: '填写或修改整改方案（本镇，报送前或退回后）', params: town, body: svc.planEditInput } }, async (req) =>
      svc.savePlan(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.body),
    );
    app.post(
      `${base}/rounds/:roundId/towns/:townCode/plan/attachments`,
      { schema: { tags, summary: '上传整改方案附件（按内容检查类型，单个不超过 20 MB）', params: town, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await svc.checkPlanUpload(ctx, actor, req.params.roundId, req.params.townCode); // refuse before reading 20 MB
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await svc.addPlanAttachment(ctx, actor, req.params.roundId, req.params.townCode, file));
      },
    );
    app.delete(`${base}/rounds/:roundId/towns/:townCode/plan/attachments/:attachmentId`, { schema: { tags, summary: '删除整改方案附件', params: attachment } }, async (req) => {
      await svc.deletePlanAttachment(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.params.attachmentId);
      return { ok: true };
    });
    app.post(`${base}/rounds/:roundId/towns/:townCode/plan/submit`, { schema: { tags, summary: '报送整改方案联审（本镇；反馈登记后）', params: town } }, async (req) =>
      svc.submitPlan(ctx, actorOf(req), req.params.roundId, req.params.townCode),
    );
    app.post(`${base}/rounds/:roundId/towns/:townCode/plan/review`, { schema: { tags, summary: '联审整改方案：通过或退回修改（巡察办、纪委监委、组织部各自一次）', params: town, body: planReviewInput } }, async (req) =>
      svc.reviewPlan(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.body),
    );

    // — 整改情况报告 —
    app.put(`${base}/rounds/:roundId/towns/:townCode/report`, { schema: { tags, summary: '报送（或更正）整改情况报告（本镇；方案联审通过后）', params: town, body: rectificationReportInput } }, async (req) =>
      svc.submitTownReport(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.body),
    );
    app.post(
      `${base}/rounds/:roundId/towns/:townCode/report/attachments`,
      { schema: { tags, summary: '上传整改情况报告附件', params: town, ...multipartDoc } },
      async (req, reply) => {
        const actor = actorOf(req);
        await svc.checkReportUpload(ctx, actor, req.params.roundId, req.params.townCode);
        const file = await uploadedAttachment(req);
        return reply.status(201).send(await svc.addReportAttachment(ctx, actor, req.params.roundId, req.params.townCode, file));
      },
    );
    app.delete(`${base}/rounds/:roundId/towns/:townCode/report/attachments/:attachmentId`, { schema: { tags, summary: '删除整改情况报告附件', params: attachment } }, async (req) => {
      await svc.deleteReportAttachment(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.params.attachmentId);
      return { ok: true };
    });

    // — 镇向村反馈 —
    app.put(
      `${base}/rounds/:roundId/towns/:townCode/villages/:villageCode/feedback`,
      { schema: { tags, summary: '登记镇向村反馈（本镇，仅本轮在本镇的巡察村）', params: town.extend({ villageCode: z.string().max(16) }), body: svc.villageFeedbackEdit } },
      async (req) => svc.recordVillageFeedback(ctx, actorOf(req), req.params.roundId, req.params.townCode, req.params.villageCode, req.body),
    );

    app.get(`${base}/files/:attachmentId`, { schema: { tags, summary: '下载整改方案或整改情况报告的附件', params: z.object({ attachmentId: z.string().max(64) }), querystring: z.object({ download: z.enum(['0', '1']).optional() }) } }, async (req, reply) => {
      const file = await svc.planFile(ctx, actorOf(req), req.params.attachmentId);
      const disposition = req.query.download === '1' || !INLINE.test(file.mime) ? 'attachment' : 'inline';
      return reply
        .header('content-type', file.mime)
        .header('content-length', String(file.content.length))
        .header('content-disposition', contentDisposition(file.fileName, disposition))
        .header('cache-control', 'private, max-age=3600')
        .send(file.content);
    });
  };
}
