/**
 * 巡察公告 facts per round × team: the office fills them in (phone, mailbox, e-mail, reception, the
 * on-site period and the 信访 cut-off), teams read their own. The cut-off also steers the intake: a
 * report after it lands with the office (domain/public-reports/triage.ts inboxFor).
 *
 * Access as the poster codes: public_reports.read in the round's scope, team users only their teams;
 * writing needs public_reports.handle and is the office's (not a team's). Out of scope is 404.
 */
import { defaultNoticeDates, noticeProblems, type NoticeInput } from '../../../domain/public-reports/notice';
import type { IntakeRound } from '../../../domain/public-reports/triage';
import { scopeCovers } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';
import * as repo from './notices.repository';

const ENTITY = 'public_reports.notice';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
const teamNotFound = () => new DomainError('NOT_FOUND', '巡察组不存在或不属于本轮');

export const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;

/** A team user's teams (null for everybody else). */
export async function teamIdsOf(db: Executor, actor: Actor): Promise<string[] | null> {
  if (actor.orgKind !== 'team') return null;
  const rows = await db.selectFrom('teams').select('id').where('org_id', '=', actor.orgId).execute();
  return rows.map((r) => r.id);
}

/** The round if the actor may read 码上巡 in its scope; 404 otherwise. */
export async function readableRound(db: Executor, actor: Actor, roundId: string) {
  if (!actor.permissions.has('public_reports.read') || !UUID.test(roundId)) throw roundNotFound();
  const round = await repo.roundById(db, roundId);
  if (!round || !scopeCovers(actor.scopeCode, round.scope_code)) throw roundNotFound();
  return round;
}

export interface NoticeOut {
  teamId: string;
  teamName: string;
  /** false: nothing saved yet, the dates are the round's defaults and the contacts empty */
  saved: boolean;
  phone: string;
  mailbox: string;
  email: string | null;
  receptionPlace: string | null;
  receptionHours: string | null;
  onSiteFrom: string;
  onSiteTo: string;
  petitionCutoff: string;
  version: number | null;
  updatedByName: string | null;
  updatedAt: string | null;
  /** the targets the team's posters are for */
  targets: { id: string; name: string; hasCode: boolean }[];
}

type NoticeRow = NonNullable<Awaited<ReturnType<typeof repo.findNotice>>>;

function noticeOut(team: { id: string; name: string }, row: NoticeRow | undefined, round: { start_date: string; end_date: string }, targets: NoticeOut['targets'] = []): NoticeOut {
  if (!row) {
    return {
      targets,
      teamId: team.id,
      teamName: team.name,
      saved: false,
      phone: '',
      mailbox: '',
      email: null,
      receptionPlace: null,
      receptionHours: null,
      ...defaultNoticeDates({ startDate: round.start_date, endDate: round.end_date }),
      version: null,
      updatedByName: null,
      updatedAt: null,
    };
  }
  return {
    targets,
    teamId: team.id,
    teamName: team.name,
    saved: true,
    phone: row.phone,
    mailbox: row.mailbox,
    email: row.email,
    receptionPlace: row.reception_place,
    receptionHours: row.reception_hours,
    onSiteFrom: row.on_site_from,
    onSiteTo: row.on_site_to,
    petitionCutoff: row.petition_cutoff,
    version: row.version,
    updatedByName: row.updated_by_name,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface NoticesOut {
  roundId: string;
  roundLabel: string;
  startDate: string;
  endDate: string;
  /** whether the caller may edit (the office with public_reports.handle) */
  canEdit: boolean;
  items: NoticeOut[];
  total: number;
}

const canEdit = (actor: Actor) => actor.orgKind !== 'team' && actor.permissions.has('public_reports.handle');

export async function listNotices(ctx: AppContext, actor: Actor, roundId: string): Promise<NoticesOut> {
  const round = await readableRound(ctx.db, actor, roundId);
  const teamIds = await teamIdsOf(ctx.db, actor);
  const teams = (await repo.teamsOfRound(ctx.db, round.id)).filter((t) => teamIds === null || teamIds.includes(t.id));
  const rows = new Map((await repo.noticesOfRound(ctx.db, round.id)).map((n) => [n.team_id, n]));
  const targets = await repo.posterTargets(ctx.db, round.id);
  const targetsOf = (teamId: string) => targets.filter((t) => t.team_id === teamId).map((t) => ({ id: t.id, name: t.kind === 'village' ? t.short_name || t.name : t.name, hasCode: t.code !== null }));
  const items = teams.map((t) => noticeOut(t, rows.get(t.id), round, targetsOf(t.id)));
  return { roundId: round.id, roundLabel: roundLabel(round), startDate: round.start_date, endDate: round.end_date, canEdit: canEdit(actor), items, total: items.length };
}

const auditView = (n: NoticeRow | undefined) =>
  n
    ? {
        phone: n.phone,
        mailbox: n.mailbox,
        email: n.email,
        receptionPlace: n.reception_place,
        receptionHours: n.reception_hours,
        onSiteFrom: n.on_site_from,
        onSiteTo: n.on_site_to,
        petitionCutoff: n.petition_cutoff,
      }
    : null;

export async function saveNotice(ctx: AppContext, actor: Actor, roundId: string, teamId: string, input: NoticeInput): Promise<NoticeOut> {
  const round = await readableRound(ctx.db, actor, roundId);
  requirePermission(actor, 'public_reports.handle');
  if (actor.orgKind === 'team') throw new DomainError('FORBIDDEN', '巡察公告由巡察办统一填写');
  const team = UUID.test(teamId) ? (await repo.teamsOfRound(ctx.db, round.id)).find((t) => t.id === teamId) : undefined;
  if (!team) throw teamNotFound();
  const problems = noticeProblems(input, { startDate: round.start_date, endDate: round.end_date });
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), problems);
  const values: repo.NoticeValues = {
    phone: input.phone,
    mailbox: input.mailbox,
    email: input.email,
    reception_place: input.receptionPlace,
    reception_hours: input.receptionHours,
    on_site_from: input.onSiteFrom,
    on_site_to: input.onSiteTo,
    petition_cutoff: input.petitionCutoff,
    updated_by: actor.userId,
    updated_by_name: actor.displayName,
    updated_at: ctx.now(),
  };
  const stale = () => new DomainError('CONFLICT', '该巡察公告已被他人修改，请刷新后重新填写');
  const saved = await ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findNoticeForUpdate(tx, round.id, team.id);
    if (before && input.version !== undefined && input.version !== before.version) throw stale();
    if (!before && input.version !== undefined) throw stale();
    const row = before ? await repo.updateNotice(tx, before.id, before.version, values) : await repo.insertNotice(tx, round.id, team.id, values);
    if (!row) throw stale();
    await writeAudit(tx, ctx, actor, {
      action: before ? 'update' : 'create',
      entity: ENTITY,
      entityId: row.id,
      scopeCode: round.scope_code,
      before: auditView(before),
      after: { roundId: round.id, teamId: team.id, ...auditView(row) },
    });
    return row;
  });
  return noticeOut(team, saved, round, (await listNotices(ctx, actor, round.id)).items.find((n) => n.teamId === team.id)?.targets);
}

/** The round as the intake needs it for a target: the cut-off and the last on-site day of its team's notice. */
export async function intakeDatesOf(db: Executor, targetId: string): Promise<Pick<IntakeRound, 'onSiteTo' | 'petitionCutoff'>> {
  const n = await repo.noticeOfTarget(db, targetId);
  return { onSiteTo: n?.on_site_to ?? null, petitionCutoff: n?.petition_cutoff ?? null };
}

/** What the public report page shows of the notice: how else to reach the team, and until when. */
export interface PublicNotice {
  phone: string;
  mailbox: string;
  petitionCutoff: string;
  /** today is after the cut-off: a report now goes to the office */
  cutoffPassed: boolean;
}

/** The notice behind a poster code (a target's: its team's notice; a team's: its own), or null. */
export async function publicNoticeOf(db: Executor, code: { round_id: string; target_id: string | null; team_id: string | null }, today: string): Promise<PublicNotice | null> {
  const n = code.target_id ? await repo.noticeOfTarget(db, code.target_id) : code.team_id ? await repo.findNotice(db, code.round_id, code.team_id) : undefined;
  return n ? { phone: n.phone, mailbox: n.mailbox, petitionCutoff: n.petition_cutoff, cutoffPassed: today > n.petition_cutoff } : null;
}
