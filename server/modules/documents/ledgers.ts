import ExcelJS from 'exceljs';
import { dateCell, displayWidth } from './format';

/**
 * Spreadsheet ledgers (台账): one sheet, Chinese headers in row 1 (no title row, so the file can be imported again),
 * the header row frozen, filters on, and column widths that fit CJK text (a CJK character counts two cells).
 */

export type LedgerKind = 'text' | 'date' | 'money' | 'integer' | 'boolean';
export type LedgerValue = string | number | boolean | null | undefined;

export interface LedgerColumn<T> {
  header: string;
  value: (row: T) => LedgerValue;
  /** text (default); date takes ISO YYYY-MM-DD; money in yuan with two decimals; boolean shows 是/否. */
  kind?: LedgerKind;
  /** Widest the column grows, in half-width cells; longer text wraps. Default 50. */
  maxWidth?: number;
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const MONEY_FORMAT = '#,##0.00';
const MIN_WIDTH = 6;

function cellValue(kind: LedgerKind, v: LedgerValue): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (kind) {
    case 'date':
      return typeof v === 'string' ? dateCell(v) : null;
    case 'money':
    case 'integer':
      return typeof v === 'number' ? v : Number(v);
    case 'boolean':
      return v ? '是' : '否';
    default:
      return String(v);
  }
}

function shownWidth(kind: LedgerKind, v: ExcelJS.CellValue): number {
  if (v === null || v === undefined) return 0;
  if (kind === 'date') return 10;
  if (kind === 'money' && typeof v === 'number') return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).length;
  // the widest line of a multi-line value
  return Math.max(...String(v).split('\n').map(displayWidth));
}

/** The shared writer: columns and rows in, an .xlsx Buffer out. */
export async function ledgerXlsx<T>(columns: LedgerColumn<T>[], rows: T[], sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '巡察工作平台';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const widths = columns.map((c) => displayWidth(c.header));
  ws.addRow(columns.map((c) => c.header));
  for (const row of rows) {
    const values = columns.map((c) => cellValue(c.kind ?? 'text', c.value(row)));
    values.forEach((v, i) => {
      widths[i] = Math.max(widths[i]!, shownWidth(columns[i]!.kind ?? 'text', v));
    });
    ws.addRow(values);
  }
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const max = c.maxWidth ?? 50;
    const want = widths[i]! + 2;
    col.width = Math.min(Math.max(want, MIN_WIDTH), max);
    const kind = c.kind ?? 'text';
    if (kind === 'date') col.numFmt = DATE_FORMAT;
    if (kind === 'money') col.numFmt = MONEY_FORMAT;
    if (kind === 'integer') col.numFmt = '0';
    if (want > max) col.alignment = { wrapText: true, vertical: 'top' };
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── Findings ──────────────────────────────────────────────────────────────────────────────────────────────
/** One row of the findings ledger (问题台账); labels as displayed. */
export interface FindingsLedgerRow {
  /** 问题编号 as displayed. */
  number: string;
  round?: string;
  team?: string;
  town: string;
  village?: string | null;
  title: string;
  category: string;
  aspect?: string;
  checklistItem?: string | null;
  source: string;
  description?: string;
  amount?: number | null;
  /** 责任人员 as one text, e.g. 张三（村党支部书记）；李四. */
  responsible?: string;
  foundOn: string;
  immediate: boolean;
  immediateNoticeNumber?: string | null;
  /** 状态 as displayed, e.g. 已审定. */
  status: string;
  author?: string;
}

export const FINDINGS_LEDGER_COLUMNS: LedgerColumn<FindingsLedgerRow>[] = [
  { header: '问题编号', value: (r) => r.number },
  { header: '巡察轮次', value: (r) => r.round },
  { header: '巡察组', value: (r) => r.team },
  { header: '乡镇', value: (r) => r.town },
  { header: '村（社区）', value: (r) => r.village },
  { header: '问题名称', value: (r) => r.title, maxWidth: 40 },
  { header: '问题类别', value: (r) => r.category },
  { header: '具体方面', value: (r) => r.aspect },
  { header: '对应检查事项', value: (r) => r.checklistItem, maxWidth: 40 },
  { header: '问题来源', value: (r) => r.source },
  { header: '问题描述', value: (r) => r.description, maxWidth: 60 },
  { header: '涉及金额（元）', value: (r) => r.amount, kind: 'money' },
  { header: '责任人员', value: (r) => r.responsible, maxWidth: 40 },
  { header: '发现日期', value: (r) => r.foundOn, kind: 'date' },
  { header: '立行立改', value: (r) => r.immediate, kind: 'boolean' },
  { header: '通知书编号', value: (r) => r.immediateNoticeNumber },
  { header: '状态', value: (r) => r.status },
  { header: '撰写人', value: (r) => r.author },
];

/** 问题台账. */
export function findingsLedgerXlsx(rows: FindingsLedgerRow[]): Promise<Buffer> {
  return ledgerXlsx(FINDINGS_LEDGER_COLUMNS, rows, '问题台账');
}

// ── Leads ─────────────────────────────────────────────────────────────────────────────────────────────────
/** One row of the leads ledger (问题线索台账); labels as displayed. */
export interface LeadsLedgerRow {
  number: string;
  round?: string;
  town: string;
  village?: string | null;
  /** 涉及人员 as one text. */
  persons: string;
  summary: string;
  /** 移交对象 (by cadre-management authority), e.g. 县纪委监委. */
  receivingBody?: string | null;
  status: string;
  transferLetterNumber?: string | null;
  transferredOn?: string | null;
  receivedOn?: string | null;
  dueOn?: string | null;
  /** 处置方式, e.g. 初步核实. */
  disposition?: string | null;
  dispositionOn?: string | null;
  caseOpenedOn?: string | null;
  /** 处理结果 as one text, e.g. 张三：党内警告. */
  outcomes?: string;
  reportedOn?: string | null;
  closedOn?: string | null;
}

export const LEADS_LEDGER_COLUMNS: LedgerColumn<LeadsLedgerRow>[] = [
  { header: '线索编号', value: (r) => r.number },
  { header: '巡察轮次', value: (r) => r.round },
  { header: '乡镇', value: (r) => r.town },
  { header: '村（社区）', value: (r) => r.village },
  { header: '涉及人员', value: (r) => r.persons, maxWidth: 30 },
  { header: '问题线索摘要', value: (r) => r.summary, maxWidth: 60 },
  { header: '移交对象', value: (r) => r.receivingBody },
  { header: '状态', value: (r) => r.status },
  { header: '移交函编号', value: (r) => r.transferLetterNumber },
  { header: '移交日期', value: (r) => r.transferredOn, kind: 'date' },
  { header: '接收日期', value: (r) => r.receivedOn, kind: 'date' },
  { header: '反馈期限', value: (r) => r.dueOn, kind: 'date' },
  { header: '处置方式', value: (r) => r.disposition },
  { header: '处置日期', value: (r) => r.dispositionOn, kind: 'date' },
  { header: '立案日期', value: (r) => r.caseOpenedOn, kind: 'date' },
  { header: '处理结果', value: (r) => r.outcomes, maxWidth: 40 },
  { header: '反馈日期', value: (r) => r.reportedOn, kind: 'date' },
  { header: '办结日期', value: (r) => r.closedOn, kind: 'date' },
];

/** 问题线索台账. */
export function leadsLedgerXlsx(rows: LeadsLedgerRow[]): Promise<Buffer> {
  return ledgerXlsx(LEADS_LEDGER_COLUMNS, rows, '问题线索台账');
}

// ── Transfer items ────────────────────────────────────────────────────────────────────────────────────────
/** One row of the transfer-items ledger (移交事项台账): matters handed to departments, tracked to completion. */
export interface TransferItemsLedgerRow {
  number: string;
  round?: string;
  title: string;
  /** 承办单位, e.g. 县民政局. */
  department: string;
  /** 移交方式, e.g. 巡察建议书、问题线索移交函. */
  kind?: string;
  village?: string | null;
  transferredOn: string;
  dueOn?: string | null;
  status: string;
  completedOn?: string | null;
  result?: string;
  amount?: number | null;
}

export const TRANSFER_ITEMS_LEDGER_COLUMNS: LedgerColumn<TransferItemsLedgerRow>[] = [
  { header: '事项编号', value: (r) => r.number },
  { header: '巡察轮次', value: (r) => r.round },
  { header: '移交事项', value: (r) => r.title, maxWidth: 50 },
  { header: '承办单位', value: (r) => r.department },
  { header: '移交方式', value: (r) => r.kind },
  { header: '涉及村（社区）', value: (r) => r.village },
  { header: '涉及金额（元）', value: (r) => r.amount, kind: 'money' },
  { header: '移交日期', value: (r) => r.transferredOn, kind: 'date' },
  { header: '办理期限', value: (r) => r.dueOn, kind: 'date' },
  { header: '办理状态', value: (r) => r.status },
  { header: '办结日期', value: (r) => r.completedOn, kind: 'date' },
  { header: '办理结果', value: (r) => r.result, maxWidth: 50 },
];

/** 移交事项台账. */
export function transferItemsLedgerXlsx(rows: TransferItemsLedgerRow[]): Promise<Buffer> {
  return ledgerXlsx(TRANSFER_ITEMS_LEDGER_COLUMNS, rows, '移交事项台账');
}
