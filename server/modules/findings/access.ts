/**
 * Who may see a finding: exactly who may see the village inspection it belongs to
 * (`inspectionForActor`: the office by scope, the leading group reading, a team only its own
 * targets, everybody else 404). Town-level findings hang off a town target of the round and follow
 * the same rule on the target. Out of scope is 404, never 403 (decision 0003).
 */
import type { Selectable } from 'kysely';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, Executor } from '../../http/context';
import type { DB } from '../../db/schema';
import { actsAsTeam, inspectionForActor, type InspectionAccess } from '../inspections';

export type FindingRow = Selectable<DB['findings']>;

export interface FindingPlace {
  inspection: InspectionAccess['inspection'] | null;
  round: InspectionAccess['round'];
  target: InspectionAccess['target'];
  team: InspectionAccess['team'];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const findingNotFound = () => new DomainError('NOT_FOUND', '问题底稿不存在或无权查看');

/** A round's town target (for town-level problems), under the same rule as an inspection. */
export async function townTargetForActor(db: Executor, actor: Actor, targetId: string): Promise<FindingPlace> {
  const notFound = () => new DomainError('NOT_FOUND', '巡察对象不存在或无权查看');
  if (!actor.permissions.has('inspections.read') || !UUID.test(targetId)) throw notFound();
  const target = await db.selectFrom('round_targets').selectAll().where('id', '=', targetId).executeTakeFirst();
  if (!target || !target.code.startsWith(actor.scopeCode)) throw notFound();
  const team = target.team_id ? ((await db.selectFrom('teams').selectAll().where('id', '=', target.team_id).executeTakeFirst()) ?? null) : null;
  if (actsAsTeam(actor) && team?.org_id !== actor.orgId) throw notFound();
  if (target.kind !== 'town') {
    throw new DomainError('VALIDATION_FAILED', '村（社区）的问题请在该村的村级巡察中登记；只有乡镇层面的问题直接挂在乡镇巡察对象上', [
      { path: 'body.targetId', message: '不是乡镇巡察对象' },
    ]);
  }
  const round = await db.selectFrom('rounds').selectAll().where('id', '=', target.round_id).executeTakeFirstOrThrow();
  return { inspection: null, round, target, team };
}

/** Where a finding belongs, if the actor may see it; 404 otherwise. */
export async function findingForActor(db: Executor, actor: Actor, id: string): Promise<{ finding: FindingRow; place: FindingPlace }> {
  if (!actor.permissions.has('findings.read') || !UUID.test(id)) throw findingNotFound();
  const finding = await db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!finding) throw findingNotFound();
  try {
    const place = finding.inspection_id ? await inspectionForActor(db, actor, finding.inspection_id, 'read') : await townTargetForActor(db, actor, finding.target_id);
    return { finding, place };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw findingNotFound();
    throw e;
  }
}
