import { describe, expect, it } from 'vitest';
import { copyRound } from './copy-round';
import { roundDescription, type RoundDescriptionInput } from './round-description';

const previous: RoundDescriptionInput = {
  number: 3,
  year: 2025,
  theme: '聚焦群众身边不正之风和腐败问题',
  startDate: '2025-03-03',
  endDate: '2025-05-30',
  phase: 'rectification',
  onSitePolicy: { key: 12 },
  steps: { symposium: 'mandatory' },
  teams: [
    {
      key: 't1',
      name: '第一巡察组',
      leaderAuthorisation: { documentNumber: '溧巡领〔2025〕3号', date: '2025-02-20' },
      members: [
        { personId: 'p1', name: '王明', role: 'leader', avoidanceDeclared: true },
        { personId: 'p2', name: '赵强', role: 'member', avoidanceDeclared: true },
      ],
    },
  ],
  targets: [
    { kind: 'village', code: '320481102001', name: '东风村', mode: 'direct', importance: 'key', teamKey: 't1', status: 'completed' },
    {
      kind: 'town',
      code: '320481103',
      name: '南渡镇',
      mode: 'town_with_villages',
      villages: [{ code: '320481103004', name: '红旗村' }],
      teamKey: 't1',
      status: 'in_progress',
      minWorkingDays: 5,
    },
    {
      kind: 'department',
      code: 'org-minzheng',
      name: '县民政局',
      mode: 'department_with_villages',
      villages: [{ code: '320481102001', name: '东风村' }],
      teamKey: null,
    },
  ],
};

const prev = roundDescription.parse(previous);
const next = { number: 4, year: 2025, startDate: '2025-09-01', endDate: '2025-11-28' };

describe('copyRound', () => {
  it('starts again from 准备 with every target 未开始', () => {
    const c = copyRound(prev, next);
    expect(c.phase).toBe('preparation');
    expect(c.targets.map((t) => t.status)).toEqual(['not_started', 'not_started', 'not_started']);
    expect(c).toMatchObject({ number: 4, year: 2025, startDate: '2025-09-01', endDate: '2025-11-28', theme: prev.theme });
  });

  it('keeps what was decided: targets, modes, importance, days, villages reached, policy, steps', () => {
    const c = copyRound(prev, { ...next, theme: '新主题' });
    expect(c.theme).toBe('新主题');
    expect(c.targets.map((t) => [t.code, t.mode, t.importance, t.minWorkingDays, t.villages.length, t.teamKey])).toEqual([
      ['320481102001', 'direct', 'key', null, 0, 't1'],
      ['320481103', 'town_with_villages', 'ordinary', 5, 1, 't1'],
      ['org-minzheng', 'department_with_villages', 'ordinary', null, 1, null],
    ]);
    expect(c.onSitePolicy).toEqual({ key: 12, ordinary: 3 });
    expect(c.steps.symposium).toBe('mandatory');
  });

  it('drops the leader’s authorisation (一次一授权) and the 回避 declarations, keeping the people', () => {
    const c = copyRound(prev, next);
    expect(c.teams[0]!.leaderAuthorisation).toBeNull();
    expect(c.teams[0]!.members.map((m) => [m.name, m.role, m.avoidanceDeclared])).toEqual([
      ['王明', 'leader', false],
      ['赵强', 'member', false],
    ]);
  });

  it('can leave the teams behind', () => {
    const c = copyRound(prev, { ...next, keepTeams: false });
    expect(c.teams).toEqual([]);
    expect(c.targets.every((t) => t.teamKey === null)).toBe(true);
  });

  it('can make a 回头看 round; a department stays 巡部门带村', () => {
    const c = copyRound(prev, { ...next, asRevisit: true });
    expect(c.targets.map((t) => t.mode)).toEqual(['revisit', 'revisit', 'department_with_villages']);
  });

  it('does not touch the previous round', () => {
    const before = structuredClone(prev);
    const c = copyRound(prev, next);
    c.targets[1]!.villages[0]!.name = '改名';
    c.teams[0]!.members[0]!.name = '改名';
    expect(prev).toEqual(before);
  });

  it('refuses dates in the wrong order', () => {
    expect(() => copyRound(prev, { ...next, endDate: '2025-08-01' })).toThrow('结束日期不能早于开始日期');
  });
});
