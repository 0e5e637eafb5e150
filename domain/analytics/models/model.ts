/**
 * 比对模型 — the shape of a comparison model and the pure helpers every engine runner uses: resolving
 * and validating a run's parameters (Chinese errors) and binding them to the model's SQL.
 *
 * A model's SQL is a single SELECT over relations named `ds_<dataset kind key>` whose columns are the
 * standard field keys of domain/analytics/dataset-kinds.ts (ids, names and codes VARCHAR, amounts
 * BIGINT fen, dates DATE, areas BIGINT hundredths of the unit, ints INTEGER). Parameters appear as
 * `:key` placeholders. Binding never splices values into the text: each placeholder becomes a
 * positional parameter (`$1`, `$2`, … — both DuckDB and PostgreSQL accept them, and the same number
 * may appear several times) wrapped in a CAST to the parameter's type, and the values travel beside
 * the SQL. The same model SQL therefore runs unchanged on DuckDB and on PostgreSQL 15.
 */
import { DomainError, type FieldIssue } from '../../shared/errors';
import { tokenize } from './sql-lexer';

export type ParamType = 'number' | 'int' | 'date' | 'text';

export interface ModelParam {
  key: string;
  label: string;
  type: ParamType;
  /** date params may default to 'today' (the run's date, passed in by the caller) */
  default: number | string;
  min?: number;
  max?: number;
  unit?: string;
  help?: string;
  /** text params: the allowed values (a select in the UI); for a list param, the allowed items */
  options?: readonly string[];
  /** text params: a comma-separated list of items (each checked against options when given) */
  list?: boolean;
}

export type ModelCategory = 'subsidy' | 'cadre' | 'land' | 'lease' | 'bid';

export const MODEL_CATEGORY_LABELS: Readonly<Record<ModelCategory, string>> = {
  subsidy: '惠民惠农补贴',
  cadre: '村干部及亲属',
  land: '土地',
  lease: '集体资产资源',
  bid: '工程项目招投标',
};

export interface ComparisonModel {
  key: string; // stable, e.g. 'dead_paid'
  name: string; // Chinese, e.g. 死亡人员仍领取补贴
  description: string; // Chinese, what it finds and why it matters, what to verify on site
  category: ModelCategory;
  requires: string[]; // dataset kind keys from dataset-kinds.ts
  params: ModelParam[];
  /** SQL (SELECT only) over ds_<kind> relations; parameters as :key placeholders bound safely by the runner. Must run unchanged on DuckDB and PostgreSQL 15. */
  sql: string;
  /** Columns of a result row that identify the same suspicion across re-runs (for de-duplication). */
  hitKey: string[];
  /** Column giving the 12-digit village code of a hit (hits are grouped by village and assigned to the team). */
  villageColumn: string;
  /** Column with the hit's money in fen, if any (for totals). */
  amountColumn?: string;
  /** Column with a severity (higher is more serious), if the model grades its hits. */
  severityColumn?: string;
  /** Chinese sentence a team member understands, from one result row. */
  explain: (row: Record<string, unknown>) => string;
}

export type ParamValue = number | string;
export type ParamValues = Record<string, ParamValue>;
export type Dialect = 'duckdb' | 'postgres';

const TEXT_MAX = 200;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function describeRange(p: ModelParam): string {
  const unit = p.unit ?? '';
  if (p.min !== undefined && p.max !== undefined) return `${p.min}${unit}至${p.max}${unit}之间`;
  if (p.min !== undefined) return `不小于${p.min}${unit}`;
  if (p.max !== undefined) return `不大于${p.max}${unit}`;
  return '';
}

/** Checks one value against its parameter; returns the normalised value or a Chinese message. */
export function checkParam(p: ModelParam, raw: unknown): { ok: true; value: ParamValue } | { ok: false; message: string } {
  switch (p.type) {
    case 'number':
    case 'int': {
      let v: number;
      if (typeof raw === 'number') v = raw;
      else if (typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) v = Number(raw);
      else return { ok: false, message: `参数“${p.label}”应为${p.type === 'int' ? '整数' : '数字'}` };
      if (!Number.isFinite(v)) return { ok: false, message: `参数“${p.label}”应为有限的数字` };
      if (p.type === 'int' && !Number.isInteger(v)) return { ok: false, message: `参数“${p.label}”应为整数` };
      if ((p.min !== undefined && v < p.min) || (p.max !== undefined && v > p.max)) {
        return { ok: false, message: `参数“${p.label}”应在${describeRange(p)}` };
      }
      return { ok: true, value: v };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isIsoDate(raw.trim())) return { ok: false, message: `参数“${p.label}”应为日期，格式如 2024-01-31` };
      return { ok: true, value: raw.trim() };
    }
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, message: `参数“${p.label}”应为文字` };
      const v = raw.trim();
      if (v.length === 0) return { ok: false, message: `参数“${p.label}”不能为空` };
      if (v.length > TEXT_MAX) return { ok: false, message: `参数“${p.label}”不能超过${TEXT_MAX}个字` };
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(v)) return { ok: false, message: `参数“${p.label}”含有不可见的控制字符` };
      if (p.list) {
        const items = v
          .split(/[,，、;；\s]+/)
          .map((s) => s.trim())
          .filter((s) => s.length > 0);
        if (items.length === 0) return { ok: false, message: `参数“${p.label}”至少需要一项` };
        const bad = p.options ? items.find((s) => !p.options!.includes(s)) : undefined;
        if (bad !== undefined) return { ok: false, message: `参数“${p.label}”中的“${bad}”不在可选范围内（${p.options!.join('、')}）` };
        return { ok: true, value: [...new Set(items)].join(',') };
      }
      if (p.options && !p.options.includes(v)) return { ok: false, message: `参数“${p.label}”应为以下之一：${p.options.join('、')}` };
      return { ok: true, value: v };
    }
  }
}

/**
 * The values a run uses: each declared parameter from `input` or its default, checked. Unknown keys
 * are refused so a misspelt parameter is not silently ignored.
 */
export function resolveParams(params: readonly ModelParam[], input: Record<string, unknown> | undefined = {}, opts: { today?: string } = {}): ParamValues {
  const issues: FieldIssue[] = [];
  const out: ParamValues = {};
  const known = new Set(params.map((p) => p.key));
  for (const key of Object.keys(input ?? {})) {
    if (!known.has(key)) issues.push({ path: `params.${key}`, message: `没有名为“${key}”的参数` });
  }
  for (const p of params) {
    const raw = input?.[p.key];
    const given = raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '');
    const fallback = p.type === 'date' && p.default === 'today' ? (opts.today ?? '') : p.default;
    const checked = checkParam(p, given ? raw : fallback);
    if (checked.ok) out[p.key] = checked.value;
    else issues.push({ path: `params.${p.key}`, message: given ? checked.message : `${checked.message}（默认值有误）` });
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), issues);
  return out;
}

/** The `:key` placeholders a SQL text uses, in order of first appearance. */
export function placeholders(sql: string): string[] {
  const seen: string[] = [];
  for (const t of tokenize(sql)) {
    if (t.kind === 'param' && t.value !== undefined && !seen.includes(t.value)) seen.push(t.value);
  }
  return seen;
}

const CAST_TYPES: Readonly<Record<Dialect, Readonly<Record<ParamType, string>>>> = {
  duckdb: { number: 'DOUBLE', int: 'BIGINT', date: 'DATE', text: 'VARCHAR' },
  postgres: { number: 'DOUBLE PRECISION', int: 'BIGINT', date: 'DATE', text: 'VARCHAR' },
};

export interface BoundQuery {
  sql: string;
  /** positional values for $1, $2, … */
  values: ParamValue[];
}

/** Without declared parameters: integers are int, other numbers number, ISO dates date, else text. */
function inferType(v: ParamValue): ParamType {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'number';
  return isIsoDate(v) ? 'date' : 'text';
}

/**
 * Replaces every `:key` placeholder (outside literals and comments; `::` casts untouched) by
 * `CAST($n AS <type>)` and returns the values in order. Placeholders without a declared parameter
 * or value, and `$n` written into the SQL, are refused.
 */
export function bindParams(sql: string, values: ParamValues, dialect: Dialect, params?: readonly ModelParam[]): BoundQuery {
  const types = new Map<string, ParamType>(
    params
      ? params.map((p) => [p.key, p.type] as const)
      : Object.entries(values).map(([k, v]) => [k, inferType(v)] as const),
  );
  const order: string[] = [];
  const out: string[] = [];
  for (const t of tokenize(sql)) {
    if (t.kind === 'unsafe') throw new DomainError('VALIDATION_FAILED', `查询语句有误：${t.reason ?? t.text}`, { token: t.text });
    if (t.kind !== 'param') {
      out.push(t.text);
      continue;
    }
    const key = t.value!;
    const type = types.get(key);
    const value = values[key];
    if (type === undefined) throw new DomainError('VALIDATION_FAILED', `查询语句引用了未定义的参数“:${key}”`, { token: t.text });
    if (value === undefined) throw new DomainError('VALIDATION_FAILED', `参数“:${key}”没有取值`, { token: t.text });
    if ((type === 'number' || type === 'int') !== (typeof value === 'number')) {
      throw new DomainError('VALIDATION_FAILED', `参数“:${key}”的取值类型不符`, { token: t.text });
    }
    let index = order.indexOf(key);
    if (index < 0) {
      order.push(key);
      index = order.length - 1;
    }
    out.push(`CAST($${index + 1} AS ${CAST_TYPES[dialect][type]})`);
  }
  return { sql: out.join(''), values: order.map((k) => values[k]!) };
}

/** Resolves `input` against the model's parameters and binds them to its SQL. */
export function prepareModel(
  model: Pick<ComparisonModel, 'sql' | 'params'>,
  input: Record<string, unknown> | undefined,
  dialect: Dialect,
  opts: { today?: string } = {},
): BoundQuery & { params: ParamValues } {
  const params = resolveParams(model.params, input, opts);
  return { ...bindParams(model.sql, params, dialect, model.params), params };
}

/** The hit key of a row: its hitKey columns joined, stable across re-runs and engines. */
export function hitKeyOf(model: Pick<ComparisonModel, 'hitKey'>, row: Record<string, unknown>): string {
  return model.hitKey.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))).join('|');
}
