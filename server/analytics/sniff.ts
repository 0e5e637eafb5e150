/**
 * What an uploaded dataset file is: format by its first bytes (never by its name alone), and for
 * text the encoding (BOM, then UTF-8 validity, then chardet between GB18030 and Big5) and the
 * delimiter (comma or tab, counted outside quotes on the first lines). Only a sample is read, so a
 * file of several GB is sniffed in milliseconds; the import re-checks as it reads everything.
 */
import fs from 'node:fs';
import * as chardet from 'chardet';
import iconv from 'iconv-lite';
import { DomainError } from '../../domain/shared/errors';

export type FileFormat = 'csv' | 'xlsx' | 'parquet';
/** Encodings of text files we read; everything but UTF-8 is transcoded to UTF-8 while staging. */
export const TEXT_ENCODINGS = ['UTF-8', 'UTF-8-BOM', 'GB18030', 'Big5', 'UTF-16LE', 'UTF-16BE'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'UTF-8': 'UTF-8',
  'UTF-8-BOM': 'UTF-8（带 BOM）',
  GB18030: 'GBK / GB18030',
  Big5: 'Big5（繁体）',
  'UTF-16LE': 'UTF-16',
  'UTF-16BE': 'UTF-16（大端）',
};
export type Delimiter = ',' | '\t';

export const SAMPLE_BYTES = 256 * 1024;

export function invalidFile(message: string, details?: Record<string, unknown>): never {
  throw new DomainError('ANALYTICS_FILE_INVALID', message, details);
}

export function readSample(filePath: string, bytes = SAMPLE_BYTES): { sample: Buffer; size: number } {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const sample = Buffer.alloc(Math.min(bytes, size));
    fs.readSync(fd, sample, 0, sample.length, 0);
    return { sample, size };
  } finally {
    fs.closeSync(fd);
  }
}

/** The format by content; the extension only words the error for what cannot be read. */
export function detectFormat(sample: Buffer, fileName: string): FileFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (sample.length === 0) invalidFile('文件为空');
  if (sample.subarray(0, 4).equals(Buffer.from('PAR1'))) return 'parquet';
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) {
    if (ext === 'xlsx' || ext === 'xlsm' || ext === '') return 'xlsx';
    invalidFile(`“.${ext}”文件是压缩包，不是表格。请上传 .xlsx、.csv 或 .parquet 文件`);
  }
  const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (sample.subarray(0, 8).equals(ole2)) {
    invalidFile('不支持旧版 Excel（.xls）或加密的工作簿，请在 Excel 或 WPS 中取消密码并“另存为” .xlsx 或 .csv 后再导入');
  }
  if (ext === 'xlsx' || ext === 'xlsm') invalidFile('文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开确认后重新保存');
  if (ext === 'parquet') invalidFile('文件不是有效的 Parquet 文件');
  if (ext !== '' && !['csv', 'txt', 'tsv'].includes(ext)) invalidFile(`不支持的文件类型“.${ext}”，请上传 .csv、.xlsx 或 .parquet 文件`);
  // binary content (NUL bytes outside UTF-16) is no text table
  if (!(sample[0] === 0xff && sample[1] === 0xfe) && !(sample[0] === 0xfe && sample[1] === 0xff) && sample.includes(0)) {
    invalidFile('文件不是文本表格（CSV），请上传 .csv、.xlsx 或 .parquet 文件');
  }
  return 'csv';
}

/** Drops an incomplete UTF-8 sequence cut off at the end of a sample. */
function wholeUtf8(sample: Buffer, complete: boolean): Buffer {
  if (complete) return sample;
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    if ((byte & 0xc0) === 0xc0) end -= back; // a lead byte whose sequence may be cut
    break;
  }
  return sample.subarray(0, end);
}

/**
 * UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (superset of GBK/GB2312, what
 * Chinese Excel and WPS write) unless chardet is sure of Big5. chardet is unreliable on short
 * Chinese text (it often calls GBK Big5 at 50–79%), so Big5 needs 80 and a lead over GB18030.
 */
export function detectEncoding(sample: Buffer, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'UTF-8-BOM';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'UTF-16LE';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'UTF-16BE';
  if (sample[0] === 0x84 && sample[1] === 0x31 && sample[2] === 0x95 && sample[3] === 0x33) return 'GB18030';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(wholeUtf8(sample, complete));
    return 'UTF-8';
  } catch {
    // a legacy Chinese encoding
  }
  const guesses = chardet.analyse(sample);
  const confidence = (name: string) => guesses.find((g) => g.name === name)?.confidence ?? 0;
  if (confidence('Big5') >= 80 && confidence('Big5') > confidence('GB18030')) return 'Big5';
  return 'GB18030';
}

/** Text of a sample in an encoding (without BOM). */
export function decodeSample(sample: Buffer, encoding: TextEncoding, complete: boolean): string {
  switch (encoding) {
    case 'UTF-8':
      return wholeUtf8(sample, complete).toString('utf8');
    case 'UTF-8-BOM':
      return wholeUtf8(sample, complete).subarray(3).toString('utf8');
    case 'UTF-16LE':
    case 'UTF-16BE':
      return iconv.decode(sample.subarray(2, complete ? sample.length : sample.length - (sample.length % 2)), encoding.toLowerCase());
    case 'GB18030':
    case 'Big5': {
      // iconv-lite keeps a GB18030 BOM (84 31 95 33) as U+FEFF
      const text = iconv.decode(sample, encoding.toLowerCase()).replace(/^\uFEFF/, '');
      // a multi-byte character cut at the end of the sample decodes to U+FFFD
      return complete ? text : text.replace(/\uFFFD$/, '');
    }
  }
}

/** Comma, unless the first lines have more tabs outside quotes (Excel's "Unicode text" is tab-separated). */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 50; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === '\t') tabs++;
    else if (!quoted && ch === '\n') lines++;
  }
  return tabs > commas ? '\t' : ',';
}

export interface SampleRecord {
  /** 1-based line the record starts on */
  line: number;
  cells: string[];
}

/**
 * The records of a decoded sample (RFC 4180 as DuckDB's strict reader reads it: quotes double as
 * escapes). The last record is dropped when the sample was cut, since it may be incomplete.
 */
export function parseSample(text: string, delimiter: Delimiter, complete: boolean, limit = 200): SampleRecord[] {
  const records: SampleRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  const push = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    push();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells: cells.map((c) => c.trim()) });
    cells = [];
  };
  while (i < text.length && records.length < limit) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) push();
    else if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else cell += ch;
    i++;
  }
  if (complete && records.length < limit && (cell !== '' || cells.length > 0)) endRecord();
  return records;
}
