import { Tag, Tooltip } from 'antd';
import { DEADLINE_FLAGS, type Deadline } from '../../../../domain/leads/deadline';
import { LEAD_STATUSES, type LeadStatus } from '../../../../domain/leads/lead';

const STATUS_COLORS: Record<LeadStatus, string> = {
  draft: 'default',
  transferred: 'processing',
  received: 'cyan',
  disposed: 'purple',
  closed: 'success',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="lead-status">
      {LEAD_STATUSES[status]}
    </Tag>
  );
}

/** 即将到期 orange, 已逾期 red, with the due date; nothing before transfer. */
export function DeadlineTag({ deadline, showOk = false }: { deadline: Deadline | null; showOk?: boolean }) {
  if (!deadline) return null;
  const { flag, dueOn, daysLeft } = deadline;
  const tip = flag === 'reported' ? `办理期限 ${dueOn}，已报告办理情况` : daysLeft < 0 ? `办理期限 ${dueOn}，已逾期 ${-daysLeft} 天` : `办理期限 ${dueOn}，还剩 ${daysLeft} 天`;
  if (flag === 'ok' && !showOk) return null;
  const color = flag === 'overdue' ? 'red' : flag === 'due_soon' ? 'orange' : flag === 'reported' ? 'green' : 'blue';
  return (
    <Tooltip title={tip}>
      <Tag color={color} data-testid={`deadline-${flag}`}>
        {flag === 'due_soon' ? `${DEADLINE_FLAGS.due_soon}（${daysLeft}天）` : flag === 'overdue' ? `${DEADLINE_FLAGS.overdue}（${-daysLeft}天）` : DEADLINE_FLAGS[flag]}
      </Tag>
    </Tooltip>
  );
}
