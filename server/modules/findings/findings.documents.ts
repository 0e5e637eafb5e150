/**
 * The official documents of findings, from the documents module's generators, with the findings'
 * access rules: the working paper (问题底稿, .docx), the 立行立改通知书 (.docx, 立行立改 items only) and
 * the findings ledger (问题台账, .xlsx) of a round.
 */
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import { findingsLedgerXlsx, immediateNoticeDocx, REVIEW_STEP_LABELS, workingPaperDocx, type FindingsLedgerRow, type WorkingPaperReview } from '../documents';
import * as repo from './findings.repository';
import { FINDING_CATEGORIES, FINDING_SOURCES, findingNumberLabel, type FindingCategory, type FindingSource } from '../../../domain/findings/finding';
import { FINDING_STATUSES, type FindingStatus } from '../../../domain/findings/review';
import { getFinding, listFindingsFilter, todayInChina, type FindingDetail } from './findings.service';

export interface GeneratedFile {
  buffer: Buffer;
  fileName: string;
}

const amountOf = (a: string | null) => (a === null ? null : Number(a));
const paperNumber = (f: FindingDetail) => `${f.round.label}问题底稿${f.numberLabel}`;

/** The review steps of the paper's current cycle (after its last submission), as the document shows them. */
function currentReviews(f: FindingDetail): WorkingPaperReview[] {
  const lastSubmit = f.reviews.map((r) => r.step).lastIndexOf('author');
  return f.reviews
    .slice(lastSubmit + 1)
    .filter((r) => r.step === 'deputy' || r.step === 'leader')
    .map((r) => ({
      step: REVIEW_STEP_LABELS[r.step as 'deputy' | 'leader'],
      reviewer: r.reviewerName,
      decision: r.decision === 'approved' ? '同意' : '退回修改',
      comment: r.comment || undefined,
      at: r.at,
    }));
}

export async function workingPaper(ctx: AppContext, actor: Actor, id: string): Promise<GeneratedFile> {
  const f = await getFinding(ctx, actor, id);
  const buffer = await workingPaperDocx({
    team: f.team?.name ?? f.target.name,
    round: `${f.round.label}巡察`,
    number: paperNumber(f),
    title: f.title,
    foundOn: f.foundOn,
    town: f.townName,
    village: f.villageName,
    source: f.sourceName,
    category: f.categoryName,
    aspect: f.aspect || undefined,
    checklistItem: f.checklistItem ? `${f.checklistItem.aspect} · ${f.checklistItem.title}` : null,
    place: f.place || undefined,
    description: f.description,
    amount: amountOf(f.amount),
    responsible: f.responsible.map((r) => ({ name: r.name, position: r.position || undefined })),
    immediate: f.immediate ? { noticeNumber: f.immediateNoticeNo, fix: f.immediateFix || undefined, fixedOn: f.immediateFixedOn } : null,
    materials: f.materials.map((m) => ({ title: m.title, kind: m.kindName, description: m.description || undefined, files: m.attachments.length })),
    author: f.authorName ?? '',
    reviews: currentReviews(f),
  });
  return { buffer, fileName: `问题底稿-${f.round.label}-${f.numberLabel}-${f.villageName ?? f.townName}.docx` };
}

export async function immediateNotice(ctx: AppContext, actor: Actor, id: string): Promise<GeneratedFile> {
  const f = await getFinding(ctx, actor, id);
  if (!f.immediate || !f.immediateNoticeNo) throw new DomainError('NOT_FOUND', '该问题不是立行立改事项，没有立行立改通知书');
  const round = await ctx.db.selectFrom('rounds').select(['start_date', 'end_date']).where('id', '=', f.round.id).executeTakeFirstOrThrow();
  const unit = f.villageName ?? f.townName;
  const buffer = await immediateNoticeDocx({
    number: f.immediateNoticeNo,
    team: f.team?.name ?? f.target.name,
    to: `${unit}党组织`,
    town: f.townName,
    village: unit,
    since: round.start_date ?? undefined,
    problems: [
      {
        title: f.title,
        description: f.description,
        amount: amountOf(f.amount),
        responsible: f.responsible.map((r) => ({ name: r.name, position: r.position || undefined })),
      },
    ],
    // 立行立改: fixed while the team is still on site, so by the end of the round
    deadline: round.end_date ?? f.foundOn,
    date: f.foundOn,
    copyTo: f.villageName ? [`中共${f.townName}委员会`] : [],
  });
  return { buffer, fileName: `立行立改通知书-${f.immediateNoticeNo}-${unit}.docx` };
}

/** 问题台账 of a round: the findings the actor sees, number order; `status` narrows (e.g. only 已审定). */
export async function findingsLedger(ctx: AppContext, actor: Actor, query: { roundId: string; status?: string | undefined }): Promise<GeneratedFile> {
  const filter = listFindingsFilter(actor, query);
  const items = await repo.allFindings(ctx.db, filter);
  const itemIds = items.map((r) => r.checklist_item_id).filter((x): x is string => Boolean(x));
  const checklist = new Map<string, string>();
  for (const id of itemIds) {
    const it = await repo.checklistItem(ctx.db, id);
    if (it) checklist.set(id, `${it.aspect} · ${it.title}`);
  }
  const rows: FindingsLedgerRow[] = items.map((r) => {
    const responsible = (Array.isArray(r.responsible) ? r.responsible : []) as { name: string; position?: string }[];
    return {
      number: findingNumberLabel(r.number),
      round: `${r.year}年第${r.round_number}轮`,
      team: r.team_name ?? undefined,
      town: r.town_name ?? r.town_code,
      village: r.village_name,
      title: r.title,
      category: FINDING_CATEGORIES[r.category as FindingCategory] ?? r.category,
      aspect: r.aspect || undefined,
      checklistItem: r.checklist_item_id ? (checklist.get(r.checklist_item_id) ?? null) : null,
      source: FINDING_SOURCES[r.source as FindingSource] ?? r.source,
      description: r.description,
      amount: amountOf(r.amount),
      responsible: responsible.map((p) => (p.position ? `${p.name}（${p.position}）` : p.name)).join('；'),
      foundOn: r.found_on,
      immediate: r.immediate,
      immediateNoticeNumber: r.immediate_notice_no,
      status: FINDING_STATUSES[r.status as FindingStatus] ?? r.status,
      author: r.author_name ?? undefined,
    };
  });
  // the round is named from the rows the actor sees: a round out of scope is not revealed by the file name
  const round = rows[0]?.round ? `-${rows[0].round}` : '';
  return { buffer: await findingsLedgerXlsx(rows), fileName: `问题台账${round}-${todayInChina(ctx.now())}.xlsx` };
}
