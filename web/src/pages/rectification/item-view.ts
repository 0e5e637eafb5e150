/**
 * Pure helpers of the rectification pages: what a signing party's line says, the status tabs with
 * their counts, and the buttons offered for the actions the server allows.
 */
import { ITEM_STATUSES, ITEM_STATUS_LIST, type ItemAction, type ItemStatus } from '../../../../domain/rectification';

export interface PartyLine {
  text: string;
  /** antd Tag colour */
  color: 'success' | 'warning' | 'default';
}

/** A required party's state on the current evidence version; an older approval must be given again. */
export function partyLine(approval: { actorName: string; evidenceVersion: number; at: string; current: boolean } | null, evidenceVersion: number, active: boolean): PartyLine {
  if (!active) return { text: '未进入销号审核', color: 'default' };
  if (!approval) return { text: `待审核第 ${evidenceVersion} 版材料`, color: 'default' };
  const on = `${approval.at.slice(0, 10)} ${approval.actorName}`;
  if (!approval.current) return { text: `曾于 ${on} 审核通过第 ${approval.evidenceVersion} 版；新材料后需重新审核`, color: 'warning' };
  return { text: `${on} 审核通过第 ${approval.evidenceVersion} 版材料`, color: 'success' };
}

export interface StatusTab {
  key: ItemStatus | 'all';
  label: string;
}

/** Tabs "全部" and each status, with counts when known. */
export function statusTabs(counts: Partial<Record<ItemStatus | 'all', number>> | undefined): StatusTab[] {
  const n = (k: ItemStatus | 'all') => (counts && counts[k] !== undefined ? `（${counts[k]}）` : '');
  return [{ key: 'all', label: `全部${n('all')}` }, ...ITEM_STATUS_LIST.map((s) => ({ key: s, label: `${ITEM_STATUSES[s]}${n(s)}` }))];
}

export interface ActionButton {
  action: ItemAction;
  label: string;
  primary?: boolean;
  danger?: boolean;
}

const BUTTONS: ActionButton[] = [
  { action: 'edit_measures', label: '修改措施和责任单位' },
  { action: 'start', label: '确定措施并开始整改', primary: true },
  { action: 'report_progress', label: '报告整改进展' },
  { action: 'submit', label: '申请销号', primary: true },
  { action: 'accept', label: '核查通过', primary: true },
  { action: 'approve', label: '销号审核通过', primary: true },
  { action: 'return', label: '退回整改', danger: true },
  { action: 'extend', label: '延长整改期限' },
  { action: 'reopen', label: '重新打开', danger: true },
];

/** The header buttons for the server's `actions`, in working order (evidence uploads sit in their card). */
export const actionButtons = (actions: readonly ItemAction[]): ActionButton[] => BUTTONS.filter((b) => actions.includes(b.action));
