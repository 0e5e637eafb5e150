/**
 * Reads the table out of an uploaded .xlsx or .csv the way offices actually make them: a title row
 * or two above the header, merged and two-row headers, GBK-encoded CSV from older systems, blank
 * rows at the end. Every cell comes back as text; validating it is the importer's job.
 */
import ExcelJS from 'exceljs';
import * as chardet from 'chardet';
import iconv from 'iconv-lite';
import { DomainError } from '../../../domain/shared/errors';
import { matchHeaderAlternatives, normalizeHeader, type ColumnSpec, type HeaderMatch } from '../../../domain/shared/headers';

export interface TableRow {
  /** 1-based row as the user sees it in Excel, or the line the record starts on in a CSV */
  rowNumber: number;
  /** spec key → cell text ('' when blank) for every mapped key */
  cells: Record<string, string>;
}

export interface ReadTableResult {
  /** 1-based row (CSV: line) of the header; the first of the two for a two-row header */
  headerRow: number;
  /** 2 when a row of sub-headers sits under merged parent cells */
  headerRowCount: 1 | 2;
  /** spec key → 0-based column index */
  mapping: Record<string, number>;
  /** header cells that matched no spec */
  unknownColumns: string[];
  rows: TableRow[];
  /** the worksheet read (xlsx) */
  sheetName?: string;
  /** the encoding the text was decoded from (csv) */
  encoding?: string;
}

/** How many non-blank rows from the top may hold the header. */
const HEADER_SCAN_ROWS = 10;

interface GridRow {
  rowNumber: number;
  cells: string[];
}

interface Grid {
  sheetName?: string;
  encoding?: string;
  /** non-blank rows only */
  rows: GridRow[];
  /**
   * CSV has no merge information: a parent header over several sub-columns is written once, in the
   * first of them, so blank parent cells inherit from the left.
   */
  fillParentsFromLeft: boolean;
}

interface HeaderChoice {
  grid: Grid;
  index: number;
  rowCount: 1 | 2;
  match: HeaderMatch;
  score: number;
}

function fail(message: string, details?: Record<string, unknown>): never {
  throw new DomainError('IMPORT_FILE_INVALID', message, details);
}

export async function readTable(
  input: { buffer: Buffer; fileName: string },
  specs: ColumnSpec[],
): Promise<ReadTableResult> {
  const { buffer, fileName } = input;
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (buffer.length === 0) fail('文件是空的，请检查后重新上传');

  let grids: Grid[];
  if (isZip(buffer)) {
    grids = await readXlsx(buffer);
  } else if (isOle2(buffer) || extension === 'xls' || extension === 'et') {
    fail(
      extension === 'xlsx'
        ? '无法读取该文件：它是加密的工作簿或旧版 Excel 格式。请取消密码保护，并在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入'
        : '不支持旧版 Excel（.xls）格式，请在 Excel 或 WPS 中将文件“另存为” .xlsx 或 .csv 后再导入',
    );
  } else if (extension === 'csv' || extension === 'txt' || extension === 'tsv') {
    grids = [readCsv(buffer)];
  } else if (extension === 'xlsx' || extension === 'xlsm') {
    fail('文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开确认后重新保存');
  } else {
    fail(
      extension === ''
        ? '无法识别文件类型，请上传 .xlsx 或 .csv 文件'
        : `不支持的文件类型“.${extension}”，请上传 .xlsx 或 .csv 文件`,
    );
  }
  return tableFrom(grids, specs);
}

function tableFrom(grids: Grid[], specs: ColumnSpec[]): ReadTableResult {
  if (grids.every((g) => g.rows.length === 0)) fail('文件中没有任何内容');

  let best: HeaderChoice | undefined;
  for (const grid of grids) {
    const choice = chooseHeader(grid, specs);
    if (choice === undefined) continue;
    if (choice.match.missing.length === 0) return extractRows(choice);
    if (best === undefined || choice.score > best.score) best = choice;
  }

  const missing = best?.match.missing ?? specs.filter((s) => s.required);
  const labels = missing.map((s) => s.label);
  let closest = '';
  if (best !== undefined && best.score > 0) {
    const sheet = best.grid.sheetName !== undefined && grids.length > 1 ? `工作表“${best.grid.sheetName}”` : '';
    closest = `（最接近的表头在${sheet}第${best.grid.rows[best.index]!.rowNumber}行）`;
  }
  return fail(
    `缺少必需的列：${labels.map((l) => `“${l}”`).join('、')}${closest}。请确认表头（前${HEADER_SCAN_ROWS}行内）包含这些列名`,
    { missingColumns: labels },
  );
}

/** Picks the header row of one grid: all required specs found, then most specs, then one row, then topmost. */
function chooseHeader(grid: Grid, specs: ColumnSpec[]): HeaderChoice | undefined {
  let best: HeaderChoice | undefined;
  const consider = (choice: HeaderChoice) => {
    if (best === undefined || better(choice, best)) best = choice;
  };
  const limit = Math.min(HEADER_SCAN_ROWS, grid.rows.length);
  for (let index = 0; index < limit; index++) {
    const row = grid.rows[index]!;
    const single = matchHeaderAlternatives(
      row.cells.map((cell) => [cell]),
      specs,
    );
    consider({ grid, index, rowCount: 1, match: single, score: Object.keys(single.mapping).length });

    // both rows of a two-row header lie within the scanned rows
    const next = index + 1 < limit ? grid.rows[index + 1] : undefined;
    if (next !== undefined) {
      const double = matchHeaderAlternatives(twoRowColumns(row.cells, next.cells, grid.fillParentsFromLeft), specs);
      consider({ grid, index, rowCount: 2, match: double, score: Object.keys(double.mapping).length });
    }
  }
  return best;
}

function better(a: HeaderChoice, b: HeaderChoice): boolean {
  const aComplete = a.match.missing.length === 0;
  const bComplete = b.match.missing.length === 0;
  if (aComplete !== bComplete) return aComplete;
  if (a.score !== b.score) return a.score > b.score;
  if (a.rowCount !== b.rowCount) return a.rowCount < b.rowCount;
  return a.index < b.index;
}

/** Texts each column offers under a two-row header: "亲属"+"姓名" offers 亲属姓名, then 姓名. */
function twoRowColumns(parents: string[], children: string[], fillFromLeft: boolean): string[][] {
  const width = Math.max(parents.length, children.length);
  const columns: string[][] = [];
  let lastParent = '';
  for (let c = 0; c < width; c++) {
    let parent = parents[c] ?? '';
    const child = children[c] ?? '';
    if (parent !== '') lastParent = parent;
    else if (fillFromLeft && child !== '') parent = lastParent;
    if (child === '' || normalizeHeader(child) === normalizeHeader(parent)) {
      // a cell merged down over both rows (xlsx repeats it, csv leaves the lower one blank)
      columns.push([parent]);
    } else if (parent === '') {
      columns.push([child]);
    } else {
      columns.push([parent + child, child]);
    }
  }
  return columns;
}

function extractRows(choice: HeaderChoice): ReadTableResult {
  const { grid, index, rowCount, match } = choice;
  const entries = Object.entries(match.mapping);
  const rows: TableRow[] = [];
  for (const row of grid.rows.slice(index + rowCount)) {
    const cells: Record<string, string> = {};
    let blank = true;
    for (const [key, column] of entries) {
      const text = row.cells[column] ?? '';
      cells[key] = text;
      if (text !== '') blank = false;
    }
    // rows with nothing in any column we read (spacers, notes in unrelated columns) carry no record
    if (!blank) rows.push({ rowNumber: row.rowNumber, cells });
  }
  const result: ReadTableResult = {
    headerRow: grid.rows[index]!.rowNumber,
    headerRowCount: rowCount,
    mapping: match.mapping,
    unknownColumns: match.unknown,
    rows,
  };
  if (grid.sheetName !== undefined) result.sheetName = grid.sheetName;
  if (grid.encoding !== undefined) result.encoding = grid.encoding;
  return result;
}

// ---------------------------------------------------------------------------------------------- xlsx

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

/** The compound-document container of .xls, .et and of password-protected .xlsx files. */
function isOle2(buffer: Buffer): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return buffer.length >= 8 && magic.every((byte, i) => buffer[i] === byte);
}

async function readXlsx(buffer: Buffer): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as an ArrayBuffer; a fresh copy is one, and JSZip reads it as is
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  } catch {
    return fail('文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开确认后重新保存');
  }
  // hidden sheets usually hold drop-down lists; they are read only when no visible sheet matches
  const sheets = [...workbook.worksheets].sort((a, b) => Number(a.state !== 'visible') - Number(b.state !== 'visible'));
  return sheets.map((sheet) => {
    const rows: GridRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      // merged cells other than the top-left one return the top-left cell's value: a value merged
      // down a column (a village name over its cadres) reaches every row, as the user reads it
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length > 0) rows.push({ rowNumber, cells });
    });
    return { sheetName: sheet.name, rows, fillParentsFromLeft: false };
  });
}

/** Text of an exceljs cell value, as the user would read it in Excel. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('').trim();
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('error' in v) return typeof v.error === 'string' ? v.error : '';
    if ('text' in v) return cellText(v.text); // hyperlinks; their text may itself be rich text
  }
  return String(value).trim();
}

/**
 * Numbers without exponents. Excel keeps 15 significant digits, so a long number (an ID number
 * typed into a number cell) is shown to 15 digits, as Excel shows it; the importer then reports it.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isSafeInteger(n)) return String(n);
  return expandExponent(String(Number(n.toPrecision(15))));
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return s;
  const [, sign, whole, fraction = '', exp] = m;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
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
  const time = `${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
  // a time-only cell is a time on Excel's day zero
  return date === '1899-12-30' ? time : `${date} ${time}`;
}

// ----------------------------------------------------------------------------------------------- csv

function readCsv(buffer: Buffer): Grid {
  const { text, encoding } = decodeText(buffer);
  const delimiter = guessDelimiter(text);
  const rows: GridRow[] = [];
  for (const record of parseCsv(text, delimiter)) {
    const cells = record.fields.map(csvCellText);
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) rows.push({ rowNumber: record.line, cells });
  }
  return { encoding, rows, fillParentsFromLeft: true };
}

/** `="0012"` is how exports keep Excel from eating leading zeros; the user means 0012. */
function csvCellText(field: string): string {
  const trimmed = field.trim();
  const m = /^="(.*)"$/s.exec(trimmed);
  return (m === null ? trimmed : m[1]!.replaceAll('""', '"')).trim();
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312) or Big5. */
export function decodeText(buffer: Buffer): { text: string; encoding: string } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: iconv.decode(buffer, 'utf-16le'), encoding: 'UTF-16LE' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: iconv.decode(buffer, 'utf-16be'), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: a Chinese legacy encoding
  }
  // chardet is unreliable on short Chinese text: for GBK it often answers Big5, ISO-8859-x or KOI8-R,
  // and now and then rates GBK as Big5 at 50–79%. Real Big5 mostly scores 80 or more, and reading
  // GBK as Big5 garbles everything, so Big5 needs 80 and a clear lead; otherwise read GB18030, which
  // is what Chinese Excel and WPS write.
  const guesses = chardet.analyse(buffer);
  const confidence = (name: string) => guesses.find((g) => g.name === name)?.confidence ?? 0;
  if (confidence('Big5') >= 80 && confidence('Big5') > confidence('GB18030')) {
    return { text: iconv.decode(buffer, 'big5'), encoding: 'Big5' };
  }
  return { text: iconv.decode(buffer, 'gb18030'), encoding: 'GB18030' };
}

/** Comma, unless the first lines have more tabs (Excel's "Unicode text" is tab-separated). */
function guessDelimiter(text: string): string {
  const head = text.slice(0, 4096);
  const count = (ch: string) => head.split(ch).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}

export interface CsvRecord {
  /** 1-based line the record starts on */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 with Excel's leniency: quoted fields may hold delimiters, doubled quotes and line breaks;
 * a quote inside an unquoted field is literal; CRLF, LF and CR all end a record.
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  const n = text.length;

  const endField = () => {
    fields.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      // quoted field
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\r' || c === '\n') {
          line++;
          if (c === '\r' && text[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            continue;
          }
        }
        field += c;
        i++;
      }
      if (!closed) fail(`CSV 格式有误：第${quoteLine}行开始的引号没有闭合`);
      atFieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // characters after a closing quote are kept, as Excel does with "ab"c
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || field !== '' || fields.length > 0) endRecord();
  return records;
}
