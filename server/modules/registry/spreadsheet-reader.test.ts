import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/shared/errors';
import type { ColumnSpec } from '../../../domain/shared/headers';
import { cellText, decodeText, parseCsv, readTable } from './spreadsheet-reader';

const spec = (key: string, label: string, aliases: string[] = [], required = false): ColumnSpec => ({
  key,
  label,
  aliases,
  required,
});

const SPECS: ColumnSpec[] = [
  spec('name', '姓名', [], true),
  spec('idNumber', '身份证号码', ['身份证号', '公民身份号码'], true),
  spec('relativeName', '亲属姓名'),
  spec('relation', '关系', ['与本人关系']),
  spec('village', '所在村', ['村名', '村（社区）']),
  spec('birthDate', '出生日期'),
  spec('note', '备注'),
];

/** An ID number typed into a number cell: a double cannot hold 18 digits. */
const ID_TYPED_AS_NUMBER = Number('110105194912310029');

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function expectImportError(promise: Promise<unknown>, ...parts: string[]): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe('IMPORT_FILE_INVALID');
  for (const part of parts) expect(domainError.message).toContain(part);
  return domainError;
}

/** A roster as offices send it: title, subtitle, a two-row merged header, merged cells, blank rows. */
async function rosterWorkbook(): Promise<Buffer> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('花名册');
    ws.getCell('A1').value = '某某镇村（社区）干部及亲属花名册';
    ws.mergeCells('A1:H1');
    ws.getCell('A2').value = '填报单位：某某镇党委（盖章）';
    ws.getCell('F2').value = '填报日期：2024年6月';
    ws.getCell('A3').value = '序号';
    ws.mergeCells('A3:A4');
    ws.getCell('B3').value = '姓名';
    ws.mergeCells('B3:B4');
    ws.getCell('C3').value = '身份证号码（18位）';
    ws.mergeCells('C3:C4');
    ws.getCell('D3').value = '亲属';
    ws.mergeCells('D3:E3');
    ws.getCell('D4').value = '姓名';
    ws.getCell('E4').value = '关系';
    ws.getCell('F3').value = '村（社区）';
    ws.mergeCells('F3:F4');
    ws.getCell('G3').value = '出生日期';
    ws.mergeCells('G3:G4');
    ws.getCell('H3').value = '备注';
    ws.mergeCells('H3:H4');

    ws.getRow(5).values = [1, '张三', '11010519491231002X', '张小三', '子女', '张家村', new Date(Date.UTC(1949, 11, 31)), ''];
    ws.getRow(6).values = [2, { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] }, ID_TYPED_AS_NUMBER, '', '', undefined, new Date(Date.UTC(1960, 1, 29)), { formula: 'A5&"号"', result: '1号' }];
    // the village merged down over two cadres
    ws.mergeCells('F5:F6');
    ws.getRow(7).values = [3, '  王五 ', { text: '110105194912310011', hyperlink: 'https://example.org' }, '王小五', '配偶', '银闸社区', '1970-01-01', { formula: 'A6*2', result: 4 }];
    // row 8 blank, row 9 holds only a note in a column we do not read
    ws.getCell('J9').value = '此行仅有表外备注';
    ws.getRow(10).values = [4, '赵六', '110105194912310011', '', '', '张家村', '', ''];
    // blank trailing rows: whitespace, styled but empty cells
    ws.getCell('B12').value = '   ';
    ws.getCell('C14').style = { font: { bold: true } };
    ws.getCell('A15').value = '';
  });
}

describe('readTable: xlsx', () => {
  it('finds a two-row merged header under title rows and reads the data rows', async () => {
    const table = await readTable({ buffer: await rosterWorkbook(), fileName: '干部花名册.xlsx' }, SPECS);
    expect(table.sheetName).toBe('花名册');
    expect(table.headerRow).toBe(3);
    expect(table.headerRowCount).toBe(2);
    expect(table.mapping).toEqual({ name: 1, idNumber: 2, relativeName: 3, relation: 4, village: 5, birthDate: 6, note: 7 });
    expect(table.unknownColumns).toEqual(['序号']);
    expect(table.rows).toEqual([
      {
        rowNumber: 5,
        cells: { name: '张三', idNumber: '11010519491231002X', relativeName: '张小三', relation: '子女', village: '张家村', birthDate: '1949-12-31', note: '' },
      },
      {
        rowNumber: 6,
        // rich text → plain; a number loses its digits beyond 15 as Excel shows it; merged village
        // repeats; a formula gives its result
        cells: { name: '李四', idNumber: '110105194912310000', relativeName: '', relation: '', village: '张家村', birthDate: '1960-02-29', note: '1号' },
      },
      {
        rowNumber: 7,
        cells: { name: '王五', idNumber: '110105194912310011', relativeName: '王小五', relation: '配偶', village: '银闸社区', birthDate: '1970-01-01', note: '4' },
      },
      {
        rowNumber: 10,
        cells: { name: '赵六', idNumber: '110105194912310011', relativeName: '', relation: '', village: '张家村', birthDate: '', note: '' },
      },
    ]);
  });

  it('reads a plain one-row header on the first row', async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['姓名', '公民身份号码', '与本人关系']);
      ws.addRow(['张三', '11010519491231002X', '本人']);
    });
    const table = await readTable({ buffer, fileName: 'a.XLSX' }, SPECS);
    expect(table.headerRow).toBe(1);
    expect(table.headerRowCount).toBe(1);
    expect(table.mapping).toEqual({ name: 0, idNumber: 1, relation: 2 });
    expect(table.rows).toEqual([{ rowNumber: 2, cells: { name: '张三', idNumber: '11010519491231002X', relation: '本人' } }]);
  });

  it('uses the first worksheet with a matching header, visible sheets before hidden ones', async () => {
    const buffer = await xlsx((wb) => {
      const hidden = wb.addWorksheet('选项');
      hidden.state = 'hidden';
      hidden.addRow(['姓名', '身份证号码']);
      hidden.addRow(['下拉', '选项']);
      wb.addWorksheet('填表说明').addRow(['请按模板填写，身份证号码请设置为文本格式']);
      const data = wb.addWorksheet('数据');
      data.addRow(['姓名', '身份证号码']);
      data.addRow(['张三', '11010519491231002X']);
    });
    const table = await readTable({ buffer, fileName: 'a.xlsx' }, SPECS);
    expect(table.sheetName).toBe('数据');
    expect(table.rows.map((r) => r.cells.name)).toEqual(['张三']);
  });

  it('finds the header on the 10th non-blank row but not on the 11th', async () => {
    const make = (titleRows: number) =>
      xlsx((wb) => {
        const ws = wb.addWorksheet('S');
        for (let i = 0; i < titleRows; i++) ws.addRow([`说明第${i + 1}行`]);
        ws.addRow(['姓名', '身份证号码']);
        ws.addRow(['张三', '11010519491231002X']);
      });
    const table = await readTable({ buffer: await make(9), fileName: 'a.xlsx' }, SPECS);
    expect(table.headerRow).toBe(10);
    expect(table.rows).toHaveLength(1);
    await expectImportError(readTable({ buffer: await make(10), fileName: 'a.xlsx' }, SPECS), '缺少必需的列');
  });

  it('names the missing required columns by label', async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['序号', '姓名', '性别']);
      ws.addRow([1, '张三', '男']);
    });
    const error = await expectImportError(
      readTable({ buffer, fileName: 'a.xlsx' }, SPECS),
      '缺少必需的列：“身份证号码”（最接近的表头在第1行）',
    );
    expect(error.message).not.toContain('姓名');
    expect(error.details).toEqual({ missingColumns: ['身份证号码'] });
  });

  it('points at the closest header across several worksheets', async () => {
    const buffer = await xlsx((wb) => {
      wb.addWorksheet('说明').addRow(['填表说明']);
      const ws = wb.addWorksheet('名单');
      ws.addRow(['某村干部名单']);
      ws.addRow(['姓名', '职务']);
    });
    const error = await expectImportError(readTable({ buffer, fileName: 'a.xlsx' }, SPECS), '（最接近的表头在工作表“名单”第2行）');
    expect(error.message).not.toContain('“姓名”');
  });

  it('names every missing column when nothing matches', async () => {
    const buffer = await xlsx((wb) => wb.addWorksheet('S').addRow(['甲', '乙']));
    const error = await expectImportError(readTable({ buffer, fileName: 'a.xlsx' }, SPECS), '“姓名”、“身份证号码”');
    expect(error.details).toEqual({ missingColumns: ['姓名', '身份证号码'] });
  });

  it('refuses a workbook with nothing in it', async () => {
    const buffer = await xlsx((wb) => wb.addWorksheet('S'));
    await expectImportError(readTable({ buffer, fileName: 'a.xlsx' }, SPECS), '没有任何内容');
  });

  it('returns no rows for a header without data', async () => {
    const buffer = await xlsx((wb) => wb.addWorksheet('S').addRow(['姓名', '身份证号码']));
    const table = await readTable({ buffer, fileName: 'a.xlsx' }, SPECS);
    expect(table.rows).toEqual([]);
  });
});

describe('readTable: file types', () => {
  const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

  it.each([
    ['.xls content named .xls', ole2, '名册.xls', ['不支持旧版 Excel（.xls）格式', '另存为', '.xlsx', '.csv']],
    ['.xls named .xls but HTML inside', Buffer.from('<html><table></table></html>'), '名册.xls', ['不支持旧版 Excel（.xls）格式']],
    ['OLE2 content named .xlsx (encrypted or old)', ole2, '名册.xlsx', ['加密', '另存为']],
    ['OLE2 content named .csv', ole2, '名册.csv', ['.xls']],
    ['broken zip named .xlsx', Buffer.from('PK\u0003\u0004garbage'), '名册.xlsx', ['已损坏']],
    ['text named .xlsx', Buffer.from('姓名,身份证号码'), '名册.xlsx', ['已损坏']],
    ['pdf', Buffer.from('%PDF-1.4'), '名册.pdf', ['不支持的文件类型“.pdf”', '.xlsx 或 .csv']],
    ['no extension', Buffer.from('x'), '名册', ['无法识别文件类型']],
    ['empty file', Buffer.alloc(0), '名册.xlsx', ['文件是空的']],
    ['empty csv', Buffer.alloc(0), '名册.csv', ['文件是空的']],
    ['csv of blank lines', Buffer.from('\r\n\r\n , \r\n'), '名册.csv', ['没有任何内容']],
  ])('%s', async (_title, buffer, fileName, parts) => {
    await expectImportError(readTable({ buffer, fileName }, SPECS), ...parts);
  });

  it('reads an .xlsx content whatever its extension says', async () => {
    const buffer = await xlsx((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['姓名', '身份证号码']);
      ws.addRow(['张三', '11010519491231002X']);
    });
    const table = await readTable({ buffer, fileName: '名册.csv' }, SPECS);
    expect(table.rows).toHaveLength(1);
  });
});

const CSV_ROSTER = [
  '某某镇村干部花名册',
  '序号,姓名,身份证号码,所在村,备注',
  '1,张三,11010519491231002X,张家村,',
  '2,李四,110105194912310011,银闸社区,"党员,退伍军人"',
  '',
  ',,,,',
  '3,王五,="011010519491231002",三坝社区,',
  '',
].join('\r\n');

describe('readTable: csv', () => {
  const expectedRows = [
    { rowNumber: 3, cells: { name: '张三', idNumber: '11010519491231002X', village: '张家村', note: '' } },
    { rowNumber: 4, cells: { name: '李四', idNumber: '110105194912310011', village: '银闸社区', note: '党员,退伍军人' } },
    { rowNumber: 7, cells: { name: '王五', idNumber: '011010519491231002', village: '三坝社区', note: '' } },
  ];

  it.each([
    ['GBK', iconv.encode(CSV_ROSTER, 'gbk'), 'GB18030'],
    ['GB18030', iconv.encode(CSV_ROSTER, 'gb18030'), 'GB18030'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV_ROSTER, 'utf8')]), 'UTF-8'],
    ['UTF-8 without BOM', Buffer.from(CSV_ROSTER, 'utf8'), 'UTF-8'],
    ['UTF-16LE with BOM', iconv.encode(CSV_ROSTER, 'utf-16le', { addBOM: true }), 'UTF-16LE'],
  ])('reads %s under a title row', async (_title, buffer, encoding) => {
    const table = await readTable({ buffer, fileName: '花名册.csv' }, SPECS);
    expect(table.encoding).toBe(encoding);
    expect(table.headerRow).toBe(2);
    expect(table.headerRowCount).toBe(1);
    expect(table.mapping).toEqual({ name: 1, idNumber: 2, village: 3, note: 4 });
    expect(table.unknownColumns).toEqual(['序号']);
    expect(table.rows).toEqual(expectedRows);
  });

  it('reads GBK characters outside GB2312 (rare surname characters)', async () => {
    const text = '姓名,身份证号码\n堃喆,11010519491231002X\n';
    const table = await readTable({ buffer: iconv.encode(text, 'gbk'), fileName: 'a.csv' }, SPECS);
    expect(table.rows[0]!.cells.name).toBe('堃喆');
  });

  it('reads Big5 when it is clearly Big5', async () => {
    const text = '姓名,身份證號碼,所在村\n張國強,11010519491231002X,張家村\n陳麗華,110105194912310011,銀閘社區\n';
    const table = await readTable({ buffer: iconv.encode(text, 'big5'), fileName: 'a.csv' }, SPECS);
    expect(table.encoding).toBe('Big5');
    expect(table.rows.map((r) => r.cells.name)).toEqual(['張國強', '陳麗華']);
  });

  it('keeps quoted commas, doubled quotes and line breaks, numbering rows by their first line', async () => {
    const text = [
      '姓名,身份证号码,备注',
      '"张三","11010519491231002X","他说""好"""',
      '李四,110105194912310011,"第一行',
      '第二行,仍在备注内"',
      '王五,11010519491231002X,尾',
    ].join('\n');
    const table = await readTable({ buffer: Buffer.from(text), fileName: 'a.csv' }, SPECS);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: { name: '张三', idNumber: '11010519491231002X', note: '他说"好"' } },
      { rowNumber: 3, cells: { name: '李四', idNumber: '110105194912310011', note: '第一行\n第二行,仍在备注内' } },
      { rowNumber: 5, cells: { name: '王五', idNumber: '11010519491231002X', note: '尾' } },
    ]);
  });

  it('reads a two-row header whose parent is written once over its sub-columns', async () => {
    // 亲属 is written over 关系 only; the 姓名 beside it belongs to 亲属 too
    const text = ['姓名,身份证号码,亲属,,备注', ',,关系,姓名,', '张三,11010519491231002X,子女,张小三,无'].join('\n');
    const table = await readTable({ buffer: Buffer.from(text), fileName: 'a.csv' }, SPECS);
    expect(table.headerRow).toBe(1);
    expect(table.headerRowCount).toBe(2);
    expect(table.mapping).toEqual({ name: 0, idNumber: 1, relation: 2, relativeName: 3, note: 4 });
    expect(table.rows).toEqual([
      { rowNumber: 3, cells: { name: '张三', idNumber: '11010519491231002X', relation: '子女', relativeName: '张小三', note: '无' } },
    ]);
  });

  it('reads tab-separated text', async () => {
    const text = '姓名\t身份证号码\n张三\t11010519491231002X\n';
    const table = await readTable({ buffer: iconv.encode(text, 'utf-16le', { addBOM: true }), fileName: 'a.txt' }, SPECS);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: { name: '张三', idNumber: '11010519491231002X' } }]);
  });

  it('names the missing column', async () => {
    const text = iconv.encode('姓名,性别\n张三,男\n', 'gbk');
    const error = await expectImportError(readTable({ buffer: text, fileName: 'a.csv' }, SPECS), '“身份证号码”');
    expect(error.message).not.toContain('“姓名”');
  });

  it('refuses an unclosed quote, naming its line', async () => {
    const text = '姓名,身份证号码\n张三,11010519491231002X\n"李四,110105194912310011\n王五,1\n';
    await expectImportError(readTable({ buffer: Buffer.from(text), fileName: 'a.csv' }, SPECS), '第3行', '引号没有闭合');
  });
});

describe('parseCsv', () => {
  it.each<[string, string, { line: number; fields: string[] }[]]>([
    ['empty', '', []],
    ['one field', 'a', [{ line: 1, fields: ['a'] }]],
    ['trailing newline adds no record', 'a,b\n', [{ line: 1, fields: ['a', 'b'] }]],
    ['CRLF, LF and CR', 'a\r\nb\nc\rd', [
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
      { line: 3, fields: ['c'] },
      { line: 4, fields: ['d'] },
    ]],
    ['empty fields', ',a,,', [{ line: 1, fields: ['', 'a', '', ''] }]],
    ['blank line is a record of one empty field', 'a\n\nb', [
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['b'] },
    ]],
    ['quoted delimiter', '"a,b",c', [{ line: 1, fields: ['a,b', 'c'] }]],
    ['doubled quotes', '"a""b"', [{ line: 1, fields: ['a"b'] }]],
    ['only a doubled quote', '""""', [{ line: 1, fields: ['"'] }]],
    ['empty quoted field', '"",x', [{ line: 1, fields: ['', 'x'] }]],
    ['CRLF inside quotes counts lines', '"a\r\nb",c\r\nd', [
      { line: 1, fields: ['a\r\nb', 'c'] },
      { line: 3, fields: ['d'] },
    ]],
    ['quote inside an unquoted field is literal', 'a"b,c', [{ line: 1, fields: ['a"b', 'c'] }]],
    ['text after a closing quote is kept', '"ab"c,d', [{ line: 1, fields: ['abc', 'd'] }]],
    ['space before a quote makes it literal', ' "a,b"', [{ line: 1, fields: [' "a', 'b"'] }]],
    ['Chinese punctuation is not a delimiter', '张三，李四,王五', [{ line: 1, fields: ['张三，李四', '王五'] }]],
  ])('%s', (_title, text, records) => {
    expect(parseCsv(text)).toEqual(records);
  });

  it('splits on tabs when asked', () => {
    expect(parseCsv('a\tb,c\n', '\t')).toEqual([{ line: 1, fields: ['a', 'b,c'] }]);
  });
});

describe('decodeText', () => {
  it.each([
    ['UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('巡察')]), '巡察', 'UTF-8'],
    ['UTF-8', Buffer.from('巡察组'), '巡察组', 'UTF-8'],
    ['ASCII', Buffer.from('a,b'), 'a,b', 'UTF-8'],
    ['GBK', iconv.encode('巡察组,村', 'gbk'), '巡察组,村', 'GB18030'],
    ['short GBK that chardet calls Big5', iconv.encode('巡察', 'gbk'), '巡察', 'GB18030'],
    // chardet rates this GBK text Big5 at 71% (GB18030 10%)
    ['GBK that chardet rates Big5 71%', iconv.encode('强山之向水料从已地老处', 'gbk'), '强山之向水料从已地老处', 'GB18030'],
    ['UTF-16LE', iconv.encode('巡察', 'utf-16le', { addBOM: true }), '巡察', 'UTF-16LE'],
    ['UTF-16BE', iconv.encode('巡察', 'utf-16be', { addBOM: true }), '巡察', 'UTF-16BE'],
  ])('%s', (_title, buffer, text, encoding) => {
    expect(decodeText(buffer)).toEqual({ text, encoding });
  });
});

describe('cellText', () => {
  it.each<[string, unknown, string]>([
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['string is trimmed', '  张三\u3000', '张三'],
    ['integer', 42, '42'],
    ['negative', -5, '-5'],
    ['decimal', 12.5, '12.5'],
    ['float noise rounded as Excel shows it', 0.1 + 0.2, '0.3'],
    ['large integer without exponent', 1e21, '1000000000000000000000'],
    ['ID number stored as number, 15 significant digits', ID_TYPED_AS_NUMBER, '110105194912310000'],
    ['safe integer kept exactly', 9007199254740991, '9007199254740991'],
    ['tiny number without exponent', 1e-7, '0.0000001'],
    ['negative tiny number', -1.5e-8, '-0.000000015'],
    ['boolean', true, 'TRUE'],
    ['date', new Date(Date.UTC(2024, 5, 1)), '2024-06-01'],
    ['date with time', new Date(Date.UTC(2024, 5, 1, 8, 30)), '2024-06-01 08:30'],
    ['date with seconds', new Date(Date.UTC(2024, 5, 1, 8, 30, 15)), '2024-06-01 08:30:15'],
    ['time only', new Date(Date.UTC(1899, 11, 30, 14, 5)), '14:05'],
    ['invalid date', new Date(Number.NaN), ''],
    ['rich text', { richText: [{ text: '张' }, { text: '三 ' }] }, '张三'],
    ['formula with number result', { formula: 'A1+1', result: 5 }, '5'],
    ['formula with string result', { formula: 'A1', result: '村' }, '村'],
    ['formula with date result', { formula: 'TODAY()', result: new Date(Date.UTC(2024, 0, 2)) }, '2024-01-02'],
    ['formula without result', { formula: 'A1' }, ''],
    ['formula with error result', { formula: '1/0', result: { error: '#DIV/0!' } }, '#DIV/0!'],
    ['shared formula', { sharedFormula: 'A1', result: 7 }, '7'],
    ['hyperlink', { text: '链接', hyperlink: 'https://example.org' }, '链接'],
    ['hyperlink with rich text', { text: { richText: [{ text: '链' }, { text: '接' }] }, hyperlink: 'x' }, '链接'],
    ['error', { error: '#N/A' }, '#N/A'],
  ])('%s', (_title, value, expected) => {
    expect(cellText(value)).toBe(expected);
  });
});
