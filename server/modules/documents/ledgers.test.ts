import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findingsLedgerXlsx, ledgerXlsx, leadsLedgerXlsx, transferItemsLedgerXlsx, type FindingsLedgerRow } from './ledgers';

async function open(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}
const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);

const finding: FindingsLedgerRow = {
  number: '2026-02-012',
  round: '2026年第二轮巡察',
  team: '县委第一巡察组',
  town: '城关镇',
  village: '东湖村',
  title: '村集体资金坐收坐支',
  category: '全面从严治党不力',
  source: '查阅资料',
  description: '鱼塘承包费收入未纳入村集体账户，'.repeat(6),
  amount: 86500,
  responsible: '张建国（村党支部书记）',
  foundOn: '2026-11-05',
  immediate: true,
  immediateNoticeNumber: '一组立改〔2026〕3号',
  status: '已审定',
};

describe('ledgers', () => {
  it('findings: Chinese headers in row 1, frozen, filtered, typed cells and widths that fit CJK text', async () => {
    const ws = await open(await findingsLedgerXlsx([finding, { ...finding, number: '2026-02-013', village: null, amount: null, immediate: false, immediateNoticeNumber: null }]));
    expect(ws.name).toBe('问题台账');
    expect(headers(ws)).toEqual(['问题编号', '巡察轮次', '巡察组', '乡镇', '村（社区）', '问题名称', '问题类别', '具体方面', '对应检查事项', '问题来源', '问题描述', '涉及金额（元）', '责任人员', '发现日期', '立行立改', '通知书编号', '状态', '撰写人']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getRow(1).font?.bold).toBe(true);
    const col = (h: string) => headers(ws).indexOf(h) + 1;
    const r2 = ws.getRow(2);
    expect(r2.getCell(col('问题编号')).value).toBe('2026-02-012');
    expect(r2.getCell(col('涉及金额（元）')).value).toBe(86500);
    expect(r2.getCell(col('涉及金额（元）')).numFmt).toBe('#,##0.00');
    expect(r2.getCell(col('发现日期')).value).toEqual(new Date(Date.UTC(2026, 10, 5)));
    expect(r2.getCell(col('发现日期')).numFmt).toBe('yyyy-mm-dd');
    expect(r2.getCell(col('立行立改')).value).toBe('是');
    const r3 = ws.getRow(3);
    expect(r3.getCell(col('立行立改')).value).toBe('否');
    expect(r3.getCell(col('村（社区）')).value).toBeNull();
    expect(r3.getCell(col('涉及金额（元）')).value).toBeNull();
    // widths: CJK counts 2 — "村集体资金坐收坐支" is 18 cells, plus padding
    expect(ws.getColumn(col('问题名称')).width).toBe(20);
    expect(ws.getColumn(col('乡镇')).width).toBe(8);
    expect(ws.getColumn(col('发现日期')).width).toBe(12);
    // long text is capped and wraps
    expect(ws.getColumn(col('问题描述')).width).toBe(60);
    expect(ws.getColumn(col('问题描述')).alignment?.wrapText).toBe(true);
    expect(ws.rowCount).toBe(3);
  });

  it('leads and transfer items', async () => {
    const leads = await open(
      await leadsLedgerXlsx([
        { number: '2026-02-007', town: '城关镇', village: '东湖村', persons: '张建国（村党支部书记）', summary: '指定施工方', receivingBody: '县纪委监委', status: '已移交', transferLetterNumber: '城巡移〔2026〕5号', transferredOn: '2026-11-20', dueOn: '2027-02-20', disposition: '初步核实', outcomes: '张建国：党内警告' },
      ]),
    );
    expect(leads.name).toBe('问题线索台账');
    expect(headers(leads).slice(0, 8)).toEqual(['线索编号', '巡察轮次', '乡镇', '村（社区）', '涉及人员', '问题线索摘要', '移交对象', '状态']);
    expect(leads.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const lc = (h: string) => headers(leads).indexOf(h) + 1;
    expect(leads.getRow(2).getCell(lc('反馈期限')).value).toEqual(new Date(Date.UTC(2027, 1, 20)));
    expect(leads.getRow(2).getCell(lc('处置方式')).value).toBe('初步核实');
    expect(leads.getRow(2).getCell(lc('办结日期')).value).toBeNull();

    const items = await open(
      await transferItemsLedgerXlsx([{ number: 'Y-01', title: '低保对象动态管理不规范', department: '县民政局', kind: '巡察建议书', transferredOn: '2026-12-01', dueOn: '2027-01-31', status: '办理中', amount: 1200.5 }]),
    );
    expect(items.name).toBe('移交事项台账');
    expect(headers(items)).toContain('承办单位');
    const ic = (h: string) => headers(items).indexOf(h) + 1;
    expect(items.getRow(2).getCell(ic('承办单位')).value).toBe('县民政局');
    expect(items.getRow(2).getCell(ic('涉及金额（元）')).value).toBe(1200.5);
    expect(items.getColumn(ic('承办单位')).width).toBe(10);
  });

  it('the generic writer takes any columns; an empty ledger still has its header', async () => {
    const ws = await open(await ledgerXlsx([{ header: '名称', value: (r: { n: string }) => r.n }, { header: '数量', value: () => 3, kind: 'integer' }], [], '空表'));
    expect(ws.name).toBe('空表');
    expect(headers(ws)).toEqual(['名称', '数量']);
    expect(ws.rowCount).toBe(1);
    expect(ws.getColumn(1).width).toBe(6);
  });
});
