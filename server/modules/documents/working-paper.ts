import { officialDate, yuan } from './format';
import { officialDocument, type Block, type Cell, type RowSpec } from './official';

/** A person held responsible in a finding. */
export interface ResponsiblePerson {
  name: string;
  /** 职务, e.g. 村党支部书记. */
  position?: string;
  /** 责任类型 as displayed, e.g. 直接责任、主要领导责任. */
  responsibility?: string;
}

/** One supporting material of a working paper (佐证材料). */
export interface WorkingPaperMaterial {
  title: string;
  /** Kind as displayed, e.g. 谈话记录、会议记录、财务凭证、照片. */
  kind?: string;
  description?: string;
  /** Number of files attached to it. */
  files?: number;
}

/** The labels of the review steps after the author's; a step without a review gets an empty place to sign. */
export const REVIEW_STEP_LABELS = { deputy: '副组长审核', leader: '组长审定' } as const;

/** One step of the three-step review (撰写 → 副组长审核 → 组长审定), all labels as displayed. */
export interface WorkingPaperReview {
  /** Use REVIEW_STEP_LABELS for the two review steps. */
  step: string;
  reviewer: string;
  /** e.g. 同意、退回修改. */
  decision: string;
  comment?: string;
  /** ISO date or timestamp. */
  at: string;
}

/** 问题底稿 — one working paper per problem (一事一底稿). */
export interface WorkingPaperInput {
  /** 巡察组, e.g. 县委第一巡察组. */
  team: string;
  /** The round as displayed, e.g. 2026年第二轮巡察. */
  round?: string;
  /** 底稿编号 as displayed, e.g. 一组底稿〔2026〕第12号. */
  number: string;
  /** 问题名称. */
  title: string;
  /** 形成日期, ISO. */
  foundOn: string;
  town: string;
  village?: string | null;
  /** 问题来源 as displayed, e.g. 个别谈话、查阅资料、走访群众、信访举报. */
  source: string;
  /** 问题类别 as displayed, e.g. 党的建设缺失. */
  category: string;
  aspect?: string;
  /** 对应检查事项 (the checklist item it breaks). */
  checklistItem?: string | null;
  place?: string;
  description: string;
  /** 涉及金额 in yuan. */
  amount?: number | null;
  responsible: ResponsiblePerson[];
  /** 立行立改 with its notice number. */
  immediate?: { noticeNumber?: string | null; fix?: string; fixedOn?: string | null } | null;
  materials: WorkingPaperMaterial[];
  /** 撰写人. */
  author: string;
  reviews: WorkingPaperReview[];
}

export function responsibleText(people: ResponsiblePerson[]): string {
  if (people.length === 0) return '无';
  return people
    .map((p) => {
      const extra = [p.position, p.responsibility].filter(Boolean).join('，');
      return extra ? `${p.name}（${extra}）` : p.name;
    })
    .join('；');
}

export function unitText(town: string, village?: string | null): string {
  return village ? `${town}${village}` : town;
}

function materialsTable(materials: WorkingPaperMaterial[]): Block {
  return {
    kind: 'table',
    header: ['序号', '材料名称', '材料类型', '说明', '附件数'],
    widths: [2, 9, 4, 9, 3],
    rows: materials.length
      ? materials.map((m, i) => [{ text: String(i + 1), align: 'center' }, m.title, m.kind ?? '', m.description ?? '', { text: String(m.files ?? 0), align: 'center' }])
      : [[{ text: '（无）', colSpan: 5, align: 'center' }]],
  };
}

/** 问题底稿: a form with the facts, the responsible people, the materials and the review record with signatures. */
export async function workingPaperDocx(input: WorkingPaperInput): Promise<Buffer> {
  const label = (text: string): Cell => ({ text, bold: true, align: 'center' });
  const wide = (text: string | string[]): Cell => ({ text, colSpan: 3 });
  const rows: (Cell[] | RowSpec)[] = [
    [label('问题名称'), wide(input.title)],
    [label('底稿编号'), input.number, label('形成日期'), officialDate(input.foundOn)],
    [label('被巡察单位'), unitText(input.town, input.village), label('问题来源'), input.source],
    [label('问题类别'), input.aspect ? `${input.category}（${input.aspect}）` : input.category, label('对应检查事项'), input.checklistItem ?? '—'],
    [label('发现地点'), input.place || '—', label('涉及金额'), input.amount != null ? yuan(input.amount) : '—'],
    { cells: [label('问题描述'), wide(input.description.split('\n'))], minHeightLines: 6 },
    [label('责任人员'), wide(responsibleText(input.responsible))],
  ];
  if (input.immediate) {
    const parts = [`立行立改${input.immediate.noticeNumber ? `，通知书编号：${input.immediate.noticeNumber}` : ''}`];
    if (input.immediate.fix) parts.push(`整改情况：${input.immediate.fix}`);
    if (input.immediate.fixedOn) parts.push(`整改完成日期：${officialDate(input.immediate.fixedOn)}`);
    rows.push([label('立行立改'), wide(parts)]);
  }
  rows.push([
    label('佐证材料'),
    wide(input.materials.length ? input.materials.map((m, i) => `${i + 1}. ${m.title}${m.kind ? `（${m.kind}）` : ''}`) : ['无']),
  ]);
  rows.push({ cells: [label('撰写人（签字）'), input.author, label('日期'), officialDate(input.foundOn)], minHeightLines: 2 });
  for (const r of input.reviews) {
    rows.push({
      cells: [label(`${r.step}意见`), wide([`${r.decision}${r.comment ? `：${r.comment}` : ''}`, `签字：${r.reviewer}\u3000\u3000${officialDate(r.at)}`])],
      minHeightLines: 2,
    });
  }
  const reviewed = new Set(input.reviews.map((r) => r.step));
  for (const step of Object.values(REVIEW_STEP_LABELS)) {
    if (!reviewed.has(step)) rows.push({ cells: [label(`${step}意见`), wide(['', '签字：　　　　　　年　　月　　日'])], minHeightLines: 2 });
  }

  const body: Block[] = [
    { kind: 'paragraph', text: `巡察组：${input.team}${input.round ? `\u3000\u3000巡察轮次：${input.round}` : ''}`, indent: false, align: 'left' },
    { kind: 'table', rows, widths: [4, 8, 4, 8] },
    { kind: 'blank' },
    { kind: 'paragraph', text: { text: '佐证材料清单', font: 'hei' }, align: 'center', indent: false },
    materialsTable(input.materials),
  ];
  return officialDocument({
    title: '巡察问题底稿',
    body,
    issuer: input.team,
    date: input.foundOn,
    omitSignature: true,
    documentTitle: `问题底稿 ${input.number} ${input.title}`,
  });
}
