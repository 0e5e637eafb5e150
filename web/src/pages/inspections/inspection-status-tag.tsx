import { Tag } from 'antd';
import { INSPECTION_STATUSES, type InspectionStatus } from '../../../../domain/inspections/completion';

const COLORS: Record<InspectionStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  completed: 'success',
};

/** 未开始 / 进行中 / 已完成 as a coloured tag. */
export function InspectionStatusTag({ status, name }: { status: InspectionStatus; name?: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="inspection-status">
      {name ?? INSPECTION_STATUSES[status]}
    </Tag>
  );
}

/** "在村 x / y 个工作日", red while short of the minimum. */
export function DaysText({ days, minimum }: { days: number; minimum: number }) {
  const short = days < minimum;
  return (
    <span style={{ color: short ? '#cf1322' : undefined, whiteSpace: 'nowrap' }}>
      {days} / {minimum}
    </span>
  );
}
