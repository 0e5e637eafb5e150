import { useQuery } from '@tanstack/react-query';
import { Empty, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { planKeys, plansApi } from '../../api/rectification-plans';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { CandidatesTable } from './candidates-table';
import { StatusPanel } from './status-panel';

/**
 * 整改情况公开 of a round: whether it is published and its public link, what has changed since the
 * approved version; every item with 可公开/不可公开 and why. The office marks items 不予公开 with one of
 * the five reasons, previews exactly what the public will see, approves it with a confirmation and
 * withdraws it with a reason. Others read their own items' state.
 */
export function RectificationDisclosurePage() {
  const [params, setParams] = useSearchParams();
  const rounds = useQuery({ queryKey: planKeys.rounds(), queryFn: plansApi.rounds });
  const roundId = params.get('round') ?? rounds.data?.items[0]?.id ?? '';

  return (
    <PageContainer
      title="整改情况公开"
      testId="rectification-disclosure-page"
      extra={
        <Select
          style={{ minWidth: 180 }}
          placeholder="选择巡察轮次"
          loading={rounds.isPending}
          value={roundId || undefined}
          options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))}
          onChange={(v: string) => setParams({ round: v }, { replace: true })}
          aria-label="选择巡察轮次"
        />
      }
    >
      {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {rounds.data && rounds.data.items.length === 0 && <Empty description="暂无进入整改的巡察轮次" />}
      {roundId && (
        <>
          <StatusPanel key={`s${roundId}`} roundId={roundId} />
          <CandidatesTable key={`c${roundId}`} roundId={roundId} />
        </>
      )}
    </PageContainer>
  );
}
