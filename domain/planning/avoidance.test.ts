import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../shared/id-number';
import { checkAvoidance, checkTeamAvoidance, type AvoidancePerson, type AvoidanceTarget } from './avoidance';
import { INSPECTION_MODE_LIST } from './modes';

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const WIFE = id('32048119800101002');
const BROTHER = id('32048119750505003');
const INSPECTOR = id('32048119780808001');
const STRANGER = id('32048119900909004');

const inspector: AvoidancePerson = {
  name: '王明',
  idNumber: INSPECTOR,
  homeTownCode: '320481101',
  workTownCode: null,
  relatives: [],
};

const target: AvoidanceTarget = {
  townCode: '320481102',
  townName: '社渚镇',
  villageName: '东风村',
  cadres: [{ name: '李芳', idNumber: WIFE, positions: ['书记', '主任'], relatives: [] }],
};

describe('checkAvoidance', () => {
  it('clears a person with no tie to the target', () => {
    expect(checkAvoidance(inspector, target, 'direct')).toEqual({ blocking: [], warnings: [] });
  });

  it.each(INSPECTION_MODE_LIST)('blocks the home town in every mode (%s)', (mode) => {
    const r = checkAvoidance({ ...inspector, homeTownCode: '320481102' }, target, mode);
    expect(r.blocking).toEqual(['王明的家乡在社渚镇，应当回避']);
  });

  it('blocks a declared relative who is a cadre of the village, matched by ID number', () => {
    const r = checkAvoidance({ ...inspector, relatives: [{ name: '李芳', idNumber: WIFE, relation: '配偶' }] }, target, 'direct');
    expect(r).toEqual({ blocking: ['王明的配偶李芳是东风村的书记、主任，应当回避'], warnings: [] });
  });

  it('matches an old 15-digit ID number against the 18-digit one', () => {
    const old15 = '320481800101002';
    const cadre18 = id('32048119800101002');
    const r = checkAvoidance(
      { ...inspector, relatives: [{ name: '李芳', idNumber: old15, relation: '配偶' }] },
      { ...target, cadres: [{ name: '李芳', idNumber: cadre18, positions: ['书记'], relatives: [] }] },
      'direct',
    );
    expect(r.blocking).toEqual(['王明的配偶李芳是东风村的书记，应当回避']);
  });

  it('the ID number decides even when the names differ (renamed, typo)', () => {
    const r = checkAvoidance({ ...inspector, relatives: [{ name: '李 方', idNumber: WIFE, relation: '配偶' }] }, target, 'direct');
    expect(r.blocking).toHaveLength(1);
  });

  it('the same name with a different ID number is a different person', () => {
    const r = checkAvoidance({ ...inspector, relatives: [{ name: '李芳', idNumber: STRANGER, relation: '配偶' }] }, target, 'direct');
    expect(r).toEqual({ blocking: [], warnings: [] });
  });

  it('a name-only match is a warning, not a block (traditional characters and spaces folded)', () => {
    const r = checkAvoidance({ ...inspector, relatives: [{ name: '李 芳', idNumber: null, relation: '表妹' }] }, target, 'direct');
    expect(r).toEqual({ blocking: [], warnings: ['王明申报的表妹“李 芳”与东风村书记、主任同名，缺少身份证号码，请核实'] });
    const trad = checkAvoidance(
      { ...inspector, relatives: [{ name: '陳紅', relation: '兄弟' }] },
      { ...target, cadres: [{ name: '陈红', idNumber: BROTHER, positions: [], relatives: [] }] },
      'direct',
    );
    expect(trad.warnings).toEqual(['王明申报的兄弟“陳紅”与东风村干部同名，缺少身份证号码，请核实']);
  });

  it("blocks when the cadre's own declaration names the inspector", () => {
    const r = checkAvoidance(
      inspector,
      { ...target, cadres: [{ name: '李芳', idNumber: WIFE, positions: ['委员'], relatives: [{ name: '王明', idNumber: INSPECTOR, relation: '兄弟' }] }] },
      'direct',
    );
    expect(r.blocking).toEqual(['王明是东风村委员李芳申报的兄弟，应当回避']);
  });

  it('a town target without a village is named by the town', () => {
    const r = checkAvoidance(
      { ...inspector, relatives: [{ name: '李芳', idNumber: WIFE, relation: '配偶' }] },
      { ...target, villageName: null },
      'town_with_villages',
    );
    expect(r.blocking).toEqual(['王明的配偶李芳是社渚镇的书记、主任，应当回避']);
  });

  it.each(INSPECTION_MODE_LIST.map((m) => [m, m === 'cross'] as const))(
    'the work town blocks only a 交叉巡察 (%s → %s)',
    (mode, blocked) => {
      const r = checkAvoidance({ ...inspector, workTownCode: '320481102' }, target, mode);
      expect(r.blocking).toEqual(blocked ? ['交叉巡察：王明在社渚镇工作，不能巡察本镇（街道）'] : []);
    },
  );

  it('reports every reason at once, each once', () => {
    const r = checkAvoidance(
      {
        ...inspector,
        homeTownCode: '320481102',
        workTownCode: '320481102',
        relatives: [
          { name: '李芳', idNumber: WIFE, relation: '配偶' },
          { name: '李芳', idNumber: WIFE, relation: '配偶' },
        ],
      },
      target,
      'cross',
    );
    expect(r.blocking).toEqual(['王明的家乡在社渚镇，应当回避', '王明的配偶李芳是东风村的书记、主任，应当回避']);
  });
});

describe('checkTeamAvoidance', () => {
  const colleague: AvoidancePerson = { name: '赵强', homeTownCode: '320481103', workTownCode: '320481102', relatives: [] };

  it('in a 交叉巡察 one member from the target town blocks the team', () => {
    expect(checkTeamAvoidance([inspector, colleague], target, 'cross').blocking).toEqual([
      '交叉巡察：赵强在社渚镇工作，不能巡察本镇（街道）',
    ]);
  });

  it('otherwise the same team is clear', () => {
    expect(checkTeamAvoidance([inspector, colleague], target, 'direct')).toEqual({ blocking: [], warnings: [] });
  });

  it('collects every member’s reasons', () => {
    const r = checkTeamAvoidance([{ ...inspector, homeTownCode: '320481102' }, colleague], target, 'cross');
    expect(r.blocking).toEqual(['王明的家乡在社渚镇，应当回避', '交叉巡察：赵强在社渚镇工作，不能巡察本镇（街道）']);
  });
});
