/**
 * Finding the columns we need in a Chinese spreadsheet's header row, however it was typed:
 * "身份证号码（必填）", "*姓名", "公民身份证号(18位)", "联系电话".
 */
import { normalizeName, toHalfWidth } from './names';

export type ColumnSpec = {
  /** field name the importer uses, e.g. `idNumber` */
  key: string;
  /** the column's name in our template, shown to the user when it is missing */
  label: string;
  /** other names the column goes by in the field */
  aliases: string[];
  required: boolean;
};

export interface HeaderMatch {
  /** spec key → 0-based column index */
  mapping: Record<string, number>;
  /** required specs that no column matched */
  missing: ColumnSpec[];
  /** non-empty header cells that matched no spec, as written */
  unknown: string[];
}

/** Notes in brackets: (必填) （18位） [可选] 【单位：元】 〔注〕, and an unclosed one at the end. */
const BRACKETED = [/\([^()]*\)/g, /\[[^[\]]*\]/g, /【[^【】]*】/g, /〔[^〔〕]*〕/g, /<[^<>]*>/g, /《[^《》]*》/g];
const UNCLOSED_AT_END = /[([【〔<《][^)\]】〕>》]*$/;

/** The form header cells and spec names are compared in. */
export function normalizeHeader(text: string): string {
  const half = toHalfWidth(text);
  let stripped = half;
  for (let changed = true; changed; ) {
    const before = stripped;
    for (const pattern of BRACKETED) stripped = stripped.replace(pattern, '');
    changed = stripped !== before;
  }
  stripped = stripped.replace(UNCLOSED_AT_END, '').replaceAll('*', '');
  const key = normalizeName(stripped).toLowerCase();
  // a header that is nothing but a bracketed word, e.g. "(备注)", is that word
  return key.length > 0 ? key : normalizeName(half).toLowerCase();
}

interface Candidate {
  spec: number;
  column: number;
  /** which of the column's alternative texts matched; lower is preferred */
  alternative: number;
  /** length of the spec name that matched (contains pass) */
  nameLength: number;
  /** characters of the header text beyond the matched name (contains pass) */
  extra: number;
}

function assign(candidates: Candidate[], mapping: Map<number, number>, taken: Set<number>): void {
  for (const c of candidates) {
    if (mapping.has(c.spec) || taken.has(c.column)) continue;
    mapping.set(c.spec, c.column);
    taken.add(c.column);
  }
}

/**
 * Like `matchHeaders`, but each column offers several texts in order of preference — a two-row
 * header's column under the merged parent 亲属 offers "亲属姓名" before "姓名".
 */
export function matchHeaderAlternatives(columns: readonly (readonly string[])[], specs: readonly ColumnSpec[]): HeaderMatch {
  const texts = columns.map((alternatives) => alternatives.map(normalizeHeader));
  const names = specs.map((spec) => [...new Set([spec.label, ...spec.aliases].map(normalizeHeader))].filter((n) => n.length > 0));

  const mapping = new Map<number, number>();
  const taken = new Set<number>();

  // 1. exact matches on the label or an alias
  const exact: Candidate[] = [];
  specs.forEach((_, spec) => {
    texts.forEach((alternatives, column) => {
      alternatives.forEach((text, alternative) => {
        if (text.length > 0 && names[spec]!.includes(text)) {
          exact.push({ spec, column, alternative, nameLength: text.length, extra: 0 });
        }
      });
    });
  });
  exact.sort((a, b) => a.alternative - b.alternative || a.spec - b.spec || a.column - b.column);
  assign(exact, mapping, taken);

  // 2. the header contains a name ("公民身份证号码" contains "身份证号码"); the longest name wins.
  // Single characters would match almost anything, so they only ever match exactly.
  const contains: Candidate[] = [];
  specs.forEach((_, spec) => {
    if (mapping.has(spec)) return;
    texts.forEach((alternatives, column) => {
      if (taken.has(column)) return;
      alternatives.forEach((text, alternative) => {
        for (const name of names[spec]!) {
          if (name.length >= 2 && text.includes(name)) {
            contains.push({ spec, column, alternative, nameLength: name.length, extra: text.length - name.length });
          }
        }
      });
    });
  });
  contains.sort(
    (a, b) =>
      b.nameLength - a.nameLength ||
      a.alternative - b.alternative ||
      a.extra - b.extra ||
      a.spec - b.spec ||
      a.column - b.column,
  );
  assign(contains, mapping, taken);

  const result: Record<string, number> = {};
  specs.forEach((spec, index) => {
    const column = mapping.get(index);
    if (column !== undefined) result[spec.key] = column;
  });
  return {
    mapping: result,
    missing: specs.filter((_, index) => !mapping.has(index) && specs[index]!.required),
    unknown: columns
      .map((alternatives, column) => (taken.has(column) ? '' : (alternatives[0] ?? '').trim()))
      .filter((text) => text.length > 0),
  };
}

/**
 * Maps spec keys to column indexes. Exact matches (after normalising both sides: simplified
 * characters, no spaces or punctuation, no bracketed notes or * markers, latin case ignored) come
 * first; then a header that contains a spec's name, longest name first. A column serves one key.
 */
export function matchHeaders(headerCells: readonly string[], specs: readonly ColumnSpec[]): HeaderMatch {
  return matchHeaderAlternatives(
    headerCells.map((cell) => [cell]),
    specs,
  );
}
