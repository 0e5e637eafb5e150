/**
 * A 大数据比对 run (job kind `analytics.run`): the selected datasets become DuckDB views `ds_<kind>`
 * (the union of the selected datasets of one kind, read from their Parquet files, each row keeping
 * `_dataset` and its source row `_row`), `ds_cadres` is materialised from the registry (cadres and
 * relatives of the scope's villages, names and ID numbers normalised like an import), and each
 * selected model runs with its parameters. Progress is reported per model; a cancel is seen between
 * models and interrupts the running DuckDB statement.
 *
 * Hits are written only once every model has run, one transaction per model, so a cancelled or
 * failed run leaves no hits. Re-running never duplicates: a hit is keyed by (scope, model, hit_key),
 * where hit_key hashes the model key and its hitKey columns; an existing pending hit gets the new
 * evidence, a verified one keeps its status, explanation and evidence — both count the sighting
 * (last_run_id, seen_count).
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { sql } from 'kysely';
import { datasetKind, isDatasetKindKey, type DatasetKindKey } from '../../domain/analytics/dataset-kinds';
import { builtinModel } from '../../domain/analytics/models';
import type { ComparisonModel, ParamValues } from '../../domain/analytics/models/model';
import { CADRE_SELF } from '../../domain/analytics/models/sql-parts';
import { normaliseIdNumber, normaliseName, storedColumns } from '../../domain/analytics/normalise';
import type { ModelOutcome } from '../../domain/analytics/run-types';
import { DomainError } from '../../domain/shared/errors';
import type { AppContext, Executor, Tx } from '../http/context';
import type { JobTools } from '../jobs';
import { SYSTEM_ACTOR, writeAudit } from '../modules/access';
import { analyticsEngine, sqlIdent, sqlString } from './engine';
import { loadCustomModels } from '../modules/analytics/custom-models.service';
import { openDuckSandbox, runCustomModelOnDuckDB, runModelOnDuckDB, type DuckSandbox, type ResultRow } from './models-runner';
import { dataFile, datasetDir } from './store';

export const RUN_JOB = 'analytics.run';
const RUN_ENTITY = 'analytics.run';
const MAX_HITS_PER_MODEL = 20_000;

export interface RunModelSpec {
  key: string;
  params: ParamValues;
}

/** What one model of a run did: the domain's shape, stored on the run and sent by the runs API. */
export type { ModelOutcome };

export interface RunResult {
  runId: string;
  models: ModelOutcome[];
  hits: number;
  created: number;
}

/** A stable key of one suspicion: the model and the values of its hitKey columns. */
export function hitKeyOf(model: Pick<ComparisonModel, 'key' | 'hitKey'>, row: ResultRow): string {
  const values = model.hitKey.map((c) => {
    const v = row[c];
    return v === undefined || v === null ? null : String(v);
  });
  return createHash('sha256').update(JSON.stringify([model.key, ...values])).digest('hex').slice(0, 40);
}

const jsonSafe = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
const intOrNull = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n) : null;
};

interface RunRow {
  id: string;
  scope_code: string;
  round_id: string | null;
  models: unknown;
  dataset_ids: unknown;
  village_codes: unknown;
  created_at: Date;
}

/** The China calendar date of an instant (the run's 'today' for date parameters). */
function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ————————————————————————————————————————— DuckDB setup

export async function createDatasetViews(conn: DuckDBConnection, ctx: AppContext, datasets: { id: string; kind: DatasetKindKey }[], villages: Map<string, string>): Promise<void> {
  const engine = analyticsEngine(ctx.config);
  // village names that identify exactly one village of the scope fill a missing village code
  await conn.run('CREATE TEMP TABLE _villages (name VARCHAR, code VARCHAR)');
  const pairs = [...villages.entries()];
  for (let i = 0; i < pairs.length; i += 200) {
    const chunk = pairs.slice(i, i + 200);
    await conn.run(`INSERT INTO _villages VALUES ${chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ')}`, chunk.flat() as DuckDBValue[]);
  }
  const byKind = new Map<DatasetKindKey, ViewSource[]>();
  for (const d of datasets) {
    const file = dataFile(engine, d.id);
    byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), { id: d.id, file, codesMissing: await villageCodesMissing(conn, file) }]);
  }
  for (const [kind, sources] of byKind) await conn.run(`CREATE TEMP VIEW ds_${kind} AS ${datasetViewSql(kind, sources)}`);
}

/** One dataset behind a ds_<kind> view; `codesMissing: false` when its Parquet statistics show every row has a village code. */
export interface ViewSource {
  id: string;
  file: string;
  codesMissing?: boolean;
}

/**
 * Whether some row of a dataset's Parquet file may lack a village code, from the file's footer
 * statistics (null counts per row group; no data is read). Unknown statistics count as missing.
 */
export async function villageCodesMissing(conn: DuckDBConnection, file: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(
    `SELECT COUNT(*) AS groups, COUNT(stats_null_count) AS known, COALESCE(SUM(stats_null_count), 0) AS nulls
       FROM parquet_metadata(${sqlString(file)}) WHERE path_in_schema = 'village_code'`,
  );
  const [row] = reader.getRowObjectsJson() as { groups: string | number; known: string | number; nulls: string | number }[];
  if (!row || Number(row.groups) === 0) return true;
  return Number(row.known) < Number(row.groups) || Number(row.nulls) > 0;
}

/**
 * The SELECT behind a run's ds_<kind> view: the kind's stored columns of every source Parquet file,
 * with `_row` and `_dataset`. Where the kind has a village name and code, a missing code is filled
 * from the temp table `_villages (name, code)`; only the rows without a code are joined, and a file
 * whose statistics show no missing code (the usual case, see villageCodesMissing) is read as it is.
 */
export function datasetViewSql(kind: DatasetKindKey, sources: ViewSource[]): string {
  const cols = storedColumns(kind).map((c) => c.name);
  const hasVillage = cols.includes('village_code') && cols.includes('village');
  const select = ({ id, file, codesMissing = true }: ViewSource) => {
    const from = `read_parquet(${sqlString(file)}) d`;
    const tail = `d._row AS _row, ${sqlString(id)} AS _dataset`;
    if (!hasVillage || !codesMissing) return `SELECT ${cols.map((c) => `d.${sqlIdent(c)}`).join(', ')}, ${tail} FROM ${from}`;
    const filled = cols.map((c) => (c === 'village_code' ? 'v.code AS village_code' : `d.${sqlIdent(c)}`)).join(', ');
    return (
      `SELECT ${cols.map((c) => `d.${sqlIdent(c)}`).join(', ')}, ${tail} FROM ${from} WHERE d.village_code IS NOT NULL` +
      ` UNION ALL SELECT ${filled}, ${tail} FROM ${from} LEFT JOIN _villages v ON v.name = d.village WHERE d.village_code IS NULL`
    );
  };
  return sources.map(select).join(' UNION ALL ');
}

export interface CadreRow {
  name: string | null;
  id_number: string | null;
  village: string | null;
  village_code: string;
  position: string | null;
  relation: string;
  cadre_name: string | null;
  cadre_id_number: string | null;
}

/** The registry's cadres and their relatives in the scope, as the standard cadres fields. */
export async function registryCadres(db: Executor, scope: string): Promise<CadreRow[]> {
  const cadres = await db
    .selectFrom('cadres as c')
    .leftJoin('divisions as d', 'd.code', 'c.village_code')
    .select(['c.id', 'c.name', 'c.id_number', 'c.positions', 'c.village_code', 'd.name as village_name'])
    .where('c.village_code', 'like', `${scope}%`)
    .orderBy('c.village_code')
    .orderBy('c.name')
    .execute();
  const relatives = cadres.length
    ? await db
        .selectFrom('cadre_relatives')
        .select(['cadre_id', 'name', 'id_number', 'relation'])
        .where(
          'cadre_id',
          'in',
          cadres.map((c) => c.id),
        )
        .execute()
    : [];
  const name = (s: string | null) => (s ? normaliseName(s).value : null);
  const idn = (s: string | null) => (s ? normaliseIdNumber(s).value : null);
  const village = (s: string | null) => (s ? normaliseName(s).value : null);
  const out: CadreRow[] = [];
  const byId = new Map(cadres.map((c) => [c.id, c]));
  for (const c of cadres) {
    const positions = Array.isArray(c.positions) ? (c.positions as string[]) : [];
    out.push({
      name: name(c.name),
      id_number: idn(c.id_number),
      village: village(c.village_name),
      village_code: c.village_code,
      position: positions.join('、') || null,
      relation: CADRE_SELF,
      cadre_name: name(c.name),
      cadre_id_number: idn(c.id_number),
    });
  }
  for (const r of relatives) {
    const c = byId.get(r.cadre_id)!;
    out.push({
      name: name(r.name),
      id_number: idn(r.id_number),
      village: village(c.village_name),
      village_code: c.village_code,
      position: null,
      relation: r.relation,
      cadre_name: name(c.name),
      cadre_id_number: idn(c.id_number),
    });
  }
  return out.filter((r) => r.name !== null);
}

async function materialiseCadres(conn: DuckDBConnection, rows: CadreRow[]): Promise<void> {
  const cols = storedColumns('cadres');
  await conn.run(`CREATE TEMP TABLE ds_cadres (${cols.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(', ')}, _row BIGINT, _dataset VARCHAR)`);
  const keys = cols.map((c) => c.name);
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const values: DuckDBValue[] = [];
    const tuples = chunk.map((r, j) => {
      const cells = keys.map((k) => {
        values.push(((r as unknown as Record<string, unknown>)[k] ?? null) as DuckDBValue);
        return `$${values.length}`;
      });
      return `(${cells.join(', ')}, ${i + j + 1}, 'registry')`;
    });
    await conn.run(`INSERT INTO ds_cadres (${keys.map(sqlIdent).join(', ')}, _row, _dataset) VALUES ${tuples.join(', ')}`, values);
  }
}

// ————————————————————————————————————————— main database

/** The team of the round's target for each village (a village target, or a town target inspecting it). */
export async function roundTeams(db: Executor, roundId: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ village_code: string; team_id: string }>`
    select rt.code as village_code, rt.team_id from round_targets rt
     where rt.round_id = ${roundId} and rt.kind = 'village' and rt.team_id is not null
    union
    select vi.village_code, rt.team_id from village_inspections vi join round_targets rt on rt.id = vi.target_id
     where vi.round_id = ${roundId} and rt.team_id is not null`.execute(db);
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.village_code)) out.set(r.village_code, r.team_id);
  // a town target (巡镇带村) covers its villages that have no target or inspection of their own
  const towns = await db.selectFrom('round_targets').select(['code', 'team_id']).where('round_id', '=', roundId).where('kind', '=', 'town').where('team_id', 'is not', null).execute();
  for (const t of towns) out.set(`town:${t.code}`, t.team_id!);
  return out;
}

/** The team for a village: its own target's or inspection's, else its town target's. */
export const teamFor = (teams: Map<string, string>, village: string | null): string | null =>
  village === null ? null : (teams.get(village) ?? teams.get(`town:${village.slice(0, 9)}`) ?? null);

interface PlannedHit {
  hit_key: string;
  village_code: string | null;
  amount_fen: number | null;
  severity: number | null;
  explanation: string;
  evidence: unknown;
}

async function writeModelHits(
  tx: Tx,
  run: RunRow,
  hitScope: string,
  model: ComparisonModel,
  hits: PlannedHit[],
  teams: Map<string, string>,
  now: Date,
): Promise<{ created: number; refreshed: number; verified: number }> {
  let created = 0;
  let refreshed = 0;
  let verified = 0;
  for (let i = 0; i < hits.length; i += 500) {
    const chunk = hits.slice(i, i + 500);
    const existing = await tx
      .selectFrom('analytics_hits')
      .select(['id', 'hit_key', 'status'])
      .where('scope_code', '=', hitScope)
      .where('model_key', '=', model.key)
      .where(
        'hit_key',
        'in',
        chunk.map((h) => h.hit_key),
      )
      .forUpdate()
      .execute();
    const byKey = new Map(existing.map((e) => [e.hit_key, e]));
    const fresh = chunk.filter((h) => !byKey.has(h.hit_key));
    if (fresh.length > 0) {
      await tx
        .insertInto('analytics_hits')
        .values(
          fresh.map((h) => ({
            scope_code: hitScope,
            model_key: model.key,
            hit_key: h.hit_key,
            village_code: h.village_code,
            round_id: run.round_id,
            team_id: run.round_id ? teamFor(teams, h.village_code) : null,
            amount_fen: h.amount_fen,
            severity: h.severity,
            explanation: h.explanation,
            evidence: JSON.stringify(h.evidence),
            first_run_id: run.id,
            last_run_id: run.id,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      created += fresh.length;
    }
    for (const h of chunk) {
      const e = byKey.get(h.hit_key);
      if (!e) continue;
      if (e.status === 'pending') {
        const assignment = run.round_id ? { round_id: run.round_id, team_id: teamFor(teams, h.village_code) } : {};
        await tx
          .updateTable('analytics_hits')
          .set({
            ...assignment,
            village_code: h.village_code,
            amount_fen: h.amount_fen,
            severity: h.severity,
            explanation: h.explanation,
            evidence: JSON.stringify(h.evidence),
            last_run_id: run.id,
            seen_count: sql`seen_count + 1`,
            updated_at: now,
          })
          .where('id', '=', e.id)
          .execute();
        refreshed++;
      } else {
        await tx.updateTable('analytics_hits').set({ last_run_id: run.id, seen_count: sql`seen_count + 1` }).where('id', '=', e.id).execute();
        verified++;
      }
    }
  }
  return { created, refreshed, verified };
}

// ————————————————————————————————————————— the job

function parseModels(v: unknown): RunModelSpec[] {
  return Array.isArray(v) ? (v as RunModelSpec[]) : [];
}

/** Marks the run failed or cancelled (the job's own row says the same). */
async function markEnded(ctx: AppContext, runId: string, status: 'failed' | 'cancelled', message: string): Promise<void> {
  await ctx.db.updateTable('analytics_runs').set({ status, error_message: message, finished_at: ctx.now() }).where('id', '=', runId).where('status', 'in', ['queued', 'running']).execute();
}

export async function runAnalytics(ctx: AppContext, runId: string, tools: JobTools): Promise<RunResult> {
  try {
    return await execute(ctx, runId, tools);
  } catch (e) {
    if (tools.signal.aborted) await markEnded(ctx, runId, 'cancelled', '运行已取消');
    else await markEnded(ctx, runId, 'failed', e instanceof DomainError ? e.message : '运行出错，请稍后重试或联系管理员');
    throw e;
  }
}

async function execute(ctx: AppContext, runId: string, tools: JobTools): Promise<RunResult> {
  const run = await ctx.db.selectFrom('analytics_runs').select(['id', 'scope_code', 'round_id', 'models', 'dataset_ids', 'village_codes', 'created_at']).where('id', '=', runId).executeTakeFirst();
  if (!run) throw new DomainError('NOT_FOUND', '比对运行不存在');
  // A round's hits belong to the round's territory, whoever ran it: the teams' view and the
  // de-duplication then agree whether the county office or an administrator above it ran the models.
  const round = run.round_id ? await ctx.db.selectFrom('rounds').select('scope_code').where('id', '=', run.round_id).executeTakeFirst() : undefined;
  const hitScope = round?.scope_code ?? run.scope_code;
  await ctx.db.updateTable('analytics_runs').set({ status: 'running' }).where('id', '=', runId).execute();
  const specs = parseModels(run.models);
  const datasetIds = (run.dataset_ids as string[] | null) ?? [];
  const villageFilter = Array.isArray(run.village_codes) ? new Set(run.village_codes as string[]) : null;
  const datasets = datasetIds.length
    ? (
        await ctx.db
          .selectFrom('analytics_datasets')
          .select(['id', 'kind', 'status'])
          .where('scope_code', 'like', `${run.scope_code}%`) // the runner's scope covers the county's datasets
          .where(
            'id',
            'in',
            datasetIds,
          )
          .execute()
      ).filter((d): d is { id: string; kind: DatasetKindKey; status: string } => d.status === 'ready' && d.kind !== null && isDatasetKindKey(d.kind))
    : [];
  if (datasets.length !== datasetIds.length) throw new DomainError('VALIDATION_FAILED', '所选数据集有的已删除或不可用，请重新选择后运行');
  const kinds = new Set<string>([...datasets.map((d) => d.kind), 'cadres']);
  const villageRows = await ctx.db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('level', '=', 5).where('code', 'like', `${run.scope_code}%`).execute();
  const villageNames = new Map<string, string | null>();
  for (const v of villageRows) {
    for (const n of new Set([v.name, v.short_name].map((s) => (s ? normaliseName(s).value : null)).filter((s): s is string => !!s))) {
      villageNames.set(n, villageNames.has(n) && villageNames.get(n) !== v.code ? null : v.code);
    }
  }
  const unique = new Map([...villageNames.entries()].filter((e): e is [string, string] => e[1] !== null));
  const cadres = await registryCadres(ctx.db, run.scope_code);
  const teams = run.round_id ? await roundTeams(ctx.db, run.round_id) : new Map<string, string>();
  const today = chinaDate(run.created_at);

  // user-defined models of the run's territory, the scopes above it and those inside it (their SQL runs in
  // a sandbox with external access off); a model defined inside the territory keeps to its own villages
  const customs = await loadCustomModels(ctx.db, hitScope);
  const modelOf = (key: string): ComparisonModel | undefined => builtinModel(key) ?? customs.get(key)?.model;

  const outcomes: ModelOutcome[] = [];
  const planned = new Map<string, PlannedHit[]>();
  const engine = analyticsEngine(ctx.config);
  let sandbox: DuckSandbox | null = null;
  const openSandbox = async (): Promise<DuckSandbox> =>
    (sandbox ??= await openDuckSandbox({
      threads: 1,
      allowedDirectories: datasets.map((d) => datasetDir(engine, d.id)),
      setup: async (c) => {
        await createDatasetViews(c, ctx, datasets, unique);
        await materialiseCadres(c, cadres);
      },
    }));
  try {
    await engine.use(async (conn) => {
      await createDatasetViews(conn, ctx, datasets, unique);
      await materialiseCadres(conn, cadres);
      for (const [i, spec] of specs.entries()) {
        tools.throwIfCancelled();
        const model = modelOf(spec.key);
        if (!model) {
          outcomes.push({ key: spec.key, name: spec.key, status: 'skipped', note: '模型已不存在', rows: 0, hits: 0, created: 0, refreshed: 0, verified: 0, amountFen: 0, durationMs: 0 });
          continue;
        }
        void tools.progress(i, specs.length, `正在运行 ${i + 1}/${specs.length}：${model.name}`);
        const missing = model.requires.filter((k) => !kinds.has(k));
        if (missing.length > 0) {
          const labels = missing.map((k) => (isDatasetKindKey(k) ? kindLabel(k) : k));
          outcomes.push({ key: model.key, name: model.name, status: 'skipped', note: `未选择${labels.join('、')}数据，已跳过`, rows: 0, hits: 0, created: 0, refreshed: 0, verified: 0, amountFen: 0, durationMs: 0 });
          continue;
        }
        const started = Date.now();
        let rows: ResultRow[];
        try {
          rows = customs.has(model.key) && !builtinModel(model.key)
            ? (await runCustomModelOnDuckDB(await openSandbox(), model, spec.params, { today, signal: tools.signal })).rows
            : (await runModelOnDuckDB(conn, model, spec.params, { today, signal: tools.signal })).rows;
        } catch (e) {
          tools.throwIfCancelled();
          throw e;
        }
        const seen = new Set<string>();
        const hits: PlannedHit[] = [];
        let note: string | null = null;
        const ownScope = customs.get(model.key)?.scopeCode;
        const within = ownScope && ownScope.length > run.scope_code.length ? ownScope : run.scope_code;
        for (const row of rows) {
          const village = row[model.villageColumn] === null || row[model.villageColumn] === undefined ? null : String(row[model.villageColumn]);
          if (village !== null && !village.startsWith(within)) continue;
          if (village === null && within !== run.scope_code) continue; // a county's model says nothing of rows outside any village
          if (villageFilter && (village === null || !villageFilter.has(village))) continue;
          const key = hitKeyOf(model, row);
          if (seen.has(key)) continue;
          seen.add(key);
          if (hits.length >= MAX_HITS_PER_MODEL) {
            note = `疑点超过 ${MAX_HITS_PER_MODEL} 条，只保存了前 ${MAX_HITS_PER_MODEL} 条，请调整参数或缩小范围后再运行`;
            break;
          }
          const evidence = { row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonSafe(v)])), datasets: datasets.filter((d) => model.requires.includes(d.kind)).map((d) => d.id) };
          hits.push({
            hit_key: key,
            village_code: village,
            amount_fen: model.amountColumn ? intOrNull(row[model.amountColumn]) : null,
            severity: model.severityColumn ? intOrNull(row[model.severityColumn]) : null,
            explanation: model.explain(row),
            evidence,
          });
        }
        planned.set(model.key, hits);
        outcomes.push({
          key: model.key,
          name: model.name,
          status: 'done',
          note,
          rows: rows.length,
          hits: hits.length,
          created: 0,
          refreshed: 0,
          verified: 0,
          amountFen: hits.reduce((s, h) => s + (h.amount_fen ?? 0), 0),
          durationMs: Date.now() - started,
        });
      }
    }, tools.signal);
  } finally {
    (sandbox as DuckSandbox | null)?.close();
  }
  // every model ran: from here on the run completes (a late cancel no longer stops it)
  tools.throwIfCancelled();
  void tools.progress(specs.length, specs.length, '正在保存疑点');
  for (const o of outcomes) {
    const hits = planned.get(o.key);
    if (!hits) continue;
    const model = modelOf(o.key)!;
    await ctx.db.transaction().execute(async (tx) => {
      const r = await writeModelHits(tx, run, hitScope, model, hits, teams, ctx.now());
      Object.assign(o, r);
      await writeAudit(tx, ctx, SYSTEM_ACTOR, { action: 'hits', entity: RUN_ENTITY, entityId: run.id, scopeCode: run.scope_code, after: { model: o.key, hits: o.hits, ...r } });
    });
  }
  const result: RunResult = { runId: run.id, models: outcomes, hits: outcomes.reduce((s, o) => s + o.hits, 0), created: outcomes.reduce((s, o) => s + o.created, 0) };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('analytics_runs').set({ status: 'succeeded', results: JSON.stringify(outcomes), finished_at: ctx.now() }).where('id', '=', run.id).execute();
    await writeAudit(tx, ctx, SYSTEM_ACTOR, { action: 'finish', entity: RUN_ENTITY, entityId: run.id, scopeCode: run.scope_code, after: { hits: result.hits, created: result.created, models: outcomes.map((o) => ({ key: o.key, status: o.status, hits: o.hits })) } });
  });
  return result;
}

const kindLabel = (k: DatasetKindKey) => datasetKind(k).label;
