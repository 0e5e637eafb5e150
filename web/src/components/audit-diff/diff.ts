/** Field-by-field comparison of an audit record's before/after values. Pure: tested in diff.test.ts. */

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

export type DiffKind = 'create' | 'delete' | 'update' | 'none';

// Never to be shown if a record happens to carry them.
const HIDDEN = /hash|secret|token|password/i;
// Bookkeeping that changes on every write and tells a reader nothing.
const NOISE = new Set(['version', 'updatedAt', 'updated_at']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sorted-key JSON, so equal values compare equal whatever order keys come in. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

/** Empty-ish values are equal to each other: null, undefined and '' all mean "not filled in". */
const blank = (v: unknown) => v === null || v === undefined || v === '';
const same = (a: unknown, b: unknown) => (blank(a) && blank(b)) || canonical(a) === canonical(b);

export function diffKind(before: unknown, after: unknown): DiffKind {
  if (blank(before) && blank(after)) return 'none';
  if (blank(before)) return 'create';
  if (blank(after)) return 'delete';
  return 'update';
}

/** One row per field found on either side, in the order the fields first appear. */
export function diffRecords(before: unknown, after: unknown): DiffRow[] {
  if (!isPlainObject(before) && !isPlainObject(after)) {
    if (blank(before) && blank(after)) return [];
    return [{ key: '', before, after, changed: !same(before, after) }];
  }
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys: string[] = [];
  for (const k of [...Object.keys(b), ...Object.keys(a)]) if (!keys.includes(k) && !HIDDEN.test(k) && !NOISE.has(k)) keys.push(k);
  return keys.map((key) => ({ key, before: b[key], after: a[key], changed: !same(b[key], a[key]) }));
}

/** A short readable text for a value of any shape. */
export function formatValue(value: unknown): string {
  if (blank(value)) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return value.toLocaleString('zh-CN');
  if (typeof value === 'string') {
    const m = value.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/);
    if (m) {
      const d = new Date(value);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '（无）';
    return value
      .map((item) => {
        if (isPlainObject(item) && typeof item.name === 'string') {
          return item.relation ? `${item.name}（${String(item.relation)}）` : item.name;
        }
        return typeof item === 'object' && item !== null ? canonical(item) : String(item);
      })
      .join('、');
  }
  return canonical(value);
}
