import { z } from 'zod';
import { optionalCreditCodeField } from '../shared/zod-identifiers';

/** Village-level unit kinds: 村民委员会 → 村, 居民委员会 → 社区. */
export type VillageKind = '村' | '社区';

export type TownKind = '镇' | '乡' | '街道' | '其他';

export function townKindFromName(name: string): TownKind {
  if (name.endsWith('街道') || name.endsWith('街道办事处')) return '街道';
  if (name.endsWith('镇')) return '镇';
  if (name.endsWith('乡')) return '乡';
  return '其他';
}

/** Division levels as stored (national 12-digit code: 2+2+2+3+3). */
export const LEVEL = { province: 1, city: 2, county: 3, town: 4, village: 5 } as const;

export function levelOfCode(code: string): number | null {
  switch (code.length) {
    case 2:
      return LEVEL.province;
    case 4:
      return LEVEL.city;
    case 6:
      return LEVEL.county;
    case 9:
      return LEVEL.town;
    case 12:
      return LEVEL.village;
    default:
      return null;
  }
}

/** Default classification tags (DOMAIN.md): editable data, seeded once. */
export const DEFAULT_TAGS: { name: string; category: string; description: string }[] = [
  { name: '经济活跃村', category: '规划分类', description: '项目多、资金流量大，宜提级巡察' },
  { name: '问题突出村', category: '规划分类', description: '信访集中、矛盾突出，宜专项巡察' },
  { name: '发展滞后村', category: '规划分类', description: '偏远、发展滞后，宜乡村一体巡' },
  { name: '软弱涣散', category: '规划分类', description: '软弱涣散村党组织' },
  { name: '矛盾突出类', category: '规划分类', description: '都江堰分类' },
  { name: '资源丰富类', category: '规划分类', description: '都江堰分类' },
  { name: '信访集中', category: '个性清单', description: '信访举报集中' },
  { name: '财务混乱', category: '个性清单', description: '财务管理不规范' },
  { name: '项目较多', category: '个性清单', description: '工程项目较多' },
  { name: '审计A类', category: '审计分类', description: '不稳定或资产资金量大：每年审计' },
  { name: '审计B类', category: '审计分类', description: '稳定、交易较多：任中抽审和离任审计' },
  { name: '审计C类', category: '审计分类', description: '稳定、体量小：离任审计' },
];

const count = z.number().int('应为整数').min(0, '不能为负数').max(10_000_000).nullable();
const money = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d{1,2})?$/, '金额格式不正确（最多两位小数）')])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v))
  .nullable();

/** The editable part of a village profile. Figures are optional: unknown stays empty, not zero. */
export const villageProfileInput = z.object({
  tags: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  partyMembers: count.default(null),
  households: count.default(null),
  population: count.default(null),
  collectiveAssets: money.default(null),
  annualIncome: money.default(null),
  annualExpenditure: money.default(null),
  petitionsLastYear: count.default(null),
  /** 村集体经济组织统一社会信用代码 (issued by the agriculture department: starts N2/N3 …). */
  collectiveCreditCode: optionalCreditCodeField.default(null),
  notes: z.string().max(5000).default(''),
  /** Optimistic lock: the version the editor started from. */
  version: z.number().int().min(0),
});
export type VillageProfileInput = z.infer<typeof villageProfileInput>;

export const PROFILE_LABELS: Record<string, string> = {
  tags: '分类标签',
  partyMembers: '党员人数',
  households: '户数',
  population: '人口',
  collectiveAssets: '集体资产（元）',
  annualIncome: '年收入（元）',
  annualExpenditure: '年支出（元）',
  petitionsLastYear: '近一年信访量',
  collectiveCreditCode: '集体经济组织统一社会信用代码',
  notes: '备注',
};
