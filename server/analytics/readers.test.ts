import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/shared/errors';
import { analyticsEngine, closeAnalyticsEngine, type AnalyticsEngine } from './engine';
import { Readable } from 'node:stream';
import { csvErrorMessage, gb18030Decoder, previewSource, stageSource, type HeaderLayout, type SourcePreview } from './readers';

let dir: string;
let engine: AnalyticsEngine;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-readers-'));
  engine = analyticsEngine({ dataDir: dir, analyticsThreads: 2, analyticsMemory: '1GB' });
});
afterAll(() => {
  closeAnalyticsEngine(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

const ROLL = ['2023年度城关镇低保发放花名册', '单位：元', '序号,姓名,身份证号码,所属村,发放金额,发放日期', '1,张三,110101199003071234,东关村,"1,200.50",2023年5月', '2,李四,110101199003075678,西关村,800,2023-05-01'];

function write(name: string, content: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function layoutFrom(p: SourcePreview, headerRow: number, dataStartRow: number): HeaderLayout {
  const header = p.rows.find((r) => r.row === headerRow)!;
  return { headerRow, headerRowCount: 1, dataStartRow, headers: header.cells };
}

async function stagedRows(file: string, p: SourcePreview, layout: HeaderLayout) {
  const work = fs.mkdtempSync(path.join(dir, 'work-'));
  const staged = await stageSource(file, p.info, layout, work, { signal: new AbortController().signal });
  return engine.use(async (conn) => (await conn.runAndReadAll(`select * from ${staged.relation}`)).getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))));
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    const translated = csvErrorMessage((e as Error).message);
    if (translated) return translated;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('CSV encodings and delimiters', () => {
  it.each([
    ['UTF-8', 'utf8.csv', Buffer.from(ROLL.join('\n'), 'utf8')],
    ['UTF-8-BOM', 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ROLL.join('\r\n'), 'utf8')])],
    ['GB18030', 'gbk.csv', iconv.encode(ROLL.join('\r\n'), 'gbk')],
  ])('%s: detected, previewed and staged with the source row numbers', async (encoding, name, content) => {
    const file = write(name, content);
    const p = await previewSource(engine, file, name);
    expect(p.info).toMatchObject({ format: 'csv', encoding, delimiter: ',' });
    expect(p.rows[2]!.cells).toEqual(['序号', '姓名', '身份证号码', '所属村', '发放金额', '发放日期']);
    expect(p.rows[3]!.cells[1]).toBe('张三');
    const rows = await stagedRows(file, p, layoutFrom(p, 3, 4));
    expect(rows).toEqual([
      [4, '1', '张三', '110101199003071234', '东关村', '1,200.50', '2023年5月'],
      [5, '2', '李四', '110101199003075678', '西关村', '800', '2023-05-01'],
    ]);
  });

  it('GB18030 with its BOM (84 31 95 33): the BOM is in neither the preview nor the staged rows', async () => {
    const file = write('gb18030-bom.csv', Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode(['姓名,身份证号码,金额', '王五,110101199003079999,1000'].join('\r\n'), 'gb18030')]));
    const p = await previewSource(engine, file, 'gb18030-bom.csv');
    expect(p.info).toMatchObject({ format: 'csv', encoding: 'GB18030', delimiter: ',' });
    expect(p.rows[0]!.cells).toEqual(['姓名', '身份证号码', '金额']);
    expect(await stagedRows(file, p, layoutFrom(p, 1, 1))).toEqual([
      [1, '姓名', '身份证号码', '金额'],
      [2, '王五', '110101199003079999', '1000'],
    ]);
  });

  it('reads a tab-delimited file (Excel “Unicode text”)', async () => {
    const file = write('tab.txt', ['姓名\t身份证号码\t金额', '王五\t110101199003079999\t1,000'].join('\n'));
    const p = await previewSource(engine, file, 'tab.txt');
    expect(p.info.delimiter).toBe('\t');
    expect(await stagedRows(file, p, layoutFrom(p, 1, 2))).toEqual([[2, '王五', '110101199003079999', '1,000']]);
  });

  it('the user may override a wrong encoding guess, and reading GBK as UTF-8 is a clear error naming the row', async () => {
    const rows = ['姓名,金额', ...Array.from({ length: 3 }, () => 'abc,1'), '张三,100'];
    const file = write('late-gbk.csv', iconv.encode(rows.join('\n'), 'gbk'));
    const asUtf8 = await previewSource(engine, file, 'late-gbk.csv', { encoding: 'UTF-8' });
    const message = await failure(() => stagedRows(file, asUtf8, { headerRow: 1, headerRowCount: 1, dataStartRow: 2, headers: ['姓名', '金额'] }));
    expect(message).toMatch(/^第 1 行：不是有效的 UTF-8 文本|^第 5 行：不是有效的 UTF-8 文本/);
    const detected = await previewSource(engine, file, 'late-gbk.csv');
    expect(detected.info.encoding).toBe('GB18030');
    expect((await stagedRows(file, detected, { headerRow: 1, headerRowCount: 1, dataStartRow: 2, headers: ['姓名', '金额'] })).at(-1)).toEqual([5, '张三', '100']);
  });
});

describe('GB18030 decoding', () => {
  /** Feeds `bytes` through the decoder in chunks of `size` bytes. */
  async function decodeInChunks(bytes: Buffer, size: number): Promise<string> {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    const out: Buffer[] = [];
    for await (const piece of Readable.from(chunks).pipe(gb18030Decoder())) out.push(piece as Buffer);
    return Buffer.concat(out).toString('utf8');
  }

  it('gives exactly what iconv-lite gives, whatever the chunks, also where the built-in decoder reads bytes differently', async () => {
    const lines: Buffer[] = [Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode('姓名,身份证号码,金额\r\n张三,110101199003071234,"1,200.50"\n', 'gb18030')];
    // every two-byte code, a line each (A6D9 … and FE59 … are the codes WHATWG maps elsewhere)
    for (let a = 0x81; a <= 0xfe; a++) {
      const line: number[] = [];
      for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) line.push(a, b);
      lines.push(Buffer.from([...line, 0x0a]));
    }
    // four-byte sequences past the BMP table, a lone lead byte before a line feed, a truncated end
    lines.push(Buffer.from([0x84, 0x31, 0xa5, 0x30, 0x2c, 0x90, 0x30, 0x81, 0x30, 0x0a, 0x81, 0x0a, 0xff, 0x0a, 0x41, 0x81]));
    const bytes = Buffer.concat(lines);
    // iconv-lite keeps the GB18030 BOM; the import drops it
    const expected = iconv.decode(bytes, 'gb18030').replace(/^\ufeff/, '');
    expect(expected.startsWith('姓名')).toBe(true);
    for (const size of [1, 3, 4096, 1 << 20]) expect(await decodeInChunks(bytes, size)).toBe(expected);
  });
});

describe('bad CSV files get the row in Chinese', () => {
  it('ragged row', async () => {
    const lines = ['姓名,身份证号码,金额', ...Array.from({ length: 1202 }, (_, i) => `人${i},1101011990030${String(i).padStart(5, '0')},1`), '坏行,1,2,3,4'];
    const file = write('ragged.csv', lines.join('\n'));
    const p = await previewSource(engine, file, 'ragged.csv');
    const message = await failure(() => stagedRows(file, p, layoutFrom(p, 1, 2)));
    expect(message).toBe('第 1,204 行：列数为 5，表头为 3 列。请检查这一行是否多了或少了分隔符（逗号），或单元格中的逗号没有用引号括起来');
  });

  it('unterminated quote', async () => {
    const file = write('quote.csv', '姓名,金额\n张三,"100\n李四,200\n');
    const p = await previewSource(engine, file, 'quote.csv');
    expect(await failure(() => stagedRows(file, p, layoutFrom(p, 1, 2)))).toMatch(/^第 2 行：引号没有闭合/);
  });

  it('a 10 MB cell is refused with its row, not a crash', async () => {
    const file = write('big-cell.csv', `姓名,备注\n张三,短\n李四,${'长'.repeat(3_500_000)}\n`);
    const p = await previewSource(engine, file, 'big-cell.csv');
    expect(await failure(() => stagedRows(file, p, layoutFrom(p, 1, 2)))).toMatch(/^第 3 行：这一行长 10\.0 MB，超过单行上限 1\.9 MB/);
  });

  it('an empty file, or one of blank lines only', async () => {
    expect(await failure(() => previewSource(engine, write('empty.csv', ''), 'empty.csv'))).toBe('文件为空');
    expect(await failure(() => previewSource(engine, write('blank.csv', '\n\r\n  \n'), 'blank.csv'))).toBe('文件为空');
  });

  it('old .xls and unknown types are refused by content', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(await failure(() => previewSource(engine, write('old.xls', ole), 'old.xls'))).toMatch(/不支持旧版 Excel/);
    expect(await failure(() => previewSource(engine, write('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0, 1])), 'photo.jpg'))).toMatch(/不支持的文件类型“\.jpg”/);
  });
});

describe('xlsx, streamed', () => {
  it('a title row and a two-row merged header; dates as ISO and numbers without float noise', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['2023年度耕地地力保护补贴发放表']);
    ws.mergeCells('A1:E1');
    ws.addRow(['姓名', '身份证号码', '补贴面积', null, '发放日期']);
    ws.addRow([null, null, '确权面积', '计补面积', null]);
    ws.mergeCells('C2:D2');
    ws.mergeCells('A2:A3');
    ws.addRow(['张三', '110101199003071234', 0.1 + 0.2, 12.5, new Date(Date.UTC(2023, 4, 5))]);
    ws.getCell('E4').numFmt = 'yyyy-mm-dd';
    const file = path.join(dir, 'roll.xlsx');
    await wb.xlsx.writeFile(file);
    const p = await previewSource(engine, file, 'roll.xlsx');
    expect(p.info).toMatchObject({ format: 'xlsx', sheetName: '花名册' });
    expect(p.rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    const rows = await stagedRows(file, p, { headerRow: 2, headerRowCount: 2, dataStartRow: 4, headers: ['姓名', '身份证号码', '补贴面积-确权面积', '补贴面积-计补面积', '发放日期'] });
    expect(rows).toEqual([[4, '张三', '110101199003071234', '0.3', '12.5', '2023-05-05']]);
  });
});

describe('xlsx memory', () => {
  it('stages a 50,000-row workbook row by row: memory stays flat', async () => {
    const file = path.join(dir, 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = writer.addWorksheet('发放');
    sheet.addRow(['2023年度发放花名册']).commit();
    sheet.addRow(['姓名', '身份证号码', '所属村', '发放金额', '发放日期', '备注']).commit();
    for (let i = 0; i < 50_000; i++) {
      sheet.addRow([`姓名${i}`, `32048119500101${String(i % 10000).padStart(4, '0')}`, `第${i % 300}村`, (i % 997) + 0.5, new Date(Date.UTC(2023, i % 12, (i % 28) + 1)), `备注文字${'长'.repeat(i % 40)}`]).commit();
    }
    sheet.commit();
    await writer.commit();
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const p = await previewSource(engine, file, 'big.xlsx');
      const work = fs.mkdtempSync(path.join(dir, 'work-'));
      const staged = await stageSource(file, p.info, { headerRow: 2, headerRowCount: 1, dataStartRow: 3, headers: p.rows[1]!.cells }, work, { signal: new AbortController().signal });
      const [count, last] = await engine.use(async (conn) => {
        const rows = (await conn.runAndReadAll(`select count(*), max(_row) from ${staged.relation}`)).getRowsJS()[0]!;
        return rows.map(Number);
      });
      expect(count).toBe(50_000);
      expect(last).toBe(50_002);
    } finally {
      clearInterval(timer);
    }
    // loose: loading this workbook whole grows RSS by ~200 MB (measured); the row-by-row reader by ~40 MB
    expect(peak - before).toBeLessThan(120 * 1024 * 1024);
  });
});

describe('Parquet', () => {
  it('previews the column names and stages every column as text with the row number', async () => {
    const file = path.join(dir, 'source.parquet');
    await engine.use((conn) => conn.run(`copy (select * from (values ('张三', 1200.5::double, date '2023-05-01'), ('李四', 800, date '2023-06-01')) t(姓名, 金额, 日期)) to '${file}' (format parquet)`));
    const p = await previewSource(engine, file, 'source.parquet');
    expect(p.columnNames).toEqual(['姓名', '金额', '日期']);
    const rows = await stagedRows(file, p, { headerRow: 0, headerRowCount: 1, dataStartRow: 1, headers: ['姓名', '金额', '日期'] });
    expect(rows).toEqual([
      [1, '张三', '1200.5', '2023-05-01'],
      [2, '李四', '800.0', '2023-06-01'],
    ]);
  });
});
