/**
 * 大数据比对 suspicion points (疑点) and their verification.
 *
 * Who sees which hits: a team (analytics.read) only the hits assigned to its own teams (the team of
 * the round target for the hit's village); the office and other readers the hits of their scope.
 * Out of sight is 404.
 *
 * Who verifies: team members with analytics.verify the hits of their team; the office with
 * analytics.manage any hit of its scope. Confirming creates a draft finding (问题底稿) of the team
 * for the village — description from the explanation, a supporting material carrying an .xlsx of the
 * evidence — or a lead (问题线索), through the findings and leads services (their own rules and audit
 * apply); dismissing needs a reason (and a text for 其他); only the office reopens a verified hit.
 * Each verification writes an audit row.
 *
 * Working papers are the team's (一事一底稿, reviewed author → deputy → leader): confirming a hit into
 * a finding needs findings.write, which the office does not have — the office may confirm into a
 * lead (leads.write) or dismiss, and the hit says who confirms it into a finding (its team).
 *
 * A hit of an ad-hoc run (no round) has no team (nor has a round run's hit in a village that is not
 * the round's target). The office assigns it to an open round (准备 to 报告)
 * in which its village is a target: the round's inspecting team for the village is set exactly like
 * a round run's assignment (roundTeams/teamFor), the hit moves to the round's territory so a later
 * run of that round refreshes it instead of adding a duplicate, and the move is audited.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { z } from 'zod';
import { DATASET_KINDS } from '../../../domain/analytics/dataset-kinds';
import type { AssignableRound, DismissReason, Hit as HitOut, HitDetail, HitStatus, VillageGroup } from '../../../domain/analytics/hit-types';
import { builtinModel } from '../../../domain/analytics/models';
import { FINDING_CATEGORY_LIST, findingCreateInput, materialInput, type FindingCategory } from '../../../domain/findings/finding';
import { FINDING_WRITE_PHASES } from '../../../domain/findings/review';
import { LEAD_AUTHORITY_LIST, type LeadAuthority } from '../../../domain/leads/lead';
import { ROUND_PHASES, type RoundPhase } from '../../../domain/planning/round';
import { DomainError } from '../../../domain/shared/errors';
import { roundTeams, teamFor } from '../../analytics/run';
import type { Actor, AppContext, Executor, Tx } from '../../http/context';
import { writeAudit } from '../access';
import { addMaterial, addMaterialAttachment, createFinding, deleteFinding } from '../findings';
import { actsAsTeam } from '../inspections';
import { addLeadAttachment, createLead, deleteLead } from '../leads';

const ENTITY = 'analytics.hit';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '疑点不存在或无权查看');

export type { DismissReason, HitStatus, VillageGroup };
export const HIT_STATUSES = { pending: '待核实', confirmed: '已确认', dismissed: '已排除' } as const satisfies Record<HitStatus, string>;
export const HIT_STATUS_LIST = Object.keys(HIT_STATUSES) as HitStatus[];
export const DISMISS_REASONS = { data_error: '数据错误', already_handled: '已处理过', eligible: '核实后符合规定', other: '其他' } as const satisfies Record<DismissReason, string>;
export const DISMISS_REASON_LIST = Object.keys(DISMISS_REASONS) as DismissReason[];

// — inputs —

export const hitListQuery = z.object({
  model: z.string().max(60).optional(),
  villageCode: z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字').optional(),
  townCode: z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字').optional(),
  status: z.enum(HIT_STATUS_LIST as [HitStatus, ...HitStatus[]], { message: '未知的状态' }).optional(),
  roundId: z.string().uuid('巡察轮次无效').optional(),
  teamId: z.string().uuid('巡察组无效').optional(),
  runId: z.string().uuid('比对运行无效').optional(),
  q: z.string().trim().max(60).optional(),
});
export type HitFilter = z.infer<typeof hitListQuery>;

export const confirmInput = z.discriminatedUnion(
  'as',
  [
    z.object({
      as: z.literal('finding'),
      category: z.enum(FINDING_CATEGORY_LIST as [FindingCategory, ...FindingCategory[]], { message: '请选择问题类别（三大问题）' }).default('strict_governance'),
      title: z.string().trim().min(1, '请填写问题名称').max(100, '问题名称不超过 100 字').optional(),
      note: z.string().trim().max(2000, '核实情况不超过 2000 字').default(''),
    }),
    z.object({
      as: z.literal('lead'),
      authority: z.enum(LEAD_AUTHORITY_LIST as [LeadAuthority, ...LeadAuthority[]], { message: '请选择移交方向（纪委监委、组织部或其他机关）' }),
      otherBody: z.string().trim().max(100, '其他机关名称不超过 100 字').nullable().optional(),
      note: z.string().trim().max(2000, '核实情况不超过 2000 字').default(''),
    }),
  ],
  { message: '请选择确认为问题底稿还是问题线索' },
);
export type ConfirmInput = z.infer<typeof confirmInput>;

export const dismissInput = z
  .object({
    reason: z.enum(DISMISS_REASON_LIST as [DismissReason, ...DismissReason[]], { message: '请选择排除理由' }),
    text: z.string().trim().max(1000, '说明不超过 1000 字').default(''),
  })
  .refine((v) => v.reason !== 'other' || v.text.length >= 2, { message: '选择“其他”时请写明排除理由', path: ['text'] });
export type DismissInput = z.infer<typeof dismissInput>;

export const reopenInput = z.object({ reason: z.string().trim().min(2, '请写明重新打开的原因').max(1000, '原因不超过 1000 字') });

export const assignInput = z.object({ roundId: z.string({ message: '请选择巡察轮次' }).uuid('请选择有效的巡察轮次') }, { message: '请选择巡察轮次' });
export type AssignInput = z.infer<typeof assignInput>;

// — access —

interface View {
  scope: string;
  /** the team organisation whose hits a team user sees; null for scope-wide readers */
  teamOrgId: string | null;
}

function viewOf(actor: Actor): View {
  if (!actor.permissions.has('analytics.read') && !actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '没有查看比对疑点的权限');
  return { scope: actor.scopeCode, teamOrgId: actsAsTeam(actor) ? actor.orgId : null };
}

function scoped(db: Executor, view: View) {
  let q = db
    .selectFrom('analytics_hits as h')
    .leftJoin('teams as t', 't.id', 'h.team_id')
    .leftJoin('divisions as v', 'v.code', 'h.village_code')
    .leftJoin('divisions as tw', 'tw.code', 'v.parent_code')
    .where('h.scope_code', 'like', `${view.scope}%`);
  if (view.teamOrgId !== null) q = q.where('t.org_id', '=', view.teamOrgId);
  return q;
}

function filtered(db: Executor, view: View, f: HitFilter) {
  let q = scoped(db, view);
  if (f.model) q = q.where('h.model_key', '=', f.model);
  if (f.villageCode) q = q.where('h.village_code', '=', f.villageCode);
  if (f.townCode) q = q.where('h.village_code', 'like', `${f.townCode}%`);
  if (f.status) q = q.where('h.status', '=', f.status);
  if (f.roundId) q = q.where('h.round_id', '=', f.roundId);
  if (f.teamId) q = q.where('h.team_id', '=', f.teamId);
  if (f.runId) q = q.where('h.last_run_id', '=', f.runId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('h.explanation', 'like', like), eb('v.name', 'like', like)]));
  }
  return q;
}

const columns = [
  'h.id',
  'h.model_key',
  'h.village_code',
  'h.round_id',
  'h.team_id',
  'h.amount_fen',
  'h.severity',
  'h.explanation',
  'h.status',
  'h.dismiss_reason',
  'h.dismiss_text',
  'h.verified_at',
  'h.finding_id',
  'h.lead_id',
  'h.first_run_id',
  'h.last_run_id',
  'h.seen_count',
  'h.created_at',
  'h.updated_at',
  'h.scope_code',
  't.name as team_name',
  't.org_id as team_org_id',
  'v.name as village_name',
  'tw.name as town_name',
  // a custom model's name and description (its key is 'custom_<random>', unique per scope)
  sql<string | null>`(select min(cm.name) from analytics_custom_models cm where cm.key = h.model_key)`.as('custom_name'),
  sql<string | null>`(select min(cm.description) from analytics_custom_models cm where cm.key = h.model_key)`.as('custom_description'),
] as const;

type HitRow = {
  id: string;
  model_key: string;
  village_code: string | null;
  round_id: string | null;
  team_id: string | null;
  amount_fen: number | string | null;
  severity: number | null;
  explanation: string;
  status: string;
  dismiss_reason: string | null;
  dismiss_text: string | null;
  verified_at: Date | null;
  finding_id: string | null;
  lead_id: string | null;
  first_run_id: string;
  last_run_id: string;
  seen_count: number;
  created_at: Date;
  updated_at: Date;
  scope_code: string;
  team_name: string | null;
  team_org_id: string | null;
  village_name: string | null;
  town_name: string | null;
  custom_name: string | null;
  custom_description: string | null;
};

const modelNameOf = (r: Pick<HitRow, 'model_key' | 'custom_name'>) => builtinModel(r.model_key)?.name ?? r.custom_name ?? r.model_key;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function out(r: HitRow): HitOut {
  const status = r.status as HitStatus;
  const reason = r.dismiss_reason as DismissReason | null;
  return {
    id: r.id,
    modelKey: r.model_key,
    modelName: modelNameOf(r),
    villageCode: r.village_code,
    villageName: r.village_name,
    townName: r.town_name,
    roundId: r.round_id,
    teamId: r.team_id,
    teamName: r.team_name,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    severity: r.severity,
    explanation: r.explanation,
    status,
    statusName: HIT_STATUSES[status] ?? r.status,
    dismissReason: reason,
    dismissReasonName: reason ? DISMISS_REASONS[reason] : null,
    dismissText: r.dismiss_text,
    verifiedAt: iso(r.verified_at),
    findingId: r.finding_id,
    leadId: r.lead_id,
    seenCount: Number(r.seen_count),
    firstRunId: r.first_run_id,
    lastRunId: r.last_run_id,
    createdAt: iso(r.created_at)!,
  };
}

// — reading —

export async function listHits(ctx: AppContext, actor: Actor, f: HitFilter & { page: number; pageSize: number }) {
  const view = viewOf(actor);
  const [rows, total] = await Promise.all([
    filtered(ctx.db, view, f)
      .select(columns)
      .orderBy('h.village_code')
      .orderBy('h.model_key')
      .orderBy('h.amount_fen', 'desc')
      .orderBy('h.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    filtered(ctx.db, view, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: (rows as HitRow[]).map(out), total: Number(total.n) };
}

/** Counts per village under the same filters (the list's grouping). */
export async function hitsByVillage(ctx: AppContext, actor: Actor, f: HitFilter): Promise<VillageGroup[]> {
  const view = viewOf(actor);
  const rows = await filtered(ctx.db, view, f)
    .select([
      'h.village_code',
      (eb) => eb.fn.min('v.name').as('village_name'),
      (eb) => eb.fn.min('tw.name').as('town_name'),
      (eb) => eb.fn.min('t.name').as('team_name'),
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) filter (where h.status = 'pending')`.as('pending'),
      sql<number>`count(*) filter (where h.status = 'confirmed')`.as('confirmed'),
      sql<number>`count(*) filter (where h.status = 'dismissed')`.as('dismissed'),
      sql<string>`coalesce(sum(h.amount_fen), 0)`.as('amount'),
    ])
    .groupBy('h.village_code')
    .orderBy('h.village_code')
    .execute();
  return rows.map((r) => ({
    villageCode: r.village_code,
    villageName: (r.village_name as string | null) ?? null,
    townName: (r.town_name as string | null) ?? null,
    teamName: (r.team_name as string | null) ?? null,
    total: Number(r.total),
    pending: Number(r.pending),
    confirmed: Number(r.confirmed),
    dismissed: Number(r.dismissed),
    amountFen: Number(r.amount),
  }));
}

async function hitFor(db: Executor, actor: Actor, id: string, lock = false): Promise<HitRow> {
  const view = viewOf(actor);
  if (!UUID.test(id)) throw notFound();
  let q = scoped(db, view).select(columns).where('h.id', '=', id);
  if (lock) q = q.forUpdate('h');
  const row = (await q.executeTakeFirst()) as HitRow | undefined;
  if (!row) throw notFound();
  return row;
}

export async function getHit(ctx: AppContext, actor: Actor, id: string): Promise<HitDetail> {
  const row = await hitFor(ctx.db, actor, id);
  const ev = await ctx.db.selectFrom('analytics_hits').select('evidence').where('id', '=', row.id).executeTakeFirstOrThrow();
  const evidence = (ev.evidence as { row?: Record<string, unknown>; datasets?: string[] } | null) ?? {};
  const ids = evidence.datasets ?? [];
  const ds = ids.length ? await ctx.db.selectFrom('analytics_datasets').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const r = evidence.row ?? {};
  const canVerify = row.status === 'pending' && mayVerify(actor, row);
  return {
    ...out(row),
    modelDescription: builtinModel(row.model_key)?.description ?? row.custom_description ?? null,
    evidence: { columns: Object.keys(r).map((k) => ({ key: k, label: columnLabel(k), display: displayValue(k, r[k]) })), row: r, datasets: ds },
    canVerify,
    confirmAs: canVerify ? confirmKinds(actor) : [],
    findingBy: row.team_name ? `由负责该村的${row.team_name}核实并确认为问题底稿` : '该疑点尚未分配到巡察轮次，分配后由负责该村的巡察组核实并确认为问题底稿',
    canReopen: row.status !== 'pending' && actor.permissions.has('analytics.manage'),
    canAssign: row.status === 'pending' && row.team_id === null && row.village_code !== null && isOffice(actor),
  };
}

/** Chinese headers of the usual result columns (other columns show their key). */
const COLUMN_LABELS: Record<string, string> = {
  id_number: '身份证号码',
  name: '姓名',
  item: '项目',
  village: '村（社区）',
  village_code: '村级区划代码',
  death_date: '死亡日期',
  event_kind: '登记类别',
  first_pay_date: '首次发放',
  last_pay_date: '末次发放',
  payments: '笔数',
  total_amount: '金额',
  employer: '单位',
  position: '职务',
  start_date: '开始日期',
  cadre_name: '干部姓名',
  cadre_id_number: '干部身份证号码',
  relation: '关系',
  people: '人数',
  amount: '金额',
  bidders: '投标人数',
  bid_date: '开标日期',
  win_price: '中标价',
  project_id: '项目编号',
  bidder_names: '投标单位',
  bidder_keys: '投标单位代码',
  trait: '雷同项',
  trait_value: '雷同内容',
  shown_value: '显示内容',
  group_size: '雷同家数',
  role: '身份',
  person_name: '姓名',
  person_id_number: '身份证号码',
  company_name: '企业名称',
  legal_rep_name: '法定代表人',
  cadre_position: '干部职务',
  cadre_relation: '与干部关系',
  cadre_village: '干部所在村',
  cadre_village_code: '干部所在村区划代码',
  age_days: '成立天数',
  founded_on: '成立日期',
  asset_kind: '财产类别',
  asset_detail: '财产情况',
  asset_ref: '登记编号',
  asset_registered_on: '登记日期',
  vehicles: '车辆数',
  estates: '不动产数',
  bid_price: '投标报价',
  bidder_name: '投标单位',
  bidder_credit_code: '投标单位信用代码',
  winner_name: '中标单位',
  winner_credit_code: '中标单位信用代码',
  project_name: '项目名称',
  project_ids: '项目编号',
  projects: '项目数',
  won_projects: '中标项目数',
  won_amount: '中标金额',
  share: '占比',
  ceiling_price: '最高限价',
  lowest_price: '最低报价',
  second_price: '次低报价',
  highest_price: '最高报价',
  cv: '变异系数',
  gap_cv: '报价间隔变异系数',
  gap_mean: '平均报价间隔',
  skewness: '偏度',
  kurtosis: '峰度',
  spread: '极差率',
  rel_gap: '最低两价相对差',
  lower_fence: '下限',
  upper_fence: '上限',
  low_cv: '离散度异常低',
  regular_gaps: '报价间隔规律',
  gap_outlier: '价差异常',
  tenders: '标段数',
  certified_area: '确权面积',
  claimed_area: '申报面积',
  excess_area: '超出面积',
  from_area: '起始面积',
  to_area: '最近面积',
  from_year: '起始年份',
  to_year: '最近年份',
  years: '年数',
  year: '年份',
  rent_per_mu: '每亩租金',
  median_rent_per_mu: '全县同类每亩租金中位数',
  contract_key: '合同编号',
  days_expired: '到期天数',
  other_village: '另一村',
  villages: '村数',
  period: '期间',
  severity: '严重程度',
  bids: '投标家数',
  q1: '下四分位数',
  q3: '上四分位数',
  first_bid_date: '首次开标日期',
  last_bid_date: '末次开标日期',
  winner_key: '中标单位标识',
  bidder_key: '投标单位标识',
  samples: '同类合同数',
};
/** The standard fields' labels (and whether they are amounts in fen) across all dataset kinds. */
const FIELD_INFO = new Map<string, { label: string; amount: boolean }>();
for (const kind of DATASET_KINDS) for (const f of kind.fields) if (!FIELD_INFO.has(f.key)) FIELD_INFO.set(f.key, { label: f.label, amount: f.type === 'amount' });
const isAmountColumn = (k: string) => FIELD_INFO.get(k)?.amount === true || /(^|_)(amount|price|total_amount|paid|fen)($|_)/.test(k);
export const columnLabel = (k: string) => {
  const base = COLUMN_LABELS[k] ?? FIELD_INFO.get(k)?.label ?? k;
  return isAmountColumn(k) ? `${base.replace(/（分）$/, '')}（元）` : base;
};
/** A value as users read it: amounts in fen as 元 with two decimals. */
const displayValue = (k: string, v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  if (isAmountColumn(k) && typeof v === 'number') return (v / 100).toFixed(2);
  return String(v);
};

const isOffice = (actor: Actor) => actor.permissions.has('analytics.manage') && !actsAsTeam(actor);

/** A finding is a team's working paper (findings.write); a lead needs leads.write. */
const confirmKinds = (actor: Actor): ('finding' | 'lead')[] => [
  ...(actor.permissions.has('findings.write') ? (['finding'] as const) : []),
  ...(actor.permissions.has('leads.write') ? (['lead'] as const) : []),
];

function mayVerify(actor: Actor, hit: HitRow): boolean {
  if (actor.permissions.has('analytics.manage') && !actsAsTeam(actor)) return true;
  return actor.permissions.has('analytics.verify') && actsAsTeam(actor) && hit.team_org_id === actor.orgId;
}

// — verification —

async function forVerify(tx: Tx, actor: Actor, id: string): Promise<HitRow> {
  const hit = await hitFor(tx, actor, id, true);
  if (!mayVerify(actor, hit)) throw new DomainError('FORBIDDEN', '只有负责该村的巡察组成员或巡察办可以核实此疑点');
  if (hit.status !== 'pending') throw new DomainError('ANALYTICS_HIT_VERIFIED', `该疑点已${HIT_STATUSES[hit.status as HitStatus] ?? '核实'}，不能再次核实`);
  return hit;
}

/** The evidence as an .xlsx: the explanation, then one row per result column. */
async function evidenceXlsx(hit: HitRow, evidence: { row?: Record<string, unknown> }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('比对证据');
  ws.columns = [
    { header: '项目', key: 'k', width: 24 },
    { header: '内容', key: 'v', width: 60 },
  ];
  ws.addRow({ k: '比对模型', v: modelNameOf(hit) });
  ws.addRow({ k: '村（社区）', v: hit.village_name ?? hit.village_code ?? '' });
  ws.addRow({ k: '疑点说明', v: hit.explanation });
  for (const [k, v] of Object.entries(evidence.row ?? {})) ws.addRow({ k: columnLabel(k), v: displayValue(k, v) });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const yuanText = (fen: number | null) => (fen === null ? null : (fen / 100).toFixed(2));
const chinaToday = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function confirmHit(ctx: AppContext, actor: Actor, id: string, input: ConfirmInput) {
  // checked first, so a refusal creates nothing
  const hit = await ctx.db.transaction().execute((tx) => forVerify(tx, actor, id));
  if (!confirmKinds(actor).includes(input.as)) {
    throw new DomainError(
      'FORBIDDEN',
      input.as === 'finding'
        ? `问题底稿由巡察组撰写（一事一底稿），${hit.team_name ? `请由负责该村的${hit.team_name}核实确认` : '请先把疑点分配到巡察轮次，再由负责该村的巡察组核实确认'}`
        : '没有确认为问题线索的权限',
    );
  }
  if (!hit.round_id || !hit.village_code) throw new DomainError('VALIDATION_FAILED', '该疑点不属于任何巡察轮次的村（社区），请先分配到巡察轮次（或在巡察轮次中运行比对）后再确认');
  const inspection = await ctx.db.selectFrom('village_inspections').select(['id', 'target_id']).where('round_id', '=', hit.round_id).where('village_code', '=', hit.village_code).executeTakeFirst();
  // without a village inspection, a town target of the round (巡镇带村) takes the finding or lead
  const townTarget = inspection
    ? undefined
    : await ctx.db.selectFrom('round_targets').select('id').where('round_id', '=', hit.round_id).where('kind', '=', 'town').where('code', '=', hit.village_code.slice(0, 9)).executeTakeFirst();
  if (!inspection && !townTarget) throw new DomainError('VALIDATION_FAILED', '本轮巡察中没有该村（社区）的村级巡察，也没有所属乡镇的巡察对象，无法生成问题底稿或线索');
  const place = inspection ? { inspectionId: inspection.id } : { targetId: townTarget!.id };
  const ev = await ctx.db.selectFrom('analytics_hits').select('evidence').where('id', '=', hit.id).executeTakeFirstOrThrow();
  const evidence = (ev.evidence as { row?: Record<string, unknown> }) ?? {};
  const modelName = modelNameOf(hit);
  const description = [`大数据比对（${modelName}）发现：${hit.explanation}`, input.note ? `核实情况：${input.note}` : ''].filter(Boolean).join('\n');
  const file = { buffer: await evidenceXlsx(hit, evidence), fileName: `比对证据-${modelName}.xlsx` };
  let findingId: string | null = null;
  let leadId: string | null = null;
  if (input.as === 'finding') {
    const f = await createFinding(
      ctx,
      actor,
      findingCreateInput.parse({
        ...place,
        category: input.category,
        title: (input.title ?? modelName).slice(0, 100),
        description,
        amount: yuanText(hit.amount_fen === null ? null : Number(hit.amount_fen)),
        source: 'data_comparison',
        foundOn: chinaToday(ctx.now()),
      }),
    );
    findingId = f.id;
    const withMaterial = await addMaterial(ctx, actor, f.id, materialInput.parse({ title: `大数据比对证据（${modelName}）`, kind: 'document', description: hit.explanation.slice(0, 2000) }));
    const material = (withMaterial as unknown as { materials: { id: string }[] }).materials.at(-1)!;
    await addMaterialAttachment(ctx, actor, f.id, material.id, file);
  } else {
    const lead = await createLead(ctx, actor, {
      ...place,
      summary: description.slice(0, 4000),
      evidence: `大数据比对证据（${modelName}），见附件`,
      authority: input.authority,
      otherBody: input.authority === 'other' ? (input.otherBody ?? null) : null,
    });
    leadId = lead.id;
    await addLeadAttachment(ctx, actor, lead.id, file);
  }
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const fresh = await forVerify(tx, actor, id);
      const now = ctx.now();
      await tx.updateTable('analytics_hits').set({ status: 'confirmed', verified_by: actor.userId, verified_at: now, finding_id: findingId, lead_id: leadId, dismiss_reason: null, dismiss_text: null, updated_at: now }).where('id', '=', fresh.id).execute();
      await writeAudit(tx, ctx, actor, { action: 'confirm', entity: ENTITY, entityId: fresh.id, scopeCode: fresh.village_code ?? fresh.scope_code, before: { status: fresh.status }, after: { status: 'confirmed', as: input.as, findingId, leadId } });
    });
  } catch (e) {
    // verified by someone else meanwhile: the draft just made is removed again
    if (findingId) await deleteFinding(ctx, actor, findingId).catch(() => {});
    if (leadId) await deleteLead(ctx, actor, leadId).catch(() => {});
    throw e;
  }
  return getHit(ctx, actor, id);
}

export async function dismissHit(ctx: AppContext, actor: Actor, id: string, input: DismissInput) {
  await ctx.db.transaction().execute(async (tx) => {
    const hit = await forVerify(tx, actor, id);
    const now = ctx.now();
    await tx.updateTable('analytics_hits').set({ status: 'dismissed', dismiss_reason: input.reason, dismiss_text: input.text || null, verified_by: actor.userId, verified_at: now, updated_at: now }).where('id', '=', hit.id).execute();
    await writeAudit(tx, ctx, actor, { action: 'dismiss', entity: ENTITY, entityId: hit.id, scopeCode: hit.village_code ?? hit.scope_code, before: { status: hit.status }, after: { status: 'dismissed', reason: input.reason, text: input.text } });
  });
  return getHit(ctx, actor, id);
}

/** The office sets a verified hit back to 待核实 (the finding or lead made from it stays). */
export async function reopenHit(ctx: AppContext, actor: Actor, id: string, input: { reason: string }) {
  if (!actor.permissions.has('analytics.manage') || actsAsTeam(actor)) throw new DomainError('FORBIDDEN', '只有巡察办可以重新打开已核实的疑点');
  await ctx.db.transaction().execute(async (tx) => {
    const hit = await hitFor(tx, actor, id, true);
    if (hit.status === 'pending') throw new DomainError('ANALYTICS_HIT_VERIFIED', '该疑点尚未核实，无需重新打开');
    const now = ctx.now();
    await tx
      .updateTable('analytics_hits')
      .set({ status: 'pending', dismiss_reason: null, dismiss_text: null, verified_by: null, verified_at: null, finding_id: null, lead_id: null, updated_at: now })
      .where('id', '=', hit.id)
      .execute();
    await writeAudit(tx, ctx, actor, {
      action: 'reopen',
      entity: ENTITY,
      entityId: hit.id,
      scopeCode: hit.village_code ?? hit.scope_code,
      before: { status: hit.status, dismissReason: hit.dismiss_reason, findingId: hit.finding_id, leadId: hit.lead_id },
      after: { status: 'pending', reason: input.reason },
    });
  });
  return getHit(ctx, actor, id);
}

// — assigning an ad-hoc hit to a round —

/** Rounds in which the hit may be verified: 准备 to 报告 (before entry, or while findings are written). */
const ASSIGNABLE_PHASES: readonly RoundPhase[] = ['preparation', ...FINDING_WRITE_PHASES];

/** The open rounds of the actor's scope covering the village, each with its inspecting team for the village. */
async function roundsFor(db: Executor, actor: Actor, village: string): Promise<(AssignableRound & { scopeCode: string })[]> {
  const rounds = await db
    .selectFrom('rounds')
    .select(['id', 'scope_code', 'year', 'number', 'phase'])
    .where('scope_code', 'like', `${actor.scopeCode}%`)
    .where('phase', 'in', [...ASSIGNABLE_PHASES])
    .orderBy('year', 'desc')
    .orderBy('number', 'desc')
    .execute();
  const out: (AssignableRound & { scopeCode: string })[] = [];
  for (const r of rounds.filter((x) => village.startsWith(x.scope_code))) {
    const team = teamFor(await roundTeams(db, r.id), village);
    if (!team) continue;
    const t = await db.selectFrom('teams').select('name').where('id', '=', team).executeTakeFirstOrThrow();
    const phase = r.phase as RoundPhase;
    out.push({ roundId: r.id, roundName: `${r.year}年第${r.number}轮巡察`, phase, phaseName: ROUND_PHASES[phase] ?? r.phase, teamId: team, teamName: t.name, scopeCode: r.scope_code });
  }
  return out;
}

function assigner(actor: Actor): void {
  if (!isOffice(actor)) throw new DomainError('FORBIDDEN', '只有巡察办可以把疑点分配到巡察轮次');
}

const notAssignable = (hit: HitRow): DomainError | null => {
  if (hit.status !== 'pending') return new DomainError('ANALYTICS_HIT_VERIFIED', `该疑点已${HIT_STATUSES[hit.status as HitStatus] ?? '核实'}，不能再分配`);
  if (hit.team_id) return new DomainError('VALIDATION_FAILED', `该疑点已分配给${hit.team_name ?? '巡察组'}，不能再分配`);
  if (!hit.village_code) return new DomainError('VALIDATION_FAILED', '该疑点没有对应的村（社区），无法分配到巡察轮次');
  return null;
};

const noRound = () =>
  new DomainError('VALIDATION_FAILED', '该村（社区）不是任何进行中巡察轮次（准备至报告阶段）的巡察对象，无法分配；请先在巡察计划中把它列为巡察对象', [
    { path: 'roundId', message: '没有可选的巡察轮次' },
  ]);

/** The rounds the office may assign an ad-hoc hit to (empty: its village is no open round's target). */
export async function assignableRounds(ctx: AppContext, actor: Actor, id: string): Promise<AssignableRound[]> {
  assigner(actor);
  const hit = await hitFor(ctx.db, actor, id);
  const refusal = notAssignable(hit);
  if (refusal) throw refusal;
  return (await roundsFor(ctx.db, actor, hit.village_code!)).map(({ scopeCode: _scope, ...r }) => r);
}

/** The office assigns an ad-hoc hit to a round: the round's team for the village verifies it (audited). */
export async function assignHit(ctx: AppContext, actor: Actor, id: string, input: AssignInput): Promise<HitDetail> {
  assigner(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const hit = await hitFor(tx, actor, id, true);
    const refusal = notAssignable(hit);
    if (refusal) throw refusal;
    const candidates = await roundsFor(tx, actor, hit.village_code!);
    if (candidates.length === 0) throw noRound();
    const chosen = candidates.find((c) => c.roundId === input.roundId);
    if (!chosen) {
      throw new DomainError('VALIDATION_FAILED', `所选轮次不是该村（社区）进行中的巡察，可选：${candidates.map((c) => `${c.roundName}（${c.teamName}）`).join('、')}`, [
        { path: 'roundId', message: '请从可选的巡察轮次中选择' },
      ]);
    }
    if (chosen.scopeCode !== hit.scope_code) {
      // the same suspicion already found by a run of the round's territory: no second copy
      const keyRow = await tx.selectFrom('analytics_hits').select('hit_key').where('id', '=', hit.id).executeTakeFirstOrThrow();
      const twin = await tx
        .selectFrom('analytics_hits')
        .select('id')
        .where('scope_code', '=', chosen.scopeCode)
        .where('model_key', '=', hit.model_key)
        .where('hit_key', '=', keyRow.hit_key)
        .executeTakeFirst();
      if (twin) throw new DomainError('CONFLICT', `${chosen.roundName}的比对已发现同一疑点，请在该轮次的疑点中核实`, { hitId: twin.id });
    }
    const now = ctx.now();
    await tx.updateTable('analytics_hits').set({ round_id: chosen.roundId, team_id: chosen.teamId, scope_code: chosen.scopeCode, updated_at: now }).where('id', '=', hit.id).execute();
    await writeAudit(tx, ctx, actor, {
      action: 'assign_round',
      entity: ENTITY,
      entityId: hit.id,
      scopeCode: hit.village_code!,
      before: { roundId: null, teamId: null, scopeCode: hit.scope_code },
      after: { roundId: chosen.roundId, round: chosen.roundName, teamId: chosen.teamId, team: chosen.teamName, scopeCode: chosen.scopeCode },
    });
  });
  return getHit(ctx, actor, id);
}

// — export —

export async function hitsXlsx(ctx: AppContext, actor: Actor, f: HitFilter): Promise<{ buffer: Buffer; fileName: string }> {
  const view = viewOf(actor);
  const rows = (await filtered(ctx.db, view, f).select(columns).orderBy('h.village_code').orderBy('h.model_key').orderBy('h.id').limit(50_000).execute()) as HitRow[];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('比对疑点');
  ws.columns = [
    { header: '乡镇（街道）', key: 'town', width: 14 },
    { header: '村（社区）', key: 'village', width: 14 },
    { header: '巡察组', key: 'team', width: 12 },
    { header: '比对模型', key: 'model', width: 24 },
    { header: '疑点说明', key: 'explanation', width: 80 },
    { header: '涉及金额（元）', key: 'amount', width: 14 },
    { header: '状态', key: 'status', width: 10 },
    { header: '排除理由', key: 'reason', width: 20 },
    { header: '出现次数', key: 'seen', width: 10 },
  ];
  for (const r of rows.map(out)) {
    ws.addRow({
      town: r.townName ?? '',
      village: r.villageName ?? r.villageCode ?? '',
      team: r.teamName ?? '',
      model: r.modelName,
      explanation: r.explanation,
      amount: r.amountFen === null ? null : r.amountFen / 100,
      status: r.statusName,
      reason: r.dismissReasonName ? `${r.dismissReasonName}${r.dismissText ? `：${r.dismissText}` : ''}` : '',
      seen: r.seenCount,
    });
  }
  ws.getRow(1).font = { bold: true };
  ws.getColumn('amount').numFmt = '#,##0.00';
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: '比对疑点.xlsx' };
}
