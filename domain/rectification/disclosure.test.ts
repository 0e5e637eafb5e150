import { describe, expect, it } from 'vitest';
import {
  buildDisclosureSnapshot,
  disclosureProblems,
  disclosurePublishInput,
  disclosureWithdrawInput,
  EXEMPTION_REASON_LIST,
  EXEMPTION_REASONS,
  exemptionInput,
  exemptionRemoveInput,
  isPublishable,
  publishableItems,
  redactNames,
  type DisclosureSource,
  type ExemptionReason,
} from './disclosure';
import { ITEM_STATUS_LIST } from './item';

describe('整改情况公开', () => {
  it('has the five exemption reasons of DOMAIN.md', () => {
    expect(EXEMPTION_REASON_LIST).toHaveLength(5);
    expect(Object.values(EXEMPTION_REASONS).join('|')).toMatch(/国家秘密.*案件.*炒作.*上访.*重大敏感/);
  });

  const exemptions: (ExemptionReason | null)[] = [null, ...EXEMPTION_REASON_LIST];
  const cases = ITEM_STATUS_LIST.flatMap((status) => exemptions.map((exemption) => [status, exemption] as const));
  it.each(cases)('%s, exempt %s', (status, exemption) => {
    expect(isPublishable({ status, exemption })).toBe(status === 'closed' && exemption === null);
  });

  it('says why an item stays off the page', () => {
    expect(disclosureProblems({ status: 'signing', exemption: 'state_secret' })).toEqual(['整改事项“待销号审核”，销号后才能公开', '已标记不予公开：涉及国家秘密']);
    const items = [
      { id: 'a', status: 'closed' as const, exemption: null },
      { id: 'b', status: 'closed' as const, exemption: 'petition_risk' as const },
      { id: 'c', status: 'in_progress' as const, exemption: null },
    ];
    expect(publishableItems(items).map((i) => i.id)).toEqual(['a']);
  });

  it('marking exempt needs one of the five reasons', () => {
    expect(exemptionInput.parse({ reason: 'hype_risk' })).toEqual({ reason: 'hype_risk', note: '' });
    expect(exemptionInput.safeParse({ reason: 'other' }).error?.issues[0]?.message).toMatch(/^请选择不予公开的情形/);
  });

  it('removing a mark and withdrawing need a reason; approval needs the previewed hash', () => {
    expect(exemptionRemoveInput.safeParse({ reason: ' ' }).error?.issues[0]?.message).toBe('请填写取消不予公开的理由（至少 2 个字）');
    expect(disclosureWithdrawInput.safeParse({}).error?.issues[0]?.message).toBe('请填写撤回理由');
    expect(disclosureWithdrawInput.parse({ reason: ' 内容有误 ' })).toEqual({ reason: '内容有误' });
    expect(disclosurePublishInput.safeParse({ contentHash: 'abc' }).error?.issues[0]?.message).toBe('请先预览公开内容再审批发布');
    expect(disclosurePublishInput.safeParse({ contentHash: 'a'.repeat(64) }).success).toBe(true);
  });

  it('masks names, the longest first, and leaves single characters alone', () => {
    expect(redactNames('由张建国牵头，张建负责台账，李卫东督办', ['张建', '张建国', '李卫东', '王'])).toBe('由×××牵头，×××负责台账，×××督办');
    expect(redactNames('王村召开会议', ['王', ' '])).toBe('王村召开会议');
  });
});

describe('整改情况公开 snapshot', () => {
  const item = (o: Partial<DisclosureSource>): DisclosureSource => ({
    code: 'ZG-2026-1-001',
    townCode: '320481101',
    townName: '甲镇',
    villageCode: '320481101201',
    villageName: '一村',
    problem: '集体资金支出未经民主决策',
    categoryName: '党的领导弱化',
    kindName: '限期整改',
    measures: '张建国牵头补办决策程序',
    closedOn: '2026-11-30',
    names: ['张建国', '李卫东'],
    ...o,
  });

  it('groups by town and place, town-level problems under 镇本级, without names', () => {
    const s = buildDisclosureSnapshot({ roundLabel: '2026年第1轮', areaName: '溧阳市' }, [
      item({ code: 'ZG-2026-1-003', villageCode: '320481101202', villageName: '二村', measures: '' }),
      item({ code: 'ZG-2026-1-002', villageCode: null, villageName: null, closedOn: null }),
      item({}),
      item({ code: 'ZG-2026-1-009', townCode: '320481100', townName: '乙街道', villageCode: '320481100201', villageName: '三社区' }),
    ]);
    expect(s.title).toBe('溧阳市2026年第1轮巡察整改情况公开');
    expect(s.itemCount).toBe(4);
    expect(s.towns.map((t) => t.name)).toEqual(['乙街道', '甲镇']);
    expect(s.towns[1]!.places.map((p) => [p.name, p.items.map((i) => i.code)])).toEqual([
      ['甲镇（镇本级）', ['ZG-2026-1-002']],
      ['一村', ['ZG-2026-1-001']],
      ['二村', ['ZG-2026-1-003']],
    ]);
    const one = s.towns[1]!.places[1]!.items[0]!;
    expect(one).toEqual({ code: 'ZG-2026-1-001', problem: '集体资金支出未经民主决策', categoryName: '党的领导弱化', kindName: '限期整改', measures: '×××牵头补办决策程序', result: '已整改到位，2026-11-30 销号', closedOn: '2026-11-30' });
    expect(s.towns[1]!.places[2]!.items[0]!.measures).toBe('（未填写）');
    expect(JSON.stringify(s)).not.toMatch(/张建国|李卫东/);
  });

  it('is the same text for the same items in any order (the approval compares it)', () => {
    const a = [item({}), item({ code: 'ZG-2026-1-002' })];
    expect(buildDisclosureSnapshot({ roundLabel: 'r', areaName: 'a' }, a)).toEqual(buildDisclosureSnapshot({ roundLabel: 'r', areaName: 'a' }, [...a].reverse()));
  });
});
