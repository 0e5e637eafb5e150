import { officialDate } from './format';
import { officialDocument, type Block } from './official';
import { unitText } from './working-paper';

/** A person a lead concerns. */
export interface LeadPerson {
  name: string;
  /** 职务, e.g. 村委会主任. */
  position?: string;
  /** 单位, when not the inspected village. */
  unit?: string;
}

/** One item of evidence handed over with the lead. */
export interface TransferEvidence {
  title: string;
  /** e.g. 谈话记录摘录、复印件、照片. */
  kind?: string;
  /** 页数 or number of files. */
  count?: number;
}

/** 问题线索移交函 — a lead signed over to the body that may handle it by cadre-management authority. */
export interface TransferLetterInput {
  /** 移交函编号, e.g. 县巡移〔2026〕5号. */
  number: string;
  /** 线索编号 as displayed, e.g. 2026-02-007. */
  leadNumber: string;
  /** 主送: the receiving body, e.g. 县纪委监委. */
  to: string;
  /** The body that signs the letter, e.g. 中共某县委巡察工作领导小组办公室 or the team. */
  issuer: string;
  team: string;
  /** Who appointed the team, e.g. 县委. Default 县委. */
  authority?: string;
  town: string;
  village?: string | null;
  /** The round as displayed, e.g. 2026年第二轮巡察. */
  round?: string;
  persons: LeadPerson[];
  /** 线索来源 as displayed, e.g. 信访举报、个别谈话、查阅资料. */
  source?: string;
  /** 主要问题. */
  summary: string;
  evidence: TransferEvidence[];
  /** Reply expected by, ISO; when absent the letter asks for a reply within three months. */
  replyBy?: string | null;
  /** The office that receives the reply. Default 县委巡察办. */
  replyTo?: string;
  /** 成文日期, ISO. */
  date: string;
  /** Hand-over names and date, when known. */
  handover?: { transferredBy?: string; receivedBy?: string; on?: string };
  copyTo?: string[];
}

export function personsText(persons: LeadPerson[]): string {
  if (persons.length === 0) return '（未列明）';
  return persons.map((p) => `${p.unit ?? ''}${p.position ?? ''}${p.name}`).join('、');
}

/** 问题线索移交函. */
export async function transferLetterDocx(input: TransferLetterInput): Promise<Buffer> {
  const authority = input.authority ?? '县委';
  const unit = input.village ? unitText(input.town, input.village) : input.town;
  const replyTo = input.replyTo ?? '县委巡察办';
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `根据${authority}巡察工作安排，${input.team}${input.round ? `在${input.round}中` : ''}对${unit}党组织开展巡察，发现涉及${personsText(input.persons)}的问题线索。按照干部管理权限和有关规定，现将该问题线索移交你单位处理。`,
    },
    { kind: 'heading', level: 1, text: '线索基本情况' },
    {
      kind: 'table',
      widths: [3, 9],
      rows: [
        [{ text: '线索编号', bold: true, align: 'center' }, input.leadNumber],
        [{ text: '涉及单位', bold: true, align: 'center' }, unit],
        [
          { text: '涉及人员', bold: true, align: 'center' },
          { text: input.persons.length ? input.persons.map((p) => [p.name, p.unit, p.position].filter(Boolean).join('，')) : ['（未列明）'] },
        ],
        [{ text: '线索来源', bold: true, align: 'center' }, input.source ?? '巡察发现'],
      ],
    },
    { kind: 'heading', level: 1, text: '主要问题' },
    ...input.summary.split('\n').filter((l) => l.trim()).map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'heading', level: 1, text: '移交材料' },
    input.evidence.length
      ? {
          kind: 'table',
          header: ['序号', '材料名称', '材料类型', '数量'],
          widths: [2, 10, 4, 2],
          rows: input.evidence.map((e, i) => [{ text: String(i + 1), align: 'center' }, e.title, e.kind ?? '', { text: e.count != null ? String(e.count) : '', align: 'center' }]),
        }
      : { kind: 'paragraph', text: '无。' },
    {
      kind: 'paragraph',
      text: `请按照有关规定及时处置，并${input.replyBy ? `于${officialDate(input.replyBy)}前` : '自收到本函之日起3个月内'}将办理情况书面反馈${replyTo}。`,
    },
  ];
  const h = input.handover ?? {};
  return officialDocument({
    title: '问题线索移交函',
    number: input.number,
    addressee: input.to,
    body,
    issuer: input.issuer,
    date: input.date,
    copyTo: input.copyTo,
    postscript: [
      {
        kind: 'signatures',
        items: [
          { label: '移交人（签字）', name: h.transferredBy, date: h.on },
          { label: '接收人（签字）', name: h.receivedBy, date: h.on },
        ],
      },
    ],
    documentTitle: `问题线索移交函 ${input.number}`,
  });
}
