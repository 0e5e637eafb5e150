import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveInput,
  feedbackInput,
  hearingInput,
  reopenInput,
  reportEditInput,
  specialReportInput,
  suggestionInput,
  suggestionReplyInput,
  suggestionSendInput,
  transferCompleteInput,
  transferItemInput,
} from '../../../domain/reports/inputs';
import { TRANSFER_STATUS_LIST, type TransferStatus } from '../../../domain/reports/tracking';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import { DOCX_MIME, XLSX_MIME } from '../documents';
import { contentDisposition } from '../files';
import * as docs from './reports.documents';
import * as svc from './reports.service';
import * as track from './tracking.service';

const round = z.object({ roundId: z.string().max(64) });
const target = round.extend({ targetId: z.string().max(64) });
const id = z.object({ id: z.string().max(64) });
const page = z.object({ ...pageQuery });

export function reportRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    const send = (reply: { header: (k: string, v: string) => typeof reply; send: (b: Buffer) => unknown }, file: docs.GeneratedFile, mime: string) =>
      reply.header('content-type', mime).header('content-disposition', contentDisposition(file.fileName, 'attachment')).send(file.buffer);

    // — targets: 巡察报告 and feedback —
    app.get('/api/reports/rounds/:roundId/targets', { schema: { tags, summary: '一轮的巡察对象及其报告、反馈情况（巡察组只看本组对象）', params: round, querystring: page } }, async (req) =>
      svc.listTargets(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.get('/api/reports/rounds/:roundId/targets/:targetId', { schema: { tags, summary: '巡察对象的巡察报告、问题汇总和按顺序的反馈', params: target } }, async (req) =>
      svc.getTargetReport(ctx, actorOf(req), req.params.roundId, req.params.targetId),
    );
    app.post('/api/reports/rounds/:roundId/targets/:targetId/report', { schema: { tags, summary: '由已审定的问题底稿汇总生成（或重新汇总）巡察报告草稿（报告阶段起）', params: target } }, async (req) =>
      svc.assembleReport(ctx, actorOf(req), req.params.roundId, req.params.targetId),
    );
    app.put('/api/reports/rounds/:roundId/targets/:targetId/report', { schema: { tags, summary: '修改巡察报告（审定前）', params: target, body: reportEditInput } }, async (req) =>
      svc.editReport(ctx, actorOf(req), req.params.roundId, req.params.targetId, req.body),
    );
    app.post('/api/reports/rounds/:roundId/targets/:targetId/report/hear', { schema: { tags, summary: '登记领导小组听取巡察报告（巡察办）', params: target, body: hearingInput } }, async (req) =>
      svc.hearReport(ctx, actorOf(req), req.params.roundId, req.params.targetId, req.body),
    );
    app.post('/api/reports/rounds/:roundId/targets/:targetId/report/approve', { schema: { tags, summary: '审定巡察报告（巡察办；须先登记听取汇报）', params: target, body: approveInput } }, async (req) =>
      svc.approveReport(ctx, actorOf(req), req.params.roundId, req.params.targetId, req.body.approvedOn),
    );
    app.post('/api/reports/rounds/:roundId/targets/:targetId/report/reopen', { schema: { tags, summary: '重新打开已审定的巡察报告（巡察办，须说明原因；已反馈的不能）', params: target, body: reopenInput } }, async (req) =>
      svc.reopenReport(ctx, actorOf(req), req.params.roundId, req.params.targetId, req.body.reason),
    );
    app.post(
      '/api/reports/rounds/:roundId/targets/:targetId/feedback',
      { schema: { tags, summary: '登记反馈：先向乡镇（对象本身），再向各村；报告审定后、反馈阶段起', params: target, body: feedbackInput } },
      async (req, reply) => reply.status(201).send(await svc.recordFeedback(ctx, actorOf(req), req.params.roundId, req.params.targetId, req.body)),
    );
    app.get('/api/reports/rounds/:roundId/targets/:targetId/report.docx', { schema: { tags, summary: '巡察报告（.docx，公文格式）', params: target } }, async (req, reply) =>
      send(reply, await docs.reportDocx(ctx, actorOf(req), req.params.roundId, req.params.targetId), DOCX_MIME),
    );
    app.get('/api/reports/rounds/:roundId/targets/:targetId/feedback.docx', { schema: { tags, summary: '反馈意见（.docx，附各村问题清单；报告审定后）', params: target } }, async (req, reply) =>
      send(reply, await docs.feedbackDocx(ctx, actorOf(req), req.params.roundId, req.params.targetId), DOCX_MIME),
    );
    app.get(
      '/api/reports/rounds/:roundId/targets/:targetId/villages/:villageCode/problem-list.docx',
      { schema: { tags, summary: '村问题清单（.docx，该村已审定的问题）', params: target.extend({ villageCode: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字') }) } },
      async (req, reply) => send(reply, await docs.problemListDocx(ctx, actorOf(req), req.params.roundId, req.params.targetId, req.params.villageCode), DOCX_MIME),
    );

    // — 专题报告 —
    app.get('/api/reports/rounds/:roundId/special-reports', { schema: { tags, summary: '一轮的专题报告', params: round, querystring: page } }, async (req) =>
      svc.listSpecialReports(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.post('/api/reports/rounds/:roundId/special-reports', { schema: { tags, summary: '新建专题报告（共性问题）', params: round, body: specialReportInput } }, async (req, reply) =>
      reply.status(201).send(await svc.createSpecialReport(ctx, actorOf(req), req.params.roundId, req.body)),
    );
    app.put('/api/reports/special-reports/:id', { schema: { tags, summary: '修改专题报告', params: id, body: specialReportInput.extend({ version: z.number().int().min(1) }) } }, async (req) =>
      svc.updateSpecialReport(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/reports/special-reports/:id', { schema: { tags, summary: '删除专题报告', params: id } }, async (req) => {
      await svc.deleteSpecialReport(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });

    // — 职能部门 —
    app.get('/api/reports/rounds/:roundId/departments', { schema: { tags, summary: '可制发建议书、移交事项的职能部门', params: round } }, async (req) =>
      track.listDepartments(ctx, actorOf(req), req.params.roundId),
    );

    // — 巡察建议书 —
    app.get('/api/reports/rounds/:roundId/suggestions', { schema: { tags, summary: '一轮的巡察建议书（含逾期未回复标记）', params: round, querystring: page } }, async (req) =>
      track.listSuggestions(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.post('/api/reports/rounds/:roundId/suggestions', { schema: { tags, summary: '新建巡察建议书（按轮次编号）', params: round, body: suggestionInput } }, async (req, reply) =>
      reply.status(201).send(await track.createSuggestion(ctx, actorOf(req), req.params.roundId, req.body)),
    );
    app.put('/api/reports/suggestions/:id', { schema: { tags, summary: '修改巡察建议书（发出前）', params: id, body: suggestionInput } }, async (req) =>
      track.updateSuggestion(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/reports/suggestions/:id/send', { schema: { tags, summary: '登记发出巡察建议书（回复期限默认发出后 30 日）', params: id, body: suggestionSendInput } }, async (req) =>
      track.sendSuggestion(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/reports/suggestions/:id/reply', { schema: { tags, summary: '登记职能部门的书面回复', params: id, body: suggestionReplyInput } }, async (req) =>
      track.replySuggestion(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/reports/suggestions/:id', { schema: { tags, summary: '删除未发出的巡察建议书', params: id } }, async (req) => {
      await track.deleteSuggestion(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });
    app.get('/api/reports/suggestions/:id/letter.docx', { schema: { tags, summary: '巡察建议书（.docx，公文格式）', params: id } }, async (req, reply) =>
      send(reply, await docs.suggestionLetter(ctx, actorOf(req), req.params.id), DOCX_MIME),
    );

    // — 移交事项 —
    app.get(
      '/api/reports/rounds/:roundId/transfer-items',
      { schema: { tags, summary: '一轮的移交事项（含即将到期、已逾期标记）', params: round, querystring: page.extend({ status: z.enum(TRANSFER_STATUS_LIST as [TransferStatus, ...TransferStatus[]], { message: '未知的状态' }).optional() }) } },
      async (req) => track.listTransferItems(ctx, actorOf(req), req.params.roundId, req.query),
    );
    app.post('/api/reports/rounds/:roundId/transfer-items', { schema: { tags, summary: '登记移交事项（可来自已审定的问题底稿）', params: round, body: transferItemInput } }, async (req, reply) =>
      reply.status(201).send(await track.createTransferItem(ctx, actorOf(req), req.params.roundId, req.body)),
    );
    app.post('/api/reports/transfer-items/:id/complete', { schema: { tags, summary: '办结移交事项（办理结果和日期）', params: id, body: transferCompleteInput } }, async (req) =>
      track.completeTransferItem(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/reports/transfer-items/:id', { schema: { tags, summary: '删除未办结的移交事项', params: id } }, async (req) => {
      await track.deleteTransferItem(ctx, actorOf(req), req.params.id);
      return { ok: true };
    });
    app.get('/api/reports/rounds/:roundId/transfer-items.xlsx', { schema: { tags, summary: '移交事项台账（.xlsx）', params: round } }, async (req, reply) =>
      send(reply, await docs.transferLedger(ctx, actorOf(req), req.params.roundId), XLSX_MIME),
    );
  };
}
