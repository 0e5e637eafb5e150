/**
 * 大数据比对 runs (issue 7 item 4): the office (analytics.manage) chooses a round (or none: ad hoc),
 * ready datasets, models (all built-in ones by default) with their parameters, and optionally villages
 * or towns; the run is stored with the resolved parameters and queued as an `analytics.run` job in
 * the same transaction (server/analytics/run.ts does the work). Runs are scoped to the office's scope;
 * other scopes see 404. Audit: create (the office) and the run's hits and end (system).
 */
import { z } from 'zod';
import { scopeCovers } from '../../../domain/access/roles';
import { datasetKind, isDatasetKindKey } from '../../../domain/analytics/dataset-kinds';
import { BUILTIN_MODELS, builtinModel } from '../../../domain/analytics/models';
import { resolveParams, type ParamValues } from '../../../domain/analytics/models/model';
import type { ModelOutcome, Run as RunOut, RunStatus } from '../../../domain/analytics/run-types';
import { DomainError, type FieldIssue } from '../../../domain/shared/errors';
import { RUN_JOB, runAnalytics } from '../../analytics/run';
import type { Actor, AppContext } from '../../http/context';
import { enqueueJob, registerJobKind } from '../../jobs';
import { writeAudit } from '../access';
import { loadCustomModels } from './custom-models.service';

const ENTITY = 'analytics.run';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '比对运行不存在或无权查看');

export type { RunOut, RunStatus };
export const RUN_STATUSES = { queued: '排队中', running: '运行中', succeeded: '已完成', failed: '失败', cancelled: '已取消' } as const satisfies Record<RunStatus, string>;

function manager(actor: Actor): void {
  if (!actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '只有巡察办可以运行比对模型');
}

const payloadSchema = z.object({ runId: z.string().uuid() });

let registered = false;
export function registerRunJob(): void {
  if (registered) return;
  registered = true;
  registerJobKind(RUN_JOB, {
    label: '运行比对模型',
    permission: 'analytics.manage',
    payload: payloadSchema,
    run: (job, tools) => runAnalytics(tools.ctx, (job.payload as z.infer<typeof payloadSchema>).runId, tools),
  });
}

// — input —

export const runInput = z.object(
  {
    roundId: z.string().uuid('请选择有效的巡察轮次').nullish(),
    label: z.string().trim().max(100, '名称不超过 100 字').optional(),
    datasetIds: z.array(z.string().uuid('数据集无效'), { message: '请选择数据集' }).min(1, '请至少选择一个数据集').max(100, '一次最多选择 100 个数据集'),
    /** omitted: every built-in model and every enabled custom model */
    modelKeys: z.array(z.string().max(60)).min(1, '请至少选择一个模型').max(200).optional(),
    params: z.record(z.string().max(60), z.record(z.string().max(60), z.union([z.string().max(200), z.number()]))).optional(),
    villageCodes: z.array(z.string().regex(/^\d{12}$/, '村（社区）代码应为 12 位数字')).max(2000).optional(),
    townCodes: z.array(z.string().regex(/^\d{9}$/, '乡镇（街道）代码应为 9 位数字')).max(200).optional(),
  },
  { message: '提交的内容格式不正确' },
);
export type RunInput = z.infer<typeof runInput>;

// — out —

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type RunRow = {
  id: string;
  label: string;
  round_id: string | null;
  models: unknown;
  dataset_ids: unknown;
  village_codes: unknown;
  job_id: string | null;
  status: string;
  results: unknown;
  error_message: string | null;
  created_at: Date;
  finished_at: Date | null;
  created_by_name: string | null;
  round_year: number | null;
  round_number: number | null;
};

async function toOut(ctx: AppContext, scope: string, rows: RunRow[]): Promise<RunOut[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.dataset_ids as string[]) ?? []))];
  const customs = rows.some((r) => ((r.models as { key: string }[]) ?? []).some((m) => !builtinModel(m.key))) ? await loadCustomModels(ctx.db, scope, { includeDisabled: true }) : new Map();
  const ds = ids.length ? await ctx.db.selectFrom('analytics_datasets').select(['id', 'name', 'kind']).where('id', 'in', ids).execute() : [];
  const byId = new Map(ds.map((d) => [d.id, d]));
  return rows.map((r) => {
    const results = (r.results as ModelOutcome[] | null) ?? null;
    const status = r.status as RunStatus;
    return {
      id: r.id,
      label: r.label,
      roundId: r.round_id,
      roundName: r.round_year !== null ? `${r.round_year}年第${r.round_number}轮巡察` : null,
      models: ((r.models as { key: string; params: ParamValues }[]) ?? []).map((m) => ({ key: m.key, name: builtinModel(m.key)?.name ?? customs.get(m.key)?.model.name ?? m.key, params: m.params })),
      datasets: ((r.dataset_ids as string[]) ?? []).map((id) => {
        const d = byId.get(id);
        const kind = d?.kind && isDatasetKindKey(d.kind) ? d.kind : null;
        return { id, name: d?.name ?? '（已删除的数据集）', kind, kindName: kind ? datasetKind(kind).label : null };
      }),
      villageCodes: Array.isArray(r.village_codes) ? (r.village_codes as string[]) : null,
      jobId: r.job_id,
      status,
      statusName: RUN_STATUSES[status] ?? r.status,
      results,
      hits: results ? results.reduce((s, o) => s + o.hits, 0) : null,
      errorMessage: r.error_message,
      createdByName: r.created_by_name,
      createdAt: iso(r.created_at)!,
      finishedAt: iso(r.finished_at),
    };
  });
}

function runQuery(ctx: AppContext, scope: string) {
  return ctx.db
    .selectFrom('analytics_runs as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .leftJoin('rounds as ro', 'ro.id', 'r.round_id')
    .select([
      'r.id',
      'r.label',
      'r.round_id',
      'r.models',
      'r.dataset_ids',
      'r.village_codes',
      'r.job_id',
      'r.status',
      'r.results',
      'r.error_message',
      'r.created_at',
      'r.finished_at',
      'u.display_name as created_by_name',
      'ro.year as round_year',
      'ro.number as round_number',
    ])
    .where('r.scope_code', 'like', `${scope}%`);
}

/** Runs whose job ended without reaching the handler's own end (a restart): settled from the job. */
async function settle(ctx: AppContext, scope: string): Promise<void> {
  const stuck = await ctx.db
    .selectFrom('analytics_runs as r')
    .innerJoin('jobs as j', 'j.id', 'r.job_id')
    .select(['r.id', 'j.status as job_status', 'j.error_message'])
    .where('r.scope_code', 'like', `${scope}%`)
    .where('r.status', 'in', ['queued', 'running'])
    .where('j.status', 'in', ['failed', 'cancelled', 'succeeded'])
    .execute();
  for (const s of stuck) {
    const status = s.job_status === 'cancelled' ? 'cancelled' : 'failed';
    await ctx.db
      .updateTable('analytics_runs')
      .set({ status, error_message: s.error_message ?? '运行中断，请重新运行', finished_at: ctx.now() })
      .where('id', '=', s.id)
      .where('status', 'in', ['queued', 'running'])
      .execute();
  }
}

// — use cases —

export async function createRun(ctx: AppContext, actor: Actor, input: RunInput): Promise<{ jobId: string; run: RunOut }> {
  manager(actor);
  const issues: FieldIssue[] = [];
  // the round's territory, else the office's own scope: the enabled custom models defined at it, above it
  // and inside it (each over its own villages) run next to the built-in ones; omitted keys: all of both
  const round = input.roundId ? await ctx.db.selectFrom('rounds').select(['id', 'scope_code', 'year', 'number']).where('id', '=', input.roundId).executeTakeFirst() : undefined;
  const territory = round && scopeCovers(actor.scopeCode, round.scope_code) ? round.scope_code : actor.scopeCode;
  const customs = await loadCustomModels(ctx.db, territory);
  const keys = input.modelKeys ?? [...BUILTIN_MODELS.map((m) => m.key), ...customs.keys()];
  const models: { key: string; params: ParamValues }[] = [];
  for (const key of [...new Set(keys)]) {
    const model = builtinModel(key) ?? customs.get(key)?.model;
    if (!model) {
      issues.push({ path: `modelKeys`, message: `没有名为“${key}”的模型` });
      continue;
    }
    try {
      models.push({ key, params: resolveParams(model.params, input.params?.[key], { today: new Date(ctx.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10) }) });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      issues.push({ path: `params.${key}`, message: `${model.name}：${e.message}` });
    }
  }
  for (const key of Object.keys(input.params ?? {})) if (!keys.includes(key)) issues.push({ path: `params.${key}`, message: `参数所属的模型“${key}”未被选择` });
  const datasetIds = [...new Set(input.datasetIds)];
  const datasets = await ctx.db.selectFrom('analytics_datasets').select(['id', 'name', 'status', 'scope_code']).where('id', 'in', datasetIds).execute();
  for (const id of datasetIds) {
    const d = datasets.find((x) => x.id === id);
    if (!d || !scopeCovers(actor.scopeCode, d.scope_code)) issues.push({ path: 'datasetIds', message: '所选数据集不存在或无权使用' });
    else if (d.status !== 'ready') issues.push({ path: 'datasetIds', message: `数据集“${d.name}”尚未导入完成，不能用于比对` });
  }
  let roundLabel = '临时比对';
  if (input.roundId) {
    if (!round || !scopeCovers(actor.scopeCode, round.scope_code)) issues.push({ path: 'roundId', message: '巡察轮次不存在或无权查看' });
    else roundLabel = `${round.year}年第${round.number}轮巡察`;
  }
  let villageCodes: string[] | null = null;
  if ((input.villageCodes?.length ?? 0) > 0 || (input.townCodes?.length ?? 0) > 0) {
    const codes = new Set<string>();
    for (const c of input.villageCodes ?? []) {
      if (!c.startsWith(actor.scopeCode)) issues.push({ path: 'villageCodes', message: `村（社区）${c}不在本辖区` });
      else codes.add(c);
    }
    const towns = (input.townCodes ?? []).filter((t) => {
      if (!t.startsWith(actor.scopeCode)) issues.push({ path: 'townCodes', message: `乡镇（街道）${t}不在本辖区` });
      return t.startsWith(actor.scopeCode);
    });
    if (towns.length > 0) {
      const rows = await ctx.db.selectFrom('divisions').select('code').where('level', '=', 5).where('parent_code', 'in', towns).execute();
      for (const r of rows) codes.add(r.code);
    }
    villageCodes = [...codes].sort();
    if (villageCodes.length === 0 && issues.length === 0) issues.push({ path: 'villageCodes', message: '所选范围内没有村（社区）' });
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', [...new Set(issues.map((i) => i.message))].slice(0, 5).join('；'), issues);
  const label = input.label?.trim() || `${roundLabel}·${models.length}个模型`;
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('analytics_runs')
      .values({
        scope_code: actor.scopeCode,
        round_id: input.roundId ?? null,
        label,
        models: JSON.stringify(models),
        dataset_ids: JSON.stringify(datasetIds),
        village_codes: villageCodes === null ? null : JSON.stringify(villageCodes),
        created_by: actor.userId,
        created_at: ctx.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const jobId = await enqueueJob(ctx, actor, RUN_JOB, { runId: row.id }, { tx });
    await tx.updateTable('analytics_runs').set({ job_id: jobId }).where('id', '=', row.id).execute();
    await writeAudit(tx, ctx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      scopeCode: actor.scopeCode,
      after: { label, roundId: input.roundId ?? null, models, datasetIds, villageCodes, jobId },
    });
    return row.id;
  });
  const run = await getRun(ctx, actor, id);
  return { jobId: run.jobId!, run };
}

export async function listRuns(ctx: AppContext, actor: Actor, q: { roundId?: string | undefined; page: number; pageSize: number }): Promise<{ items: RunOut[]; total: number }> {
  manager(actor);
  await settle(ctx, actor.scopeCode);
  let base = runQuery(ctx, actor.scopeCode);
  if (q.roundId) base = base.where('r.round_id', '=', q.roundId);
  const [rows, total] = await Promise.all([
    base
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    ctx.db
      .selectFrom('analytics_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scope_code', 'like', `${actor.scopeCode}%`)
      .$if(!!q.roundId, (qb) => qb.where('round_id', '=', q.roundId!))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await toOut(ctx, actor.scopeCode, rows as RunRow[]), total: Number(total.n) };
}

export async function getRun(ctx: AppContext, actor: Actor, id: string): Promise<RunOut> {
  manager(actor);
  if (!UUID.test(id)) throw notFound();
  await settle(ctx, actor.scopeCode);
  const row = await runQuery(ctx, actor.scopeCode).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return (await toOut(ctx, actor.scopeCode, [row as RunRow]))[0]!;
}
