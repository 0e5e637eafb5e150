/**
 * Supervision checklists (监督清单): a catalogue has versions; a version is a tree of aspects (方面) →
 * items (事项) → problem manifestations (问题表现). Items may carry the petty-power class of the village
 * power list (小微权力清单) and the village traits they apply to. Published versions never change: an
 * edit opens a new draft.
 */
import { z } from 'zod';

/** 文登's five classes of village petty power (5 大类 28 项): 三资管理, 村级建设, 工作人员使用, 公共服务, 村务财务公开. */
export const POWER_CLASSES = {
  assets: '三资管理',
  construction: '村级建设',
  staffing: '工作人员使用',
  services: '公共服务',
  openness: '村务财务公开',
} as const;
export type PowerClass = keyof typeof POWER_CLASSES;
export const POWER_CLASS_LIST = Object.keys(POWER_CLASSES) as PowerClass[];
export const powerClassName = (c: string | null | undefined): string | null => (c && c in POWER_CLASSES ? POWER_CLASSES[c as PowerClass] : null);
/** The class whose Chinese name is `name` (spreadsheets carry names, not keys). */
export const powerClassByName = (name: string): PowerClass | undefined => POWER_CLASS_LIST.find((k) => POWER_CLASSES[k] === name.trim());

/** "1+X": one common list for every village plus personalised lists chosen by the village's tags. */
export const CATALOGUE_KINDS = { common: '通用清单', personalised: '个性化清单' } as const;
export type CatalogueKind = keyof typeof CATALOGUE_KINDS;

export const VERSION_STATUSES = { draft: '草稿', published: '已发布', retired: '已停用' } as const;
export type VersionStatus = keyof typeof VERSION_STATUSES;

/** Where an item of a village's own list came from. */
export const ITEM_SOURCES = { common: '通用', personalised: '个性化', team: '本组增加' } as const;
export type ItemSource = keyof typeof ITEM_SOURCES;

const tagName = z.string().trim().min(1, '标签不能为空').max(30, '标签不超过 30 字');
const tagList = z
  .array(tagName)
  .max(30, '标签不超过 30 个')
  .default([])
  .transform((tags) => [...new Set(tags)]);

export const catalogueMetaInput = z
  .object({
    name: z.string().trim().min(1, '请填写清单名称').max(60, '清单名称不超过 60 字'),
    kind: z.enum(['common', 'personalised'], { message: '请选择清单类型' }),
    matchTags: tagList,
    description: z.string().trim().max(2000, '说明不超过 2000 字').default(''),
  })
  .superRefine((c, ctx) => {
    // a personalised list with no tag would never be chosen for any village
    if (c.kind === 'personalised' && c.matchTags.length === 0)
      ctx.addIssue({ code: 'custom', path: ['matchTags'], message: '个性化清单须选择适用的村分类标签' });
  });
export type CatalogueMetaInput = z.output<typeof catalogueMetaInput>;

export const aspectInput = z.object({
  name: z.string().trim().min(1, '请填写方面名称').max(100, '方面名称不超过 100 字'),
});
export type AspectInput = z.output<typeof aspectInput>;

const manifestation = z.string().trim().min(1).max(500, '每条问题表现不超过 500 字');

export const itemInput = z.object({
  title: z.string().trim().min(1, '请填写事项').max(200, '事项不超过 200 字'),
  powerClass: z.enum(['assets', 'construction', 'staffing', 'services', 'openness'], { message: '小微权力类别不正确' }).nullable().default(null),
  villageTraits: tagList,
  manifestations: z
    .array(z.string())
    .max(50, '问题表现不超过 50 条')
    .default([])
    .transform((list) => list.map((m) => m.trim()).filter((m) => m !== ''))
    .pipe(z.array(manifestation)),
  basis: z.string().trim().max(1000, '依据不超过 1000 字').default(''),
});
export type ItemInput = z.output<typeof itemInput>;

/** The order of a draft's aspects and, within each, its items (items may move between aspects). */
export const reorderInput = z.object({
  aspects: z.array(z.object({ id: z.string().uuid(), itemIds: z.array(z.string().uuid()) })).max(500),
});
export type ReorderInput = z.output<typeof reorderInput>;

/** An item a team adds to one village's list before entry. */
export const teamItemInput = z.object({
  aspect: z.string().trim().min(1, '请填写方面').max(100, '方面不超过 100 字'),
  title: z.string().trim().min(1, '请填写事项').max(200, '事项不超过 200 字'),
  manifestations: itemInput.shape.manifestations,
});
export type TeamItemInput = z.output<typeof teamItemInput>;

/** A version's content without ids: what the defaults, the spreadsheet and copies carry. */
export interface CatalogueItemContent {
  title: string;
  powerClass: PowerClass | null;
  villageTraits: string[];
  manifestations: string[];
  basis: string;
}
export interface CatalogueAspectContent {
  name: string;
  items: CatalogueItemContent[];
}
export type CatalogueContent = CatalogueAspectContent[];

export const countItems = (content: CatalogueContent): number => content.reduce((n, a) => n + a.items.length, 0);
