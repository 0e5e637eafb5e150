/**
 * Who sees which planning rows. County-owned rows carry the 6-digit county code; an office sees the
 * rows its scope covers, a team's users only the rounds their team serves in, everybody else gets
 * 404 as if the round did not exist (docs/decisions/0003).
 */
import { DomainError } from '../../../domain/shared/errors';
import { LEVEL } from '../../../domain/registry/village';
import { requirePermission } from '../../http/auth';
import type { Actor, Executor } from '../../http/context';
import * as repo from './planning.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');

/** Team users see only their own team's rounds and targets. */
export const teamOrgOf = (actor: Actor): string | undefined => (actor.orgKind === 'team' ? actor.orgId : undefined);

/** The county a new county-owned row belongs to: the office's own, or the one it chose within its scope. */
export async function countyForWrite(db: Executor, actor: Actor, countyCode: string | undefined): Promise<string> {
  if (actor.scopeCode.length === 6) {
    if (countyCode && countyCode !== actor.scopeCode) throw new DomainError('NOT_FOUND', `区县 ${countyCode} 不在本单位管辖范围内`);
    return actor.scopeCode;
  }
  if (actor.scopeCode.length > 6) throw new DomainError('FORBIDDEN', '只有县级以上巡察机构可以制定巡察计划');
  if (!countyCode) throw new DomainError('VALIDATION_FAILED', '请选择区县', [{ path: 'countyCode', message: '请选择区县' }]);
  if (!countyCode.startsWith(actor.scopeCode)) throw new DomainError('NOT_FOUND', `区县 ${countyCode} 不在本单位管辖范围内`);
  const county = await repo.findDivision(db, countyCode);
  if (!county || county.level !== LEVEL.county) throw new DomainError('VALIDATION_FAILED', `区县 ${countyCode} 尚未导入，请先导入区划`);
  return countyCode;
}

/** A round the actor may read: 404 for anyone without planning.read, out of scope, or (team) not serving in it. */
export async function readableRound(db: Executor, actor: Actor, id: string) {
  if (!actor.permissions.has('planning.read') || !isUuid(id)) throw roundNotFound();
  const round = await repo.findRound(db, actor.scopeCode, id);
  if (!round) throw roundNotFound();
  const teamOrg = teamOrgOf(actor);
  if (teamOrg && !(await repo.roundHasTeamOfOrg(db, id, teamOrg))) throw roundNotFound();
  return round;
}

/** A round the actor may change (planning.write first: a team user gets 403, not a probe). */
export async function writableRound(db: Executor, actor: Actor, id: string) {
  requirePermission(actor, 'planning.write');
  return readableRound(db, actor, id);
}
