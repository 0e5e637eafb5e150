/**
 * The demo's inspection work, built through the same services the routes call (so every rule holds
 * for the demo too): people, a term plan, last year's round taken all the way to 整改 with every village
 * finished, and this year's round in 了解 with three teams, personalised checklists, pre-inspection
 * files and work records at different stages — one village nearly done, one begun, one not started.
 * The casework (demo-cases.ts) goes in at the phase it belongs to: last year's working papers while on
 * site, reports in 报告, feedback in 反馈, leads, 建议书 and 移交事项 in 移交, the receivers' handling
 * after; this year's papers stand at each step of their review.
 *
 * Dates are relative to the clock: last year's round ran from April to June; this year's round
 * entered five weeks ago, so its records lie in the past whatever day the demo is built.
 */
import type { InspectionStep } from '../../../domain/inspections/steps';
import { householdVisitQuota, type PersonRole, type WorkRecordInput } from '../../../domain/inspections/work-records';
import { isRole, permissionsOf, type OrgKind } from '../../../domain/access/roles';
import { addDays, addWorkingDays, dayOfWeek, isWorkingDay, type Overrides } from '../../../domain/shared/calendar';
import { LEVEL } from '../../../domain/registry/village';
import type { Actor, AppContext } from '../../http/context';
import { generateRoundChecklists, getInspectionChecklist, markChecklistItem } from '../checklists';
import { addPreInspectionEntry, addWorkRecord, recordStep, transitionInspection } from '../inspections';
import {
  addTarget,
  addTeamMember,
  chinaDate,
  createPerson,
  createRound,
  createTeam,
  createTermPlan,
  loadCalendarOverrides,
  recordMilestones,
  transitionRound,
} from '../planning';
import {
  feedBack,
  reportOnTargets,
  runInDateOrder,
  trackRound,
  transferLeads,
  writeFinishedRoundFindings,
  writeRoundInProgressFindings,
  type LeadsSummary,
  type RoundTarget,
  type TeamCast,
  type WorkedVillage,
} from './demo-cases';
import { buildDemoRectification, type DemoRectificationSummary } from './demo-rectification';

export interface DemoWorkSummary {
  people: number;
  rounds: { label: string; phase: string; villages: number; completed: number }[];
  workRecords: number;
  /** working papers per status, both rounds */
  findings: Record<string, number>;
  leads: LeadsSummary;
  reports: number;
  feedbacks: number;
  /** last year's round in 整改: items, alerts, plans, the rated village (demo-rectification.ts) */
  rectification?: DemoRectificationSummary;
}

export interface DemoAccounts {
  officeUserId: string;
  /** team organisations with the 组长 (who records their work), a member who writes papers (teams 1–2) and the 副组长 */
  teams: { orgId: string; userId: string; memberUserId: string | null; deputyUserId: string; name: string }[];
  disciplineUserId: string;
  organizationUserId: string;
  departmentOrgIds: string[];
}

/** The actor of an existing user, as a session would build it. */
export async function actorOfUser(ctx: AppContext, userId: string): Promise<Actor> {
  const u = await ctx.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'o.id as org_id', 'o.kind', 'o.name', 'o.scope_code'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const roles = (u.roles as unknown as string[]).filter(isRole);
  return {
    userId: u.id,
    username: u.username,
    displayName: `${u.display_name}（演示数据）`,
    orgId: u.org_id,
    orgKind: u.kind as OrgKind,
    orgName: u.name,
    scopeCode: u.scope_code,
    roles,
    permissions: permissionsOf(roles),
    sessionId: '',
    mustChangePassword: false,
    totpEnabled: false,
  };
}

/** Working days from `start`, `n` of them (start included when it is one). */
function workingDaysFrom(start: string, n: number, overrides: Overrides): string[] {
  const out: string[] = [];
  for (let d = start; out.length < n; d = addDays(d, 1)) if (isWorkingDay(d, overrides)) out.push(d);
  return out;
}

const PEOPLE: { name: string; gender: '男' | '女'; unit: string; position: string; expertise: string[] }[] = [
  { name: '周卫东', gender: '男', unit: '市委巡察办', position: '副主任', expertise: ['党务', '组织'] },
  { name: '吴海燕', gender: '女', unit: '市纪委监委', position: '第二纪检监察室主任', expertise: ['纪检监察'] },
  { name: '沈国强', gender: '男', unit: '市委组织部', position: '组织科科长', expertise: ['组织', '党务'] },
  { name: '蒋丽娟', gender: '女', unit: '市财政局', position: '农财科副科长', expertise: ['财务'] },
  { name: '许文斌', gender: '男', unit: '市审计局', position: '审计师', expertise: ['审计', '财务'] },
  { name: '潘永明', gender: '男', unit: '市农业农村局', position: '农经站站长', expertise: ['农经'] },
  { name: '曹晓燕', gender: '女', unit: '市委巡察办', position: '一级主任科员', expertise: ['信访', '党务'] },
  { name: '袁志刚', gender: '男', unit: '市司法局', position: '法律援助中心主任', expertise: ['法律'] },
  { name: '彭春花', gender: '女', unit: '市民政局', position: '社会救助科科长', expertise: ['民政'] },
  { name: '邓立新', gender: '男', unit: '市住建局', position: '质量监督站副站长', expertise: ['工程建设'] },
  { name: '田俊杰', gender: '男', unit: '市自然资源和规划局', position: '耕保科科员', expertise: ['自然资源'] },
  { name: '董美玲', gender: '女', unit: '市纪委监委', position: '党风政风监督室干部', expertise: ['纪检监察', '信访'] },
];

const TALKS: { name: string; roles: PersonRole[]; position?: string }[] = [
  { name: '王老伯', roles: ['old_party_member'] },
  { name: '李德华', roles: ['old_cadre'], position: '原村党支部书记' },
  { name: '张长青', roles: ['veteran', 'old_party_member'] },
  { name: '陈桂兰', roles: ['subsistence'] },
  { name: '赵金生', roles: ['low_income'] },
  { name: '刘红梅', roles: ['village_cadre'], position: '村会计' },
];

const HEAD_NAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

/**
 * Builds the demo's plans, rounds and on-site work. Needs the demo county's registry, its office user
 * and team organisations (demo.service.ts), and the built-in checklists (first run).
 */
export async function buildDemoWork(baseCtx: AppContext, county: string, accounts: DemoAccounts): Promise<DemoWorkSummary> {
  // Last year's work is done on last year's clock, so its dates (completion, audit) are last year's.
  let ctx = baseCtx;
  const at = (date: string): AppContext => ({ ...baseCtx, now: () => new Date(`${date}T09:00:00Z`) }); // 17:00 in China
  const office = await actorOfUser(ctx, accounts.officeUserId);
  const teamActors = await Promise.all(accounts.teams.map((t) => actorOfUser(ctx, t.userId)));
  const overrides = await loadCalendarOverrides(ctx.db);
  const today = chinaDate(ctx.now());
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  ctx = at(`${last}-01-05`);
  const summary: DemoWorkSummary = { people: 0, rounds: [], workRecords: 0, findings: {}, leads: { leads: 0, byStatus: {}, outcomes: 0 }, reports: 0, feedbacks: 0 };
  const cast: TeamCast[] = [];
  for (const [i, t] of accounts.teams.entries()) {
    const leader = teamActors[i]!;
    // a team without a member of its own: the 组长 writes its papers (none in the demo)
    cast.push({ author: t.memberUserId ? await actorOfUser(ctx, t.memberUserId) : leader, deputy: await actorOfUser(ctx, t.deputyUserId), leader });
  }
  const countFindings = (list: { status: string }[]) => {
    for (const f of list) summary.findings[f.status] = (summary.findings[f.status] ?? 0) + 1;
  };

  const towns = await ctx.db.selectFrom('divisions').select(['code', 'name']).where('county_code', '=', county).where('level', '=', LEVEL.town).orderBy('code').execute();
  const villagesOf = async (town: string) =>
    ctx.db
      .selectFrom('divisions as d')
      .leftJoin('village_profiles as p', 'p.village_code', 'd.code')
      .select(['d.code', 'd.name', 'p.households'])
      .where('d.parent_code', '=', town)
      .orderBy('d.code')
      .execute();

  // People come from the last towns, which no demo round visits: nobody has to stand aside (回避).
  const homeTowns = towns.slice(-4);
  const people: string[] = [];
  for (const [i, p] of PEOPLE.entries()) {
    const person = await createPerson(ctx, office, {
      name: p.name,
      gender: p.gender,
      unit: p.unit,
      position: p.position,
      expertise: p.expertise,
      homeTownCode: homeTowns[i % homeTowns.length]!.code,
      notes: '演示数据',
    });
    people.push(person.id);
  }
  summary.people = people.length;

  await createTermPlan(ctx, office, {
    name: `溧阳市委巡察规划（${year - 1}—${year + 3}年）`,
    startDate: `${year - 1}-01-01`,
    endDate: `${year + 3}-12-31`,
    pace: { everyVillagePerTerm: true, minAnnualPercent: 20 },
  });
  const plan = await ctx.db.selectFrom('term_plans').select('id').where('scope_code', '=', county).executeTakeFirstOrThrow();

  /** A round with teams of four (leader, deputy, two members) and the given targets, moved into 进驻. */
  const planRound = async (
    r: { number: number; year: number; theme: string; startDate: string; endDate: string },
    teamTargets: { kind: 'village' | 'town'; code: string; mode: 'direct' | 'town_village_joint' | 'town_with_villages' | 'cross'; importance: 'key' | 'ordinary'; villageCodes?: string[] }[][],
  ) => {
    const round = await createRound(ctx, office, { ...r, termPlanId: plan.id });
    for (const [t, targets] of teamTargets.entries()) {
      const org = accounts.teams[t]!;
      const team = await createTeam(ctx, office, round.id, {
        name: org.name,
        orgId: org.orgId,
        sort: t,
        leaderAuthorisation: { documentNumber: `溧巡授〔${r.year}〕${r.number * 10 + t + 1}号`, date: addDays(r.startDate, -7) },
      });
      const members = people.slice(t * 4, t * 4 + 4);
      for (const [m, personId] of members.entries())
        await addTeamMember(ctx, office, round.id, team.id, { personId, role: m === 0 ? 'leader' : m === 1 ? 'deputy' : 'member' });
      for (const target of targets) await addTarget(ctx, office, round.id, { ...target, villageCodes: target.villageCodes ?? [], teamId: team.id });
    }
    await generateRoundChecklists(ctx, office, round.id);
    await transitionRound(ctx, office, round.id, { to: 'entry' });
    await transitionRound(ctx, office, round.id, { to: 'fact_finding' });
    return round;
  };

  const inspectionsOf = (roundId: string) =>
    ctx.db
      .selectFrom('village_inspections as i')
      .innerJoin('round_targets as t', 't.id', 'i.target_id')
      .innerJoin('divisions as d', 'd.code', 'i.village_code')
      .leftJoin('village_profiles as p', 'p.village_code', 'i.village_code')
      .select(['i.id', 'i.village_code', 'd.name', 'p.households', 't.importance', 't.team_id', 't.id as target_id'])
      .where('i.round_id', '=', roundId)
      .orderBy('t.sort')
      .orderBy('i.village_code')
      .execute();

  const rec = async (actor: Actor, inspectionId: string, input: WorkRecordInput) => {
    await addWorkRecord(ctx, actor, inspectionId, input);
    summary.workRecords++;
  };

  /**
   * A village worked on `days` working days from `start`: steps on the first and last days, talks
   * covering the 三老 and 两低, the household visit quota spread over the days, record reviews and a site
   * survey. `upTo` stops the work part-way (a fraction of the days, and no 集中反馈).
   */
  const workVillage = async (
    actor: Actor,
    v: { id: string; name: string; households: number | null },
    start: string,
    days: number,
    opts: { upTo?: number; markAll: boolean },
  ): Promise<{ dates: string[]; problems: { id: string; aspect: string }[] }> => {
    const dates = workingDaysFrom(start, days, overrides);
    const worked = opts.upTo === undefined ? dates : dates.slice(0, Math.max(1, Math.round(dates.length * opts.upTo)));
    const first = worked[0]!;
    const last = worked.at(-1)!;
    const steps: [InspectionStep, string][] = [
      ['meeting', first],
      ['mobilisation', first],
      ['briefing', first],
      ['individual_talks', worked[Math.min(1, worked.length - 1)]!],
      ['record_review', worked[Math.min(1, worked.length - 1)]!],
      ['petitions', first],
    ];
    if (opts.upTo === undefined) steps.push(['feedback', last]);
    for (const [step, doneOn] of steps) await recordStep(ctx, actor, v.id, step, { doneOn, notes: '' });

    await rec(actor, v.id, { kind: 'publicity', date: first, place: `${v.name}村务公开栏`, notes: '张贴巡察公告，公布举报电话、邮箱和“码上巡”二维码。' });
    await rec(actor, v.id, { kind: 'briefing', date: first, place: `${v.name}党群服务中心`, notes: '听取村党组织书记关于班子建设、集体“三资”管理和惠民资金发放情况的汇报。' });
    const talks = opts.upTo === undefined ? TALKS : TALKS.slice(0, 3);
    for (const [i, p] of talks.entries())
      await rec(actor, v.id, { kind: 'talk', date: worked[i % worked.length]!, place: `${v.name}党群服务中心`, notes: '个别谈话，了解村务决策和惠民政策落实情况。', people: [{ name: p.name, roles: p.roles, position: p.position ?? '' }] });

    const quota = householdVisitQuota(v.households) ?? 30;
    const toVisit = opts.upTo === undefined ? quota : Math.floor(quota / 3);
    const perDay = Math.ceil(toVisit / worked.length);
    for (let d = 0, n = 0; n < toVisit; d++) {
      const count = Math.min(perDay, toVisit - n);
      const households = Array.from({ length: count }, (_, k) => ({
        head: `${HEAD_NAMES[(n + k) % HEAD_NAMES.length]}某${n + k + 1}`,
        address: `${v.name}${1 + ((n + k) % 12)}组`,
        roles: (n + k) % 17 === 0 ? (['subsistence'] as PersonRole[]) : [],
      }));
      await rec(actor, v.id, { kind: 'visit', date: worked[d % worked.length]!, place: `${v.name}`, notes: '入户走访，了解惠民政策落实和群众诉求。', households });
      n += count;
    }
    await rec(actor, v.id, { kind: 'review', date: worked[Math.min(1, worked.length - 1)]!, place: '村会计室', notes: '查阅近三年会计凭证、“三重一大”会议记录和集体资产台账。' });
    if (worked.length > 2) await rec(actor, v.id, { kind: 'survey', date: worked[2]!, place: `${v.name}村道硬化工程`, notes: '实地查看项目现场，核对工程量。' });

    const list = await getInspectionChecklist(ctx, actor, v.id);
    const toMark = opts.markAll ? list.items : list.items.slice(0, Math.floor(list.items.length / 2));
    const problems: { id: string; aspect: string }[] = [];
    for (const [i, item] of toMark.entries()) {
      const problem = i % 11 === 3;
      if (problem) problems.push({ id: item.id, aspect: item.aspect });
      await markChecklistItem(ctx, actor, v.id, item.id, problem ? { result: 'problem_found', note: '发现问题，已形成问题底稿线索，待进一步核实。' } : { result: 'no_problem', note: '' });
    }
    return { dates: worked, problems };
  };

  // --- last year's round: finished, fed back, in 整改 ------------------------------------------
  ctx = at(`${last}-03-20`);
  const a1 = await villagesOf(towns[0]!.code);
  const a2 = await villagesOf(towns[1]!.code);
  const roundA = await planRound(
    { number: 1, year: last, theme: '聚焦群众身边不正之风和腐败问题', startDate: `${last}-04-07`, endDate: `${last}-06-27` },
    [
      [{ kind: 'town', code: towns[0]!.code, mode: 'town_village_joint', importance: 'ordinary', villageCodes: a1.slice(0, 4).map((v) => v.code) }],
      [
        { kind: 'village', code: a2[0]!.code, mode: 'direct', importance: 'key' },
        ...a2.slice(1, 4).map((v) => ({ kind: 'village' as const, code: v.code, mode: 'direct' as const, importance: 'ordinary' as const })),
      ],
    ],
  );
  const listA = await inspectionsOf(roundA.id);
  let start = `${last}-04-08`;
  // team actors are matched to inspections through the team rows
  const teamOrg = await ctx.db.selectFrom('teams').select(['id', 'org_id']).where('round_id', '=', roundA.id).execute();
  const orgOfTeam = new Map(teamOrg.map((t) => [t.id, t.org_id]));
  const teamIndex = (teamId: string | null) => accounts.teams.findIndex((t) => t.orgId === (teamId ? orgOfTeam.get(teamId) : null));
  const actorFor = (teamId: string | null) => teamActors[teamIndex(teamId)] ?? office;
  const workedA: WorkedVillage[] = [];
  for (const v of listA) {
    const days = v.importance === 'key' ? 10 : 3;
    ctx = at(workingDaysFrom(start, days + 1, overrides).at(-1)!);
    const work = await workVillage(actorFor(v.team_id), v, start, days + 1, { markAll: true });
    await transitionInspection(ctx, actorFor(v.team_id), v.id, { to: 'completed' });
    workedA.push({ inspectionId: v.id, villageCode: v.village_code, name: v.name, team: teamIndex(v.team_id), ...work });
    start = addWorkingDays(start, 2, overrides);
  }
  // the working papers, reviewed while the team is still on site
  const targetsA: RoundTarget[] = [];
  for (const t of await ctx.db.selectFrom('round_targets').select(['id', 'kind', 'name', 'team_id']).where('round_id', '=', roundA.id).orderBy('sort').orderBy('code').execute()) {
    const villages = listA.filter((v) => v.target_id === t.id && t.kind === 'town').map((v) => ({ code: v.village_code, name: v.name }));
    targetsA.push({ id: t.id, kind: t.kind, name: t.name, team: teamIndex(t.team_id), villages });
  }
  const townTargetsA = targetsA
    .filter((t) => t.kind === 'town')
    .map((t) => ({ targetId: t.id, name: t.name, team: t.team, on: workedA.filter((v) => t.villages.some((x) => x.code === v.villageCode)).at(-1)!.dates.at(-1)! }));
  const findingsA = await writeFinishedRoundFindings(at, cast, workedA, townTargetsA, { year: last, overrides });
  countFindings(findingsA);

  // 报告: reports assembled from the approved papers, heard by the leading group, approved
  ctx = at(`${last}-07-15`);
  await transitionRound(ctx, office, roundA.id, { to: 'report' });
  await reportOnTargets(at, office, cast, roundA.id, targetsA, { assembled: `${last}-07-15`, heard: `${last}-07-18`, approved: `${last}-07-22` });
  summary.reports += targetsA.length;
  ctx = at(`${last}-07-22`);
  await recordMilestones(ctx, office, roundA.id, { reportApprovedOn: `${last}-07-22`, reportNote: '市委巡察工作领导小组听取汇报，市委书记专题会研究。', evaluationDoneOn: null });
  // 反馈: each target first, then its villages
  ctx = at(`${last}-07-28`);
  await transitionRound(ctx, office, roundA.id, { to: 'feedback' });
  summary.feedbacks += await feedBack(at, cast, roundA.id, targetsA, `${last}-07-28`, overrides);
  // 移交: leads, 建议书 and 移交事项; the receivers' work follows on its own dates
  ctx = at(`${last}-08-05`);
  await transitionRound(ctx, office, roundA.id, { to: 'transfer' });
  const leads = await transferLeads(at, cast, { discipline: await actorOfUser(ctx, accounts.disciplineUserId), organization: await actorOfUser(ctx, accounts.organizationUserId) }, findingsA, {
    createdOn: `${last}-07-29`,
    transferOn: `${last}-08-06`,
    afterOn: `${last}-08-12`,
  }, { overrides, today });
  summary.leads = leads.summary;
  const replies = await trackRound(at, office, roundA.id, accounts.departmentOrgIds, findingsA, { sent: `${last}-08-06`, replied: `${last}-09-01`, completed: `${last}-09-19` }, last);
  ctx = at(`${last}-08-08`);
  await transitionRound(ctx, office, roundA.id, { to: 'rectification' });
  await runInDateOrder([...leads.later, ...replies]);
  summary.rounds.push({ label: `${last}年第1轮`, phase: '整改', villages: listA.length, completed: listA.length });
  summary.rectification = await buildDemoRectification(at, baseCtx, { accounts, county, actorOf: (id) => actorOfUser(baseCtx, id) }, { id: roundA.id, findings: findingsA }, { today, last });

  // --- this year's round: in 了解, three teams at different stages ------------------------------
  ctx = baseCtx;
  const b1 = await villagesOf(towns[2]!.code);
  const b2 = await villagesOf(towns[3]!.code);
  const b3 = await villagesOf(towns[4]!.code);
  // entered five weeks ago, on a Monday
  let entry = addDays(today, -35);
  while (dayOfWeek(entry) !== 1) entry = addDays(entry, -1);
  const roundB = await planRound(
    { number: 1, year, theme: '聚焦“三资”管理和惠民富民政策落实', startDate: entry, endDate: addDays(entry, 70) },
    [
      [{ kind: 'town', code: towns[2]!.code, mode: 'town_with_villages', importance: 'ordinary', villageCodes: b1.slice(0, 3).map((v) => v.code) }],
      [
        { kind: 'village', code: b2[0]!.code, mode: 'direct', importance: 'key' },
        { kind: 'village', code: b2[1]!.code, mode: 'direct', importance: 'ordinary' },
      ],
      b3.slice(0, 2).map((v) => ({ kind: 'village' as const, code: v.code, mode: 'cross' as const, importance: 'ordinary' as const })),
    ],
  );
  const teamOrgB = await ctx.db.selectFrom('teams').select(['id', 'org_id']).where('round_id', '=', roundB.id).execute();
  for (const t of teamOrgB) orgOfTeam.set(t.id, t.org_id);
  const listB = await inspectionsOf(roundB.id);
  for (const v of listB.slice(0, 2))
    await addPreInspectionEntry(ctx, office, v.id, {
      kind: 'petition',
      title: '群众反映村集体鱼塘发包价格偏低',
      content: '市信访局转来信访件 2 件，反映村集体鱼塘续包未经村民代表会议、承包价格低于周边水平。',
      occurredOn: addDays(entry, -60),
    });
  await addPreInspectionEntry(ctx, office, listB[0]!.id, {
    kind: 'audit',
    title: '村集体经济审计发现的问题',
    content: '市农经站审计：2 笔工程款无招投标手续，招待费支出未附明细。',
    occurredOn: addDays(entry, -120),
  });
  // team 1: the first village nearly done (no 集中反馈 yet, half the checklist open), the second begun
  const workStart = addDays(entry, 1);
  const nearlyDone = await workVillage(actorFor(listB[0]!.team_id), listB[0]!, workStart, 4, { upTo: 1, markAll: false });
  await workVillage(actorFor(listB[1]!.team_id), listB[1]!, addWorkingDays(workStart, 5, overrides), 3, { upTo: 0.5, markAll: false });
  // team 2: its key village fully worked and finished
  const key = listB.find((v) => v.importance === 'key')!;
  const keyWork = await workVillage(actorFor(key.team_id), key, workStart, 11, { markAll: true });
  await transitionInspection(ctx, actorFor(key.team_id), key.id, { to: 'completed' });
  // working papers in review: users see each step of author → 副组长 → 组长 live
  const worked = (v: (typeof listB)[number], w: typeof keyWork): WorkedVillage => ({ inspectionId: v.id, villageCode: v.village_code, name: v.name, team: teamIndex(v.team_id), ...w });
  const findingsB = await writeRoundInProgressFindings(
    at,
    cast,
    [
      { village: worked(listB[0]!, nearlyDone), plans: [{ key: 'three_meetings', plan: 'draft' }, { key: 'fishpond', plan: 'submitted' }, { key: 'hospitality', plan: 'deputy_approved' }] },
      { village: worked(key, keyWork), plans: [{ key: 'project', plan: 'returned' }, { key: 'subsistence', plan: 'approved' }, { key: 'publicity', plan: 'submitted' }] },
    ],
    { year, overrides, today },
  );
  countFindings(findingsB);
  const completedB = 1;
  summary.rounds.push({ label: `${year}年第1轮`, phase: '了解', villages: listB.length, completed: completedB });
  return summary;
}
