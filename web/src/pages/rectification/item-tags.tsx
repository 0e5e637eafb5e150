import { Tag } from 'antd';
import { ALERT_LEVELS, ITEM_STATUSES, type AlertLevel, type ItemStatus } from '../../../../domain/rectification';

const STATUS_COLORS: Record<ItemStatus, string> = {
  drafting: 'default',
  in_progress: 'processing',
  submitted: 'cyan',
  signing: 'purple',
  returned: 'error',
  closed: 'success',
};

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ITEM_STATUSES[status]}</Tag>;
}

const ALERT_COLORS: Record<AlertLevel, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** 三色预警 of an open item: green 20 days, yellow 10 days before its due date, red when overdue. */
export function AlertTag({ level }: { level: AlertLevel | null }) {
  if (!level) return null;
  return (
    <Tag color={ALERT_COLORS[level]} data-testid={`rect-alert-${level}`}>
      {level === 'red' ? '已逾期' : ALERT_LEVELS[level]}
    </Tag>
  );
}
