/**
 * 自定义比对模型 (issue 7 item 3): the office (analytics.manage) adds a comparison model as
 * parameterised SQL over the ds_<kind> datasets. On save the definition is validated by
 * domain/analytics/models/custom.ts (one read-only query over known datasets, declared parameters,
 * explanation template) and then dry-run in the DuckDB sandbox (external access off) on empty
 * ds_<kind> tables with every standard column, so the SQL compiles and the hit-key, village, amount
 * and template columns exist in its result — each refusal in Chinese, pointing at the field.
 *
 * Scope: a model belongs to the scope of the office that wrote it. A user sees the models of their
 * scope and of every scope inside it (a city's office sees its counties' models and manages them),
 * and, read-only, the models of the scopes above (a county sees the models its city wrote for all
 * its counties, since its runs use them). A run over scope S uses the enabled models defined at S or
 * above S, and those defined inside S over their own villages only (a city's whole-city run applies each
 * county's models to that county) — never a sibling's: a county never sees nor runs another county's
 * models. Others see 404. Writes are audited (entity analytics.custom_model, at the model's scope).
 * Runs load the models with loadCustomModels(…) and keep a model's hits within its scopeCode.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DATASET_KIND_KEYS, datasetKind } from '../../../domain/analytics/dataset-kinds';
import type { CustomModel as CustomModelOut, DatasetRelation as RelationOut } from '../../../domain/analytics/model-types';
import { checkCustomSql, compileExplainTemplate, defineCustomModel, type CustomModelDefinition } from '../../../domain/analytics/models/custom';
import { MODEL_CATEGORY_LABELS, type ComparisonModel, type ModelCategory, type ModelParam } from '../../../domain/analytics/models/model';
import { storedColumns } from '../../../domain/analytics/normalise';
import { DomainError, type FieldIssue } from '../../../domain/shared/errors';
import { sqlIdent } from '../../analytics/engine';
import { openDuckSandbox, runCustomModelOnDuckDB } from '../../analytics/models-runner';
import type { Actor, AppContext, Executor } from '../../http/context';
import { writeAudit } from '../access';

const ENTITY = 'analytics.custom_model';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '自定义比对模型不存在或无权查看');
const aboveScope = (scopeName: string | null) => new DomainError('FORBIDDEN', `该模型由上级（${scopeName ?? '上级巡察机构'}）定义，只能由其修改或停用`);

function manager(actor: Actor): void {
  if (!actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '只有巡察办可以管理自定义比对模型');
}

// — input —

const column = z.string().trim().regex(/^[a-z_][a-z0-9_]*$/, '列名只能由小写字母、数字和下划线组成').max(60, '列名不超过 60 个字符');

const paramInput = z.object(
  {
    key: z.string().trim().regex(/^[a-z_][a-z0-9_]*$/, '参数标识只能由小写字母、数字和下划线组成').max(40, '参数标识不超过 40 个字符'),
    label: z.string().trim().min(1, '请填写参数名称').max(40, '参数名称不超过 40 字'),
    type: z.enum(['number', 'int', 'date', 'text'], { message: '参数类型应为数字、整数、日期或文字' }),
    default: z.union([z.number(), z.string().max(200, '默认值不超过 200 字')]),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().trim().max(10, '单位不超过 10 字').optional(),
    help: z.string().trim().max(200, '参数说明不超过 200 字').optional(),
  },
  { message: '参数格式不正确' },
);

export const customModelInput = z.object(
  {
    name: z.string().trim().min(1, '请填写模型名称').max(60, '模型名称不超过 60 字'),
    description: z.string().trim().min(1, '请填写模型说明：查什么、为什么、现场核实什么').max(2000, '模型说明不超过 2000 字'),
    category: z.enum(Object.keys(MODEL_CATEGORY_LABELS) as [ModelCategory, ...ModelCategory[]], { message: '请选择模型类别' }),
    params: z.array(paramInput).max(20, '参数不超过 20 个').default([]),
    sql: z.string().min(1, '请填写查询语句').max(20_000, '查询语句不能超过20000个字符'),
    hitKey: z.array(column).min(1, '请指定识别同一疑点的列（去重用）').max(10, '识别列不超过 10 个'),
    villageColumn: column,
    amountColumn: column.nullish(),
    explainTemplate: z.string().trim().min(1, '请填写疑点说明模板').max(1000, '说明模板不超过 1000 字'),
  },
  { message: '提交的内容格式不正确' },
);
export type CustomModelInput = z.infer<typeof customModelInput>;
export type { CustomModelOut, RelationOut };

export const customModelUpdate = customModelInput.extend({ version: z.number().int('版本号无效') });
export const versionInput = z.object({ version: z.number().int('版本号无效') }, { message: '提交的内容格式不正确' });

// — the datasets a model can read —

/** The ds_<kind> relations and their columns, as the SQL editor shows them. */
export function relations(): RelationOut[] {
  return DATASET_KIND_KEYS.map((kind) => {
    const k = datasetKind(kind);
    const labels = new Map(k.fields.map((f) => [f.key, f.label]));
    return {
      name: `ds_${kind}`,
      kind,
      label: k.label,
      columns: storedColumns(kind).map((c) => ({ name: c.name, type: c.type, label: labels.get(c.name) ?? `${labels.get(c.field) ?? c.field}（精度）` })),
    };
  });
}

// — validation and the dry run —

const fail = (path: string, message: string): never => {
  throw new DomainError('VALIDATION_FAILED', message, [{ path, message }] satisfies FieldIssue[]);
};

/** Validates a definition with the domain checks, each refusal pointing at its field. */
function validate(key: string, input: CustomModelInput): ComparisonModel {
  const params = input.params as ModelParam[];
  const def: CustomModelDefinition = {
    key,
    name: input.name,
    description: input.description,
    category: input.category,
    params,
    sql: input.sql,
    hitKey: input.hitKey,
    villageColumn: input.villageColumn,
    ...(input.amountColumn ? { amountColumn: input.amountColumn } : {}),
    explainTemplate: input.explainTemplate,
  };
  const stage = <T>(path: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof DomainError) return fail(path, e.message);
      throw e;
    }
  };
  stage('sql', () => checkCustomSql(def.sql, params));
  stage('explainTemplate', () => compileExplainTemplate(def.explainTemplate));
  return stage('params', () => defineCustomModel(def));
}

const TEMPLATE_FIELD = /\{([a-z_][a-z0-9_]*)(?:\|[a-z]+)?\}/g;

/** Field names a template uses. */
export const templateFields = (template: string): string[] => [...new Set([...template.matchAll(TEMPLATE_FIELD)].map((m) => m[1]!))];

/** DuckDB's message without its internal prefix, shortened. */
const engineMessage = (e: unknown) =>
  (e instanceof Error ? e.message : String(e))
    .replace(/^[A-Za-z ]*Error: /, '')
    .split('\n')[0]!
    .slice(0, 300);

/**
 * Runs the model once in the sandbox on empty ds_<kind> tables with every standard column and
 * returns its result columns; refuses SQL that does not compile and columns missing from the result.
 */
export async function dryRun(model: ComparisonModel, template: string): Promise<string[]> {
  const sandbox = await openDuckSandbox({
    threads: 1,
    memoryLimit: '256MB',
    setup: async (conn) => {
      for (const kind of DATASET_KIND_KEYS) {
        const cols = storedColumns(kind);
        await conn.run(`CREATE TEMP TABLE ds_${kind} (${cols.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(', ')}, _row BIGINT, _dataset VARCHAR)`);
      }
    },
  });
  let columns: string[];
  try {
    columns = (await runCustomModelOnDuckDB(sandbox, model, undefined, { today: new Date().toISOString().slice(0, 10) })).columns;
  } catch (e) {
    if (e instanceof DomainError) return fail('sql', e.message);
    return fail('sql', `查询语句无法执行：${engineMessage(e)}`);
  } finally {
    sandbox.close();
  }
  const has = new Set(columns);
  const listed = `查询结果的列有：${columns.join('、')}`;
  for (const c of model.hitKey) if (!has.has(c)) fail('hitKey', `识别同一疑点的列“${c}”不在查询结果中（${listed}）`);
  if (!has.has(model.villageColumn)) fail('villageColumn', `村代码列“${model.villageColumn}”不在查询结果中（${listed}）`);
  if (model.amountColumn && !has.has(model.amountColumn)) fail('amountColumn', `金额列“${model.amountColumn}”不在查询结果中（${listed}）`);
  for (const f of templateFields(template)) if (!has.has(f)) fail('explainTemplate', `说明模板中的“{${f}}”不在查询结果中（${listed}）`);
  return columns;
}

// — out —

type Row = {
  id: string;
  scope_code: string;
  key: string;
  name: string;
  description: string;
  category: string;
  requires: unknown;
  params: unknown;
  sql: string;
  hit_key: unknown;
  village_column: string;
  amount_column: string | null;
  explain_template: string;
  enabled: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by_name: string | null;
  scope_name: string | null;
};

const mayManage = (actor: Actor, scopeCode: string) => actor.permissions.has('analytics.manage') && scopeCode.startsWith(actor.scopeCode);

const toOut = (r: Row, actor: Actor): CustomModelOut => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  category: r.category as ModelCategory,
  categoryName: MODEL_CATEGORY_LABELS[r.category as ModelCategory] ?? r.category,
  requires: (r.requires as string[]) ?? [],
  params: (r.params as ModelParam[]) ?? [],
  sql: r.sql,
  hitKey: (r.hit_key as string[]) ?? [],
  villageColumn: r.village_column,
  amountColumn: r.amount_column,
  explainTemplate: r.explain_template,
  enabled: r.enabled,
  version: r.version,
  scopeCode: r.scope_code,
  scopeName: r.scope_name,
  editable: mayManage(actor, r.scope_code),
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The scope and every scope above it ('320481' → '3', '32', '320', '3204', '32048', '320481'). */
export const scopeAndAbove = (scope: string): string[] => [...Array.from({ length: Math.max(scope.length - 1, 0) }, (_, i) => scope.slice(0, i + 1)), scope];

/**
 * Which models a query reaches from `scope`: 'visible' — defined at the scope, above it or inside it
 * (what a user of the scope sees and what a run over the scope uses, a model from inside only over its
 * own villages); 'manage' — defined at the scope or inside it (what a user of the scope may change).
 */
export type CustomModelReach = 'visible' | 'manage';

const likePrefix = (scope: string) => `${scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function baseQuery(db: Executor, scope: string, reach: CustomModelReach = 'visible') {
  const q = db
    .selectFrom('analytics_custom_models as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('divisions as d', 'd.code', 'm.scope_code')
    .select([
      'm.id',
      'm.scope_code',
      'm.key',
      'm.name',
      'm.description',
      'm.category',
      'm.requires',
      'm.params',
      'm.sql',
      'm.hit_key',
      'm.village_column',
      'm.amount_column',
      'm.explain_template',
      'm.enabled',
      'm.version',
      'm.created_at',
      'm.updated_at',
      'u.display_name as created_by_name',
      'd.name as scope_name',
    ]);
  if (reach === 'manage') return q.where('m.scope_code', 'like', likePrefix(scope));
  return q.where((eb) => eb.or([eb('m.scope_code', 'like', likePrefix(scope)), eb('m.scope_code', 'in', scopeAndAbove(scope))]));
}

/** A stored row as a runnable model (validated again: a stored model never bypasses the checks). */
export function rowModel(r: Pick<Row, 'key' | 'name' | 'description' | 'category' | 'params' | 'sql' | 'hit_key' | 'village_column' | 'amount_column' | 'explain_template'>): ComparisonModel {
  return defineCustomModel({
    key: r.key,
    name: r.name,
    description: r.description,
    category: r.category as ModelCategory,
    params: (r.params as ModelParam[]) ?? [],
    sql: r.sql,
    hitKey: (r.hit_key as string[]) ?? [],
    villageColumn: r.village_column,
    ...(r.amount_column ? { amountColumn: r.amount_column } : {}),
    explainTemplate: r.explain_template,
  });
}

/**
 * Custom models as runnable models, keyed by model key (enabled only unless asked): by default those a
 * user of `scope` sees, which are also those a run over `scope` uses (each within its scopeCode).
 */
export async function loadCustomModels(
  db: Executor,
  scope: string,
  opts: { includeDisabled?: boolean; reach?: CustomModelReach } = {},
): Promise<Map<string, { model: ComparisonModel; enabled: boolean; scopeCode: string }>> {
  const rows = await baseQuery(db, scope, opts.reach ?? 'visible').$if(!opts.includeDisabled, (q) => q.where('m.enabled', '=', true)).orderBy('m.created_at').execute();
  const out = new Map<string, { model: ComparisonModel; enabled: boolean; scopeCode: string }>();
  for (const r of rows) {
    try {
      out.set(r.key, { model: rowModel(r), enabled: r.enabled, scopeCode: r.scope_code });
    } catch (e) {
      // a model stored under an older, laxer check is left out rather than run
      if (!(e instanceof DomainError)) throw e;
    }
  }
  return out;
}

// — use cases —

export async function listCustomModels(ctx: AppContext, actor: Actor): Promise<CustomModelOut[]> {
  if (!actor.permissions.has('analytics.read') && !actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '没有查看比对模型的权限');
  const rows = await baseQuery(ctx.db, actor.scopeCode).orderBy('m.enabled', 'desc').orderBy('m.created_at').execute();
  return rows.map((r) => toOut(r as Row, actor));
}

export async function getCustomModel(ctx: AppContext, actor: Actor, id: string): Promise<CustomModelOut> {
  if (!actor.permissions.has('analytics.read') && !actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '没有查看比对模型的权限');
  if (!UUID.test(id)) throw notFound();
  const row = await baseQuery(ctx.db, actor.scopeCode).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toOut(row as Row, actor);
}

/** Validates and dry-runs a definition without storing it (the form's 试运行 and template preview). */
export async function checkCustomModel(_ctx: AppContext, actor: Actor, input: CustomModelInput): Promise<{ columns: string[]; requires: string[] }> {
  manager(actor);
  const model = validate('custom_check', input);
  const columns = await dryRun(model, input.explainTemplate);
  return { columns, requires: model.requires };
}

const stored = (model: ComparisonModel, input: CustomModelInput) => ({
  name: model.name,
  description: model.description,
  category: model.category,
  requires: JSON.stringify(model.requires),
  params: JSON.stringify(model.params),
  sql: input.sql,
  hit_key: JSON.stringify(model.hitKey),
  village_column: model.villageColumn,
  amount_column: model.amountColumn ?? null,
  explain_template: input.explainTemplate,
});

const auditView = (model: ComparisonModel, input: CustomModelInput) => ({
  key: model.key,
  name: model.name,
  category: model.category,
  requires: model.requires,
  params: model.params,
  sql: input.sql,
  hitKey: model.hitKey,
  villageColumn: model.villageColumn,
  amountColumn: model.amountColumn ?? null,
  explainTemplate: input.explainTemplate,
});

export async function createCustomModel(ctx: AppContext, actor: Actor, input: CustomModelInput): Promise<CustomModelOut> {
  manager(actor);
  const key = `custom_${randomBytes(4).toString('hex')}`;
  const model = validate(key, input);
  await dryRun(model, input.explainTemplate);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const row = await tx
      .insertInto('analytics_custom_models')
      .values({ scope_code: actor.scopeCode, key, ...stored(model, input), created_by: actor.userId, created_at: now, updated_by: actor.userId, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, actor, { action: 'create', entity: ENTITY, entityId: row.id, scopeCode: actor.scopeCode, after: auditView(model, input) });
    return row.id;
  });
  return getCustomModel(ctx, actor, id);
}

export async function updateCustomModel(ctx: AppContext, actor: Actor, id: string, input: CustomModelInput & { version: number }): Promise<CustomModelOut> {
  manager(actor);
  if (!UUID.test(id)) throw notFound();
  const current = await baseQuery(ctx.db, actor.scopeCode).where('m.id', '=', id).executeTakeFirst();
  if (!current) throw notFound();
  if (!mayManage(actor, current.scope_code)) throw aboveScope(current.scope_name);
  const model = validate(current.key, input);
  await dryRun(model, input.explainTemplate);
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await tx.selectFrom('analytics_custom_models').select(['version']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.version !== input.version) throw new DomainError('CONFLICT', '自定义模型已被他人修改，请刷新后再改', { version: locked.version });
    await tx
      .updateTable('analytics_custom_models')
      .set({ ...stored(model, input), version: locked.version + 1, updated_by: actor.userId, updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await writeAudit(tx, ctx, actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      scopeCode: current.scope_code,
      before: { name: current.name, sql: current.sql, hitKey: current.hit_key, explainTemplate: current.explain_template, version: current.version },
      after: { ...auditView(model, input), version: locked.version + 1 },
    });
  });
  return getCustomModel(ctx, actor, id);
}

/** Disables (or re-enables) a model: it stays in the library with its hits but is not offered for runs. */
export async function setCustomModelEnabled(ctx: AppContext, actor: Actor, id: string, enabled: boolean, version: number): Promise<CustomModelOut> {
  manager(actor);
  if (!UUID.test(id)) throw notFound();
  const current = await baseQuery(ctx.db, actor.scopeCode).where('m.id', '=', id).executeTakeFirst();
  if (!current) throw notFound();
  if (!mayManage(actor, current.scope_code)) throw aboveScope(current.scope_name);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('analytics_custom_models').select(['version', 'enabled', 'key', 'scope_code']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound();
    if (row.version !== version) throw new DomainError('CONFLICT', '自定义模型已被他人修改，请刷新后再改', { version: row.version });
    await tx.updateTable('analytics_custom_models').set({ enabled, version: row.version + 1, updated_by: actor.userId, updated_at: ctx.now() }).where('id', '=', id).execute();
    await writeAudit(tx, ctx, actor, { action: 'update', entity: ENTITY, entityId: id, scopeCode: row.scope_code, before: { enabled: row.enabled, version: row.version }, after: { key: row.key, enabled, version: row.version + 1 } });
  });
  return getCustomModel(ctx, actor, id);
}
