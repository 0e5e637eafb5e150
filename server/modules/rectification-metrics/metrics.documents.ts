/**
 * The two .docx drafts of 整改成效, built from plain data with the house generator (officialDocument):
 * the town's 整改情况报告 (what was done, the rates, 主要负责人组织落实情况, every item with its measures
 * and result) and the office's 整改成效评估 (indicators, deductions, score, grade, conclusion).
 * Both are drafts for the author to finish in Word: the title says so until the evaluation is confirmed.
 */
import { formatRate, type EvaluationResult, type EvaluationStatus, type ItemKind } from '../../../domain/rectification';
import { EVALUATION_GRADES } from '../../../domain/rectification';
import { officialDate, officialDocument, textLines, type Block, type Cell } from '../documents';
import type { RatesOut } from './metrics.service';

const paragraphs = (text: string): Block[] => textLines(text).map((t): Block => ({ kind: 'paragraph', text: t }));
const center = (text: string | number): Cell => ({ text: String(text), align: 'center' });

function ratesSentence(r: RatesOut): string {
  return [
    `应完成整改事项${r.rectified.due}项，按期完成${r.rectified.closedOnTime}项，逾期完成${r.rectified.closedLate}项，逾期未完成${r.rectified.open}项，整改到位率${formatRate(r.rectified.rate)}`,
    `移交事项${r.transfers.transferred}件，已办结${r.transfers.completed}件，办结率${formatRate(r.transfers.rate)}`,
    r.satisfaction.answers
      ? `群众评议${r.satisfaction.answers}人次，满意${r.satisfaction.satisfied}人次、基本满意${r.satisfaction.basicallySatisfied}人次、不满意${r.satisfaction.unsatisfied}人次，群众满意率${formatRate(r.satisfaction.rate)}`
      : '尚未开展群众评议',
  ].join('；');
}

function ratesTable(r: RatesOut): Block {
  return {
    kind: 'table',
    header: ['指标', '分子', '分母', '比率'],
    widths: [5, 3, 3, 3],
    rows: [
      ['整改到位率（按期完成／应完成）', center(r.rectified.closedOnTime), center(r.rectified.due), center(formatRate(r.rectified.rate))],
      ['移交事项办结率（已办结／已移交）', center(r.transfers.completed), center(r.transfers.transferred), center(formatRate(r.transfers.rate))],
      ['群众满意率（满意和基本满意／评议人次）', center(r.satisfaction.satisfied + r.satisfaction.basicallySatisfied), center(r.satisfaction.answers), center(formatRate(r.satisfaction.rate))],
    ],
  };
}

// ── 整改情况报告 ─────────────────────────────────────────────────────────────────────────────────────
export interface TownReportDocInput {
  round: string;
  townName: string;
  asOf: string;
  feedbackOn: string | null;
  plan: { status: string; acceptedOn: string | null; submittedOn: string | null } | null;
  report: { submittedOn: string; content: string; leaderImplementation: string } | null;
  rates: RatesOut;
  items: {
    problem: string;
    village: string;
    kind: ItemKind;
    kindName: string;
    statusName: string;
    closed: boolean;
    closedOn: string | null;
    responsibleUnit: string;
    measures: string;
    deadline: string | null;
    lastReport: string;
  }[];
  /** who ran the inspection: 县委, 市委 (a county-level city) or 区委; default 县委 */
  authority?: string;
  /** 主送, default 县委巡察工作领导小组 */
  to?: string;
}

/** 中共X镇委员会, or 中共X街道工作委员会 (a 街道 has a 党工委). */
export const townPartyCommittee = (townName: string) => (townName.endsWith('街道') ? `中共${townName}工作委员会` : `中共${townName}委员会`);

export async function townReportDocx(input: TownReportDocInput): Promise<Buffer> {
  const closed = input.items.filter((i) => i.closed).length;
  const issuer = townPartyCommittee(input.townName);
  const authority = input.authority ?? '县委';
  const us = input.townName.endsWith('街道') ? '我街道' : '我镇';
  const planText = !input.plan
    ? '整改方案尚未报送。'
    : input.plan.status === 'accepted'
      ? `整改方案于${input.plan.acceptedOn ? officialDate(input.plan.acceptedOn) : ''}经巡察办、纪委监委、组织部联合审核通过。`
      : input.plan.status === 'submitted'
        ? '整改方案已报送，正在联合审核。'
        : input.plan.status === 'returned'
          ? '整改方案经联合审核退回修改，正在修改完善。'
          : '整改方案正在起草。';
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `${input.feedbackOn ? `${officialDate(input.feedbackOn)}，${authority}巡察组向${us}反馈了${input.round}巡察发现的问题。` : `${authority}${input.round}巡察发现的问题反馈后，`}${us}党（工）委高度重视，对照反馈问题逐项制定整改措施，明确责任单位、责任人和完成时限。现将截至${officialDate(input.asOf)}的整改情况报告如下。`,
    },
    { kind: 'heading', level: 1, text: '整改工作开展情况' },
    { kind: 'paragraph', text: planText },
    ...(input.report?.content.trim() ? paragraphs(input.report.content) : [{ kind: 'paragraph', text: '（请补充整改工作的组织部署、推进措施和成效。）' } as Block]),
    { kind: 'heading', level: 1, text: '主要负责人组织落实情况' },
    ...(input.report?.leaderImplementation.trim() ? paragraphs(input.report.leaderImplementation) : [{ kind: 'paragraph', text: '（请补充党委主要负责人履行整改第一责任人职责、研究部署和推动整改的情况。）' } as Block]),
    { kind: 'heading', level: 1, text: '整改完成情况' },
    {
      kind: 'paragraph',
      text: `巡察反馈问题共形成整改事项${input.items.length}项，已完成整改销号${closed}项，正在整改${input.items.length - closed}项（其中长期坚持${input.items.filter((i) => i.kind === 'long_term').length}项）。${ratesSentence(input.rates)}。`,
    },
    ratesTable(input.rates),
    { kind: 'heading', level: 1, text: '问题整改逐项情况' },
    {
      kind: 'table',
      small: true,
      header: ['序号', '问题', '村（社区）', '类型', '整改措施', '完成时限', '整改结果'],
      widths: [2, 6, 3, 3, 7, 3, 5],
      rows: input.items.length
        ? input.items.map((i, n): Cell[] => [
            center(n + 1),
            i.problem,
            i.village,
            i.kindName,
            i.measures.trim() || '—',
            i.deadline ?? (i.kind === 'long_term' ? '长期坚持' : '—'),
            [i.closed ? `已销号（${i.closedOn}）` : i.statusName, i.lastReport.trim()].filter(Boolean).join('；'),
          ])
        : [[{ text: '（无）', colSpan: 7, align: 'center' }]],
    },
    { kind: 'heading', level: 1, text: '下一步工作打算' },
    {
      kind: 'paragraph',
      text: `${us}将坚持目标不变、标准不降、力度不减，对尚未完成的整改事项盯住不放、跟踪问效，确保按期整改到位；对已完成的整改事项适时开展“回头看”，防止问题反弹；举一反三，建立健全长效机制，巩固巡察整改成果。`,
    },
  ];
  return officialDocument({
    title: `关于${input.round}巡察反馈问题整改情况的报告（草稿）`,
    addressee: input.to ?? `${authority}巡察工作领导小组`,
    body,
    issuer,
    date: input.asOf,
  });
}

// ── 整改成效评估 ─────────────────────────────────────────────────────────────────────────────────────
export interface EvaluationDocInput {
  round: string;
  townName: string;
  issuer: string;
  /** 主送: the 巡察工作领导小组 */
  to: string;
  status: EvaluationStatus;
  asOf: string;
  result: EvaluationResult;
  notes: Record<string, string>;
  conclusion: string;
  confirmedOn: string | null;
  rates: RatesOut;
  itemCount: number;
}

export async function evaluationDocx(input: EvaluationDocInput): Promise<Buffer> {
  const r = input.result;
  const gradeName = EVALUATION_GRADES[r.grade];
  const deductions = r.indicators.flatMap((ind) => ind.lines.filter((l) => l.count > 0 || input.notes[l.rule]).map((l) => ({ ind, l })));
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `根据巡察整改成效评估办法，对${input.townName}${input.round}巡察反馈问题整改情况进行了评估，评估数据截至${officialDate(input.asOf)}。现将评估情况报告如下。`,
    },
    { kind: 'heading', level: 1, text: '整改基本情况' },
    { kind: 'paragraph', text: `${input.townName}共有整改事项${input.itemCount}项。${ratesSentence(input.rates)}。` },
    ratesTable(input.rates),
    { kind: 'heading', level: 1, text: '评估得分情况' },
    {
      kind: 'table',
      header: ['评估指标', '分值', '扣分', '得分'],
      widths: [6, 3, 3, 3],
      rows: [
        ...r.indicators.map((i): Cell[] => [i.label, center(i.weight), center(i.deducted), center(i.score)]),
        [{ text: '合计', bold: true, align: 'center' }, center(r.indicators.reduce((s, i) => s + i.weight, 0)), center(Math.round(r.indicators.reduce((s, i) => s + i.deducted, 0) * 100) / 100), { text: String(r.total), bold: true, align: 'center' }],
      ],
    },
    { kind: 'heading', level: 1, text: '扣分情况' },
    deductions.length
      ? {
          kind: 'table',
          small: true,
          header: ['评估指标', '扣分项', '次数', '扣分', '说明'],
          widths: [3, 8, 2, 2, 6],
          rows: deductions.map(({ ind, l }): Cell[] => [ind.label, l.label, center(l.count), center(l.deducted), input.notes[l.rule] ?? '']),
        }
      : { kind: 'paragraph', text: '无扣分项。' },
    { kind: 'heading', level: 1, text: '评估结论' },
    {
      kind: 'paragraph',
      text: `${input.townName}整改成效评估得分${r.total}分，评定等次为“${gradeName}”。${r.secondRectification ? `按照规定，评估等次为“一般”或“差”的须开展二次整改${r.lookBack ? '，并列入“回头看”重点' : ''}。` : '整改工作达到要求。'}`,
    },
    ...paragraphs(input.conclusion),
  ];
  return officialDocument({
    title: `关于${input.townName}${input.round}巡察整改成效的评估报告${input.status === 'confirmed' ? '' : '（草稿）'}`,
    addressee: input.to,
    body,
    issuer: input.issuer,
    date: input.confirmedOn ?? input.asOf,
  });
}
