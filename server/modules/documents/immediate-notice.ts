import { officialDate, yuanInText } from './format';
import { officialDocument, type Block } from './official';
import { responsibleText, unitText, type ResponsiblePerson } from './working-paper';

/** One problem to fix at once. */
export interface ImmediateProblem {
  title: string;
  description: string;
  amount?: number | null;
  responsible?: ResponsiblePerson[];
  /** 整改要求, if the team states one. */
  requirement?: string;
}

/** 立行立改通知书 — sent to the village during the round. */
export interface ImmediateNoticeInput {
  /** 通知书编号, e.g. 一组立改〔2026〕3号. */
  number: string;
  /** 巡察组, e.g. 县委第一巡察组 (signs the notice). */
  team: string;
  /** Who appointed the team, for the opening line, e.g. 县委. Default 县委. */
  authority?: string;
  /** 主送: the village Party organisation, e.g. 中共东湖村支部委员会. */
  to: string;
  town: string;
  village: string;
  /** First day of the round on site, ISO; optional. */
  since?: string;
  problems: ImmediateProblem[];
  /** 整改期限, ISO. */
  deadline: string;
  /** 成文日期, ISO. */
  date: string;
  /** 抄送, e.g. the town Party committee. */
  copyTo?: string[];
  contact?: { name: string; phone: string };
}

/** 立行立改通知书. */
export async function immediateNoticeDocx(input: ImmediateNoticeInput): Promise<Buffer> {
  const authority = input.authority ?? '县委';
  const since = input.since ? `于${officialDate(input.since)}起` : '';
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `根据${authority}巡察工作统一部署，${input.team}${since}对${unitText(input.town, input.village)}党组织开展巡察。巡察期间发现下列问题，群众反映强烈、具备立即整改条件，现通知你村立行立改。`,
    },
    { kind: 'heading', level: 1, text: '需立行立改的问题' },
  ];
  for (const p of input.problems) {
    body.push({ kind: 'heading', level: 2, text: p.title });
    body.push({ kind: 'paragraph', text: p.description });
    const facts: string[] = [];
    if (p.amount != null) facts.push(`涉及金额${yuanInText(p.amount)}`);
    if (p.responsible && p.responsible.length > 0) facts.push(`责任人员：${responsibleText(p.responsible)}`);
    if (facts.length) body.push({ kind: 'paragraph', text: `${facts.join('；')}。` });
    if (p.requirement) body.push({ kind: 'paragraph', text: `整改要求：${p.requirement}` });
  }
  body.push(
    { kind: 'heading', level: 1, text: '整改要求' },
    {
      kind: 'paragraph',
      text: `请你村高度重视，认真核实，明确责任人，于${officialDate(input.deadline)}前整改到位，并将整改情况及相关佐证材料书面报送${input.team}。逾期未整改或整改不到位的，巡察组将按照有关规定处理。`,
    },
  );
  if (input.contact) body.push({ kind: 'paragraph', text: `联系人：${input.contact.name}，联系电话：${input.contact.phone}。` });

  return officialDocument({
    title: '立行立改通知书',
    number: input.number,
    addressee: input.to,
    body,
    issuer: input.team,
    date: input.date,
    copyTo: input.copyTo,
    postscript: [{ kind: 'signatures', items: [{ label: '送达人（签字）' }, { label: '签收人（签字）' }] }],
    documentTitle: `立行立改通知书 ${input.number}`,
  });
}
