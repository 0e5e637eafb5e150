import { Space, Tag, Tooltip, Typography } from 'antd';
import type { PlanStatus, ReportFlag } from '../../../../domain/rectification/plan';
import { PLAN_REVIEWER_LIST, PLAN_REVIEWERS } from '../../../../domain/rectification/plan';
import type { PlanSummary, ReportDeadlineOut } from '../../api/rectification-plans';

export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = { drafting: 'default', submitted: 'processing', returned: 'error', accepted: 'success' };
export const REPORT_FLAG_COLORS: Record<ReportFlag, string> = { ok: 'default', due_soon: 'warning', overdue: 'error', submitted: 'success', submitted_late: 'orange' };

export function PlanStatusTag({ plan }: { plan: PlanSummary }) {
  return (
    <Tag color={PLAN_STATUS_COLORS[plan.status]} data-testid="plan-status">
      {plan.exists ? plan.statusName : '未制定'}
      {plan.submissionNo > 1 ? `（第${plan.submissionNo}次报送）` : ''}
    </Tag>
  );
}

/** The three parties of the current submission: 通过 / 退回 (with the comment on hover) / 待审. */
export function ReviewProgress({ plan }: { plan: PlanSummary }) {
  if (plan.status === 'drafting') return <Typography.Text type="secondary">未报送</Typography.Text>;
  return (
    <Space size={4} wrap data-testid="plan-review-progress">
      {PLAN_REVIEWER_LIST.map((r) => {
        const review = plan.reviews.find((x) => x.reviewer === r);
        if (!review) return <Tag key={r}>{`${PLAN_REVIEWERS[r]} ${plan.status === 'submitted' ? '待审' : '—'}`}</Tag>;
        const tag = <Tag key={r} color={review.decision === 'accepted' ? 'success' : 'error'}>{`${review.reviewerName} ${review.decisionName}`}</Tag>;
        return review.comment ? (
          <Tooltip key={r} title={review.comment}>
            {tag}
          </Tooltip>
        ) : (
          tag
        );
      })}
    </Space>
  );
}

export function ReportDeadlineTag({ deadline }: { deadline: ReportDeadlineOut | null }) {
  if (!deadline) return <Typography.Text type="secondary">待反馈后计算</Typography.Text>;
  const left = deadline.flag === 'due_soon' ? `（剩${deadline.daysLeft}天）` : deadline.flag === 'overdue' ? `（逾期${-deadline.daysLeft}天）` : '';
  return (
    <Space size={4} wrap>
      <span>{deadline.dueOn}前</span>
      {deadline.flag !== 'ok' && (
        <Tag color={REPORT_FLAG_COLORS[deadline.flag]} data-testid="report-flag">
          {deadline.flagName}
          {left}
        </Tag>
      )}
      {deadline.submittedOn && <Typography.Text type="secondary">{`${deadline.submittedOn}报送`}</Typography.Text>}
    </Space>
  );
}
