import { officialDate, yuan, yuanInText } from './format';
import { officialDocument, type Block, type Cell } from './official';
import { responsibleText, unitText, type ResponsiblePerson } from './working-paper';

/**
 * The round's documents built from approved findings: 巡察报告, 反馈意见, 村问题清单 and 巡察建议书.
 * All inputs are plain, already-displayable data.
 */

/** An approved finding as the round's documents show it. */
export interface ReportFinding {
  number: string;
  town: string;
  village?: string | null;
  /** 问题类别, e.g. 党的领导弱化. */
  category: string;
  aspect?: string;
  title: string;
  description: string;
  amount?: number | null;
  immediate?: boolean;
  responsible?: ResponsiblePerson[];
  /** 整改要求 for the problem list. */
  requirement?: string;
}

/** The "三大问题" first, in this order; other categories follow in the order they first appear. */
export const CATEGORY_ORDER = ['党的领导弱化', '党的建设缺失', '全面从严治党不力'];

export interface FindingGroup {
  category: string;
  findings: ReportFinding[];
  amount: number;
  immediate: number;
}

export function groupFindings(findings: ReportFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    let g = groups.get(f.category);
    if (!g) groups.set(f.category, (g = { category: f.category, findings: [], amount: 0, immediate: 0 }));
    g.findings.push(f);
    g.amount += f.amount ?? 0;
    if (f.immediate) g.immediate += 1;
  }
  const rank = (c: string) => {
    const i = CATEGORY_ORDER.indexOf(c);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return [...groups.values()].sort((a, b) => rank(a.category) - rank(b.category));
}

export function totals(findings: ReportFinding[]): { count: number; amount: number; immediate: number; villages: number } {
  return {
    count: findings.length,
    amount: findings.reduce((s, f) => s + (f.amount ?? 0), 0),
    immediate: findings.filter((f) => f.immediate).length,
    villages: new Set(findings.map((f) => unitText(f.town, f.village))).size,
  };
}

/** "共发现问题N个，涉及金额X万元，其中立行立改问题M个" — the summary sentence without its ending. */
function summarySentence(findings: ReportFinding[]): string {
  const t = totals(findings);
  const parts = [`共发现问题${t.count}个`];
  if (t.amount > 0) parts.push(`涉及金额${yuanInText(t.amount)}`);
  if (t.immediate > 0) parts.push(`其中立行立改问题${t.immediate}个`);
  return parts.join('，');
}

/** The count table by category, with a total row. */
function countTable(groups: FindingGroup[], all: ReportFinding[]): Block {
  const t = totals(all);
  return {
    kind: 'table',
    header: ['问题类别', '问题数（个）', '涉及金额（元）', '立行立改（个）'],
    widths: [5, 3, 4, 3],
    rows: [
      ...groups.map((g): Cell[] => [g.category, { text: String(g.findings.length), align: 'center' }, { text: yuan(g.amount).replace('元', ''), align: 'right' }, { text: String(g.immediate), align: 'center' }]),
      [{ text: '合计', bold: true, align: 'center' }, { text: String(t.count), align: 'center', bold: true }, { text: yuan(t.amount).replace('元', ''), align: 'right', bold: true }, { text: String(t.immediate), align: 'center', bold: true }],
    ],
  };
}

function findingParagraph(f: ReportFinding, withUnit: boolean): string {
  const facts: string[] = [];
  if (f.amount != null && f.amount > 0) facts.push(`涉及金额${yuanInText(f.amount)}`);
  if (f.immediate) facts.push('已列入立行立改');
  const text = f.description.trim().replace(/[。；;，,]$/, '');
  return `${withUnit ? `${unitText(f.town, f.village)}：` : ''}${text}${facts.length ? `（${facts.join('，')}）` : ''}。`;
}

/** Findings grouped by category: level-2 heading per category, level-3 per finding with its description. */
function findingsByCategory(findings: ReportFinding[], withUnit: boolean): Block[] {
  const blocks: Block[] = [];
  for (const g of groupFindings(findings)) {
    blocks.push({ kind: 'heading', level: 2, text: `${g.category}方面（${g.findings.length}个）` });
    for (const f of g.findings) {
      blocks.push({ kind: 'heading', level: 3, text: f.title });
      blocks.push({ kind: 'paragraph', text: findingParagraph(f, withUnit) });
    }
  }
  return blocks;
}

/** The problem table of one village (村问题清单), shared by the list itself and the feedback's appendices. */
export function problemListTable(findings: ReportFinding[]): Block {
  return {
    kind: 'table',
    small: true,
    header: ['序号', '问题类别', '问题名称', '具体表现', '涉及金额（元）', '责任人员', '整改要求'],
    widths: [3, 4, 5, 9, 5, 4, 4],
    rows: findings.length
      ? findings.map((f, i): Cell[] => [
          { text: String(i + 1), align: 'center' },
          f.aspect ? `${f.category}（${f.aspect}）` : f.category,
          f.title + (f.immediate ? '（立行立改）' : ''),
          f.description,
          { text: f.amount != null ? yuan(f.amount).replace('元', '') : '—', align: 'right' },
          f.responsible?.length ? responsibleText(f.responsible) : '—',
          f.requirement ?? '限期整改到位',
        ])
      : [[{ text: '（无）', colSpan: 7, align: 'center' }]],
  };
}

// ── 巡察报告 ─────────────────────────────────────────────────────────────────────────────────────────────
export interface InspectionReportInput {
  team: string;
  /** Who appointed the team, e.g. 县委. Default 县委. */
  authority?: string;
  /** e.g. 2026年第二轮巡察. */
  round: string;
  /** 主送, e.g. 县委巡察工作领导小组. */
  to: string;
  /** On-site period, ISO dates. */
  from: string;
  until: string;
  /** The inspected units by town. */
  targets: { town: string; villages: string[] }[];
  /** Work done on site, each count optional. */
  work?: { talks?: number; households?: number; records?: number; petitions?: number; workingPapers?: number };
  /** Approved findings. */
  findings: ReportFinding[];
  leads?: { count: number; transferredToDiscipline?: number; transferredToOrganisation?: number };
  suggestions?: string[];
  date: string;
  /** 发文机关署名; default the team. */
  issuer?: string;
}

/** 巡察报告: work done, problems by category with counts and money, leads, suggestions. */
export async function inspectionReportDocx(input: InspectionReportInput): Promise<Buffer> {
  const authority = input.authority ?? '县委';
  const villageCount = input.targets.reduce((n, t) => n + t.villages.length, 0);
  const towns = input.targets.map((t) => t.town).join('、');
  const groups = groupFindings(input.findings);
  const w = input.work ?? {};
  const workParts = [
    w.talks != null ? `个别谈话${w.talks}人次` : '',
    w.households != null ? `走访群众${w.households}户` : '',
    w.records != null ? `查阅资料${w.records}份（册）` : '',
    w.petitions != null ? `受理信访举报${w.petitions}件` : '',
    w.workingPapers != null ? `形成问题底稿${w.workingPapers}份` : '',
  ].filter(Boolean);

  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `根据${authority}统一部署，${input.team}于${officialDate(input.from)}至${officialDate(input.until)}对${towns}${villageCount}个村（社区）党组织开展了${input.round}。现将巡察情况报告如下。`,
    },
    { kind: 'heading', level: 1, text: '巡察工作开展情况' },
    {
      kind: 'paragraph',
      text: `巡察组坚持发现问题、推动整改、促进改革、促进发展，聚焦村（社区）党组织和党员干部履行职责情况开展监督。${workParts.length ? `巡察期间，共${workParts.join('，')}。` : ''}`,
    },
    { kind: 'table', header: ['乡镇', '被巡察村（社区）', '个数'], widths: [3, 10, 2], rows: input.targets.map((t): Cell[] => [t.town, t.villages.join('、'), { text: String(t.villages.length), align: 'center' }]) },
    { kind: 'heading', level: 1, text: '发现的主要问题' },
    { kind: 'paragraph', text: `本轮巡察${summarySentence(input.findings)}。按问题类别统计如下：` },
    countTable(groups, input.findings),
    ...findingsByCategory(input.findings, true),
  ];
  if (input.leads) {
    const l = input.leads;
    const parts = [`巡察发现问题线索${l.count}件`];
    if (l.transferredToDiscipline != null) parts.push(`拟移交县纪委监委${l.transferredToDiscipline}件`);
    if (l.transferredToOrganisation != null) parts.push(`拟移交县委组织部${l.transferredToOrganisation}件`);
    body.push({ kind: 'heading', level: 1, text: '问题线索情况' }, { kind: 'paragraph', text: `${parts.join('，')}。具体情况另行专题报告。` });
  }
  body.push(
    { kind: 'heading', level: 1, text: '意见建议' },
    ...(input.suggestions?.length
      ? input.suggestions.map((s): Block => ({ kind: 'paragraph', text: s }))
      : [{ kind: 'paragraph', text: '建议被巡察村（社区）党组织对照巡察反馈问题，逐项制定整改措施，明确责任人和整改时限；乡镇党委切实履行整改主体责任，加强督促指导，确保问题整改到位。' } as Block]),
  );
  return officialDocument({
    title: `关于${input.round}${input.team}巡察情况的报告`,
    addressee: input.to,
    body,
    issuer: input.issuer ?? input.team,
    date: input.date,
    documentTitle: `${input.round}${input.team}巡察报告`,
  });
}

// ── 反馈意见 ─────────────────────────────────────────────────────────────────────────────────────────────
export interface FeedbackOpinionInput {
  team: string;
  authority?: string;
  round: string;
  /** 主送, e.g. 中共城关镇委员会. */
  to: string;
  /** The unit fed back to, e.g. 城关镇 or 城关镇东湖村. */
  unit: string;
  from: string;
  until: string;
  /** 总体评价; a neutral sentence when absent. */
  assessment?: string;
  findings: ReportFinding[];
  requirements?: string[];
  /** Months to report the rectification; default 2 (巡视工作条例). */
  reportWithinMonths?: number;
  /** Who receives the rectification report; default 县委巡察办. */
  reportTo?: string;
  /** Per-village problem lists attached (溧阳: the team feeds back to the town with one list per village). */
  problemLists?: { village: string; findings: ReportFinding[] }[];
  date: string;
  issuer?: string;
  copyTo?: string[];
}

export const DEFAULT_REQUIREMENTS = [
  '提高政治站位，切实扛起整改主体责任。党组织书记要履行第一责任人责任，对巡察反馈的问题照单全收、逐条研究，制定整改方案，明确整改措施、责任人和整改时限。',
  '坚持边巡边改、立行立改，对能够立即解决的问题马上改、全面改；对需要一定时间解决的问题，盯住不放、持续推进，整改一个、销号一个。',
  '注重标本兼治，举一反三查找制度漏洞，建立健全长效机制，巩固和深化整改成果。',
];

/** 反馈意见: the findings by category, the requirements, the reporting deadline, with village problem lists attached. */
export async function feedbackOpinionDocx(input: FeedbackOpinionInput): Promise<Buffer> {
  const authority = input.authority ?? '县委';
  const months = input.reportWithinMonths ?? 2;
  const reportTo = input.reportTo ?? '县委巡察办';
  const lists = input.problemLists ?? [];
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `根据${authority}统一部署，${input.team}于${officialDate(input.from)}至${officialDate(input.until)}对${input.unit}党组织开展了${input.round}。按照${authority}巡察工作领导小组要求，现将巡察情况反馈如下。`,
    },
    { kind: 'heading', level: 1, text: '总体评价' },
    {
      kind: 'paragraph',
      text: input.assessment ?? `巡察期间，${input.unit}党组织积极配合巡察工作。巡察组在肯定成绩的同时，也发现了一些问题，需要认真加以整改。`,
    },
    { kind: 'heading', level: 1, text: '巡察发现的主要问题' },
    { kind: 'paragraph', text: `巡察${summarySentence(input.findings)}，主要是：` },
    ...findingsByCategory(input.findings, lists.length > 0 || new Set(input.findings.map((f) => f.village ?? '')).size > 1),
    { kind: 'heading', level: 1, text: '整改意见和要求' },
    ...(input.requirements?.length ? input.requirements : DEFAULT_REQUIREMENTS).map((text): Block => ({ kind: 'paragraph', text })),
    {
      kind: 'paragraph',
      text: `请于收到本反馈意见之日起${months}个月内，将整改情况报告报送${reportTo}${lists.length ? '，各村（社区）问题清单的整改情况一并报送' : ''}。`,
    },
  ];
  return officialDocument({
    title: `${input.team}关于巡察${input.unit}党组织的\n反馈意见`,
    addressee: input.to,
    body,
    attachments: lists.map((l) => `${l.village}问题清单`),
    appendices: lists.map((l) => ({ title: `${l.village}问题清单`, body: [{ kind: 'paragraph', text: `共${l.findings.length}个问题。`, indent: false }, problemListTable(l.findings)] })),
    issuer: input.issuer ?? input.team,
    date: input.date,
    copyTo: input.copyTo,
    documentTitle: `反馈意见 ${input.unit}`,
  });
}

// ── 村问题清单 ───────────────────────────────────────────────────────────────────────────────────────────
export interface VillageProblemListInput {
  team: string;
  round: string;
  town: string;
  village: string;
  findings: ReportFinding[];
  /** 整改期限, ISO; optional. */
  deadline?: string | null;
  date: string;
  issuer?: string;
}

/** 村问题清单: the problems of one village as a table, with the count and money. */
export async function villageProblemListDocx(input: VillageProblemListInput): Promise<Buffer> {
  const t = totals(input.findings);
  const facts = [`共${t.count}个问题`];
  if (t.amount > 0) facts.push(`涉及金额${yuanInText(t.amount)}`);
  if (t.immediate > 0) facts.push(`其中立行立改${t.immediate}个`);
  const body: Block[] = [
    { kind: 'paragraph', text: `${input.team}在${input.round}中对${input.town}${input.village}党组织开展巡察，发现问题如下（${facts.join('，')}）。${input.deadline ? `请于${officialDate(input.deadline)}前整改到位。` : ''}` },
    problemListTable(input.findings),
  ];
  return officialDocument({
    title: `${input.town}${input.village}巡察反馈问题清单`,
    body,
    issuer: input.issuer ?? input.team,
    date: input.date,
    sealed: false,
    documentTitle: `问题清单 ${input.town}${input.village}`,
  });
}

// ── 巡察建议书 ───────────────────────────────────────────────────────────────────────────────────────────
export interface SuggestionLetterInput {
  /** 建议书编号, e.g. 城巡建〔2026〕2号. */
  number: string;
  /** 主送: the department, e.g. 县民政局. */
  to: string;
  team: string;
  authority?: string;
  round: string;
  /** The common problem, e.g. 农村低保动态管理. */
  subject: string;
  /** What the team saw, one paragraph per line. */
  situation: string;
  /** Examples from the findings. */
  examples?: ReportFinding[];
  suggestions: string[];
  /** Written reply due, ISO. */
  replyBy: string;
  replyTo?: string;
  date: string;
  issuer?: string;
  copyTo?: string[];
}

/** 巡察建议书: a systemic problem handed to a department, with suggestions and a reply deadline. */
export async function suggestionLetterDocx(input: SuggestionLetterInput): Promise<Buffer> {
  const authority = input.authority ?? '县委';
  const replyTo = input.replyTo ?? '县委巡察办';
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `根据${authority}巡察工作安排，${input.team}在${input.round}中发现，${input.subject}方面存在一些共性问题，单靠村（社区）自身难以解决，需要你单位从行业监管层面研究推动。现提出如下建议。`,
    },
    { kind: 'heading', level: 1, text: '发现的主要问题' },
    ...input.situation.split('\n').filter((l) => l.trim()).map((text): Block => ({ kind: 'paragraph', text })),
  ];
  if (input.examples?.length) {
    body.push({ kind: 'paragraph', text: '典型问题如下：' }, { kind: 'list', numbering: 'paren', items: input.examples.map((f) => `${unitText(f.town, f.village)}${f.title}：${findingParagraph(f, false)}`) });
  }
  body.push(
    { kind: 'heading', level: 1, text: '具体建议' },
    ...input.suggestions.map((s, i): Block => ({ kind: 'paragraph', text: `${i + 1}.${s}` })),
    { kind: 'heading', level: 1, text: '办理要求' },
    { kind: 'paragraph', text: `请你单位认真研究，于${officialDate(input.replyBy)}前将采纳和办理情况书面反馈${replyTo}。` },
  );
  return officialDocument({
    title: '巡察建议书',
    number: input.number,
    addressee: input.to,
    body,
    issuer: input.issuer ?? input.team,
    date: input.date,
    copyTo: input.copyTo,
    documentTitle: `巡察建议书 ${input.number}`,
  });
}
