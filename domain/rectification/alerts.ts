/**
 * 三色预警 (重庆江津, DOMAIN.md "Deadline alerts"): green `greenDays` (20) before a deadline to the
 * handler; yellow `yellowDays` (10) before to the handler and the responsible leader; red when overdue
 * to the lead unit and its Party head. Thresholds are the office's settings.
 *
 * Days are calendar days from today (China date, passed in) to the due date: daysLeft ≤ greenDays →
 * green, ≤ yellowDays → yellow (the due day itself is yellow, 0 days left), < 0 → red.
 * The due date is the item's next due date (item.ts nextDueOn): the final deadline, or for 长期坚持 the
 * next periodic report date. A closed item has no alert.
 *
 * A scheduled job calls `alertToSend` for every open item: it returns at most one alert, keyed by
 * (item, level, due date). The job stores the key with a unique constraint, so running twice sends
 * nothing twice. Escalation goes only upwards for a given due date: when yellow has been sent, green
 * is never sent after it, and a job that missed days sends only the current level (no backfill of
 * lower ones). A new due date (an extension, or the next periodic report) starts afresh.
 */
import { z } from 'zod';
import { daysBetween } from '../shared/calendar';
import { isOpen, type ItemStatus } from './item';

export const ALERT_LEVELS = { green: '绿色预警', yellow: '黄色预警', red: '红色预警' } as const;
export type AlertLevel = keyof typeof ALERT_LEVELS;
export const ALERT_LEVEL_LIST = Object.keys(ALERT_LEVELS) as AlertLevel[];
const RANK: Record<AlertLevel, number> = { green: 1, yellow: 2, red: 3 };

export const ALERT_RECIPIENTS = {
  handler: '经办人',
  responsible_leader: '责任领导',
  lead_unit: '牵头单位',
  lead_unit_party_head: '牵头单位党组织书记',
} as const;
export type AlertRecipient = keyof typeof ALERT_RECIPIENTS;

export const RECIPIENTS_BY_LEVEL: Record<AlertLevel, AlertRecipient[]> = {
  green: ['handler'],
  yellow: ['handler', 'responsible_leader'],
  red: ['lead_unit', 'lead_unit_party_head'],
};

export const alertSettingsInput = z
  .object(
    {
      greenDays: z.number({ message: '绿色预警天数应为整数' }).int('绿色预警天数应为整数').min(1, '绿色预警至少提前 1 天').max(120, '绿色预警最多提前 120 天'),
      yellowDays: z.number({ message: '黄色预警天数应为整数' }).int('黄色预警天数应为整数').min(0, '黄色预警天数不能为负').max(119, '黄色预警最多提前 119 天'),
    },
    { message: '请填写三色预警设置' },
  )
  .refine((s) => s.yellowDays < s.greenDays, { message: '黄色预警的提前天数应少于绿色预警', path: ['yellowDays'] });
export type AlertSettings = z.output<typeof alertSettingsInput>;
export const DEFAULT_ALERT_SETTINGS: AlertSettings = { greenDays: 20, yellowDays: 10 };

/** The level for a due date today, or null when it is further off than the green threshold. */
export function alertLevel(dueOn: string, today: string, s: AlertSettings = DEFAULT_ALERT_SETTINGS): AlertLevel | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'red';
  if (left <= s.yellowDays) return 'yellow';
  if (left <= s.greenDays) return 'green';
  return null;
}

/** The stable idempotency key of one alert. */
export const alertKey = (itemId: string, level: AlertLevel, dueOn: string): string => `rectification-alert:${itemId}:${level}:${dueOn}`;

export interface ItemAlert {
  itemId: string;
  level: AlertLevel;
  dueOn: string;
  /** days from today to the due date; negative when overdue */
  daysLeft: number;
  recipients: AlertRecipient[];
  key: string;
}

/** The alert an item shows today (to-do lists, the dashboard's colours); null when none. */
export function itemAlert(item: { id: string; status: ItemStatus; dueOn: string | null }, today: string, s: AlertSettings = DEFAULT_ALERT_SETTINGS): ItemAlert | null {
  if (!isOpen(item.status) || !item.dueOn) return null;
  const level = alertLevel(item.dueOn, today, s);
  if (!level) return null;
  return { itemId: item.id, level, dueOn: item.dueOn, daysLeft: daysBetween(today, item.dueOn), recipients: RECIPIENTS_BY_LEVEL[level], key: alertKey(item.id, level, item.dueOn) };
}

/**
 * What the scheduled job sends now: today's alert unless an alert of the same or a higher level was
 * already sent for the same due date. `sent` are the alerts recorded for the item (any due date).
 */
export function alertToSend(
  item: { id: string; status: ItemStatus; dueOn: string | null },
  today: string,
  sent: readonly { level: AlertLevel; dueOn: string }[],
  s: AlertSettings = DEFAULT_ALERT_SETTINGS,
): ItemAlert | null {
  const alert = itemAlert(item, today, s);
  if (!alert) return null;
  const highest = Math.max(0, ...sent.filter((x) => x.dueOn === alert.dueOn).map((x) => RANK[x.level]));
  return RANK[alert.level] > highest ? alert : null;
}

/** Alert levels in order of severity, for sorting and for dashboard counts. */
export const alertRank = (level: AlertLevel): number => RANK[level];
