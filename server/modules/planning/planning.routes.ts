import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  copyRoundRequestInput,
  feedbackInput,
  milestonesInput,
  personInput,
  phaseMoveInput,
  roundCreateInput,
  roundUpdateInput,
  targetCreateInput,
  targetUpdateInput,
  teamAssignInput,
  teamMemberRequestInput,
  teamRequestInput,
} from '../../../domain/planning/requests';
import { ROUND_PHASE_LIST, type RoundPhase } from '../../../domain/planning/round';
import { isoDateField } from '../../../domain/shared/calendar';
import { actorOf } from '../../http/auth';
import type { AppContext } from '../../http/context';
import { pageQuery } from '../../http/pagination';
import * as calendar from './calendar.service';
import * as people from './people.service';
import * as rounds from './rounds.service';
import * as targets from './targets.service';
import * as teams from './teams.service';
import * as plans from './term-plans.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const targetParams = z.object({ id: z.string().min(1).max(64), targetId: z.string().min(1).max(64) });
const teamParams = z.object({ id: z.string().min(1).max(64), teamId: z.string().min(1).max(64) });
const memberParams = teamParams.extend({ personId: z.string().min(1).max(64) });
const year = z.coerce.number().int().min(2000, '年度不早于 2000 年').max(2100, '年度不晚于 2100 年');
const ok = { ok: true as const };

export function planningRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['planning'];

    // --- term plans ---
    app.get('/api/planning/term-plans', { schema: { tags, summary: '巡察规划列表' } }, async (req) => plans.listTermPlans(ctx, actorOf(req)));
    app.post('/api/planning/term-plans', { schema: { tags, summary: '新建巡察规划（一届一规划）', body: plans.termPlanRequest } }, async (req, reply) =>
      reply.status(201).send(await plans.createTermPlan(ctx, actorOf(req), req.body)),
    );
    app.get('/api/planning/term-plans/:id', { schema: { tags, summary: '巡察规划', params: idParams } }, async (req) => plans.getTermPlan(ctx, actorOf(req), req.params.id));
    app.put('/api/planning/term-plans/:id', { schema: { tags, summary: '修改巡察规划', params: idParams, body: plans.termPlanRequest } }, async (req) =>
      plans.updateTermPlan(ctx, actorOf(req), req.params.id, req.body),
    );
    app.get('/api/planning/term-plans/:id/coverage', { schema: { tags, summary: '全覆盖进度：按乡镇和年度统计已巡、已安排、未安排', params: idParams } }, async (req) =>
      plans.termPlanCoverage(ctx, actorOf(req), req.params.id),
    );

    // --- calendar ---
    app.get('/api/planning/calendar', { schema: { tags, summary: '全年日历：法定节假日、调休上班日和自定义设置', querystring: z.object({ year }) } }, async (req) =>
      calendar.calendarYear(ctx, actorOf(req), req.query.year),
    );
    app.get(
      '/api/planning/calendar/working-days',
      { schema: { tags, summary: '计算两个日期之间（含首尾）的工作日', querystring: z.object({ from: isoDateField, to: isoDateField }) } },
      async (req) => calendar.workingDaysReport(ctx, actorOf(req), req.query.from, req.query.to),
    );
    app.put(
      '/api/planning/calendar/overrides/:date',
      {
        schema: {
          tags,
          summary: '设置某日上班或休息（补充或更正官方安排）',
          params: z.object({ date: isoDateField }),
          body: z.object({ kind: z.enum(['workday', 'holiday'], { message: '请选择“上班”或“休息”' }), note: z.string().trim().max(100, '说明不超过 100 字').optional() }),
        },
      },
      async (req) => calendar.setCalendarOverride(ctx, actorOf(req), req.params.date, req.body),
    );
    app.delete('/api/planning/calendar/overrides/:date', { schema: { tags, summary: '删除某日的自定义设置', params: z.object({ date: isoDateField }) } }, async (req) =>
      calendar.removeCalendarOverride(ctx, actorOf(req), req.params.date),
    );

    // --- rounds ---
    app.get(
      '/api/planning/rounds',
      {
        schema: {
          tags,
          summary: '巡察轮次列表',
          querystring: z.object({
            year: year.optional(),
            phase: z.enum(ROUND_PHASE_LIST as [RoundPhase, ...RoundPhase[]]).optional(),
            q: z.string().max(60).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => rounds.listRounds(ctx, actorOf(req), req.query),
    );
    app.post('/api/planning/rounds', { schema: { tags, summary: '新建巡察轮次', body: roundCreateInput } }, async (req, reply) =>
      reply.status(201).send(await rounds.createRound(ctx, actorOf(req), req.body)),
    );
    app.get('/api/planning/rounds/:id', { schema: { tags, summary: '巡察轮次：基本信息、阶段、巡察对象和巡察组', params: idParams } }, async (req) =>
      rounds.getRound(ctx, actorOf(req), req.params.id),
    );
    app.put('/api/planning/rounds/:id', { schema: { tags, summary: '修改巡察轮次（编号、日期、驻点天数、环节设置仅限准备阶段）', params: idParams, body: roundUpdateInput } }, async (req) =>
      rounds.updateRound(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post('/api/planning/rounds/:id/copy', { schema: { tags, summary: '以本轮为基础新建一轮（状态重置）', params: idParams, body: copyRoundRequestInput } }, async (req, reply) =>
      reply.status(201).send(await rounds.copyRound(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.post('/api/planning/rounds/:id/phase', { schema: { tags, summary: '轮次转入另一阶段', params: idParams, body: phaseMoveInput } }, async (req) =>
      rounds.transitionRound(ctx, actorOf(req), req.params.id, req.body),
    );
    app.put('/api/planning/rounds/:id/milestones', { schema: { tags, summary: '记录报告审定、成效评估完成日期', params: idParams, body: milestonesInput } }, async (req) =>
      rounds.recordMilestones(ctx, actorOf(req), req.params.id, req.body),
    );

    // --- targets ---
    app.post('/api/planning/rounds/:id/targets', { schema: { tags, summary: '新增巡察对象', params: idParams, body: targetCreateInput } }, async (req, reply) =>
      reply.status(201).send(await targets.addTarget(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.put('/api/planning/rounds/:id/targets/:targetId', { schema: { tags, summary: '修改巡察对象', params: targetParams, body: targetUpdateInput } }, async (req) =>
      targets.updateTarget(ctx, actorOf(req), req.params.id, req.params.targetId, req.body),
    );
    app.delete('/api/planning/rounds/:id/targets/:targetId', { schema: { tags, summary: '删除巡察对象', params: targetParams } }, async (req) => {
      await targets.removeTarget(ctx, actorOf(req), req.params.id, req.params.targetId);
      return ok;
    });
    app.put('/api/planning/rounds/:id/targets/:targetId/team', { schema: { tags, summary: '为巡察对象分配巡察组（检查回避）', params: targetParams, body: teamAssignInput } }, async (req) =>
      targets.assignTeam(ctx, actorOf(req), req.params.id, req.params.targetId, req.body.teamId),
    );
    app.put('/api/planning/rounds/:id/targets/:targetId/feedback', { schema: { tags, summary: '记录向巡察对象反馈的日期', params: targetParams, body: feedbackInput } }, async (req) =>
      targets.recordFeedback(ctx, actorOf(req), req.params.id, req.params.targetId, req.body),
    );

    // --- teams ---
    app.get('/api/planning/rounds/:id/teams', { schema: { tags, summary: '本轮巡察组', params: idParams } }, async (req) => {
      const round = await rounds.getRound(ctx, actorOf(req), req.params.id);
      return { items: round.teams, total: round.teams.length };
    });
    app.post('/api/planning/rounds/:id/teams', { schema: { tags, summary: '新建巡察组', params: idParams, body: teamRequestInput } }, async (req, reply) =>
      reply.status(201).send(await teams.createTeam(ctx, actorOf(req), req.params.id, req.body)),
    );
    app.put('/api/planning/rounds/:id/teams/:teamId', { schema: { tags, summary: '修改巡察组（名称、组织、组长授权）', params: teamParams, body: teamRequestInput } }, async (req) =>
      teams.updateTeam(ctx, actorOf(req), req.params.id, req.params.teamId, req.body),
    );
    app.delete('/api/planning/rounds/:id/teams/:teamId', { schema: { tags, summary: '删除巡察组', params: teamParams } }, async (req) => {
      await teams.deleteTeam(ctx, actorOf(req), req.params.id, req.params.teamId);
      return ok;
    });
    app.post('/api/planning/rounds/:id/teams/:teamId/members', { schema: { tags, summary: '编入组员（检查回避）', params: teamParams, body: teamMemberRequestInput } }, async (req, reply) =>
      reply.status(201).send(await teams.addTeamMember(ctx, actorOf(req), req.params.id, req.params.teamId, req.body)),
    );
    app.delete('/api/planning/rounds/:id/teams/:teamId/members/:personId', { schema: { tags, summary: '移出组员', params: memberParams } }, async (req) =>
      teams.removeTeamMember(ctx, actorOf(req), req.params.id, req.params.teamId, req.params.personId),
    );

    // --- people ---
    app.get(
      '/api/planning/people',
      { schema: { tags, summary: '人员库', querystring: z.object({ q: z.string().max(40).optional(), expertise: z.string().max(20).optional(), ...pageQuery }) } },
      async (req) => people.listPeople(ctx, actorOf(req), req.query),
    );
    app.get('/api/planning/people/:id', { schema: { tags, summary: '人员详情', params: idParams } }, async (req) => people.getPerson(ctx, actorOf(req), req.params.id));
    app.post('/api/planning/people', { schema: { tags, summary: '新增人员', body: personInput } }, async (req, reply) =>
      reply.status(201).send(await people.createPerson(ctx, actorOf(req), req.body)),
    );
    app.put('/api/planning/people/:id', { schema: { tags, summary: '修改人员', params: idParams, body: personInput } }, async (req) =>
      people.updatePerson(ctx, actorOf(req), req.params.id, req.body),
    );
    app.delete('/api/planning/people/:id', { schema: { tags, summary: '删除人员', params: idParams } }, async (req) => {
      await people.deletePerson(ctx, actorOf(req), req.params.id);
      return ok;
    });

    // --- schedule ---
    app.get(
      '/api/planning/schedule',
      { schema: { tags, summary: '本辖区村（社区）的巡察安排（不含巡察内容）', querystring: z.object({ year: year.optional(), ...pageQuery }) } },
      async (req) => rounds.townSchedule(ctx, actorOf(req), req.query),
    );
  };
}
