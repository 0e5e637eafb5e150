/**
 * From a spreadsheet's top rows to a column mapping: where the header is (past title rows such as
 * "2023年度××镇低保发放花名册", unit lines such as "单位：元", and two-row headers whose upper row holds
 * merged group titles), which source column feeds each standard field of a dataset kind, in which
 * unit, and whether a mapping the user edited is complete and consistent.
 */
import { DomainError, type FieldIssue } from '../shared/errors';
import { normalizeHeader } from '../shared/headers';
import { toHalfWidth } from '../shared/names';
import {
  AMOUNT_UNITS,
  AREA_UNITS,
  DATASET_KINDS,
  datasetKind,
  type DatasetKindKey,
  type StandardField,
  type Unit,
} from './dataset-kinds';

/** Excel-style column name: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new TypeError(`columnLetter: bad index ${index}`);
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// ————————————————————————————————————————— header detection

export type HeaderDetection =
  | {
      ok: true;
      /** 0-based index of the (first) header row in the rows given */
      headerRowIndex: number;
      /** 2 when a row of sub-columns sits under merged group titles */
      headerRowCount: 1 | 2;
      /** 0-based index of the first data row (past blank rows, unit lines and a 1, 2, 3 … column-number row) */
      dataStartIndex: number;
      /** one name per column; under a group title "补贴面积-确权面积" */
      headers: string[];
      /** the text of skipped title rows above the header, e.g. "2023年度××镇低保发放花名册" */
      titles: string[];
      /** a unit stated for the whole table ("单位：元", "（单位：万元）"), if any */
      unitHint?: Unit;
    }
  | { ok: false; reason: string };

/** How many rows from the top may hold the header. */
export const HEADER_SCAN_ROWS = 15;

const UNIT_PATTERN = /(?:^|[\s(（[【,，;；])(?:金额|计量|面积)?单位\s*[:：]\s*(万元|元|亩|平方米|平米|㎡|公顷)/;
const META_PATTERN =
  /^(?:填报单位|填表单位|制表单位|报送单位|编制单位|单位|金额单位|计量单位|填报日期|填表日期|制表日期|报送日期|日期|制表人|填表人|审核人|负责人|联系人|联系电话|统计时间|统计日期|截至|截止)\s*[:：]/;

function cellsOf(row: readonly string[] | undefined): string[] {
  return (row ?? []).map((cell) => (cell ?? '').toString().trim());
}

function nonEmpty(cells: readonly string[]): string[] {
  return cells.filter((c) => c !== '');
}

function unitFromText(text: string): Unit | undefined {
  const m = UNIT_PATTERN.exec(toHalfWidth(text));
  if (m === null) return undefined;
  return canonicalUnit(m[1]!);
}

function canonicalUnit(word: string): Unit {
  if (word === '平米' || word === '㎡') return '平方米';
  return word as Unit;
}

/** A cell that reads like data, not like a column title: numbers, dates, ID numbers, amounts. */
function looksLikeValue(cell: string): boolean {
  const s = toHalfWidth(cell).replace(/\s/g, '');
  if (/^[+-]?[¥￥]?[\d,]+(\.\d+)?(元|万元|亩|%)?$/.test(s)) return true;
  if (/^\d{4}[-./年]\d{1,2}([-./月]\d{1,2}日?)?$/.test(s)) return true;
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(s)) return true;
  return false;
}

/** A row that is all meta lines: "填报单位：××镇", "单位：元", "制表日期：…". */
function isMetaRow(cells: readonly string[]): boolean {
  const filled = nonEmpty(cells);
  return filled.length > 0 && filled.every((c) => META_PATTERN.test(toHalfWidth(c)) || unitFromText(c) !== undefined);
}

/** A title: one text, possibly repeated across merged cells. */
function isTitleRow(cells: readonly string[]): boolean {
  const filled = nonEmpty(cells);
  return filled.length > 0 && new Set(filled).size === 1 && !(filled.length >= 2 && looksLikeValue(filled[0]!));
}

/** Rows that number the columns under a header: 1 2 3 …, (1) (2) …, ① ② …, 栏次. */
function isColumnNumberRow(cells: readonly string[]): boolean {
  const filled = nonEmpty(cells).map((c) => toHalfWidth(c).replace(/[()（）\s]/g, ''));
  if (filled.length < 3) return false;
  const circled = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
  const values = filled.map((c) => (circled.includes(c) ? circled.indexOf(c) + 1 : /^\d+$/.test(c) ? Number(c) : NaN));
  const start = values[0]!;
  return (start === 0 || start === 1) && values.every((v, i) => v === start + i);
}

/** 合计 / 小计 / 总计 rows at the end of a roll: not records. */
export function isTotalRow(row: readonly string[]): boolean {
  const filled = nonEmpty(cellsOf(row)).map((c) => toHalfWidth(c).replace(/\s/g, ''));
  return filled.some((c) => /^(合计|小计|总计|累计|本页合计|共计)[:：]?$/.test(c));
}

let allNames: ReadonlySet<string> | undefined;

function namesOfFields(fields: readonly StandardField[]): Set<string> {
  const names = new Set<string>();
  for (const field of fields) {
    for (const text of [field.label, ...field.synonyms]) {
      const n = normalizeHeader(text);
      if (n.length > 0) names.add(n);
    }
  }
  return names;
}

function knownNames(kind: DatasetKindKey | undefined): ReadonlySet<string> {
  if (kind !== undefined) return namesOfFields(datasetKind(kind).fields);
  allNames ??= namesOfFields(DATASET_KINDS.flatMap((k) => k.fields));
  return allNames;
}

/** How many cells of a row name a known field (exactly, or containing a name of two or more characters). */
function synonymHits(cells: readonly string[], names: ReadonlySet<string>): number {
  let hits = 0;
  for (const cell of cells) {
    if (cell === '') continue;
    const n = normalizeHeader(cell);
    if (n.length === 0) continue;
    if (names.has(n)) {
      hits += 1;
      continue;
    }
    for (const name of names) {
      if (name.length >= 2 && n.includes(name)) {
        hits += 0.5;
        break;
      }
    }
  }
  return hits;
}

interface Span {
  start: number;
  /** exclusive */
  end: number;
  text: string;
}

/**
 * Spans of a group-title row: a title followed by blank cells (CSV, or readers that leave merged
 * cells blank) or by repeats of itself (readers that copy a merged value into every cell).
 */
function spansOf(cells: readonly string[], width: number): Span[] {
  const spans: Span[] = [];
  let c = 0;
  while (c < width) {
    const text = cells[c] ?? '';
    if (text === '') {
      c++;
      continue;
    }
    let end = c + 1;
    while (end < width && ((cells[end] ?? '') === '' || cells[end] === text)) end++;
    spans.push({ start: c, end, text });
    c = end;
  }
  return spans;
}

/**
 * Whether `lower` is the row of sub-columns under the group titles of `upper`: at least one title
 * spans two or more columns with sub-column names under them, and every other column is either
 * merged down (blank below, or the same text repeated) — a data row would have values there.
 */
function twoRowHeader(upper: readonly string[], lower: readonly string[], width: number): string[] | undefined {
  if (nonEmpty(lower).length === 0 || nonEmpty(lower).some(looksLikeValue)) return undefined;
  if (new Set(nonEmpty(upper)).size < 2) return undefined;
  const spans = spansOf(upper, width);
  // A multi-column span must have sub-columns under at least two of its columns.
  // Blank cells after a title may also be columns without any title, so a span is only a group when
  // the row below names its columns.
  let groups = 0;
  const headers: string[] = [];
  const covered = new Array<boolean>(width).fill(false);
  for (const span of spans) {
    const children = [];
    for (let c = span.start; c < span.end; c++) children.push(lower[c] ?? '');
    const named = children.filter((child) => child !== '' && normalizeHeader(child) !== normalizeHeader(span.text));
    if (span.end - span.start >= 2 && named.length >= 2) {
      groups++;
      for (let c = span.start; c < span.end; c++) {
        const child = lower[c] ?? '';
        covered[c] = true;
        headers[c] = child === '' || normalizeHeader(child) === normalizeHeader(span.text) ? span.text : `${span.text}-${child}`;
      }
    }
  }
  if (groups === 0) return undefined;
  for (let c = 0; c < width; c++) {
    if (covered[c]) continue;
    const top = upper[c] ?? '';
    const bottom = lower[c] ?? '';
    if (top !== '' && bottom !== '' && normalizeHeader(top) !== normalizeHeader(bottom)) return undefined;
    headers[c] = top !== '' ? top : bottom;
  }
  return headers;
}

interface Candidate {
  index: number;
  hits: number;
  labels: number;
}

/**
 * Finds the header among the first rows of a sheet. Title rows (one text, possibly repeated across
 * merged cells), meta lines (填报单位：…, 单位：元) and blank rows are skipped; the header is the row
 * naming most known fields (of `kind` when given, else of any kind), ties going to the upper row;
 * without any known name, the first row of two or more short titles with no values among them.
 */
export function detectHeader(rows: readonly (readonly string[])[], opts: { kind?: DatasetKindKey } = {}): HeaderDetection {
  const names = knownNames(opts.kind);
  const limit = Math.min(HEADER_SCAN_ROWS, rows.length);
  const grid = rows.map(cellsOf);
  let unitHint: Unit | undefined;
  const candidates: Candidate[] = [];
  for (let index = 0; index < limit; index++) {
    const cells = grid[index]!;
    const filled = nonEmpty(cells);
    if (filled.length === 0) continue;
    if (isMetaRow(cells) || isTitleRow(cells)) continue;
    const labels = filled.filter((c) => !looksLikeValue(c) && c.length <= 40).length;
    if (labels < 2 || labels < filled.length * 0.6) continue;
    candidates.push({ index, hits: synonymHits(cells, names), labels });
  }
  if (candidates.length === 0) {
    const anything = grid.slice(0, limit).some((r) => nonEmpty(r).length > 0);
    return {
      ok: false,
      reason: anything
        ? `前${limit}行中没有找到表头：表头应为一行（或两行合并表头）列名，如“姓名”“身份证号码”“金额”`
        : '文件中没有任何内容',
    };
  }
  let best = candidates[0]!;
  for (const c of candidates) if (c.hits > best.hits) best = c;

  let headerRowIndex = best.index;
  let headerRowCount: 1 | 2 = 1;
  const widthOf = (...indexes: number[]) => Math.max(...indexes.map((i) => grid[i]?.length ?? 0));
  let headers = grid[headerRowIndex]!.slice();

  const below = nextNonBlank(grid, headerRowIndex + 1);
  const above = previousRow(grid, headerRowIndex - 1);
  const downPair = below !== undefined ? twoRowHeader(grid[headerRowIndex]!, grid[below]!, widthOf(headerRowIndex, below)) : undefined;
  if (downPair !== undefined && below === headerRowIndex + 1) {
    headers = downPair;
    headerRowCount = 2;
  } else if (above !== undefined && above === headerRowIndex - 1 && !isMetaRow(grid[above]!) && !isTitleRow(grid[above]!)) {
    const upPair = twoRowHeader(grid[above]!, grid[headerRowIndex]!, widthOf(above, headerRowIndex));
    if (upPair !== undefined) {
      headers = upPair;
      headerRowIndex = above;
      headerRowCount = 2;
    }
  }

  const titles: string[] = [];
  for (let i = 0; i < headerRowIndex; i++) {
    const cells = grid[i]!;
    for (const cell of nonEmpty(cells)) unitHint ??= unitFromText(cell);
    if (isTitleRow(cells)) titles.push(nonEmpty(cells)[0]!);
  }

  let dataStartIndex = headerRowIndex + headerRowCount;
  while (dataStartIndex < grid.length) {
    const cells = grid[dataStartIndex]!;
    if (nonEmpty(cells).length === 0 || isColumnNumberRow(cells)) {
      dataStartIndex++;
    } else if (isMetaRow(cells)) {
      for (const cell of nonEmpty(cells)) unitHint ??= unitFromText(cell);
      dataStartIndex++;
    } else {
      break;
    }
  }

  const width = Math.max(headers.length, ...grid.slice(headerRowIndex, headerRowIndex + headerRowCount).map((r) => r.length));
  const padded = Array.from({ length: width }, (_, c) => (headers[c] ?? '').trim());
  const result: HeaderDetection = { ok: true, headerRowIndex, headerRowCount, dataStartIndex, headers: padded, titles };
  if (unitHint !== undefined) result.unitHint = unitHint;
  return result;
}

function nextNonBlank(grid: readonly string[][], from: number): number | undefined {
  for (let i = from; i < grid.length; i++) if (nonEmpty(grid[i]!).length > 0) return i;
  return undefined;
}

function previousRow(grid: readonly string[][], index: number): number | undefined {
  return index >= 0 && nonEmpty(grid[index]!).length > 0 ? index : undefined;
}

// ————————————————————————————————————————— mapping suggestion

export interface FieldMapping {
  /** 0-based source column */
  column: number;
  /** unit the column is written in (amount and area fields) */
  unit?: Unit;
}

/** standard field key → source column */
export type ColumnMapping = Record<string, FieldMapping>;

export interface FieldSuggestion {
  key: string;
  label: string;
  required: boolean;
  /** null when no column fits */
  column: number | null;
  header: string | null;
  /** 0–1: 1 for the field's own name, less for a synonym, a partial or a group-title match */
  confidence: number;
  /** amount and area fields: the unit read from the header (or the table's unit line), else the default */
  unit: Unit | null;
  /** where the unit came from */
  unitSource: 'header' | 'table' | 'default' | null;
}

export interface MappingSuggestion {
  kind: DatasetKindKey;
  fields: FieldSuggestion[];
  /** the suggested mapping, ready to confirm */
  mapping: ColumnMapping;
  /** source columns that feed no field */
  unmapped: { column: number; header: string }[];
}

interface Score {
  field: number;
  column: number;
  confidence: number;
}

/** The texts a header offers: the whole, and for "补贴面积-确权面积" also the sub-column and the group title. */
function headerParts(header: string): { whole: string; child?: string; parent?: string } {
  const whole = normalizeHeader(header);
  const dash = header.lastIndexOf('-');
  if (dash <= 0 || dash === header.length - 1) return { whole };
  return { whole, parent: normalizeHeader(header.slice(0, dash)), child: normalizeHeader(header.slice(dash + 1)) };
}

function matchConfidence(field: StandardField, header: string): number {
  const parts = headerParts(header);
  if (parts.whole.length === 0) return 0;
  const label = normalizeHeader(field.label);
  const synonyms = [...new Set(field.synonyms.map(normalizeHeader))].filter((s) => s.length > 0);
  const exact = (text: string | undefined): number => (text === undefined ? 0 : text === label ? 1 : synonyms.includes(text) ? 0.95 : 0);

  let best = exact(parts.whole);
  if (parts.child !== undefined) {
    best = Math.max(best, exact(parts.child) * 0.9, exact(parts.parent) * 0.6);
  }
  if (best > 0) return best;
  // the header contains a name of two or more characters: "公民身份证号码" ⊃ "身份证号码"
  for (const name of [label, ...synonyms]) {
    if (name.length >= 2 && parts.whole.includes(name)) {
      best = Math.max(best, Math.min(0.85, 0.5 + (0.4 * name.length) / parts.whole.length));
    }
  }
  return Math.round(best * 100) / 100;
}

function unitFromHeader(field: StandardField, header: string): Unit | undefined {
  const text = toHalfWidth(header);
  if (field.type === 'amount') {
    if (text.includes('万元')) return '万元';
    if (text.includes('元')) return '元';
  }
  if (field.type === 'area') {
    if (/公顷/.test(text)) return '公顷';
    if (/平方米|平米|㎡|m2|m²/i.test(text)) return '平方米';
    if (text.includes('亩')) return '亩';
  }
  return undefined;
}

function fieldUnit(field: StandardField, header: string | null, tableUnit: Unit | undefined): Pick<FieldSuggestion, 'unit' | 'unitSource'> {
  if (field.type !== 'amount' && field.type !== 'area') return { unit: null, unitSource: null };
  const fromHeader = header === null ? undefined : unitFromHeader(field, header);
  if (fromHeader !== undefined) return { unit: fromHeader, unitSource: 'header' };
  const allowed: readonly Unit[] = field.type === 'amount' ? AMOUNT_UNITS : AREA_UNITS;
  if (tableUnit !== undefined && allowed.includes(tableUnit)) return { unit: tableUnit, unitSource: 'table' };
  return { unit: field.type === 'amount' ? '元' : (field.areaUnit ?? '亩'), unitSource: 'default' };
}

/**
 * For each standard field of the kind, the source column that best fits it: exact names first, then
 * synonyms, then sub-columns of a group, then headers containing a name; a column feeds one field.
 */
export function suggestMapping(
  kind: DatasetKindKey,
  headers: readonly string[],
  opts: { unitHint?: Unit } = {},
): MappingSuggestion {
  const fields = datasetKind(kind).fields;
  const scores: Score[] = [];
  fields.forEach((field, f) => {
    headers.forEach((header, column) => {
      const confidence = matchConfidence(field, header ?? '');
      if (confidence > 0) scores.push({ field: f, column, confidence });
    });
  });
  scores.sort((a, b) => b.confidence - a.confidence || a.field - b.field || a.column - b.column);
  const byField = new Map<number, Score>();
  const taken = new Set<number>();
  for (const s of scores) {
    if (byField.has(s.field) || taken.has(s.column)) continue;
    byField.set(s.field, s);
    taken.add(s.column);
  }

  const mapping: ColumnMapping = {};
  const suggestions: FieldSuggestion[] = fields.map((field, f) => {
    const s = byField.get(f);
    const header = s === undefined ? null : (headers[s.column] ?? '');
    const unit = fieldUnit(field, header, opts.unitHint);
    if (s !== undefined) {
      mapping[field.key] = unit.unit === null ? { column: s.column } : { column: s.column, unit: unit.unit };
    }
    return {
      key: field.key,
      label: field.label,
      required: field.required,
      column: s?.column ?? null,
      header,
      confidence: s?.confidence ?? 0,
      ...unit,
    };
  });
  const unmapped = headers
    .map((header, column) => ({ column, header: (header ?? '').trim() }))
    .filter((c) => !taken.has(c.column) && c.header !== '');
  return { kind, fields: suggestions, mapping, unmapped };
}

// ————————————————————————————————————————— validation

function columnName(column: number, headers: readonly string[] | undefined): string {
  const header = headers?.[column]?.trim();
  return header ? `第 ${columnLetter(column)} 列（${header}）` : `第 ${columnLetter(column)} 列`;
}

/**
 * Problems with a mapping, in Chinese, one per field: required fields without a column, unknown
 * fields, columns outside the sheet, a column feeding two fields, a unit that does not fit the field.
 * Empty when the mapping can be used.
 */
export function validateMapping(kind: DatasetKindKey, mapping: ColumnMapping, headers?: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fields = datasetKind(kind).fields;
  const known = new Map(fields.map((field) => [field.key, field]));
  const usedBy = new Map<number, string[]>();

  for (const [key, target] of Object.entries(mapping)) {
    const field = known.get(key);
    if (field === undefined) {
      issues.push({ path: key, message: `“${key}”不是“${datasetKind(kind).label}”的标准字段` });
      continue;
    }
    if (!Number.isInteger(target.column) || target.column < 0) {
      issues.push({ path: key, message: `字段“${field.label}”的列号无效` });
      continue;
    }
    if (headers !== undefined && target.column >= headers.length) {
      issues.push({ path: key, message: `字段“${field.label}”对应的第 ${columnLetter(target.column)} 列不存在（表中共 ${headers.length} 列）` });
      continue;
    }
    const list = usedBy.get(target.column) ?? [];
    list.push(field.label);
    usedBy.set(target.column, list);
    if (target.unit !== undefined) {
      const allowed: readonly Unit[] = field.type === 'amount' ? AMOUNT_UNITS : field.type === 'area' ? AREA_UNITS : [];
      if (!allowed.includes(target.unit)) {
        issues.push({
          path: key,
          message:
            allowed.length === 0
              ? `字段“${field.label}”不需要单位`
              : `字段“${field.label}”的单位只能是${allowed.map((u) => `“${u}”`).join('、')}，不能是“${target.unit}”`,
        });
      }
    }
  }
  for (const field of fields) {
    if (field.required && mapping[field.key] === undefined) {
      issues.push({ path: field.key, message: `必填字段“${field.label}”还没有对应的列` });
    }
  }
  for (const [column, labels] of usedBy) {
    if (labels.length > 1) {
      issues.push({
        path: `column.${column}`,
        message: `${columnName(column, headers)}同时对应了${labels.map((l) => `“${l}”`).join('和')}，一列只能对应一个字段`,
      });
    }
  }
  return issues;
}

/** Throws VALIDATION_FAILED with the issues as details when the mapping cannot be used. */
export function assertValidMapping(kind: DatasetKindKey, mapping: ColumnMapping, headers?: readonly string[]): void {
  const issues = validateMapping(kind, mapping, headers);
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `字段对应有误：${issues[0]!.message}${issues.length > 1 ? `等 ${issues.length} 处` : ''}`, issues);
  }
}
