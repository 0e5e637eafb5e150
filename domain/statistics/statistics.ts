/**
 * 巡察统计: what each figure counts (shown to users under the figure), the query that chooses the
 * scope (all rounds, a term plan, a round; a town; a village), and the pure roll-up of the facts the
 * server reads into headline figures and tables (by category, checklist aspect, town, village, round,
 * outcome measure). The drill-down lists the records of a figure through the same predicates, so a
 * number and the list behind it always agree.
 */
import { z } from 'zod';
import { FINDING_CATEGORIES, FINDING_CATEGORY_LIST, type FindingCategory } from '../findings/finding';
import { OUTCOME_KINDS, OUTCOME_KIND_LIST, type OutcomeKind } from '../leads/lead';

/** What a figure's drill-down lists. */
export type StatRecordKind = 'villages' | 'findings' | 'leads' | 'case_persons' | 'persons' | 'outcomes' | 'reports';

export interface FigureDefinition {
  label: string;
  unit: string;
  /** the definition shown to users under or beside the number */
  note: string;
  record: StatRecordKind;
}

export const STAT_FIGURES = {
  villages: {
    label: '巡察村（社区）',
    unit: '个',
    note: '所选范围内已进驻（进行中或已完成）的村级巡察所涉村（社区）；同一村被多轮巡察计一个',
    record: 'villages',
  },
  villages_completed: { label: '已完成巡察的村（社区）', unit: '个', note: '村级巡察状态为“已完成”的村（社区）；同一村计一个', record: 'villages' },
  findings: { label: '发现问题', unit: '个', note: '已审定的问题底稿（一事一底稿）；草稿、审核中、退回修改的不计', record: 'findings' },
  amount: { label: '涉及金额', unit: '元', note: '已审定问题底稿填写的涉及金额之和', record: 'findings' },
  immediate: { label: '立行立改', unit: '个', note: '已审定问题底稿中标记为立行立改的事项', record: 'findings' },
  leads: {
    label: '移交问题线索',
    unit: '件',
    note: '已移交的问题线索（含已签收、已处置、已办结）；草稿及被撤回、退回的不计',
    record: 'leads',
  },
  cases: { label: '立案', unit: '件', note: '已移交线索中，接收单位登记了立案日期的件数', record: 'leads' },
  case_persons: { label: '立案人数', unit: '人', note: '立案线索登记的被反映人人数', record: 'case_persons' },
  handled: {
    label: '受到处理人数',
    unit: '人',
    note: '接收单位登记了处理结果的被反映人；按线索逐人计算，一人受到多种处理计一人',
    record: 'persons',
  },
  disciplined: { label: '党纪政务处分', unit: '人', note: '受到党纪处分或政务处分的人数（按线索逐人计算）', record: 'persons' },
  organisational: { label: '组织处理', unit: '人', note: '受到组织处理（诫勉谈话、批评教育、责令检查、通报批评）的人数', record: 'persons' },
  judicial: { label: '移送司法机关', unit: '人', note: '移送司法机关处理的人数', record: 'persons' },
  measure: { label: '处理方式', unit: '人次', note: '按处理方式登记的处理结果条数（一人受两种处理计两人次）', record: 'outcomes' },
  reports: {
    label: '群众反映',
    unit: '件',
    note: '群众通过“码上巡”扫码提交的反映，按反映时所选村（社区）和所属轮次计，不论办理状态；不含反映人身份',
    record: 'reports',
  },
  reports_accepted: {
    label: '受理为信访件',
    unit: '件',
    note: '经巡察组或巡察办受理为信访件的群众反映，含其后关联底稿或线索、办结的，以及受理后又合并、转交的',
    record: 'reports',
  },
  reports_linked: { label: '关联底稿或线索', unit: '件', note: '目前至少关联一份问题底稿或一条问题线索（关联未解除）的群众反映', record: 'reports' },
  reports_forwarded: { label: '转交有关部门', unit: '件', note: '不属于本次巡察受理范围、已转交有关部门并答复反映人的群众反映（状态为“已转交”）', record: 'reports' },
  reports_closed: { label: '已办结', unit: '件', note: '已办结并答复反映人的群众反映（状态为“已办结”；重新打开的不计）', record: 'reports' },
} as const satisfies Record<string, FigureDefinition>;
export type StatFigure = keyof typeof STAT_FIGURES;
export const STAT_FIGURE_LIST = Object.keys(STAT_FIGURES) as StatFigure[];

/** The figures of the headline cards, in order. */
export const HEADLINE_FIGURES = [
  'villages',
  'villages_completed',
  'findings',
  'amount',
  'immediate',
  'leads',
  'cases',
  'case_persons',
  'handled',
  'disciplined',
  'organisational',
  'judicial',
] as const satisfies readonly StatFigure[];
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

/** The figures of 群众反映 (码上巡), in order: a card and three tables of their own. */
export const REPORT_FIGURES = ['reports', 'reports_accepted', 'reports_linked', 'reports_forwarded', 'reports_closed'] as const satisfies readonly StatFigure[];
export type ReportFigure = (typeof REPORT_FIGURES)[number];
export type ReportFigures = Record<ReportFigure, number>;

/** A finding linked to no checklist item and with no aspect written is counted here. */
export const NO_ASPECT = '（未标明方面）';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const uuid = (message: string) => z.preprocess(blank, z.string().uuid(message).optional());

/** The scope of the statistics: every field optional; empty strings (an unset picker) mean "all". */
export const scopeFields = {
  termPlanId: uuid('巡察规划编号无效'),
  roundId: uuid('巡察轮次编号无效'),
  townCode: z.preprocess(blank, z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字').optional()),
  villageCode: z.preprocess(blank, z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字').optional()),
};

/** The check across the scope's fields (routes add paging to the same fields and keep this check). */
export function refineScope(q: { townCode?: string | undefined; villageCode?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.townCode && q.villageCode && !q.villageCode.startsWith(q.townCode)) {
    ctx.addIssue({ code: 'custom', message: '所选村（社区）不属于所选乡镇（街道）', path: ['villageCode'] });
  }
}

export const statisticsQuery = z.object(scopeFields).superRefine(refineScope);
export type StatisticsQuery = z.output<typeof statisticsQuery>;

const categoryField = z.preprocess(
  blank,
  z.enum(FINDING_CATEGORY_LIST as [FindingCategory, ...FindingCategory[]], { message: '未知的问题类别' }).optional(),
);
const kindField = z.preprocess(blank, z.enum(OUTCOME_KIND_LIST as [OutcomeKind, ...OutcomeKind[]], { message: '未知的处理类别' }).optional());

/** The records behind one number: a figure, the scope, and the cell of a table it was clicked in. */
export const drillFields = {
  ...scopeFields,
  figure: z.enum(STAT_FIGURE_LIST as [StatFigure, ...StatFigure[]], { message: '未知的统计项' }),
  category: categoryField,
  aspect: z.preprocess(blank, z.string().max(200, '清单方面不超过 200 字').optional()),
  kind: kindField,
  measure: z.preprocess(blank, z.string().max(40).optional()),
};

export function refineDrill(
  q: { townCode?: string | undefined; villageCode?: string | undefined; figure: StatFigure; category?: string | undefined; aspect?: string | undefined; kind?: OutcomeKind | undefined; measure?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  refineScope(q, ctx);
  const record = STAT_FIGURES[q.figure].record;
  if ((q.category || q.aspect) && record !== 'findings') {
    ctx.addIssue({ code: 'custom', message: '只有问题类统计项可以按类别或清单方面查看', path: ['category'] });
  }
  if (q.figure === 'measure') {
    if (!q.kind || !q.measure) ctx.addIssue({ code: 'custom', message: '请指定处理类别和处理方式', path: ['measure'] });
    else if (!(q.measure in OUTCOME_KINDS[q.kind].measures)) ctx.addIssue({ code: 'custom', message: '处理方式不属于该处理类别', path: ['measure'] });
  } else if (q.kind || q.measure) {
    ctx.addIssue({ code: 'custom', message: '只有“处理方式”可以按处理方式查看', path: ['measure'] });
  }
}

export const drillQuery = z.object(drillFields).superRefine(refineDrill);
export type DrillQuery = z.output<typeof drillQuery>;

// — money: kept in 分 (integers) while adding, so sums are exact —

/** '36800.50' → 3680050 (null and '' → 0). */
export function toFen(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === '') return 0;
  const n = typeof amount === 'number' ? amount : Number(amount);
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}
/** 3680050 → '36800.50'. */
export const fenToYuan = (fen: number): string => (fen / 100).toFixed(2);

// — the facts the server reads (one row per group) —

export interface FindingFact {
  roundId: string;
  townCode: string;
  villageCode: string | null;
  category: string;
  aspect: string;
  findings: number;
  /** sum of amounts in 元 as text (exact numeric from the database) */
  amount: string | null;
  immediate: number;
}
export interface InspectionFact {
  roundId: string;
  townCode: string;
  villageCode: string;
  status: 'in_progress' | 'completed';
}
export interface LeadFact {
  roundId: string;
  townCode: string;
  villageCode: string | null;
  leads: number;
  cases: number;
  casePersons: number;
}
/** One person of one lead with at least one outcome recorded. */
export interface PersonFact {
  roundId: string;
  townCode: string;
  villageCode: string | null;
  disciplined: boolean;
  organisational: boolean;
  judicial: boolean;
}
export interface MeasureFact {
  roundId: string;
  townCode: string;
  villageCode: string | null;
  kind: string;
  measure: string;
  count: number;
}
/** Reports of the public per round and village (villageCode null: a report to a town target). */
export interface ReportFact {
  roundId: string;
  townCode: string;
  villageCode: string | null;
  reports: number;
  accepted: number;
  linked: number;
  forwarded: number;
  closed: number;
}
export interface StatisticsFacts {
  findings: FindingFact[];
  inspections: InspectionFact[];
  leads: LeadFact[];
  persons: PersonFact[];
  measures: MeasureFact[];
  /** 群众反映; absent means none */
  reports?: ReportFact[];
}

export interface RoundInfo {
  id: string;
  label: string;
  year: number;
  number: number;
}
export interface StatisticsNames {
  rounds: RoundInfo[];
  /** division code → name (towns and villages) */
  divisions: Map<string, string>;
}

// — the output —

/** Every headline figure; amount in 元 as text with two decimals. */
export interface Figures {
  villages: number;
  villages_completed: number;
  findings: number;
  amount: string;
  immediate: number;
  leads: number;
  cases: number;
  case_persons: number;
  handled: number;
  disciplined: number;
  organisational: number;
  judicial: number;
}

export interface CategoryRow {
  category: FindingCategory;
  name: string;
  findings: number;
  amount: string;
  immediate: number;
  /** share of all findings in percent, one decimal */
  share: number;
}
export interface AspectRow {
  aspect: string;
  findings: number;
  amount: string;
  immediate: number;
  share: number;
}
export type AreaRow = Figures & { code: string; name: string };
export type TownRow = AreaRow & { rank: number };
export type VillageRow = AreaRow & { townCode: string; townName: string };
export type RoundRow = Figures & { roundId: string; label: string };
export interface MeasureRow {
  kind: OutcomeKind;
  kindName: string;
  measure: string;
  measureName: string;
  count: number;
}

export type ReportRoundRow = ReportFigures & { roundId: string; label: string };
export type ReportTownRow = ReportFigures & { code: string; name: string };
export type ReportVillageRow = ReportFigures & { code: string; name: string; townCode: string; townName: string };
export interface ReportStatistics {
  figures: ReportFigures;
  byRound: ReportRoundRow[];
  byTown: ReportTownRow[];
  byVillage: ReportVillageRow[];
}

export interface StatisticsResult {
  figures: Figures;
  byCategory: CategoryRow[];
  byAspect: AspectRow[];
  byTown: TownRow[];
  villages: VillageRow[];
  byRound: RoundRow[];
  byMeasure: MeasureRow[];
  publicReports: ReportStatistics;
}

interface Acc {
  villages: Set<string>;
  completed: Set<string>;
  findings: number;
  fen: number;
  immediate: number;
  leads: number;
  cases: number;
  casePersons: number;
  handled: number;
  disciplined: number;
  organisational: number;
  judicial: number;
}
const acc = (): Acc => ({
  villages: new Set(),
  completed: new Set(),
  findings: 0,
  fen: 0,
  immediate: 0,
  leads: 0,
  cases: 0,
  casePersons: 0,
  handled: 0,
  disciplined: 0,
  organisational: 0,
  judicial: 0,
});
const figuresOf = (a: Acc): Figures => ({
  villages: a.villages.size,
  villages_completed: a.completed.size,
  findings: a.findings,
  amount: fenToYuan(a.fen),
  immediate: a.immediate,
  leads: a.leads,
  cases: a.cases,
  case_persons: a.casePersons,
  handled: a.handled,
  disciplined: a.disciplined,
  organisational: a.organisational,
  judicial: a.judicial,
});

const share = (n: number, total: number) => (total === 0 ? 0 : Math.round((n * 1000) / total) / 10);

interface Located {
  roundId: string;
  townCode: string;
  villageCode: string | null;
}

/**
 * Rolls the facts up into the headline figures and every table. Towns are ranked by findings, then
 * money, then name; villages follow the same order; rounds run in time order (the trend).
 */
export function buildStatistics(facts: StatisticsFacts, names: StatisticsNames): StatisticsResult {
  const total = acc();
  const towns = new Map<string, Acc>();
  const villages = new Map<string, Acc & { townCode: string }>();
  const rounds = new Map<string, Acc>();
  const at = <T extends Located>(f: T, add: (a: Acc) => void) => {
    add(total);
    let town = towns.get(f.townCode);
    if (!town) towns.set(f.townCode, (town = acc()));
    add(town);
    let round = rounds.get(f.roundId);
    if (!round) rounds.set(f.roundId, (round = acc()));
    add(round);
    if (f.villageCode) {
      let village = villages.get(f.villageCode);
      if (!village) villages.set(f.villageCode, (village = { ...acc(), townCode: f.townCode }));
      add(village);
    }
  };

  const categories = new Map<string, { findings: number; fen: number; immediate: number }>();
  const aspects = new Map<string, { findings: number; fen: number; immediate: number }>();
  for (const f of facts.findings) {
    const fen = toFen(f.amount);
    at(f, (a) => {
      a.findings += f.findings;
      a.fen += fen;
      a.immediate += f.immediate;
    });
    for (const [map, key] of [
      [categories, f.category],
      [aspects, f.aspect || NO_ASPECT],
    ] as const) {
      const row = map.get(key) ?? { findings: 0, fen: 0, immediate: 0 };
      row.findings += f.findings;
      row.fen += fen;
      row.immediate += f.immediate;
      map.set(key, row);
    }
  }
  for (const i of facts.inspections) {
    at(i, (a) => {
      a.villages.add(i.villageCode);
      if (i.status === 'completed') a.completed.add(i.villageCode);
    });
  }
  for (const l of facts.leads) {
    at(l, (a) => {
      a.leads += l.leads;
      a.cases += l.cases;
      a.casePersons += l.casePersons;
    });
  }
  for (const p of facts.persons) {
    at(p, (a) => {
      a.handled += 1;
      if (p.disciplined) a.disciplined += 1;
      if (p.organisational) a.organisational += 1;
      if (p.judicial) a.judicial += 1;
    });
  }

  const name = (code: string) => names.divisions.get(code) ?? code;
  const byCount = (a: Figures & { name: string }, b: Figures & { name: string }) =>
    b.findings - a.findings || toFen(b.amount) - toFen(a.amount) || a.name.localeCompare(b.name, 'zh-CN');

  const townRows = [...towns.entries()].map(([code, a]) => ({ ...figuresOf(a), code, name: name(code) })).sort(byCount);
  const byTown: TownRow[] = townRows.map((r, i) => ({ ...r, rank: i + 1 }));
  const villageRows: VillageRow[] = [...villages.entries()]
    .map(([code, a]) => ({ ...figuresOf(a), code, name: name(code), townCode: a.townCode, townName: name(a.townCode) }))
    .sort(byCount);

  const roundOrder = [...names.rounds].sort((a, b) => a.year - b.year || a.number - b.number);
  const byRound: RoundRow[] = roundOrder
    .filter((r) => rounds.has(r.id))
    .map((r) => ({ ...figuresOf(rounds.get(r.id)!), roundId: r.id, label: r.label }));

  const findingsTotal = total.findings;
  const byCategory: CategoryRow[] = FINDING_CATEGORY_LIST.map((c) => {
    const row = categories.get(c) ?? { findings: 0, fen: 0, immediate: 0 };
    return { category: c, name: FINDING_CATEGORIES[c], findings: row.findings, amount: fenToYuan(row.fen), immediate: row.immediate, share: share(row.findings, findingsTotal) };
  });
  const byAspect: AspectRow[] = [...aspects.entries()]
    .map(([aspect, row]) => ({ aspect, findings: row.findings, amount: fenToYuan(row.fen), immediate: row.immediate, share: share(row.findings, findingsTotal) }))
    .sort((a, b) => b.findings - a.findings || (a.aspect === NO_ASPECT ? 1 : 0) - (b.aspect === NO_ASPECT ? 1 : 0) || a.aspect.localeCompare(b.aspect, 'zh-CN'));

  const measureCounts = new Map<string, number>();
  for (const m of facts.measures) measureCounts.set(`${m.kind}/${m.measure}`, (measureCounts.get(`${m.kind}/${m.measure}`) ?? 0) + m.count);
  // every measure of the catalogue, zeros included, so the table reads the same every time
  const byMeasure: MeasureRow[] = OUTCOME_KIND_LIST.flatMap((kind) =>
    Object.entries(OUTCOME_KINDS[kind].measures as Record<string, string>).map(([measure, measureName]) => ({
      kind,
      kindName: OUTCOME_KINDS[kind].name,
      measure,
      measureName,
      count: measureCounts.get(`${kind}/${measure}`) ?? 0,
    })),
  );

  return { figures: figuresOf(total), byCategory, byAspect, byTown, villages: villageRows, byRound, byMeasure, publicReports: buildReportStatistics(facts.reports ?? [], names) };
}

const noReports = (): ReportFigures => ({ reports: 0, reports_accepted: 0, reports_linked: 0, reports_forwarded: 0, reports_closed: 0 });

/**
 * 群众反映 rolled up: the five figures for the scope, per round (in time order), per town and per village
 * (most reports first, then name). A report to a town target counts for its town, not for a village.
 */
export function buildReportStatistics(facts: readonly ReportFact[], names: StatisticsNames): ReportStatistics {
  const total = noReports();
  const rounds = new Map<string, ReportFigures>();
  const towns = new Map<string, ReportFigures>();
  const villages = new Map<string, ReportFigures & { townCode: string }>();
  const add = (a: ReportFigures, f: ReportFact) => {
    a.reports += f.reports;
    a.reports_accepted += f.accepted;
    a.reports_linked += f.linked;
    a.reports_forwarded += f.forwarded;
    a.reports_closed += f.closed;
  };
  for (const f of facts) {
    add(total, f);
    let r = rounds.get(f.roundId);
    if (!r) rounds.set(f.roundId, (r = noReports()));
    add(r, f);
    let t = towns.get(f.townCode);
    if (!t) towns.set(f.townCode, (t = noReports()));
    add(t, f);
    if (f.villageCode) {
      let v = villages.get(f.villageCode);
      if (!v) villages.set(f.villageCode, (v = { ...noReports(), townCode: f.townCode }));
      add(v, f);
    }
  }
  const name = (code: string) => names.divisions.get(code) ?? code;
  const order = (a: ReportFigures & { name: string }, b: ReportFigures & { name: string }) => b.reports - a.reports || a.name.localeCompare(b.name, 'zh-CN');
  const byRound = [...names.rounds]
    .sort((a, b) => a.year - b.year || a.number - b.number)
    .filter((r) => rounds.has(r.id))
    .map((r) => ({ ...rounds.get(r.id)!, roundId: r.id, label: r.label }));
  const byTown = [...towns.entries()].map(([code, a]) => ({ ...a, code, name: name(code) })).sort(order);
  const byVillage = [...villages.entries()].map(([code, { townCode, ...a }]) => ({ ...a, code, name: name(code), townCode, townName: name(townCode) })).sort(order);
  return { figures: total, byRound, byTown, byVillage };
}

// — the tables, as shared by the page (columns) and the .xlsx export (headers) —

export type StatTable = 'category' | 'aspect' | 'town' | 'village' | 'round' | 'measure' | 'report_round' | 'report_town' | 'report_village';
export const STAT_TABLES: Record<StatTable, string> = {
  category: '按问题类别',
  aspect: '按监督清单方面',
  town: '乡镇排名',
  village: '按村（社区）',
  round: '按轮次',
  measure: '按处理方式',
  report_round: '群众反映按轮次',
  report_town: '群众反映按乡镇',
  report_village: '群众反映按村',
};
export const STAT_TABLE_LIST = Object.keys(STAT_TABLES) as StatTable[];

/** The figure columns of the area tables (town, village, round), in order. */
export const AREA_COLUMNS = [
  'villages',
  'findings',
  'amount',
  'immediate',
  'leads',
  'cases',
  'case_persons',
  'handled',
  'disciplined',
  'organisational',
] as const satisfies readonly StatFigure[];

/** "溧阳市 · 2026年第2轮 · 某镇" — the scope in words, for titles and file names. */
export function scopeLabel(parts: { termPlan?: string | null; round?: string | null; town?: string | null; village?: string | null }): string {
  const out = [parts.round ?? parts.termPlan ?? '全部轮次', parts.town, parts.village].filter((p): p is string => Boolean(p));
  return out.join('·');
}
