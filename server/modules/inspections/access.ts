/**
 * Who may see and work a village inspection. One function every route about an inspection calls, so
 * the rule lives in one place:
 *  - the office (and the leading group, read-only) sees every inspection whose village its scope covers;
 *  - a team's users see and work only the inspections of targets assigned to a team of a round that is
 *    linked to their organisation (teams.org_id);
 *  - everybody else — towns, villages, discipline … — gets 404 (also without `inspections.read`), as if the inspection did not exist
 *    (towns learn only the schedule, from /api/planning/schedule).
 * Out of scope is always 404, never 403, so ids cannot be probed (docs/decisions/0003).
 */
import { DomainError } from '../../../domain/shared/errors';
import { requirePermission } from '../../http/auth';
import type { Actor, Executor } from '../../http/context';
import type { DB } from '../../db/schema';
import type { Selectable } from 'kysely';

export type InspectionRow = Selectable<DB['village_inspections']>;
export type RoundRow = Selectable<DB['rounds']>;
export type TargetRow = Selectable<DB['round_targets']>;
export type TeamRow = Selectable<DB['teams']>;

export interface InspectionAccess {
  inspection: InspectionRow;
  round: RoundRow;
  target: TargetRow;
  team: TeamRow | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '村级巡察不存在或无权查看');

/** True when the actor reads inspections as a team (sees only its own team's targets). */
export const actsAsTeam = (actor: Actor): boolean => actor.orgKind === 'team';

/**
 * Loads an inspection the actor may see; `need: 'work'` also requires the right to work it
 * (`inspections.work`): leading-group members read but get 403 on writes.
 */
export async function inspectionForActor(db: Executor, actor: Actor, id: string, need: 'read' | 'work'): Promise<InspectionAccess> {
  // without the right to read inspections at all (towns, villages …) the inspection does not exist
  if (!actor.permissions.has('inspections.read') || !UUID.test(id)) throw notFound();
  const inspection = await db.selectFrom('village_inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!inspection || !inspection.village_code.startsWith(actor.scopeCode)) throw notFound();
  const target = await db.selectFrom('round_targets').selectAll().where('id', '=', inspection.target_id).executeTakeFirstOrThrow();
  const team = target.team_id ? ((await db.selectFrom('teams').selectAll().where('id', '=', target.team_id).executeTakeFirst()) ?? null) : null;
  if (actsAsTeam(actor) && team?.org_id !== actor.orgId) throw notFound();
  const round = await db.selectFrom('rounds').selectAll().where('id', '=', inspection.round_id).executeTakeFirstOrThrow();
  if (need === 'work') requirePermission(actor, 'inspections.work');
  return { inspection, round, target, team };
}
