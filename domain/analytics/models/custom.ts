/**
 * User-defined comparison models: parameterised SQL written by a user with the right role, checked
 * to be a single read-only query over the datasets before it is stored or run.
 *
 * The check is conservative (it refuses some harmless SQL rather than let anything else through):
 * - one statement (a trailing semicolon at most), starting with SELECT or WITH;
 * - no escape strings, dollar quoting, nested comments or `$n` (see sql-lexer.ts), no recursive CTEs;
 * - no keyword that writes, loads, attaches, exports or changes settings, outside string literals
 *   and comments (a literal 'DROP' is fine; a comment cannot hide anything because comments are
 *   dropped before keywords are looked at);
 * - no function that reads files, other databases or system state (read_csv, read_parquet, glob,
 *   pg_read_file, duckdb_settings, current_setting …) and no system catalog;
 * - every relation after FROM, JOIN or a comma in a FROM list is a `ds_<known kind>` or a name the
 *   query itself defines with WITH; subqueries and unnest/generate_series are allowed.
 *
 * At run time the DuckDB runner adds a sandbox (external access off, configuration locked) and the
 * PostgreSQL runner a READ ONLY transaction — defence in depth, never the only line.
 */
import { DATASET_KIND_KEYS, type DatasetKindKey } from '../dataset-kinds';
import { DomainError } from '../../shared/errors';
import { area, count, day, maskIdNumber, month, text, yuan } from './format';
import { type ComparisonModel, type ModelCategory, type ModelParam, checkParam } from './model';
import { type Token, significant, tokenize } from './sql-lexer';

export const CUSTOM_SQL_MAX_LENGTH = 20_000;

/** Keywords a read-only query never needs. */
const FORBIDDEN_KEYWORDS = new Set([
  'insert', 'update', 'delete', 'merge', 'upsert', 'truncate', 'copy', 'attach', 'detach', 'install', 'load', 'pragma',
  'set', 'reset', 'create', 'drop', 'alter', 'call', 'export', 'import', 'grant', 'revoke', 'vacuum', 'analyze', 'checkpoint',
  'use', 'begin', 'commit', 'rollback', 'savepoint', 'release', 'execute', 'prepare', 'deallocate', 'listen', 'notify',
  'unlisten', 'lock', 'do', 'comment', 'cluster', 'reindex', 'refresh', 'discard', 'into', 'returning', 'table', 'recursive',
  'summarize', 'describe', 'show', 'explain', 'force', 'secret', 'macro', 'function', 'procedure', 'trigger', 'sequence',
]);

/** Functions that reach outside the datasets (files, other databases, settings, the server). */
const FORBIDDEN_FUNCTIONS = new Set([
  'glob', 'sniff_csv', 'query', 'query_table', 'getenv', 'current_setting', 'set_config', 'getvariable', 'system',
  'nextval', 'setval', 'currval', 'lastval', 'dblink', 'dblink_exec', 'json_execute_serialized_sql', 'to_regclass',
  'version', 'current_database', 'current_schema', 'current_schemas', 'current_user', 'session_user', 'user',
  'inet_server_addr', 'inet_client_addr', 'txid_current', 'sleep', 'which_secret', 'load_extension', 'iceberg_scan',
  'delta_scan', 'sqlite_scan', 'postgres_scan', 'postgres_query', 'mysql_scan', 'mysql_query', 'httpfs',
]);
const FORBIDDEN_PREFIXES = ['read_', 'parquet_', 'duckdb_', 'pragma_', 'pg_', 'lo_', 'sqlite_', 'postgres_', 'mysql_', 'iceberg_', 'delta_', 'dblink', 'http', 'write_', 'txid_', 'information_schema'];

/** Table functions allowed after FROM (they read only their arguments). */
const ALLOWED_TABLE_FUNCTIONS = new Set(['unnest', 'generate_series', 'range']);

/** Functions whose arguments use FROM (EXTRACT(YEAR FROM d), SUBSTRING(s FROM 2), TRIM(BOTH FROM s) …). */
const FROM_IN_ARGUMENTS = new Set(['extract', 'substring', 'substr', 'trim', 'overlay', 'position']);

/** Keywords that end a FROM list at the same parenthesis depth. */
const FROM_LIST_END = new Set(['where', 'group', 'having', 'order', 'limit', 'offset', 'union', 'intersect', 'except', 'window', 'qualify', 'fetch', 'select', 'from']);

export interface CustomSqlCheck {
  /** dataset kinds the query reads (its `requires`) */
  kinds: DatasetKindKey[];
  /** names defined by WITH */
  ctes: string[];
  /** `:key` placeholders, in order of first use */
  placeholders: string[];
}

const refuse = (message: string, token?: Token): never => {
  throw new DomainError('VALIDATION_FAILED', message, token ? { token: token.text, offset: token.start } : undefined);
};

const forbiddenName = (name: string) => FORBIDDEN_FUNCTIONS.has(name) || FORBIDDEN_PREFIXES.some((p) => name.startsWith(p));

const nameOf = (t: Token | undefined): string | undefined => (t && (t.kind === 'ident' || t.kind === 'quoted_ident') ? (t.kind === 'ident' ? t.value! : t.value!.toLowerCase()) : undefined);

/** Checks a user's model SQL; throws a DomainError whose Chinese message names the offending token. */
export function checkCustomSql(sql: string, params: readonly ModelParam[] = []): CustomSqlCheck {
  if (sql.trim().length === 0) refuse('查询语句不能为空');
  if (sql.length > CUSTOM_SQL_MAX_LENGTH) refuse(`查询语句不能超过${CUSTOM_SQL_MAX_LENGTH}个字符`);
  const all = tokenize(sql);
  for (const t of all) if (t.kind === 'unsafe') refuse(`查询语句有误：${t.reason ?? t.text}`, t);
  let toks = significant(all);
  while (toks.length > 0 && toks[toks.length - 1]!.text === ';') toks = toks.slice(0, -1);
  if (toks.length === 0) refuse('查询语句不能为空');
  const semi = toks.find((t) => t.text === ';');
  if (semi) refuse('只能写一条查询语句（分号“;”后不能再有语句）', semi);
  const first = toks[0]!;
  if (first.kind !== 'ident' || (first.value !== 'select' && first.value !== 'with')) refuse(`查询语句必须以 SELECT 或 WITH 开头，不能以“${first.text}”开头`, first);

  // keywords, functions and catalog names anywhere outside literals and comments
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (t.kind === 'ident') {
      if (FORBIDDEN_KEYWORDS.has(t.value!)) refuse(`查询语句中不允许使用“${t.text}”（只能查询，不能修改数据、读取文件或更改设置）`, t);
      if (t.value === 'for' && ['update', 'share', 'no', 'key'].includes(nameOf(next) ?? '')) refuse(`查询语句中不允许使用“${t.text} ${next!.text}”`, t);
    }
    const name = nameOf(t);
    if (name !== undefined && forbiddenName(name) && (next?.text === '(' || next?.text === '.' || t.kind === 'ident')) {
      refuse(`查询语句中不允许使用“${t.text}”（只能查询比对数据集）`, t);
    }
    if (t.kind === 'param' && !/^[a-z_][a-z0-9_]*$/.test(t.value!)) refuse(`参数名“${t.text}”只能由小写字母、数字和下划线组成`, t);
  }

  // WITH names
  const ctes = new Set<string>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.kind !== 'ident' || toks[i]!.value !== 'with') continue;
    if (nameOf(toks[i + 1]) === 'ordinality') continue;
    let j = i + 1;
    for (;;) {
      const name = nameOf(toks[j]);
      if (name === undefined) refuse('WITH 后应为子查询的名称', toks[j] ?? toks[i]);
      ctes.add(name!);
      j++;
      if (toks[j]?.text === '(') j = skipParens(toks, j);
      if (nameOf(toks[j]) !== 'as') refuse(`子查询“${toks[j - 1]!.text}”后应为 AS`, toks[j] ?? toks[j - 1]);
      j++;
      if (['not', 'materialized'].includes(nameOf(toks[j]) ?? '')) j++;
      if (nameOf(toks[j]) === 'materialized') j++;
      if (toks[j]?.text !== '(') refuse('AS 后应为括号中的子查询', toks[j] ?? toks[j - 1]);
      j = skipParens(toks, j);
      if (toks[j]?.text !== ',') break;
      j++;
    }
  }

  // relations after FROM / JOIN / a comma in a FROM list
  const kinds = new Set<DatasetKindKey>();
  const known = new Set<string>(DATASET_KIND_KEYS.map((k) => `ds_${k}`));
  const inFrom: boolean[] = [false];
  /** depths opened by EXTRACT(… FROM …), SUBSTRING(… FROM …) and the like: their FROM is no relation */
  const argFrom: boolean[] = [false];
  let depth = 0;
  const checkRelation = (at: number) => {
    let j = at;
    while (['lateral', 'only'].includes(nameOf(toks[j]) ?? '')) j++;
    const t = toks[j];
    if (t === undefined) refuse('FROM 后缺少数据集名称', toks[at - 1]);
    if (t!.text === '(') return; // a subquery: its own FROM is checked in turn
    if (t!.kind === 'string') refuse(`不允许直接查询文件或字符串“${t!.text}”，只能查询比对数据集`, t);
    const name = nameOf(t);
    if (name === undefined) refuse(`“${t!.text}”处应为数据集名称`, t);
    if (toks[j + 1]?.text === '.') refuse(`不允许引用“${t!.text}.${toks[j + 2]?.text ?? ''}”，只能查询比对数据集（ds_…）`, t);
    if (toks[j + 1]?.text === '(') {
      if (!ALLOWED_TABLE_FUNCTIONS.has(name!)) refuse(`不允许在 FROM 中使用函数“${t!.text}”`, t);
      return;
    }
    if (ctes.has(name!)) return;
    if (!known.has(name!)) refuse(`不认识的数据集“${t!.text}”：只能查询 ds_ 开头的比对数据集（如 ds_benefit_payments）或 WITH 定义的子查询`, t);
    kinds.add(name!.slice(3) as DatasetKindKey);
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.text === '(') {
      depth++;
      inFrom[depth] = false;
      argFrom[depth] = FROM_IN_ARGUMENTS.has(nameOf(toks[i - 1]) ?? '');
      continue;
    }
    if (t.text === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    const word = t.kind === 'ident' ? t.value! : undefined;
    if (word === 'from' && argFrom[depth]) {
      continue;
    } else if (word === 'from' || word === 'join') {
      inFrom[depth] = true;
      checkRelation(i + 1);
    } else if (t.text === ',' && inFrom[depth]) {
      checkRelation(i + 1);
    } else if (word !== undefined && FROM_LIST_END.has(word)) {
      inFrom[depth] = false;
    }
  }

  // placeholders must be declared parameters
  const declared = new Set(params.map((p) => p.key));
  const placeholders: string[] = [];
  for (const t of toks) {
    if (t.kind !== 'param') continue;
    if (!declared.has(t.value!)) refuse(`查询语句引用了未定义的参数“${t.text}”`, t);
    if (!placeholders.includes(t.value!)) placeholders.push(t.value!);
  }
  if (kinds.size === 0) refuse('查询语句没有引用任何比对数据集（ds_…）');
  return { kinds: [...kinds], ctes: [...ctes], placeholders };
}

/** Index just past the ')' matching the '(' at `open`. */
function skipParens(toks: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    if (toks[j]!.text === '(') depth++;
    else if (toks[j]!.text === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return refuse('括号不配对', toks[open]);
}

// ————————————————————————————————————————— the explanation template

const FORMATTERS: Record<string, (v: unknown) => string> = {
  yuan,
  month,
  day,
  id: maskIdNumber,
  area: (v) => area(v),
  count,
  text: (v) => text(v),
};

/**
 * An explanation from a template such as
 * `{name}（身份证{id_number|id}）于{death_date|day}死亡后仍领取{item}共{total_amount|yuan}。`
 * Columns missing from the template's row show as 未注明; unknown formatters are refused when the
 * model is defined. ID-number columns should use |id so the sentence shows them masked.
 */
export function compileExplainTemplate(template: string): (row: Record<string, unknown>) => string {
  const parts = template.split(/(\{[a-z_][a-z0-9_]*(?:\|[a-z]+)?\})/);
  for (const p of parts) {
    const m = /^\{([a-z_][a-z0-9_]*)(?:\|([a-z]+))?\}$/.exec(p);
    if (m && m[2] !== undefined && FORMATTERS[m[2]] === undefined) {
      refuse(`说明模板中的格式“${m[2]}”不存在，可用：${Object.keys(FORMATTERS).join('、')}`);
    }
  }
  return (row) =>
    parts
      .map((p) => {
        const m = /^\{([a-z_][a-z0-9_]*)(?:\|([a-z]+))?\}$/.exec(p);
        if (!m) return p;
        const v = row[m[1]!];
        return m[2] ? FORMATTERS[m[2]]!(v) : text(v);
      })
      .join('');
}

export interface CustomModelDefinition {
  key: string;
  name: string;
  description: string;
  category: ModelCategory;
  params: ModelParam[];
  sql: string;
  hitKey: string[];
  villageColumn: string;
  amountColumn?: string;
  explainTemplate: string;
}

const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** Validates a user's model and returns it as a ComparisonModel (requires = the datasets it reads). */
export function defineCustomModel(def: CustomModelDefinition): ComparisonModel {
  if (!/^custom_[a-z0-9_]{1,40}$/.test(def.key)) refuse('自定义模型的标识应以 custom_ 开头，只含小写字母、数字和下划线');
  if (def.name.trim().length === 0 || def.name.length > 60) refuse('模型名称不能为空，且不超过60个字');
  if (def.description.trim().length === 0) refuse('请填写模型说明：查什么、为什么、现场核实什么');
  const seen = new Set<string>();
  for (const p of def.params) {
    if (!COLUMN.test(p.key)) refuse(`参数标识“${p.key}”只能由小写字母、数字和下划线组成`);
    if (seen.has(p.key)) refuse(`参数“${p.key}”重复`);
    seen.add(p.key);
    const d = checkParam(p, p.default);
    if (!d.ok) refuse(`参数“${p.label}”的默认值有误：${d.message}`);
  }
  const check = checkCustomSql(def.sql, def.params);
  const unused = def.params.find((p) => !check.placeholders.includes(p.key));
  if (unused) refuse(`参数“${unused.label}”（:${unused.key}）没有在查询语句中使用`);
  if (def.hitKey.length === 0) refuse('请指定识别同一疑点的列（去重用）');
  for (const c of [...def.hitKey, def.villageColumn, ...(def.amountColumn ? [def.amountColumn] : [])]) {
    if (!COLUMN.test(c)) refuse(`列名“${c}”只能由小写字母、数字和下划线组成`);
  }
  return {
    key: def.key,
    name: def.name.trim(),
    description: def.description.trim(),
    category: def.category,
    requires: check.kinds,
    params: def.params,
    sql: def.sql,
    hitKey: def.hitKey,
    villageColumn: def.villageColumn,
    ...(def.amountColumn ? { amountColumn: def.amountColumn } : {}),
    explain: compileExplainTemplate(def.explainTemplate),
  };
}
