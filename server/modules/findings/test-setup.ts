/**
 * The findings test world: the inspection world (office, two teams, leading group, town, a round in
 * 了解 with one village inspection per team) plus, in team A's organisation, two members, a 副组长 and
 * the 组长 (the world's teama), and a 副组长 in team B.
 */
import { api } from '../../test/fixtures';
import type { TestApp } from '../../test/harness';
import { createWorld, type World } from '../inspections/test-setup';

export { insertChecklist, PNG, PDF } from '../inspections/test-setup';
export { setPhase } from '../../test/world';

/** A user of an existing organisation, password set: cookie and id. */
export async function userIn(t: TestApp, admin: string, orgId: string, username: string, roles: string[]) {
  const user = await api(t, admin, 'POST', '/api/access/users', { username, displayName: `${username}姓名`, orgId, roles, password: 'Work@12345' });
  if (user.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(user.body)}`);
  await t.ctx.db.updateTable('users').set({ must_change_password: false }).where('id', '=', user.body.user.id).execute();
  return { cookie: await t.login(username, 'Work@12345'), userId: user.body.user.id as string };
}

export interface FindingsWorld extends World {
  member: string;
  member2: string;
  deputy: string;
  leader: string;
  deputyB: string;
}

export async function createFindingsWorld(): Promise<FindingsWorld> {
  const w = await createWorld();
  const member = (await userIn(w.t, w.admin, w.teamAOrg, 'membera', ['team_member'])).cookie;
  const member2 = (await userIn(w.t, w.admin, w.teamAOrg, 'membera2', ['team_member'])).cookie;
  const deputy = (await userIn(w.t, w.admin, w.teamAOrg, 'deputya', ['team_deputy'])).cookie;
  const deputyB = (await userIn(w.t, w.admin, w.teamBOrg, 'deputyb', ['team_deputy'])).cookie;
  return { ...w, member, member2, deputy, leader: w.teamA, deputyB };
}

export const paper = (inspectionId: string, extra: Record<string, unknown> = {}) => ({
  inspectionId,
  category: 'leadership',
  aspect: '三重一大',
  title: '集体资金支出未经民主决策',
  description: '2025年村集体 3 笔支出未履行“四议两公开”程序',
  amount: '36800.5',
  source: 'record_review',
  foundOn: '2026-11-10',
  place: '村委会',
  ...extra,
});
