import { describe, expect, it } from 'vitest';
import { ledgerSheets, type LedgerItem } from './ledger';

const base: LedgerItem = {
  number: 'ZG-2026-1-010',
  townName: '东风镇',
  villageName: '红星村',
  category: '村级财务管理',
  problem: '违规发放误工补贴',
  kind: 'limited',
  measures: '清退补贴，建立公示制度',
  deadline: '2026-06-30',
  responsibleUnitKind: 'town',
  responsibleUnitName: '东风镇党委',
  responsibleLeader: '张三',
  leadUnit: '东风镇党委',
  cooperatingUnits: ['东风镇财政所', '红星村党支部'],
  handler: '李四',
  status: 'signing',
  alert: 'yellow',
  lastProgress: '已清退 80%',
  closedOn: null,
  rating: 'unrated',
};

describe('三清单一台账', () => {
  const sheets = ledgerSheets([
    base,
    { ...base, number: 'ZG-2026-1-002', villageName: null, kind: 'long_term', deadline: null, status: 'closed', alert: null, closedOn: '2026-05-01', rating: 'satisfied' },
  ]);

  it('has the four sheets, every row as wide as its header', () => {
    expect(sheets.map((s) => s.name)).toEqual(['问题清单', '任务清单', '责任清单', '整改台账']);
    for (const s of sheets) for (const r of s.rows) expect(r).toHaveLength(s.columns.length);
  });

  it('orders rows by item number (numerically) and writes Chinese labels', () => {
    const ledger = sheets[3]!;
    expect(ledger.rows.map((r) => r[1])).toEqual(['ZG-2026-1-002', 'ZG-2026-1-010']);
    expect(ledger.rows[0]).toEqual(['1', 'ZG-2026-1-002', '东风镇', '违规发放误工补贴', '清退补贴，建立公示制度', '东风镇党委', '长期坚持（定期报告）', '已销号', '', '已清退 80%', '2026-05-01', '群众认可']);
    expect(ledger.rows[1]?.slice(6, 9)).toEqual(['2026-06-30', '待销号审核', '黄色预警']);
    expect(sheets[2]!.rows[1]?.slice(3, 8)).toEqual(['东风镇党委（镇（街道）党（工）委）', '张三', '东风镇党委', '东风镇财政所、红星村党支部', '李四']);
    expect(sheets[0]!.rows[1]).toEqual(['2', 'ZG-2026-1-010', '东风镇红星村', '村级财务管理', '违规发放误工补贴', '限期整改']);
  });

  it('an empty scope gives headers only', () => {
    expect(ledgerSheets([]).every((s) => s.rows.length === 0 && s.columns.length > 0)).toBe(true);
  });
});
