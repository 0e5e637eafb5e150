/**
 * The targets of a round (巡察对象) and the village inspections they create: one per village reached
 * (a village target: itself; a town or a department: the villages chosen). Teams are assigned here,
 * after 回避 for every member of the team against the target.
 */
import type { Selectable } from 'kysely';
import { INSPECTION_STATUSES, type InspectionStatus } from '../../../domain/inspections/completion';
import { INSPECTION_MODES, TARGET_IMPORTANCE, minWorkingDaysFor, type InspectionMode, type OnSitePolicy, type TargetImportance } from '../../../domain/planning/modes';
import {
  feedbackInput,
  targetCreateInput,
  targetUpdateInput,
  type TargetCreateInput,
  type TargetUpdateInput,
} from '../../../domain/planning/requests';
import { addWorkingDays, type DayOverride } from '../../../domain/shared/calendar';
import { DomainError } from '../../../domain/shared/errors';
import { LEVEL } from '../../../domain/registry/village';
import type { DB } from '../../db/schema';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { checkMembersAtTargets } from './avoidance.service';
import { loadCalendarOverrides } from './calendar.service';
import * as repo from './planning.repository';
import { isUuid, teamOrgOf, writableRound } from './scope';

type RoundRow = Selectable<DB['rounds']>;
type TargetRow = Selectable<DB['round_targets']>;

export const TARGET_KINDS = { village: '村（社区）', town: '乡镇（街道）', department: '职能部门' } as const;

/** Target rows may change (added, removed, villages, team) while the teams are not yet done on site. */
const TARGETS_EDITABLE = new Set(['preparation', 'entry', 'fact_finding']);

export function requireTargetsEditable(round: RoundRow) {
  if (!TARGETS_EDITABLE.has(round.phase))
    throw new DomainError('ROUND_LOCKED', '轮次已进入报告阶段，巡察对象和巡察组不能再调整');
}

const targetNotFound = () => new DomainError('NOT_FOUND', '巡察对象不存在或无权查看');

/** The targets of a round as the API shows them (a team user: only his team's). */
export async function targetsOut(db: Executor, round: RoundRow, actor: Actor, overrides?: DayOverride[]) {
  const rows = await repo.listTargets(db, round.id, teamOrgOf(actor));
  const inspections = await repo.inspectionsOfTargets(db, rows.map((r) => r.id));
  const towns = new Map((await repo.findDivisions(db, [...new Set(rows.map((r) => r.town_code).filter((c): c is string => !!c))])).map((t) => [t.code, t.name]));
  const days = overrides ?? (await loadCalendarOverrides(db));
  const policy = round.on_site_policy as unknown as OnSitePolicy;
  return rows.map((t) => {
    const minimum = minWorkingDaysFor({ importance: t.importance as TargetImportance, minWorkingDays: t.min_working_days }, policy);
    return {
      id: t.id,
      kind: t.kind,
      kindName: TARGET_KINDS[t.kind as keyof typeof TARGET_KINDS],
      code: t.code,
      name: t.name,
      townCode: t.town_code,
      townName: t.town_code ? (towns.get(t.town_code) ?? null) : null,
      mode: t.mode,
      modeName: INSPECTION_MODES[t.mode as InspectionMode],
      importance: t.importance,
      importanceName: TARGET_IMPORTANCE[t.importance as TargetImportance],
      /** the office's own figure, null when the round's policy applies */
      ownMinWorkingDays: t.min_working_days,
      minWorkingDays: minimum,
      /** the earliest day the minimum can be reached, entering on the round's first day */
      earliestFinish: addWorkingDays(round.start_date, minimum, days),
      teamId: t.team_id,
      teamName: t.team_name,
      feedbackOn: t.feedback_on,
      villages: inspections
        .filter((i) => i.target_id === t.id)
        .map((i) => ({
          inspectionId: i.id,
          code: i.village_code,
          name: i.village_name,
          townCode: i.town_code,
          townName: i.town_name,
          status: i.status,
          statusName: INSPECTION_STATUSES[i.status as InspectionStatus],
          checklistItems: Number(i.checklist_items),
        })),
    };
  });
}

async function targetOut(db: Executor, round: RoundRow, actor: Actor, id: string) {
  const all = await targetsOut(db, round, actor);
  return all.find((t) => t.id === id)!;
}

interface Resolved {
  name: string;
  townCode: string | null;
  villages: { code: string; townCode: string; name: string }[];
}

/** Checks the target's object and villages against the registry and the round's county. */
async function resolveTarget(db: Executor, round: RoundRow, kind: string, code: string, villageCodes: readonly string[]): Promise<Resolved> {
  const county = round.scope_code;
  const villageRows = await repo.findDivisions(db, villageCodes);
  const missing = villageCodes.filter((c) => !villageRows.some((v) => v.code === c && v.level === LEVEL.village && v.county_code === county));
  if (missing.length > 0) throw new DomainError('VALIDATION_FAILED', `不是本区县的村（社区）：${missing.join('、')}`, [{ path: 'villageCodes', message: missing.join('、') }]);
  const villages = villageCodes.map((c) => {
    const v = villageRows.find((r) => r.code === c)!;
    return { code: v.code, townCode: v.parent_code!, name: v.short_name };
  });
  if (kind === 'village') {
    const v = await repo.findDivision(db, code);
    if (!v || v.level !== LEVEL.village || v.county_code !== county) throw new DomainError('VALIDATION_FAILED', `村（社区）${code} 不在本轮所属区县`, [{ path: 'code', message: '不在本区县' }]);
    return { name: v.short_name, townCode: v.parent_code, villages: [{ code: v.code, townCode: v.parent_code!, name: v.short_name }] };
  }
  if (kind === 'town') {
    const t = await repo.findDivision(db, code);
    if (!t || t.level !== LEVEL.town || t.county_code !== county) throw new DomainError('VALIDATION_FAILED', `乡镇（街道）${code} 不在本轮所属区县`, [{ path: 'code', message: '不在本区县' }]);
    const stray = villages.filter((v) => v.townCode !== code);
    if (stray.length > 0)
      throw new DomainError('VALIDATION_FAILED', `不属于${t.name}的村（社区）：${stray.map((v) => v.name).join('、')}`, [{ path: 'villageCodes', message: '不属于该乡镇（街道）' }]);
    return { name: t.name, townCode: t.code, villages };
  }
  const org = isUuid(code) ? await repo.findOrganisation(db, code) : undefined;
  if (!org || org.kind !== 'department' || !(org.scope_code.startsWith(county) || county.startsWith(org.scope_code)))
    throw new DomainError('VALIDATION_FAILED', '请选择本区县的职能部门', [{ path: 'code', message: '不是本区县的职能部门' }]);
  return { name: org.name, townCode: null, villages };
}

/** Adds and removes the target's village inspections; a started one is never removed. */
async function syncInspections(trx: Tx, round: RoundRow, targetId: string, want: Resolved['villages'], now: Date) {
  const have = await repo.inspectionsOfTargets(trx, [targetId]);
  const wantCodes = new Set(want.map((v) => v.code));
  const removing = have.filter((i) => !wantCodes.has(i.village_code));
  const started = removing.filter((i) => i.status !== 'not_started');
  if (started.length > 0)
    throw new DomainError('CONFLICT', `${started.map((i) => i.village_name).join('、')}的巡察已经开始，不能移出巡察对象`, {
      reasons: started.map((i) => `${i.village_name}的巡察${INSPECTION_STATUSES[i.status as InspectionStatus]}，不能移出`),
    });
  await repo.deleteInspections(trx, removing.map((i) => i.id));
  const haveCodes = new Set(have.map((i) => i.village_code));
  await repo.insertInspections(
    trx,
    want.filter((v) => !haveCodes.has(v.code)).map((v) => ({ round_id: round.id, target_id: targetId, village_code: v.code, town_code: v.townCode, updated_at: now })),
  );
  return { added: want.filter((v) => !haveCodes.has(v.code)).map((v) => v.code), removed: removing.map((i) => i.village_code) };
}

/** 回避 for every member of `teamId` against the target; refuses with every blocking reason. */
async function checkTeamAtTarget(trx: Tx, roundId: string, teamId: string, target: { kind: string; code: string; name: string; mode: string; villageCodes: string[] }) {
  const team = await repo.findTeam(trx, roundId, teamId);
  if (!team) throw new DomainError('VALIDATION_FAILED', '所选巡察组不属于本轮', [{ path: 'teamId', message: '巡察组不存在' }]);
  const members = await repo.membersOfTeams(trx, [teamId]);
  const r = await checkMembersAtTargets(
    trx,
    members.map((m) => m.person_id),
    [target],
  );
  if (r.blocking.length > 0)
    throw new DomainError('AVOIDANCE_CONFLICT', `${team.name}有成员应当回避，不能巡察${target.name}`, { reasons: r.blocking, warnings: r.warnings });
  return r.warnings;
}

export async function addTarget(ctx: AppContext, actor: Actor, roundId: string, input: TargetCreateInput) {
  const data = targetCreateInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    requireTargetsEditable(round);
    const resolved = await resolveTarget(trx, round, data.kind, data.code, data.villageCodes);
    if (await repo.findTargetByCode(trx, round.id, data.kind, data.code)) throw new DomainError('CONFLICT', `${resolved.name}已是本轮巡察对象`);
    const villageCodes = resolved.villages.map((v) => v.code);
    const warnings = data.teamId ? await checkTeamAtTarget(trx, round.id, data.teamId, { kind: data.kind, code: data.code, name: resolved.name, mode: data.mode, villageCodes }) : [];
    const row = await repo.insertTarget(trx, {
      round_id: round.id,
      kind: data.kind,
      code: data.code,
      name: resolved.name,
      town_code: resolved.townCode,
      mode: data.mode,
      importance: data.importance,
      min_working_days: data.minWorkingDays,
      team_id: data.teamId,
      sort: (await repo.maxTargetSort(trx, round.id)) + 1,
      updated_at: ctx.now(),
    });
    await syncInspections(trx, round, row.id, resolved.villages, ctx.now());
    const out = await targetOut(trx, round, actor, row.id);
    await writeAudit(trx, ctx, actor, { action: 'create', entity: 'planning.target', entityId: row.id, scopeCode: round.scope_code, after: auditView(out) });
    return { ...out, warnings };
  });
}

const auditView = (t: Awaited<ReturnType<typeof targetOut>>) => ({
  roundTarget: t.name,
  kind: t.kind,
  mode: t.mode,
  importance: t.importance,
  minWorkingDays: t.ownMinWorkingDays,
  teamId: t.teamId,
  villages: t.villages.map((v) => v.code),
});

async function targetOfRound(db: Executor, round: RoundRow, targetId: string): Promise<TargetRow> {
  if (!isUuid(targetId)) throw targetNotFound();
  const t = await repo.findTarget(db, round.id, targetId);
  if (!t) throw targetNotFound();
  return t;
}

export async function updateTarget(ctx: AppContext, actor: Actor, roundId: string, targetId: string, input: TargetUpdateInput) {
  const data = targetUpdateInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const before = await targetOfRound(trx, round, targetId);
    requireTargetsEditable(round);
    if ((before.kind === 'department') !== (data.mode === 'department_with_villages'))
      throw new DomainError('VALIDATION_FAILED', '巡部门带村只适用于职能部门，职能部门只能巡部门带村', [{ path: 'mode', message: '巡察方式与对象类型不符' }]);
    if (before.kind === 'village' && data.villageCodes.length > 0) throw new DomainError('VALIDATION_FAILED', '村（社区）巡察对象不再延伸到其他村');
    if (before.kind === 'department' && data.villageCodes.length === 0) throw new DomainError('VALIDATION_FAILED', '请选择该部门延伸巡察的村（社区）');
    const resolved = await resolveTarget(trx, round, before.kind, before.code, data.villageCodes);
    const beforeOut = await targetOut(trx, round, actor, before.id);
    const teamId = data.teamId === undefined ? before.team_id : data.teamId;
    const villageCodes = resolved.villages.map((v) => v.code);
    const warnings = teamId ? await checkTeamAtTarget(trx, round.id, teamId, { kind: before.kind, code: before.code, name: before.name, mode: data.mode, villageCodes }) : [];
    await repo.updateTarget(trx, before.id, {
      mode: data.mode,
      importance: data.importance,
      min_working_days: data.minWorkingDays,
      team_id: teamId,
      updated_at: ctx.now(),
    });
    await syncInspections(trx, round, before.id, resolved.villages, ctx.now());
    const out = await targetOut(trx, round, actor, before.id);
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'planning.target', entityId: before.id, scopeCode: round.scope_code, before: auditView(beforeOut), after: auditView(out) });
    return { ...out, warnings };
  });
}

/** Assigns a team (or none) to a target, after 回避 for each of its members. */
export async function assignTeam(ctx: AppContext, actor: Actor, roundId: string, targetId: string, teamId: string | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const before = await targetOfRound(trx, round, targetId);
    requireTargetsEditable(round);
    const have = await repo.inspectionsOfTargets(trx, [before.id]);
    const villageCodes = before.kind === 'village' ? [] : have.map((i) => i.village_code);
    const warnings = teamId ? await checkTeamAtTarget(trx, round.id, teamId, { kind: before.kind, code: before.code, name: before.name, mode: before.mode, villageCodes }) : [];
    await repo.updateTarget(trx, before.id, { team_id: teamId, updated_at: ctx.now() });
    await writeAudit(trx, ctx, actor, { action: 'update', entity: 'planning.target', entityId: before.id, scopeCode: round.scope_code, before: { teamId: before.team_id }, after: { teamId } });
    return { ...(await targetOut(trx, round, actor, before.id)), warnings };
  });
}

export async function removeTarget(ctx: AppContext, actor: Actor, roundId: string, targetId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const before = await targetOfRound(trx, round, targetId);
    requireTargetsEditable(round);
    const out = await targetOut(trx, round, actor, before.id);
    await syncInspections(trx, round, before.id, [], ctx.now());
    await repo.deleteTarget(trx, before.id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: 'planning.target', entityId: before.id, scopeCode: round.scope_code, before: auditView(out) });
  });
}

/** The day the team fed back to the target (recorded by the office until the feedback area exists). */
export async function recordFeedback(ctx: AppContext, actor: Actor, roundId: string, targetId: string, input: { feedbackOn: string | null }) {
  const data = feedbackInput.parse(input);
  return ctx.db.transaction().execute(async (trx) => {
    const round = await writableRound(trx, actor, roundId);
    const before = await targetOfRound(trx, round, targetId);
    await repo.updateTarget(trx, before.id, { feedback_on: data.feedbackOn, updated_at: ctx.now() });
    await writeAudit(trx, ctx, actor, {
      action: 'update',
      entity: 'planning.target',
      entityId: before.id,
      scopeCode: round.scope_code,
      before: { feedbackOn: before.feedback_on },
      after: { feedbackOn: data.feedbackOn },
    });
    return targetOut(trx, round, actor, before.id);
  });
}
