/**
 * Test worlds of the inspection work: organisations with a user each, and rounds, targets and village
 * inspections inserted directly (tests of checklists and the workspace do not go through planning).
 */
import { DEFAULT_STEP_CONFIG, type StepConfig } from '../../domain/inspections/steps';
import { api } from './fixtures';
import type { TestApp } from './harness';

export const COUNTY = '320481'; // 溧阳市

/** An organisation of `kind` with one user in it (no forced password change): its cookie and ids. */
export async function orgUser(t: TestApp, admin: string, kind: string, scopeCode: string, username: string, roles: string[]) {
  const org = await api(t, admin, 'POST', '/api/access/organisations', { kind, name: `${username}单位`, scopeCode });
  if (org.status !== 201) throw new Error(`org ${username}: ${JSON.stringify(org.body)}`);
  const user = await api(t, admin, 'POST', '/api/access/users', { username, displayName: `${username}姓名`, orgId: org.body.id, roles, password: 'Work@12345' });
  if (user.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(user.body)}`);
  await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
  return { cookie: await t.login(username, 'Work@12345'), orgId: org.body.id as string, userId: user.body.user.id as string };
}

export async function setHouseholds(t: TestApp, village: string, households: number | null, extra: { petitions?: number; tags?: string[] } = {}) {
  await t.ctx.db
    .insertInto('village_profiles')
    .values({ village_code: village, tags: JSON.stringify(extra.tags ?? []), households, petitions_last_year: extra.petitions ?? null, party_members: null, population: null })
    .onConflict((oc) => oc.column('village_code').doUpdateSet({ households, petitions_last_year: extra.petitions ?? null, tags: JSON.stringify(extra.tags ?? []) }))
    .execute();
}

export async function setPhase(t: TestApp, roundId: string, phase: string) {
  await t.ctx.db.updateTable('rounds').set({ phase }).where('id', '=', roundId).execute();
}

export async function insertRound(t: TestApp, o: { number: number; year?: number; phase?: string; steps?: Partial<StepConfig>; startDate?: string }) {
  const r = await t.ctx.db
    .insertInto('rounds')
    .values({
      scope_code: COUNTY,
      number: o.number,
      year: o.year ?? 2026,
      theme: '',
      start_date: o.startDate ?? `${o.year ?? 2026}-09-01`,
      end_date: `${o.year ?? 2026}-12-31`,
      phase: o.phase ?? 'fact_finding',
      on_site_policy: JSON.stringify({ key: 10, ordinary: 3 }),
      steps: JSON.stringify({ ...DEFAULT_STEP_CONFIG, ...o.steps }),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertInspection(
  t: TestApp,
  o: { roundId: string; village: string; teamId: string | null; importance?: 'key' | 'ordinary'; minWorkingDays?: number | null; status?: string; completedAt?: Date },
) {
  const v = await t.ctx.db.selectFrom('divisions').select(['name', 'parent_code']).where('code', '=', o.village).executeTakeFirstOrThrow();
  const target = await t.ctx.db
    .insertInto('round_targets')
    .values({
      round_id: o.roundId,
      kind: 'village',
      code: o.village,
      name: v.name,
      town_code: v.parent_code,
      mode: 'direct',
      importance: o.importance ?? 'ordinary',
      min_working_days: o.minWorkingDays ?? null,
      team_id: o.teamId,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const insp = await t.ctx.db
    .insertInto('village_inspections')
    .values({
      round_id: o.roundId,
      target_id: target.id,
      village_code: o.village,
      town_code: v.parent_code!,
      status: o.status ?? 'not_started',
      completed_at: o.completedAt ?? null,
      checklist_ready_at: null,
      started_at: null,
      override_reason: null,
      override_conditions: null,
      overridden_by: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { targetId: target.id, inspectionId: insp.id };
}
