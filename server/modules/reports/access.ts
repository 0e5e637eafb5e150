/**
 * Who sees the reports and feedback of a round: the office (and the leading group, reading) by scope;
 * a team's users only the rounds their team takes part in, and of them only the targets assigned to
 * their team; everybody else (towns, villages, discipline …) gets 404 as if nothing existed. Writing
 * needs reports.write (403 for the leading group, who sees), approval reports.approve (the office).
 * Out of scope is 404, never 403 (decision 0003).
 */
import type { Selectable } from 'kysely';
import { scopeCovers } from '../../../domain/access/roles';
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, Executor } from '../../http/context';
import type { DB } from '../../db/schema';
import { actsAsTeam } from '../inspections';

export type RoundRow = Selectable<DB['rounds']>;
export type TargetRow = Selectable<DB['round_targets']>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
export const targetNotFound = () => new DomainError('NOT_FOUND', '巡察对象不存在或无权查看');

export interface RoundAccess {
  round: RoundRow;
  /** The actor's teams in this round; null for the office and the leading group (every target). */
  teamIds: string[] | null;
}

export type Need = 'read' | 'write' | 'approve';

function requireNeed(actor: Actor, need: Need) {
  if (need === 'write') requirePermission(actor, 'reports.write');
  if (need === 'approve') requirePermission(actor, 'reports.approve');
}

export async function roundForActor(db: Executor, actor: Actor, roundId: string, need: Need): Promise<RoundAccess> {
  if (!actor.permissions.has('reports.read') || !isUuid(roundId)) throw roundNotFound();
  const round = await db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round || !scopeCovers(actor.scopeCode, round.scope_code)) throw roundNotFound();
  let teamIds: string[] | null = null;
  if (actsAsTeam(actor)) {
    const teams = await db.selectFrom('teams').select('id').where('round_id', '=', round.id).where('org_id', '=', actor.orgId).execute();
    if (teams.length === 0) throw roundNotFound();
    teamIds = teams.map((t) => t.id);
  }
  requireNeed(actor, need);
  return { round, teamIds };
}

export interface TargetAccess extends RoundAccess {
  target: TargetRow;
  teamName: string | null;
}

export async function targetForActor(db: Executor, actor: Actor, roundId: string, targetId: string, need: Need): Promise<TargetAccess> {
  const access = await roundForActor(db, actor, roundId, 'read');
  if (!isUuid(targetId)) throw targetNotFound();
  const target = await db.selectFrom('round_targets').selectAll().where('id', '=', targetId).where('round_id', '=', roundId).executeTakeFirst();
  if (!target || !scopeCovers(actor.scopeCode, target.code)) throw targetNotFound();
  if (access.teamIds && (!target.team_id || !access.teamIds.includes(target.team_id))) throw targetNotFound();
  requireNeed(actor, need);
  const team = target.team_id ? await db.selectFrom('teams').select('name').where('id', '=', target.team_id).executeTakeFirst() : undefined;
  return { ...access, target, teamName: team?.name ?? null };
}
