import { Space, Tag } from 'antd';
import type { LookBackReason, LookBackVerdict } from '../../../../domain/rectification/look-back';
import type { ReasonOut } from '../../api/rectification-look-back';

const REASON_COLORS: Record<LookBackReason, string> = { overdue: 'red', returned: 'orange', unsatisfied: 'magenta', poor_grade: 'volcano' };

/** Why a village or an item is on the 回头看 list. */
export function ReasonTags({ reasons }: { reasons: ReasonOut[] }) {
  if (reasons.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap>
      {reasons.map((r) => (
        <Tag key={r.reason} color={REASON_COLORS[r.reason]} data-testid={`look-back-reason-${r.reason}`}>
          {r.name}
        </Tag>
      ))}
    </Space>
  );
}

const VERDICT_COLORS: Record<LookBackVerdict, string> = { in_place: 'success', not_in_place: 'warning', fake: 'error' };

export function VerdictTag({ verdict, name }: { verdict: LookBackVerdict | null; name: string }) {
  return (
    <Tag color={verdict ? VERDICT_COLORS[verdict] : 'default'} data-testid={`look-back-verdict-${verdict ?? 'pending'}`}>
      {name}
    </Tag>
  );
}
