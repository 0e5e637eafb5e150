import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as rectification from './index';
import {
  interventionInput,
  itemExtendInput,
  itemUpdateInput,
  itemProgressInput,
  planReviewInput,
  ratingSubmitInput,
  representativeInput,
  rectificationReportInput,
  signOffApproveInput,
} from './inputs';

const ID = '00000000-0000-4000-8000-000000000001';
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('rectification inputs', () => {
  const item = { kind: 'limited', leadUnit: { name: '某某镇党委' }, responsibleLeader: '张三', deadline: '2026-06-30' };

  it('an item defaults to the town Party committee as the responsible unit', () => {
    expect(itemUpdateInput.parse(item)).toEqual({
      kind: 'limited',
      responsibleUnitKind: 'town',
      responsibleOrgId: null,
      leadUnit: { orgId: null, name: '某某镇党委' },
      cooperatingUnits: [],
      responsibleLeader: '张三',
      handler: '',
      measures: '',
      deadline: '2026-06-30',
      competentDepartmentOrgId: null,
    });
  });

  it('refuses bad items in Chinese', () => {
    expect(messages(itemUpdateInput.safeParse({ ...item, kind: 'later' }))).toEqual(['请选择整改类型（立行立改、限期整改或长期坚持）']);
    expect(messages(itemUpdateInput.safeParse({ ...item, kind: 'long_term' }))).toEqual(['长期坚持类整改事项不设最终期限，实行定期报告']);
    expect(messages(itemUpdateInput.safeParse({ ...item, deadline: '2026-02-30' }))).toEqual(['日期应为有效的 YYYY-MM-DD 格式']);
    expect(messages(itemUpdateInput.safeParse({ ...item, responsibleUnitKind: 'village' }))).toEqual(['责任单位为村或职能部门时，请选择具体单位']);
    expect(messages(itemUpdateInput.safeParse({ ...item, cooperatingUnits: [{ name: '某某镇党委' }] }))).toEqual(['牵头单位不能同时作为配合单位']);
    expect(messages(itemUpdateInput.safeParse({ ...item, responsibleLeader: ' ', responsibleOrgId: 'x' }))).toEqual(['编号格式不正确', '请填写责任领导']);
    expect(itemUpdateInput.safeParse({ ...item, kind: 'long_term', deadline: null }).success).toBe(true);
  });

  it('progress, extension and sign-off inputs', () => {
    expect(messages(itemProgressInput.safeParse({ text: '', reportedOn: '2026-05-01' }))).toEqual(['请填写整改进展情况']);
    expect(itemProgressInput.parse({ text: '已完成', reportedOn: '2026-05-01' }).evidenceFileIds).toEqual([]);
    expect(messages(itemExtendInput.safeParse({ deadline: '2026-09-30', reason: '' }))).toEqual(['请写明延期理由']);
    expect(messages(signOffApproveInput.safeParse({ evidenceVersion: 0 }))).toEqual(['材料版本号应为整数']);
    expect(signOffApproveInput.parse({ evidenceVersion: 2 })).toEqual({ evidenceVersion: 2, comment: '' });
  });

  it('plans, reviews and reports', () => {
    expect(messages(planReviewInput.safeParse({ decision: 'returned' }))).toEqual(['退回须填写审核意见']);
    expect(planReviewInput.safeParse({ decision: 'accepted' }).success).toBe(true);
    expect(messages(rectificationReportInput.safeParse({ submittedOn: '2026-05-01', content: '报告' }))).toEqual(['请填写主要负责人组织落实情况']);
  });

  it('representatives and answers', () => {
    expect(representativeInput.parse({ name: '李四', category: 'old_party_member' })).toEqual({ name: '李四', category: 'old_party_member', phone: null });
    expect(messages(representativeInput.safeParse({ name: '王五', category: 'cadre', phone: '123' }))).toEqual([
      '请选择代表类别（老党员、致富带头人、普通农民、返乡青年、乡镇企业主）',
      '手机号码应为 11 位数字',
    ]);
    expect(messages(ratingSubmitInput.safeParse({ answers: [{ itemId: ID, answer: 'unsatisfied' }] }))).toEqual(['选择“不满意”时请写明意见']);
    expect(messages(ratingSubmitInput.safeParse({ answers: [] }))).toEqual(['请至少评议一项整改事项']);
    expect(
      messages(
        ratingSubmitInput.safeParse({
          answers: [
            { itemId: ID, answer: 'satisfied' },
            { itemId: ID, answer: 'basically_satisfied' },
          ],
        }),
      ),
    ).toEqual(['同一整改事项只能评议一次']);
  });

  it('talks and accountability', () => {
    const ok = { kind: 'talk', ground: 'overdue', itemIds: [ID], happenedOn: '2026-07-02', persons: '某某镇党委书记', content: '约谈' };
    expect(interventionInput.safeParse(ok).success).toBe(true);
    expect(messages(interventionInput.safeParse({ ...ok, kind: 'fine', itemIds: [], persons: '' }))).toEqual(['请选择督促提醒、约谈或问责', '请选择相关整改事项', '请填写约谈或问责对象']);
  });

  it('the index exposes the whole area', () => {
    for (const name of ['itemMove', 'planMove', 'alertToSend', 'approveSignOff', 'closureBlockers', 'tallyRatings', 'rectifiedRate', 'evaluate', 'isPublishable', 'lookBackCandidates', 'itemUpdateInput']) {
      expect(typeof (rectification as Record<string, unknown>)[name]).not.toBe('undefined');
    }
  });

  /** Every schema the area exports, fed missing and wrongly typed input, answers only in Chinese. */
  const schemas = Object.entries(rectification as Record<string, unknown>).flatMap(([n, v]): [string, z.ZodType][] => (v instanceof z.ZodType ? [[n, v]] : []));
  it('exports the schemas', () => expect(schemas.length).toBeGreaterThanOrEqual(15));
  it.each(schemas.map(([name]) => name))('%s speaks Chinese on bad input', (name) => {
    const schema = schemas.find(([n]) => n === name)![1];
    const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : { x: 1 };
    const junk = [undefined, null, 42, 'x', {}, Object.fromEntries(Object.keys(shape).map((k) => [k, true])), Object.fromEntries(Object.keys(shape).map((k) => [k, [1]]))];
    for (const input of junk) {
      const r = schema.safeParse(input);
      if (!r.success) for (const issue of r.error.issues) expect(`${issue.path.join('.')}: ${issue.message}`).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
