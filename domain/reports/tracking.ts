/**
 * 巡察建议书 to departments and transfer items (移交事项): their statuses and clocks.
 *
 * A suggestion: draft ──send (sent date; reply due)──▶ sent ──reply (text, date)──▶ replied.
 * The reply is due 30 calendar days after sending unless the sender sets another date (the county's
 * usual "一个月内书面反馈"; the letter prints the date, so it is always explicit on the record).
 * A transfer item: open ──complete (result, date)──▶ done; due within its deadline.
 */
import { addDays, daysBetween } from '../shared/calendar';

export const SUGGESTION_STATUSES = { draft: '待发出', sent: '已发出待回复', replied: '已回复' } as const;
export type SuggestionStatus = keyof typeof SUGGESTION_STATUSES;
export const SUGGESTION_STATUS_LIST = Object.keys(SUGGESTION_STATUSES) as SuggestionStatus[];

export const TRANSFER_STATUSES = { open: '办理中', done: '已办结' } as const;
export type TransferStatus = keyof typeof TRANSFER_STATUSES;
export const TRANSFER_STATUS_LIST = Object.keys(TRANSFER_STATUSES) as TransferStatus[];

/** Days a department has to reply to a 巡察建议书 when the sender sets no date. */
export const DEFAULT_REPLY_DAYS = 30;
/** A transfer item is "due soon" this many days before its deadline. */
export const DUE_SOON_DAYS = 7;

export const defaultReplyDue = (sentOn: string): string => addDays(sentOn, DEFAULT_REPLY_DAYS);

export type Clock = 'none' | 'due_soon' | 'overdue';
export const CLOCK_NAMES: Record<Clock, string> = { none: '', due_soon: '即将到期', overdue: '已逾期' };

/** The clock of something open with a deadline: overdue after the due day, due soon within DUE_SOON_DAYS. */
export function clockOf(open: boolean, dueOn: string | null, today: string): Clock {
  if (!open || !dueOn) return 'none';
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : 'none';
}

export type SuggestionAction = 'edit' | 'send' | 'reply' | 'delete';
const SUGGESTION_FROM: Record<SuggestionAction, SuggestionStatus[]> = { edit: ['draft'], send: ['draft'], reply: ['sent', 'replied'], delete: ['draft'] };
const SUGGESTION_ACTION_NAMES: Record<SuggestionAction, string> = { edit: '修改', send: '登记发出', reply: '登记回复', delete: '删除' };

export function suggestionProblems(status: SuggestionStatus, action: SuggestionAction, facts: { sentOn?: string | null; date?: string | null } = {}): string[] {
  const reasons: string[] = [];
  if (!SUGGESTION_FROM[action].includes(status)) {
    reasons.push(status === 'draft' ? '巡察建议书尚未发出，不能登记回复' : `巡察建议书${SUGGESTION_STATUSES[status]}，不能${SUGGESTION_ACTION_NAMES[action]}`);
  }
  if (action === 'reply' && facts.sentOn && facts.date && facts.date < facts.sentOn) reasons.push(`回复日期（${facts.date}）不能早于发出日期（${facts.sentOn}）`);
  return reasons;
}

export function transferProblems(status: TransferStatus, action: 'complete' | 'delete' | 'edit', facts: { sentOn?: string | null; date?: string | null } = {}): string[] {
  const reasons: string[] = [];
  if (status !== 'open') reasons.push(`移交事项已办结，不能${action === 'complete' ? '再次办结' : action === 'delete' ? '删除' : '修改'}`);
  if (action === 'complete' && facts.sentOn && facts.date && facts.date < facts.sentOn) reasons.push(`办结日期（${facts.date}）不能早于移交日期（${facts.sentOn}）`);
  return reasons;
}

/** 巡建〔2026〕3号 — the number of a 巡察建议书 within its round's year. */
export const suggestionNumberLabel = (year: number, number: number) => `巡建〔${year}〕${number}号`;
/** YJ-2026-2-003 — a transfer item's number. */
export const transferNumberLabel = (year: number, round: number, seq: number) => `YJ-${year}-${round}-${String(seq).padStart(3, '0')}`;
