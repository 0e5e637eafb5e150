import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { messageInput } from '../../../domain/public-reports/messages';
import { revealInput } from '../../../domain/public-reports/reveal';
import { DomainError } from '../../../domain/shared/errors';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { STATUS_BY_CODE } from '../../http/errors';
import { contentDisposition, multipartDoc } from '../files';
import * as inbox from './inbox.service';
import * as intake from './intake.service';
import * as notices from './notices.service';
import * as posters from './posters.service';
import { noticeInput } from '../../../domain/public-reports/notice';
import { DOCX_MIME } from '../documents';
import * as links from './links.service';
import { publicUploadedFile } from './public-upload';
import { publicClientKey } from './rate-limiter';
import { errorPage, publicPageCsp, receiptPage, reportPage } from './report.page';

const codeParams = z.object({ code: z.string().max(40) });
const idParams = z.object({ id: z.string().max(64) });
const attachmentParams = z.object({ id: z.string().max(64), attachmentId: z.string().max(64) });
const linkParams = z.object({ id: z.string().max(64), linkId: z.string().max(64) });
const roundQuery = z.object({ roundId: z.string({ message: '请选择巡察轮次' }).max(64) });
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function publicReportRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public-reports'];
    const pub = ['public'];
    // Public routes: no session; a coarse per-address cap here, the policies of rate-limit.ts in the
    // service; Fastify's request log (address, user agent) is off for them (decision 0009).
    const publicConfig = { public: true, rateLimit: { max: Math.max(60, ctx.config.loginRatePerMinute), timeWindow: '1 minute' } };
    const quiet = { logLevel: 'warn' as const };
    const clientKey = (req: FastifyRequest) => publicClientKey(ctx, req.ip);

    // — the public —
    app.get('/api/public/reports/codes/:code', { ...quiet, config: publicConfig, schema: { tags: pub, summary: '码上巡：按扫码编号读取反映页面所需信息（预选村、问题类别、附件限制）', params: codeParams, security: [] } }, async (req) =>
      intake.resolveCode(ctx, req.params.code),
    );
    app.post(
      '/api/public/reports/codes/:code',
      { ...quiet, config: publicConfig, schema: { tags: pub, summary: '码上巡：提交反映（可匿名；实名信息加密保存；回执码只返回这一次）', params: codeParams, body: intake.submitInput, security: [] } },
      async (req) => intake.submit(ctx, req.log, clientKey(req), req.params.code, req.body),
    );
    app.post(
      '/api/public/reports/uploads',
      { ...quiet, config: publicConfig, schema: { tags: pub, summary: '码上巡：提交前上传附件（按内容检查类型，照片去除拍摄地点等信息）', ...multipartDoc, security: [] } },
      async (req, reply) => reply.status(201).send(await intake.upload(ctx, await publicUploadedFile(req))),
    );
    app.post('/api/public/reports/receipt', { ...quiet, config: publicConfig, schema: { tags: pub, summary: '凭回执码查看办理情况和留言', body: intake.receiptInput, security: [] } }, async (req) =>
      intake.readByReceipt(ctx, req.log, clientKey(req), req.body.receipt),
    );
    app.post(
      '/api/public/reports/receipt/messages',
      { ...quiet, config: publicConfig, schema: { tags: pub, summary: '凭回执码留言（回复巡察组、补充情况）', body: intake.reporterMessageBody, security: [] } },
      async (req) => intake.postByReceipt(ctx, req.log, clientKey(req), req.body.receipt, req.body.message),
    );

    const html = (reply: FastifyReply) => {
      const nonce = randomBytes(16).toString('base64');
      reply.header('content-security-policy', publicPageCsp(nonce)).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
      return nonce;
    };
    app.get('/p/r/:code', { ...quiet, config: publicConfig, schema: { tags: pub, summary: '码上巡反映页面（HTML，扫码打开）', params: codeParams, security: [] } }, async (req, reply) => {
      const nonce = html(reply);
      try {
        return reply.send(reportPage(await intake.resolveCode(ctx, req.params.code), nonce));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return reply.status(STATUS_BY_CODE[e.code]).send(errorPage(e.message, nonce));
      }
    });
    app.get('/p/receipt', { ...quiet, config: publicConfig, schema: { tags: pub, summary: '凭回执码查看办理情况页面（HTML）', security: [] } }, async (_req, reply) => reply.send(receiptPage(html(reply))));

    // — staff —
    app.get('/api/public-reports/key', { schema: { tags, summary: '身份信息加密密钥的设置情况' } }, async (req) => inbox.keyStatus(ctx, actorOf(req)));
    app.post('/api/public-reports/key', { schema: { tags, summary: '巡察办设置身份信息加密密钥（口令不保存在服务器，遗失则实名信息无法恢复）', body: inbox.keySetupInput } }, async (req, reply) =>
      reply.status(201).send(await inbox.setUpKey(ctx, actorOf(req), req.body)),
    );
    app.get('/api/public-reports/codes', { schema: { tags, summary: '本轮的扫码编号、链接和二维码', querystring: roundQuery } }, async (req) => inbox.listCodes(ctx, actorOf(req), req.query.roundId, origin(req)));
    app.post('/api/public-reports/codes', { schema: { tags, summary: '为本轮所有巡察对象和巡察组生成扫码编号（已有的保留）', body: roundQuery } }, async (req) =>
      inbox.generateCodes(ctx, actorOf(req), req.body.roundId, origin(req)),
    );
    // — 巡察公告: notice facts per round × team, posters as .docx and for the print page —
    const noticeParams = z.object({ roundId: z.string().max(64), teamId: z.string().max(64) });
    const posterQuery = z.object({ roundId: z.string({ message: '请选择巡察轮次' }).max(64), targetId: z.string().max(64).optional() });
    const docx = (reply: FastifyReply, file: posters.PosterFile) =>
      reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(file.fileName, 'attachment')).header('cache-control', 'private, no-store').send(file.buffer);
    app.get('/api/public-reports/notices', { schema: { tags, summary: '本轮各巡察组的巡察公告信息（举报电话、信箱、进驻期间、信访受理截止日期）', querystring: roundQuery } }, async (req) =>
      notices.listNotices(ctx, actorOf(req), req.query.roundId),
    );
    app.put('/api/public-reports/notices/:roundId/:teamId', { schema: { tags, summary: '巡察办填写或修改巡察组的巡察公告信息', params: noticeParams, body: noticeInput } }, async (req) =>
      notices.saveNotice(ctx, actorOf(req), req.params.roundId, req.params.teamId, req.body),
    );
    app.get('/api/public-reports/poster-pages', { schema: { tags, summary: '巡察公告打印页所需内容（一个或本轮全部巡察对象，含二维码）', querystring: posterQuery } }, async (req) =>
      posters.listPosters(ctx, actorOf(req), req.query.roundId, req.query.targetId, origin(req)),
    );
    app.get('/api/public-reports/posters', { schema: { tags, summary: '本轮全部巡察对象的巡察公告（.docx，每个对象一页）', querystring: roundQuery } }, async (req, reply) =>
      docx(reply, await posters.roundPostersDocx(ctx, actorOf(req), req.query.roundId, origin(req))),
    );
    app.get('/api/public-reports/posters/:targetId.docx', { schema: { tags, summary: '一个巡察对象的巡察公告（.docx）', params: z.object({ targetId: z.string().max(64) }) } }, async (req, reply) =>
      docx(reply, await posters.targetPosterDocx(ctx, actorOf(req), req.params.targetId, origin(req))),
    );
    // — end 巡察公告 —
    app.get('/api/public-reports/reports', { schema: { tags, summary: '群众来件收件箱（按轮次、状态、关键词筛选，分页）', querystring: inbox.listQuery } }, async (req) => inbox.listReports(ctx, actorOf(req), req.query));
    app.get('/api/public-reports/reports/:id', { schema: { tags, summary: '群众来件详情和留言', params: idParams } }, async (req) => inbox.getReport(ctx, actorOf(req), req.params.id));
    app.post('/api/public-reports/reports/:id/messages', { schema: { tags, summary: '答复反映人（反映人凭回执码查看）', params: idParams, body: messageInput } }, async (req) =>
      inbox.reply(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/public-reports/reports/:id/triage', { schema: { tags, summary: '办理来件：受理、合并、转交、办结答复、重新打开', params: idParams, body: inbox.triageInput } }, async (req) =>
      inbox.triage(ctx, actorOf(req), req.params.id, req.body),
    );
    app.get('/api/public-reports/reports/:id/link-candidates', { schema: { tags, summary: '可关联的问题底稿和问题线索（本轮本村及本乡镇层面的，按编号或标题搜索）', params: idParams, querystring: links.candidatesQuery } }, async (req) =>
      links.linkCandidates(ctx, actorOf(req), req.params.id, req.query),
    );
    app.post('/api/public-reports/reports/:id/links', { schema: { tags, summary: '关联问题底稿或线索（来件转为已转办，可继续添加）', params: idParams, body: links.linkInput } }, async (req) => {
      await links.linkReport(ctx, actorOf(req), req.params.id, req.body);
      return inbox.getReport(ctx, actorOf(req), req.params.id);
    });
    app.post(
      '/api/public-reports/reports/:id/links/:linkId/unlink',
      { schema: { tags, summary: '解除关联（须写明理由，保留记录；最后一项解除后来件回到已受理）', params: linkParams, body: links.unlinkInput } },
      async (req) => {
        await links.unlinkReport(ctx, actorOf(req), req.params.id, req.params.linkId, req.body);
        return inbox.getReport(ctx, actorOf(req), req.params.id);
      },
    );
    app.get('/api/public-reports/links', { schema: { tags, summary: '问题底稿或问题线索的来源群众来件（类别、日期、状态，不含反映人和反映内容）', querystring: links.sourcesQuery } }, async (req) =>
      links.sourceReports(ctx, actorOf(req), req.query),
    );
    app.post('/api/public-reports/reports/:id/reveal', { schema: { tags, summary: '查看实名反映人身份（巡察办，须密钥口令和理由，记入审计）', params: idParams, body: revealInput } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return inbox.reveal(ctx, actorOf(req), req.params.id, req.body);
    });
    app.get('/api/public-reports/reports/:id/attachments/:attachmentId', { schema: { tags, summary: '下载来件附件', params: attachmentParams } }, async (req, reply) => {
      const file = await inbox.reportAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.fileName, 'attachment'))
        .header('cache-control', 'private, no-store')
        .send(file.content);
    });
  };
}
