/**
 * The file-reading layers of a dataset import: a preview of the first rows of any supported file
 * (for header detection and the mapping step), and staging the whole file as something DuckDB's
 * strict CSV reader or Parquet reader scans — a relation of `_row` (the row number the user sees
 * in the source) and `c0…cN` as text.
 *
 * - UTF-8 CSV (with or without BOM) is read in place by DuckDB.
 * - Other encodings (GBK/GB18030, Big5, UTF-16) are transcoded as a stream into a UTF-8 file in the
 *   import's work directory; the line numbers stay the source's. iconv-lite decides every
 *   character; GB18030 goes through the built-in (ICU) decoder, several times faster, wherever that
 *   gives exactly what iconv-lite gives (gb18030Decoder).
 * - .xlsx is streamed with exceljs's WorkbookReader (one row in memory at a time) into a UTF-8 CSV
 *   whose first column is the Excel row number.
 * - Parquet is read directly, every column cast to text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { DuckDBConnection } from '@duckdb/node-api';
import { numberText } from '../modules/registry';
import type { AnalyticsEngine } from './engine';
import { sqlIdent, sqlString } from './engine';
import {
  decodeSample,
  detectDelimiter,
  detectEncoding,
  detectFormat,
  invalidFile,
  parseSample,
  readSample,
  type Delimiter,
  type FileFormat,
  type TextEncoding,
} from './sniff';

export interface SourceInfo {
  format: FileFormat;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  sheetName: string | null;
}

export interface GridRow {
  /** the row (CSV: line) number as the user sees it in the source */
  row: number;
  cells: string[];
}

export interface SourcePreview {
  info: SourceInfo;
  /** the first non-blank rows, as text */
  rows: GridRow[];
  /** Parquet: the column names are the header */
  columnNames: string[] | null;
}

/** Where the header sits and what the columns are called (from detectHeader or the user). */
export interface HeaderLayout {
  /** 1-based row of the (first) header row; 0 for Parquet */
  headerRow: number;
  headerRowCount: number;
  /** 1-based row of the first data row (Parquet: 1) */
  dataStartRow: number;
  /** one name per source column, left to right */
  headers: string[];
}

export interface Staged {
  /** a parenthesised SELECT yielding `_row BIGINT, c0 … cN VARCHAR` */
  relation: string;
  columnCount: number;
  /**
   * For a CSV: its rows without `_row` (`c0 … cN`, in file order) and the row number of the first.
   * `relation` numbers rows WITH ORDINALITY, which DuckDB scans on one thread; copying `select` to
   * Parquet first (a parallel scan that keeps the order) and numbering by file_row_number lets the
   * normalisation run on every thread (see parquetRowsRelation).
   */
  csv?: { select: string; firstRow: number };
}

/** `_row, c0 … cN` over a Parquet copy of a CSV's rows, numbered from `firstRow` in file order. */
export function parquetRowsRelation(file: string, firstRow: number): string {
  return `(select cast(file_row_number + ${firstRow} as bigint) as _row, * exclude (file_row_number) from read_parquet(${sqlString(file)}, file_row_number = true))`;
}

export interface StageTools {
  signal: AbortSignal;
  /** bytes of the source read so far (of `total`) */
  onBytes?: (done: number, total: number) => void;
}

const PREVIEW_ROWS = 60;
export const formatCount = (n: number) => n.toLocaleString('en-US');

// ------------------------------------------------------------------------------------------ preview

export async function previewSource(engine: AnalyticsEngine, filePath: string, fileName: string, override: { encoding?: TextEncoding | undefined; sheetName?: string | undefined } = {}): Promise<SourcePreview> {
  const { sample, size } = readSample(filePath);
  const format = detectFormat(sample, fileName);
  if (format === 'parquet') return previewParquet(engine, filePath);
  if (format === 'xlsx') return previewXlsx(filePath, override.sheetName);
  const complete = sample.length === size;
  const encoding = override.encoding ?? detectEncoding(sample, complete);
  const text = decodeSample(sample, encoding, complete);
  if (text.trim() === '') invalidFile('文件为空');
  const delimiter = detectDelimiter(text);
  const rows = parseSample(text, delimiter, complete, PREVIEW_ROWS).map((r) => ({ row: r.line, cells: trimTrailing(r.cells) }));
  if (rows.length === 0) {
    invalidFile(complete ? '文件为空' : `文件开头 ${Math.round(sample.length / 1024)} KB 内没有一行完整的记录：可能不是表格文件，或某个单元格过长、引号没有闭合`);
  }
  return { info: { format, encoding, delimiter, sheetName: null }, rows, columnNames: null };
}

function trimTrailing(cells: string[]): string[] {
  const out = [...cells];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

async function previewParquet(engine: AnalyticsEngine, filePath: string): Promise<SourcePreview> {
  return engine.use(async (conn) => {
    let columnNames: string[];
    try {
      const described = await conn.runAndReadAll(`describe select * from read_parquet(${sqlString(filePath)})`);
      columnNames = described.getRowObjectsJS().map((r) => String(r.column_name));
    } catch {
      return invalidFile('文件不是有效的 Parquet 文件，或已损坏');
    }
    if (columnNames.length === 0) invalidFile('Parquet 文件中没有任何列');
    const cols = columnNames.map((c) => `cast(${sqlIdent(c)} as varchar)`).join(', ');
    const reader = await conn.runAndReadAll(`select ${cols} from read_parquet(${sqlString(filePath)}) limit ${PREVIEW_ROWS}`);
    const rows = reader.getRowsJS().map((r, i) => ({ row: i + 1, cells: r.map((v) => (v === null ? '' : String(v))) }));
    if (rows.length === 0) invalidFile('文件为空：Parquet 文件中没有任何数据行');
    return { info: { format: 'parquet', encoding: null, delimiter: null, sheetName: null }, rows, columnNames };
  });
}

// --------------------------------------------------------------------------------------------- xlsx

/** Text of an exceljs cell value as the user reads it: dates as ISO, numbers without float noise. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('').trim();
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('error' in v) return typeof v.error === 'string' ? v.error : '';
    if ('text' in v) return cellText(v.text);
  }
  return String(value).trim();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** exceljs gives dates as UTC instants of the cell's wall-clock value. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  const values = row.values as unknown[];
  for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
  return trimTrailing(cells);
}

function workbookReader(input: fs.ReadStream) {
  return new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
}

/** Iterates the rows of the chosen sheet (default the first) without holding the workbook. */
async function* xlsxRows(filePath: string, sheetName: string | undefined, onBytes?: (done: number) => void): AsyncGenerator<{ sheet: string; row: GridRow }> {
  const input = fs.createReadStream(filePath);
  if (onBytes) input.on('data', () => onBytes(input.bytesRead));
  let found = false;
  try {
    for await (const sheet of workbookReader(input)) {
      const name = (sheet as unknown as { name?: string }).name ?? '';
      if (found || (sheetName !== undefined && name !== sheetName)) {
        // the reader must still drain a sheet it skips
        for await (const _ of sheet) void _;
        continue;
      }
      found = true;
      for await (const row of sheet) {
        const cells = rowCells(row);
        if (cells.length > 0) yield { sheet: name, row: { row: row.number, cells } };
      }
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    if ((e as { code?: string }).code === 'ANALYTICS_FILE_INVALID') throw e;
    invalidFile('文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开确认后重新保存');
  } finally {
    input.destroy();
  }
  if (!found) invalidFile(sheetName === undefined ? '工作簿中没有工作表' : `工作簿中没有名为“${sheetName}”的工作表`);
}

async function previewXlsx(filePath: string, sheetName: string | undefined): Promise<SourcePreview> {
  const rows: GridRow[] = [];
  let sheet: string | null = null;
  const iterator = xlsxRows(filePath, sheetName);
  try {
    for await (const item of iterator) {
      sheet = item.sheet;
      rows.push(item.row);
      if (rows.length >= PREVIEW_ROWS) break;
    }
  } finally {
    await iterator.return(undefined);
  }
  if (rows.length === 0) invalidFile('文件为空：工作表中没有任何内容');
  return { info: { format: 'xlsx', encoding: null, delimiter: null, sheetName: sheet }, rows, columnNames: null };
}

// -------------------------------------------------------------------------------------------- stage

/**
 * What the WHATWG (ICU) GB18030 decoder gives differently from iconv-lite: U+FFFD (iconv-lite reads
 * some 4-byte sequences past the BMP table as other characters) and the 18 two-byte codes
 * (A6D9–A6DF, A6EC–A6ED, A6F3, FE59 …) WHATWG maps to FE10–FE19 and 9FB4–9FBB where iconv-lite
 * gives private-use characters. Checked exhaustively over all one-, two- and four-byte BMP sequences.
 */
const WHATWG_DIFFERS = /[\uFE10-\uFE19\u9FB4-\u9FBB\uFFFD]/;

/**
 * GB18030 → UTF-8 in pieces that end at a line feed (0x0A is never part of a multi-byte GB18030
 * character, so each piece decodes on its own): the built-in decoder, and iconv-lite for a piece
 * where the built-in one gives a character the two read differently. A leading GB18030 BOM
 * (84 31 95 33, U+FEFF), which both decoders keep, is dropped, as the preview drops it (decodeSample).
 */
export function gb18030Decoder(): Transform {
  const fast = new TextDecoder('gb18030');
  let rest: Buffer = Buffer.alloc(0);
  let first = true;
  const decode = (piece: Buffer): Buffer => {
    let text = fast.decode(piece);
    if (WHATWG_DIFFERS.test(text)) text = iconv.decode(piece, 'gb18030');
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    return Buffer.from(text, 'utf8');
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const data = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
      const end = data.lastIndexOf(0x0a) + 1;
      rest = data.subarray(end);
      done(null, end === 0 ? undefined : decode(data.subarray(0, end)));
    },
    flush(done) {
      done(null, rest.length === 0 ? undefined : decode(rest));
    },
  });
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function varcharColumns(count: number, withRow: boolean): string {
  const cols = Array.from({ length: count }, (_, i) => `'c${i}': 'VARCHAR'`);
  if (withRow) cols.unshift(`'_row': 'BIGINT'`);
  return `{${cols.join(', ')}}`;
}

function readCsvSql(file: string, columnCount: number, delimiter: Delimiter, skip: number, withRow: boolean): string {
  return `read_csv(${sqlString(file)}, header = false, auto_detect = false, all_varchar = ${withRow ? 'false' : 'true'}, columns = ${varcharColumns(columnCount, withRow)}, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', strict_mode = true, null_padding = false, skip = ${skip}, max_line_size = 2000000)`;
}

/**
 * Makes the source scannable by DuckDB as `_row, c0…cN` from the data start on. Heavy work
 * (transcoding, xlsx) writes into `workDir`, which the caller removes whatever happens.
 */
export async function stageSource(filePath: string, info: SourceInfo, layout: HeaderLayout, workDir: string, tools: StageTools): Promise<Staged> {
  const columnCount = layout.headers.length;
  const total = fs.statSync(filePath).size;
  if (info.format === 'parquet') {
    const names = layout.headers;
    const cols = names.map((c, i) => `cast(${sqlIdent(c)} as varchar) as c${i}`).join(', ');
    return { relation: `(select cast(file_row_number + 1 as bigint) as _row, ${cols} from read_parquet(${sqlString(filePath)}, file_row_number = true))`, columnCount };
  }
  const skip = layout.dataStartRow - 1;
  if (info.format === 'csv') {
    let file = filePath;
    if (info.encoding !== 'UTF-8' && info.encoding !== 'UTF-8-BOM') {
      file = path.join(workDir, 'staged.csv');
      const input = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
      if (tools.onBytes) input.on('data', () => tools.onBytes!(input.bytesRead, total));
      const encoding = (info.encoding ?? 'GB18030').toLowerCase();
      const output = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
      if (encoding === 'gb18030') await pipeline(input, gb18030Decoder(), output, { signal: tools.signal });
      else await pipeline(input, iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf8'), output, { signal: tools.signal });
    } else {
      tools.onBytes?.(total, total);
    }
    const csv = readCsvSql(file, columnCount, info.delimiter ?? ',', skip, false);
    const relation = `(select cast(ordinality + ${skip} as bigint) as _row, * exclude (ordinality) from ${csv} with ordinality)`;
    return { relation, columnCount, csv: { select: `select * from ${csv}`, firstRow: skip + 1 } };
  }
  // xlsx → CSV with the Excel row number first
  const file = path.join(workDir, 'staged.csv');
  const out = fs.createWriteStream(file);
  const onBytes = tools.onBytes ? (done: number) => tools.onBytes!(done, total) : undefined;
  const lines = new Transform({
    writableObjectMode: true,
    transform(row: GridRow, _enc, done) {
      const cells = row.cells.slice(0, columnCount);
      while (cells.length < columnCount) cells.push('');
      done(null, `${row.row},${cells.map(csvField).join(',')}\n`);
    },
  });
  const rows = async function* () {
    for await (const item of xlsxRows(filePath, info.sheetName ?? undefined, onBytes)) {
      if (item.row.row >= layout.dataStartRow) yield item.row;
    }
  };
  await pipeline(rows, lines, out, { signal: tools.signal });
  return { relation: `(select * from ${readCsvSql(file, columnCount, ',', 0, true)})`, columnCount };
}

/** DuckDB's CSV errors in the words of the person who made the file (row numbers are the source's). */
export function csvErrorMessage(message: string, delimiter: Delimiter = ','): string | null {
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const at = line === undefined ? '' : `第 ${formatCount(Number(line))} 行：`;
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (columns) {
    // DuckDB stops counting one past the expected number: count the quoted line itself
    const original = /Original Line: ?\n?([^\n]*)\n/.exec(message)?.[1];
    const found = original === undefined ? Number(columns[2]) : (parseSample(`${original}\n`, delimiter, true, 1)[0]?.cells.length ?? Number(columns[2]));
    const what = delimiter === '\t' ? '制表符' : '逗号';
    return `${at}列数为 ${found}，表头为 ${columns[1]} 列。请检查这一行是否多了或少了分隔符（${what}），或单元格中的${what}没有用引号括起来`;
  }
  if (/unterminated quote/i.test(message)) return `${at}引号没有闭合：这一行的某个单元格以英文引号 " 开头，但到文件末尾也没有找到结束的引号`;
  const size = /Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)/.exec(message);
  if (size) {
    const mb = (n: string) => `${(Number(n) / 1024 / 1024).toFixed(1)} MB`;
    return `${at}这一行长 ${mb(size[2]!)}，超过单行上限 ${mb(size[1]!)}。可能某个单元格内容过长，或引号没有闭合`;
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) return `${at}不是有效的 UTF-8 文本。文件可能是 GBK 编码，请在“识别与映射”一步把文件编码改为 GBK 后重新导入`;
  if (/CSV Error/.test(message)) return `${at}CSV 格式有误，无法读取`;
  return null;
}

export type { DuckDBConnection };
