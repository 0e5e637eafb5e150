/**
 * The 三清单一台账 workbook: the four sheet models of domain/rectification/ledger.ts written unchanged,
 * each with its Chinese header row bold and frozen, filters on, and widths that fit CJK text.
 */
import ExcelJS from 'exceljs';
import type { LedgerSheet } from '../../../domain/rectification';
import { displayWidth } from '../documents';

const MAX_WIDTH = 50;

export async function rectificationLedgerXlsx(sheets: LedgerSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '巡察工作平台';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.addRow(s.columns);
    const widths = s.columns.map((c) => displayWidth(c));
    for (const row of s.rows) {
      ws.addRow(row);
      row.forEach((v, i) => {
        widths[i] = Math.max(widths[i] ?? 0, ...String(v).split('\n').map(displayWidth));
      });
    }
    widths.forEach((w, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.min(Math.max(w + 2, 6), MAX_WIDTH);
      if (w + 2 > MAX_WIDTH) col.alignment = { wrapText: true, vertical: 'top' };
    });
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
