/**
 * The official documents of reports and feedback, from the documents module's generators, with this
 * area's access rules: 巡察报告 (.docx, the report's own — edited and approved — text in the official
 * layout), 反馈意见 (.docx, with one 问题清单 per village of a town target attached), 村问题清单 (.docx),
 * 巡察建议书 (.docx) and the round's 移交事项台账 (.xlsx). Chinese file names (RFC 5987, by the route).
 */
import type { ReportSection } from '../../../domain/reports/report';
import { suggestionNumberLabel, TRANSFER_STATUSES } from '../../../domain/reports/tracking';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import {
  feedbackOpinionDocx,
  officialDocument,
  suggestionLetterDocx,
  transferItemsLedgerXlsx,
  villageProblemListDocx,
  type Block,
  type ReportFinding,
} from '../documents';
import { roundForActor, targetForActor } from './access';
import { approvedFindings, categoryName, roundLabel, todayInChina, villagesOf, type ApprovedFinding } from './reports.service';
import { allTransferItems, suggestionForActor } from './tracking.service';

export interface GeneratedFile {
  buffer: Buffer;
  fileName: string;
}

const DEFAULT_TEAM = '县委巡察组';

const asReportFinding = (f: ApprovedFinding): ReportFinding => ({
  number: f.numberLabel,
  town: f.townName,
  village: f.villageName,
  category: categoryName(f.category),
  aspect: f.aspect || undefined,
  title: f.title,
  description: f.description,
  amount: f.amount,
  immediate: f.immediate,
  responsible: f.responsible.map((p) => ({ name: p.name, position: p.position || undefined })),
});

const sectionsAsBlocks = (sections: ReportSection[]): Block[] =>
  sections.flatMap((s): Block[] => [{ kind: 'heading', level: 1, text: s.heading }, ...s.paragraphs.filter((p) => p.trim()).map((text): Block => ({ kind: 'paragraph', text }))]);

export async function reportDocx(ctx: AppContext, actor: Actor, roundId: string, targetId: string): Promise<GeneratedFile> {
  const a = await targetForActor(ctx.db, actor, roundId, targetId, 'read');
  const r = await ctx.db.selectFrom('round_reports').selectAll().where('target_id', '=', a.target.id).where('kind', '=', 'inspection').executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', `${a.target.name}的巡察报告尚未起草`);
  const body = (Array.isArray(r.body) ? r.body : JSON.parse(String(r.body))) as ReportSection[];
  const team = a.teamName ?? DEFAULT_TEAM;
  const buffer = await officialDocument({
    title: r.title,
    addressee: '县委巡察工作领导小组',
    body: sectionsAsBlocks(body),
    issuer: team,
    date: r.approved_on ?? todayInChina(ctx.now()),
    documentTitle: `${roundLabel(a.round)}巡察报告 ${a.target.name}`,
  });
  const draft = r.status === 'approved' ? '' : '（未审定稿）';
  return { buffer, fileName: `巡察报告-${roundLabel(a.round)}-${a.target.name}${draft}.docx` };
}

export async function feedbackDocx(ctx: AppContext, actor: Actor, roundId: string, targetId: string): Promise<GeneratedFile> {
  const a = await targetForActor(ctx.db, actor, roundId, targetId, 'read');
  const r = await ctx.db.selectFrom('round_reports').select('status').where('target_id', '=', a.target.id).where('kind', '=', 'inspection').executeTakeFirst();
  if (r?.status !== 'approved') {
    throw new DomainError('CONFLICT', `${a.target.name}的巡察报告尚未审定，报告审定后才能生成反馈意见`, { reasons: [`${a.target.name}的巡察报告尚未审定，报告审定后才能生成反馈意见`] });
  }
  const findings = await approvedFindings(ctx.db, a.target.id);
  const own = await ctx.db.selectFrom('feedbacks').selectAll().where('target_id', '=', a.target.id).where('village_code', 'is', null).executeTakeFirst();
  const villages = a.target.kind === 'town' ? await villagesOf(ctx.db, a.target) : new Map<string, string>();
  const team = a.teamName ?? DEFAULT_TEAM;
  const buffer = await feedbackOpinionDocx({
    team,
    round: `${roundLabel(a.round)}巡察`,
    to: `中共${a.target.name}委员会`,
    unit: a.target.name,
    from: a.round.start_date,
    until: a.round.end_date,
    assessment: own?.opinion || undefined,
    findings: findings.map(asReportFinding),
    problemLists: [...villages.entries()].map(([code, name]) => ({ village: name, findings: findings.filter((f) => f.villageCode === code).map(asReportFinding) })),
    date: own?.fed_back_on ?? todayInChina(ctx.now()),
  });
  return { buffer, fileName: `反馈意见-${roundLabel(a.round)}-${a.target.name}.docx` };
}

export async function problemListDocx(ctx: AppContext, actor: Actor, roundId: string, targetId: string, villageCode: string): Promise<GeneratedFile> {
  const a = await targetForActor(ctx.db, actor, roundId, targetId, 'read');
  const villages = await villagesOf(ctx.db, a.target);
  const village = villages.get(villageCode);
  if (village === undefined) throw new DomainError('NOT_FOUND', `该村（社区）不在${a.target.name}本轮巡察的范围内`);
  const findings = await approvedFindings(ctx.db, a.target.id, villageCode);
  const town = a.target.kind === 'town' ? a.target.name : ((await ctx.db.selectFrom('divisions').select(['name', 'short_name']).where('code', '=', a.target.town_code ?? '').executeTakeFirst())?.short_name ?? '');
  const own = await ctx.db.selectFrom('feedbacks').select('fed_back_on').where('target_id', '=', a.target.id).where('village_code', a.target.kind === 'town' ? '=' : 'is', a.target.kind === 'town' ? villageCode : null).executeTakeFirst();
  const buffer = await villageProblemListDocx({
    team: a.teamName ?? DEFAULT_TEAM,
    round: `${roundLabel(a.round)}巡察`,
    town,
    village,
    findings: findings.map(asReportFinding),
    date: own?.fed_back_on ?? todayInChina(ctx.now()),
  });
  return { buffer, fileName: `问题清单-${roundLabel(a.round)}-${town}${village}.docx` };
}

export async function suggestionLetter(ctx: AppContext, actor: Actor, id: string): Promise<GeneratedFile> {
  const { row, round } = await suggestionForActor(ctx.db, actor, id, 'read');
  const department = (await ctx.db.selectFrom('organisations').select('name').where('id', '=', row.department_org_id).executeTakeFirst())?.name ?? '';
  // the team the author belongs to in this round, when a team wrote it
  const author = row.created_by ? await ctx.db.selectFrom('users').select('org_id').where('id', '=', row.created_by).executeTakeFirst() : undefined;
  const team = author ? await ctx.db.selectFrom('teams').select('name').where('round_id', '=', round.id).where('org_id', '=', author.org_id).executeTakeFirst() : undefined;
  const number = suggestionNumberLabel(round.year, row.number);
  const sentOn = row.sent_on ?? todayInChina(ctx.now());
  const buffer = await suggestionLetterDocx({
    number,
    to: department,
    team: team?.name ?? DEFAULT_TEAM,
    round: `${roundLabel(round)}巡察`,
    subject: row.title,
    situation: row.content,
    suggestions: (Array.isArray(row.measures) ? row.measures : JSON.parse(String(row.measures))) as string[],
    replyBy: row.reply_due_on ?? todayInChina(ctx.now()),
    date: sentOn,
  });
  return { buffer, fileName: `巡察建议书-${number}-${department}.docx` };
}

export async function transferLedger(ctx: AppContext, actor: Actor, roundId: string): Promise<GeneratedFile> {
  const { round } = await roundForActor(ctx.db, actor, roundId, 'read');
  const items = await allTransferItems(ctx.db, round, todayInChina(ctx.now()));
  const names = new Map<string, string>();
  for (const code of new Set(items.map((i) => i.finding?.villageCode).filter((c): c is string => Boolean(c)))) {
    const d = await ctx.db.selectFrom('divisions').select(['name', 'short_name']).where('code', '=', code).executeTakeFirst();
    names.set(code, d?.short_name || d?.name || code);
  }
  const buffer = await transferItemsLedgerXlsx(
    items.map((t) => ({
      number: t.numberLabel,
      round: roundLabel(round),
      title: t.title,
      department: t.department,
      kind: t.finding ? '巡察问题移交' : '移交事项',
      village: t.finding?.villageCode ? (names.get(t.finding.villageCode) ?? null) : null,
      transferredOn: t.sentOn ?? '',
      dueOn: t.dueOn,
      status: TRANSFER_STATUSES[t.status] + (t.clockName ? `（${t.clockName}）` : ''),
      completedOn: t.completedOn,
      result: t.result || undefined,
      amount: t.finding?.amount != null ? Number(t.finding.amount) : null,
    })),
  );
  return { buffer, fileName: `移交事项台账-${roundLabel(round)}-${todayInChina(ctx.now())}.xlsx` };
}
