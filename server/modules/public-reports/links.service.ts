/**
 * Links of the public's reports (码上巡) to the findings (问题底稿) and leads (问题线索) they fed —
 * the triage action 关联问题底稿或线索 (triage.ts: 已受理 → 已转办, more links may be added).
 *
 * Rules: who may link is who may triage the report now (the team handling the inbox, the office after
 * the team's phase); only findings and leads of the report's round and village — or town-level ones of
 * its town — may be linked; unlinking needs a reason, keeps the row (soft) and, when the last live link
 * goes, the report returns to 已受理. Every change is audited on the report, with ids only.
 *
 * The finding's and the lead's pages list their source reports (category, date, status — never who
 * reported or what was written) for whoever may see the finding or lead; the inbox link is offered
 * only to those who may open the report.
 */
import { z } from 'zod';
import { findingNumberLabel } from '../../../domain/findings/finding';
import { FINDING_STATUSES, type FindingStatus } from '../../../domain/findings/review';
import { LEAD_STATUSES, type LeadStatus } from '../../../domain/leads/lead';
import type { LinkCandidates, ReportLink, SourceReport } from '../../../domain/public-reports/link-types';
import { chinaDay } from '../../../domain/public-reports/report';
import { linkProblems, REPORT_STATUSES, triageRefusal, type ReportStatus } from '../../../domain/public-reports/triage';
import type { RoundPhase } from '../../../domain/planning/round';
import { scopeCovers } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { findingForActor } from '../findings';
import { getLead } from '../leads';
import { inboxOf, intakeActor, reportFor, teamIdsOf } from './inbox.service';
import * as repo from './public-reports.repository';
import * as links from './links.repository';

const ENTITY = 'public_reports.report';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const WRONG_PLACE = '只能关联本轮本村的问题底稿或线索（乡镇层面的问题可关联本乡镇的）';
export const UNLINK_REASON_MIN = 5;

const findingLabel = (n: number) => `问题底稿${findingNumberLabel(n)}`;
const leadLabel = (n: number) => `问题线索${findingNumberLabel(n)}`;
/** The town of a report: its village code's first 9 digits (a town target's code is the town's). */
const townOf = (villageCode: string) => villageCode.slice(0, 9);
/**
 * A report made on a town target's code (巡镇带村, 镇村一体) carries the town's own 9-digit code: it may
 * concern any village of the town, so all the town's findings and leads of the round are candidates.
 */
const isTownCode = (villageCode: string) => villageCode.length === 9;

// — inputs —

const idList = (what: string) => z.array(z.string().uuid(`${what}编号格式不正确`)).max(50, `一次最多关联 50 项`).default([]);
export const linkInput = z.object({ findingIds: idList('问题底稿'), leadIds: idList('问题线索') });
export const unlinkInput = z.object({
  reason: z.string({ message: '请写明解除关联的理由' }).trim().min(UNLINK_REASON_MIN, `请写明解除关联的理由（至少 ${UNLINK_REASON_MIN} 个字）`).max(500, '理由不超过 500 字'),
});
export const candidatesQuery = z.object({ q: z.string().trim().max(100, '搜索词不超过 100 字').optional() });
export const sourcesQuery = z
  .object({ findingId: z.string().uuid('问题底稿编号格式不正确').optional(), leadId: z.string().uuid('问题线索编号格式不正确').optional() })
  .refine((v) => (v.findingId ? 1 : 0) + (v.leadId ? 1 : 0) === 1, { message: '请指定一个问题底稿或一条问题线索', path: ['findingId'] });

// — the links of a report, as the inbox shows them —

export function linkOut(r: links.LinkRow): ReportLink {
  const finding = r.finding_id !== null;
  return {
    id: r.id,
    kind: finding ? 'finding' : 'lead',
    targetId: (r.finding_id ?? r.lead_id)!,
    label: finding ? findingLabel(Number(r.finding_number)) : leadLabel(Number(r.lead_number)),
    title: (finding ? r.finding_title : r.lead_summary) ?? '',
    statusName: finding ? (FINDING_STATUSES[r.finding_status as FindingStatus] ?? r.finding_status ?? '') : (LEAD_STATUSES[r.lead_status as LeadStatus] ?? r.lead_status ?? ''),
    link: finding ? `/findings/${r.finding_id}` : `/leads/${r.lead_id}`,
    linkedAt: new Date(r.linked_at).toISOString(),
    linkedByName: r.linked_by_name,
    live: r.unlinked_at === null,
    unlinkedAt: r.unlinked_at ? new Date(r.unlinked_at).toISOString() : null,
    unlinkedByName: r.unlinked_by_name,
    unlinkReason: r.unlink_reason,
  };
}

export async function reportLinks(db: Executor, reportId: string): Promise<ReportLink[]> {
  return (await links.linksOfReport(db, reportId)).map(linkOut);
}

// — who may link now —

function refuseUnlessMayLink(actor: Actor, teamIds: string[] | null, r: repo.ReportRow, status: ReportStatus): void {
  const who = intakeActor(actor, teamIds, r.target_team_id);
  const refusal = triageRefusal('link', status, who, inboxOf(r), r.phase as RoundPhase);
  if (refusal) throw new DomainError(who.kind === 'other' || refusal.includes('不在本组') || refusal.includes('巡察办') ? 'FORBIDDEN' : 'CONFLICT', refusal);
}

/** The round's findings and leads of the report's village (and its town's town-level ones) to pick from. */
export async function linkCandidates(ctx: AppContext, actor: Actor, reportId: string, q: z.output<typeof candidatesQuery>): Promise<LinkCandidates> {
  const { row } = await reportFor(ctx.db, actor, reportId);
  requirePermission(actor, 'public_reports.handle');
  const [found, current] = await Promise.all([
    links.candidates(ctx.db, { roundId: row.round_id, villageCode: row.village_code, townCode: townOf(row.village_code), wholeTown: isTownCode(row.village_code), q: q.q || undefined, limit: 100 }),
    links.linksOfReport(ctx.db, row.id),
  ]);
  const live = new Set(current.filter((l) => l.unlinked_at === null).map((l) => (l.finding_id ?? l.lead_id)!));
  return {
    findings: found.findings.map((f) => ({ id: f.id, label: findingLabel(f.number), title: f.title, statusName: FINDING_STATUSES[f.status as FindingStatus] ?? f.status, townLevel: f.village_code === null, linked: live.has(f.id) })),
    leads: found.leads.map((l) => ({ id: l.id, label: leadLabel(l.number), title: l.summary, statusName: LEAD_STATUSES[l.status as LeadStatus] ?? l.status, townLevel: l.village_code === null, linked: live.has(l.id) })),
  };
}

/**
 * Links a report to findings and/or leads of its round and village, inside `tx` (the report row is
 * locked); status → 已转办. Used by the inbox route and by the demo. Returns the new links' ids.
 */
export async function linkReportInTx(tx: Tx, ctx: Pick<AppContext, 'now'>, actor: Actor, reportId: string, input: z.output<typeof linkInput>): Promise<string[]> {
  requirePermission(actor, 'public_reports.handle');
  const teamIds = await teamIdsOf(tx, actor);
  const r = UUID.test(reportId) ? await repo.findReportForUpdate(tx, reportId) : undefined;
  // the same visibility as the inbox (callers other than the route, e.g. the demo, come straight here)
  const visible = r && scopeCovers(actor.scopeCode, r.scope_code) && (teamIds === null || (r.target_team_id !== null && teamIds.includes(r.target_team_id)));
  if (!r || !visible) throw new DomainError('NOT_FOUND', '群众来件不存在或无权查看');
  refuseUnlessMayLink(actor, teamIds, r, r.status as ReportStatus);
  const findingIds = [...new Set(input.findingIds)];
  const leadIds = [...new Set(input.leadIds)];
  const current = (await links.linksOfReport(tx, r.id)).filter((l) => l.unlinked_at === null);
  const problems = linkProblems({ findingIds, leadIds, alreadyLinked: current.map((l) => (l.finding_id ?? l.lead_id)!) });
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.join('；'), problems.map((message) => ({ path: 'body.findingIds', message })));
  const [findings, leads] = await Promise.all([links.findingsByIds(tx, findingIds), links.leadsByIds(tx, leadIds)]);
  const town = townOf(r.village_code);
  const wholeTown = isTownCode(r.village_code);
  const placed = (x: { round_id: string; village_code: string | null; town_code: string }) =>
    x.round_id === r.round_id && (x.village_code === r.village_code || ((wholeTown || x.village_code === null) && x.town_code === town));
  if (findings.length !== findingIds.length || leads.length !== leadIds.length || !findings.every(placed) || !leads.every(placed)) {
    throw new DomainError('VALIDATION_FAILED', WRONG_PLACE, [{ path: 'body.findingIds', message: WRONG_PLACE }]);
  }
  const now = ctx.now();
  const ids: string[] = [];
  for (const id of findingIds) ids.push((await links.insertLink(tx, { report_id: r.id, finding_id: id, lead_id: null, linked_by: actor.userId, linked_at: now })).id);
  for (const id of leadIds) ids.push((await links.insertLink(tx, { report_id: r.id, finding_id: null, lead_id: id, linked_by: actor.userId, linked_at: now })).id);
  await repo.updateReport(tx, r.id, { status: 'linked', was_accepted: true });
  await writeAudit(tx, ctx, actor, {
    action: 'link',
    entity: ENTITY,
    entityId: r.id,
    scopeCode: r.village_code,
    before: { status: r.status },
    after: { status: 'linked', findingIds, leadIds, linkIds: ids },
  });
  return ids;
}

/** Links a report (its own transaction). */
export async function linkReport(ctx: AppContext, actor: Actor, reportId: string, input: z.output<typeof linkInput>): Promise<string[]> {
  const { row } = await reportFor(ctx.db, actor, reportId);
  requirePermission(actor, 'public_reports.handle');
  return ctx.db.transaction().execute((tx) => linkReportInTx(tx, ctx, actor, row.id, input));
}

/** Removes one live link with a reason; the last one going returns the report to 已受理. */
export async function unlinkReport(ctx: AppContext, actor: Actor, reportId: string, linkId: string, input: z.output<typeof unlinkInput>): Promise<{ status: ReportStatus }> {
  const { row, teamIds } = await reportFor(ctx.db, actor, reportId);
  requirePermission(actor, 'public_reports.handle');
  return ctx.db.transaction().execute(async (tx) => {
    const r = (await repo.findReportForUpdate(tx, row.id))!;
    const status = r.status as ReportStatus;
    if (status !== 'linked') throw new DomainError('CONFLICT', `只有已转办的来件可以解除关联（当前状态：${REPORT_STATUSES[status]}）`);
    refuseUnlessMayLink(actor, teamIds, r, status);
    const link = UUID.test(linkId) ? await links.findLiveLink(tx, r.id, linkId) : undefined;
    if (!link) throw new DomainError('NOT_FOUND', '该关联不存在或已经解除');
    await links.unlink(tx, link.id, { unlinked_by: actor.userId, unlinked_at: ctx.now(), unlink_reason: input.reason });
    const left = await links.liveLinkCount(tx, r.id);
    const to: ReportStatus = left === 0 ? 'accepted' : 'linked';
    if (to !== status) await repo.updateReport(tx, r.id, { status: to });
    await writeAudit(tx, ctx, actor, {
      action: 'unlink',
      entity: ENTITY,
      entityId: r.id,
      scopeCode: r.village_code,
      before: { status, linkId: link.id, findingId: link.finding_id, leadId: link.lead_id },
      after: { status: to, reason: input.reason, liveLinks: left },
    });
    return { status: to };
  });
}

// — the finding's and the lead's source reports —

export async function sourceReports(ctx: AppContext, actor: Actor, q: z.output<typeof sourcesQuery>): Promise<{ items: SourceReport[]; total: number }> {
  // visible finding or lead, else 404 with their own messages
  if (q.findingId) await findingForActor(ctx.db, actor, q.findingId);
  else await getLead(ctx, actor, q.leadId!);
  const rows = await links.reportsLinkedTo(ctx.db, q.findingId ? { findingId: q.findingId } : { leadId: q.leadId! });
  const teamIds = await teamIdsOf(ctx.db, actor);
  const mayOpen = (r: (typeof rows)[number]) =>
    actor.permissions.has('public_reports.read') && scopeCovers(actor.scopeCode, r.scope_code) && (teamIds === null || (r.target_team_id !== null && teamIds.includes(r.target_team_id)));
  const items = rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    label: `群众来件第 ${Number(r.number)} 号`,
    categoryName: r.category_name,
    receivedOn: r.received_on,
    status: r.status as ReportStatus,
    statusName: REPORT_STATUSES[r.status as ReportStatus],
    targetName: r.target_name,
    linkedOn: chinaDay(new Date(r.linked_at)),
    link: mayOpen(r) ? `/public/reports?id=${r.id}` : null,
  }));
  return { items, total: items.length };
}
