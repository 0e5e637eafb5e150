/**
 * Workbooks in and out for checklist versions. The layout (columns, headers, what a cell means) is in
 * domain/checklists/spreadsheet.ts; this file only moves strings between cells and grids.
 */
import ExcelJS from 'exceljs';
import type { CatalogueContent } from '../../../domain/checklists/catalogue';
import { contentToRows, ITEM_COLUMNS, ITEM_SHEET, META_SHEET, metaToRows, type SheetMeta } from '../../../domain/checklists/spreadsheet';
import { DomainError } from '../../../domain/shared/errors';

/** Display width of a line: CJK and full-width characters take two columns. */
const displayWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

export async function writeChecklistWorkbook(meta: SheetMeta & { version: string }, content: CatalogueContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xuncha';
  const ws = wb.addWorksheet(ITEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = contentToRows(content);
  rows.forEach((r) => ws.addRow(r));
  ITEM_COLUMNS.forEach((spec, i) => {
    const longest = Math.max(...rows.map((r) => Math.max(...(r[i] ?? '').split('\n').map(displayWidth))));
    // wide enough for the header and the longest line, capped so long text wraps instead
    ws.getColumn(i + 1).width = Math.min(Math.max(displayWidth(spec.header) + 2, longest + 2, 8), spec.width * 2);
    ws.getColumn(i + 1).alignment = { vertical: 'top', wrapText: true };
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ITEM_COLUMNS.length } };

  const info = wb.addWorksheet(META_SHEET);
  metaToRows(meta).forEach((r) => info.addRow(r));
  info.getColumn(1).width = 18;
  info.getColumn(1).font = { bold: true };
  info.getColumn(2).width = 80;
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function sheetGrid(ws: ExcelJS.Worksheet): string[][] {
  const grid: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(ws.columnCount, row.cellCount); c++) {
      const cell = row.getCell(c);
      // a merged cell carries its value in the master only: the rows below continue it (blank)
      cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell));
    }
    grid.push(cells);
  }
  return grid;
}

/** Reads the item sheet (by name, else the first sheet) and the optional 清单信息 sheet. */
export async function readChecklistWorkbook(buffer: Buffer, fileName: string): Promise<{ items: string[][]; meta: string[][] }> {
  const isZip = buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (!isZip) {
    const hint = /\.xls$/i.test(fileName) ? '旧版 .xls 文件请在 Excel 中另存为 .xlsx 后再导入' : '请上传 .xlsx 格式的 Excel 工作簿';
    throw new DomainError('IMPORT_FILE_INVALID', `“${fileName}”不是 .xlsx 工作簿：${hint}`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new DomainError('IMPORT_FILE_INVALID', `“${fileName}”无法作为 .xlsx 工作簿读取，文件可能已损坏`);
  }
  const itemSheet = wb.getWorksheet(ITEM_SHEET) ?? wb.worksheets.find((w) => w.name !== META_SHEET);
  if (!itemSheet) throw new DomainError('IMPORT_FILE_INVALID', `“${fileName}”中没有工作表`);
  const metaSheet = wb.getWorksheet(META_SHEET);
  return { items: sheetGrid(itemSheet), meta: metaSheet ? sheetGrid(metaSheet) : [] };
}
