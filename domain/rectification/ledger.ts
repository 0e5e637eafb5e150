/**
 * "三清单一台账" (DOMAIN.md "整改"): the problem list, task list and responsibility list plus the
 * rectification ledger, as sheet models a spreadsheet writer turns into .xlsx unchanged. One row per
 * item, in item number order; the same rows whether the scope is a round, a town or a village.
 */
import { ALERT_LEVELS, type AlertLevel } from './alerts';
import { ITEM_KINDS, ITEM_STATUSES, RESPONSIBLE_UNIT_KINDS, type ItemKind, type ItemStatus, type ResponsibleUnitKind } from './item';
import { RATING_VERDICTS, type RatingVerdict } from './rating';

export interface LedgerItem {
  /** the item's number within the round, e.g. ZG-2026-1-007 */
  number: string;
  townName: string;
  villageName: string | null;
  category: string;
  problem: string;
  kind: ItemKind;
  measures: string;
  deadline: string | null;
  responsibleUnitKind: ResponsibleUnitKind;
  responsibleUnitName: string;
  responsibleLeader: string;
  leadUnit: string;
  cooperatingUnits: string[];
  handler: string;
  status: ItemStatus;
  alert: AlertLevel | null;
  lastProgress: string;
  closedOn: string | null;
  rating: RatingVerdict;
}

export interface LedgerSheet {
  name: string;
  columns: string[];
  rows: string[][];
}

export const LEDGER_SHEETS = { problems: '问题清单', tasks: '任务清单', responsibilities: '责任清单', ledger: '整改台账' } as const;

const deadlineText = (i: LedgerItem) => (i.kind === 'long_term' ? '长期坚持（定期报告）' : (i.deadline ?? '未确定'));
const place = (i: LedgerItem) => (i.villageName ? `${i.townName}${i.villageName}` : i.townName);

export function ledgerSheets(items: readonly LedgerItem[]): LedgerSheet[] {
  const sorted = [...items].sort((a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }));
  const seq = (n: number) => String(n + 1);
  return [
    {
      name: LEDGER_SHEETS.problems,
      columns: ['序号', '编号', '镇（街道）/村（社区）', '问题类别', '问题描述', '整改类型'],
      rows: sorted.map((i, n) => [seq(n), i.number, place(i), i.category, i.problem, ITEM_KINDS[i.kind]]),
    },
    {
      name: LEDGER_SHEETS.tasks,
      columns: ['序号', '编号', '问题描述', '整改措施', '整改类型', '整改期限'],
      rows: sorted.map((i, n) => [seq(n), i.number, i.problem, i.measures, ITEM_KINDS[i.kind], deadlineText(i)]),
    },
    {
      name: LEDGER_SHEETS.responsibilities,
      columns: ['序号', '编号', '问题描述', '责任单位', '责任领导', '牵头单位', '配合单位', '经办人'],
      rows: sorted.map((i, n) => [
        seq(n),
        i.number,
        i.problem,
        `${i.responsibleUnitName}（${RESPONSIBLE_UNIT_KINDS[i.responsibleUnitKind]}）`,
        i.responsibleLeader,
        i.leadUnit,
        i.cooperatingUnits.join('、'),
        i.handler,
      ]),
    },
    {
      name: LEDGER_SHEETS.ledger,
      columns: ['序号', '编号', '镇（街道）/村（社区）', '问题描述', '整改措施', '责任单位', '整改期限', '整改状态', '预警', '最新进展', '销号日期', '群众评议'],
      rows: sorted.map((i, n) => [
        seq(n),
        i.number,
        place(i),
        i.problem,
        i.measures,
        i.responsibleUnitName,
        deadlineText(i),
        ITEM_STATUSES[i.status],
        i.alert ? ALERT_LEVELS[i.alert] : '',
        i.lastProgress,
        i.closedOn ?? '',
        RATING_VERDICTS[i.rating],
      ]),
    },
  ];
}
