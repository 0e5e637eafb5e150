import { Tag } from 'antd';
import type { FindingStatus } from '../../../../domain/findings/review';

const COLORS: Record<FindingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  deputy_approved: 'geekblue',
  approved: 'success',
  returned: 'warning',
};

export function FindingStatusTag({ status, name }: { status: FindingStatus; name: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="finding-status">
      {name}
    </Tag>
  );
}

/** 立行立改 mark: done once the fix is recorded. */
export function ImmediateTag({ fixedOn }: { fixedOn: string | null }) {
  return <Tag color={fixedOn ? 'green' : 'red'}>{fixedOn ? '立行立改·已整改' : '立行立改'}</Tag>;
}

export const yuan = (amount: string | null) => (amount === null ? null : `${Number(amount).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);
