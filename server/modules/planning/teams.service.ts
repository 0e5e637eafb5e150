/**
 * The teams of a round (巡察组): leader, deputies and members drawn from the people list, the leader's
 * authorisation for this round only (一次一授权) with its document number, and the organisation whose
 * users work as the team. Adding a member runs 回避 against every target of the team.
 */
import type { Selectable } from 'kysely';
import { TEAM_ROLES, type TeamRole } from '../../../domain/planning/round-description';
import { teamMemberRequestInput, teamRequestInput, type TeamMemberRequestInput, type TeamRequestInput } from '../../../domain/planning/requests';
import { DomainError } from '../../../domain/shared/errors';
import type { DB } from '../../db/schema';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { checkMembersAtTargets, type TargetForAvoidance } from './avoidance.service';
import * as repo from './planning.repository';
import { isUuid, teamOrgOf, writableRound } from './scope';
import { requireTargetsEditable } from './targets.service';

type RoundRow = Selectable<DB['rounds']>;

const teamNotFound = () => new DomainError('NOT_FOUND', '巡察组不存在或无权查看');

export async function teamsOut(db: Executor, round: RoundRow, actor: Actor) {
  const teams = await repo.listTeams(db, round.id, teamOrgOf(actor));
  const members = await repo.membersOfTeams(db, teams.map((t) => t.id));
  const targets = await repo.listTargets(db, round.id);
  return teams.map((t) => {
    const own = members.filter((m) => m.team_id === t.id);
    const leader = own.find((m) => m.role === 'leader');
    return {
      id: t.id,
      name: t.name,
      sort: t.sort,
      orgId: t.org_id,
      orgName: t.org_name,
      leaderAuthorisation: t.auth_document_number ? { documentNumber: t.auth_document_number, date: t.auth_date } : null,
      leaderName: leader?.name ?? null,
      members: own.map((m) => ({
        personId: m.person_id,
        name: m.name,
        unit: m.unit,
        expertise: m.expertise as unknown as string[],
        role: m.role,
        roleName: TEAM_ROLES[m.role as TeamRole],
      })),
      targets: targets.filter((x) => x.team_id === t.id).map((x) => ({ id: x.id, name: x.name })),
    };
  });
}

async function teamOut(db: Executor, round: RoundRow, actor: Actor, id: string) {
  return (await teamsOut(db, round, actor)).find((t) => t.id === id)!;
}

async function checkOrg(db: Executor, round: RoundRow, orgId: string | null) {
  if (!orgId) return;
  const org = await repo.findOrganisation(db, orgId);
  if (!org || org.kind !== 'team' || !(org.scope_code.startsWith(round.scope_code) || round.scope_code.startsWith(org.scope_code)))
    throw new DomainError('VALIDATION_FAILED', '请选择本区县的巡察组组织', [{ path: 'orgId', message: '不是本区县的巡察组组织' }]);
}

async function teamOfRound(db: Executor, round: RoundRow, teamId: string) {
  if (!isUuid(teamId)) throw teamNotFound();
  const t = await repo.findTeam(db, round.id, teamId);
  if (!t) throw teamNotFound();
  return t;
}

export async function createTeam(ctx: AppContext, actor: Actor, roundId: string, input: TeamRequestInput) {
  const data = teamRequestInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    requireTargetsEditable(round);
    await checkOrg(trx, round, data.orgId);
    if (await repo.findTeamByName(trx, round.id, data.name)) throw new DomainError('CONFLICT', `本轮已有“${data.name}”`);
    const row = await repo.insertTeam(trx, {
      round_id: round.id,
      name: data.name,
      org_id: data.orgId,
      sort: data.sort,
      auth_document_number: data.leaderAuthorisation?.documentNumber ?? null,
      auth_date: data.leaderAuthorisation?.date ?? null,
      updated_at: ctx.now(),
    });
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'planning.team', entityId: row.id, scopeCode: round.scope_code, after: data });
    return teamOut(trx, round, actor, row.id);
  });
}

export async function updateTeam(ctx: AppContext, actor: Actor, roundId: string, teamId: string, input: TeamRequestInput) {
  const data = teamRequestInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const before = await teamOfRound(trx, round, teamId);
    requireTargetsEditable(round);
    await checkOrg(trx, round, data.orgId);
    const same = await repo.findTeamByName(trx, round.id, data.name);
    if (same && same.id !== before.id) throw new DomainError('CONFLICT', `本轮已有“${data.name}”`);
    await repo.updateTeam(trx, before.id, {
      name: data.name,
      org_id: data.orgId,
      sort: data.sort,
      auth_document_number: data.leaderAuthorisation?.documentNumber ?? null,
      auth_date: data.leaderAuthorisation?.date ?? null,
      updated_at: ctx.now(),
    });
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'planning.team',
      entityId: before.id,
      scopeCode: round.scope_code,
      before: { name: before.name, orgId: before.org_id, sort: before.sort, leaderAuthorisation: before.auth_document_number ? { documentNumber: before.auth_document_number, date: before.auth_date } : null },
      after: data,
    });
    return teamOut(trx, round, actor, before.id);
  });
}

export async function deleteTeam(ctx: AppContext, actor: Actor, roundId: string, teamId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const before = await teamOfRound(trx, round, teamId);
    requireTargetsEditable(round);
    const out = await teamOut(trx, round, actor, before.id);
    // its targets become unassigned (round_targets.team_id on delete set null), its members leave
    await repo.deleteTeam(trx, before.id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'planning.team', entityId: before.id, scopeCode: round.scope_code, before: out });
  });
}

/** The team's targets with the villages they reach, for 回避. */
export async function teamTargets(db: Executor, roundId: string, teamId: string): Promise<TargetForAvoidance[]> {
  const targets = (await repo.listTargets(db, roundId)).filter((t) => t.team_id === teamId);
  const inspections = await repo.inspectionsOfTargets(db, targets.map((t) => t.id));
  return targets.map((t) => ({
    kind: t.kind,
    code: t.code,
    name: t.name,
    mode: t.mode,
    villageCodes: t.kind === 'village' ? [] : inspections.filter((i) => i.target_id === t.id).map((i) => i.village_code),
  }));
}

export async function addTeamMember(ctx: AppContext, actor: Actor, roundId: string, teamId: string, input: TeamMemberRequestInput) {
  const data = teamMemberRequestInput.parse(input);
  return ctx.db.transaction().execute(async (trx: Tx) => {
    const round = await writableRound(trx, actor, roundId);
    const team = await teamOfRound(trx, round, teamId);
    requireTargetsEditable(round);
    const person = await repo.findPerson(trx, actor.scopeCode, data.personId);
    if (!person || !(person.scope_code.startsWith(round.scope_code) || round.scope_code.startsWith(person.scope_code)))
      throw new DomainError('VALIDATION_FAILED', '人员不存在或不属于本区县', [{ path: 'personId', message: '人员不存在' }]);
    const already = await repo.memberTeamInRound(trx, round.id, person.id);
    if (already) throw new DomainError('CONFLICT', `${person.name}已编入本轮“${already.name}”`);
    const members = await repo.membersOfTeams(trx, [team.id]);
    const leader = members.find((m) => m.role === 'leader');
    if (data.role === 'leader' && leader) throw new DomainError('CONFLICT', `${team.name}已有组长${leader.name}，一个巡察组只能有一名组长`);
    const check = await checkMembersAtTargets(trx, [person.id], await teamTargets(trx, round.id, team.id));
    if (check.blocking.length > 0)
      throw new DomainError('AVOIDANCE_CONFLICT', `${person.name}应当回避，不能编入${team.name}`, { reasons: check.blocking, warnings: check.warnings });
    await repo.insertMember(trx, { team_id: team.id, person_id: person.id, role: data.role });
    await writeAudit(trx, ctx, actor, {
      action: 'create',
      entity: 'planning.team_member',
      entityId: `${team.id}:${person.id}`,
      scopeCode: round.scope_code,
      after: { team: team.name, person: person.name, role: data.role, warnings: check.warnings },
    });
    return { ...(await teamOut(trx, round, actor, team.id)), warnings: check.warnings };
  });
}

export async function removeTeamMember(ctx: AppContext, actor: Actor, roundId: string, teamId: string, personId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const team = await teamOfRound(trx, round, teamId);
    requireTargetsEditable(round);
    const member = isUuid(personId) ? (await repo.membersOfTeams(trx, [team.id])).find((m) => m.person_id === personId) : undefined;
    if (!member) throw new DomainError('NOT_FOUND', '该人员不在本组');
    await repo.deleteMember(trx, team.id, personId);
    await writeAudit(trx, ctx, actor, {
      action: 'delete',
      entity: 'planning.team_member',
      entityId: `${team.id}:${personId}`,
      scopeCode: round.scope_code,
      before: { team: team.name, person: member.name, role: member.role },
    });
    return teamOut(trx, round, actor, team.id);
  });
}
