import { useQuery } from '@tanstack/react-query';
import { Alert, Tabs, Tag } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { planningApi, planningKeys } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { PHASE_COLORS } from '../rounds/rounds.page';
import { PhaseTab } from './phase-tab';
import { StepsTab } from './steps-tab';
import { TargetsTab } from './targets-tab';
import { TeamsTab } from './teams-tab';
import { ReportsTab } from '../../reports/reports-tab';
import { ArchiveTab } from '../../archive/archive-tab';
import { useAccess } from '../../../session/session';

/** One round: basic information and phase, targets, teams, step configuration. */
export function RoundPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const access = useAccess();
  const q = useQuery({ queryKey: planningKeys.round(id), queryFn: () => planningApi.round(id) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const round = q.data;
  const tab = params.get('tab') ?? 'phase';

  return (
    <PageContainer
      title={
        <>
          {round.label} <Tag color={PHASE_COLORS[round.phase]}>{round.phaseName}</Tag>
        </>
      }
      documentTitle={round.label}
      subTitle={`${round.theme ? `${round.theme} · ` : ''}${round.startDate} 至 ${round.endDate}`}
      breadcrumb={[{ title: '巡察轮次', to: '/planning/rounds' }, { title: round.label }]}
      testId="round-page"
    >
      {round.calendarWarnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} />
      ))}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'phase', label: '基本信息与阶段', children: <PhaseTab round={round} /> },
          { key: 'targets', label: `巡察对象（${round.targets.length}）`, children: <TargetsTab round={round} /> },
          { key: 'teams', label: `巡察组（${round.teams.length}）`, children: <TeamsTab round={round} /> },
          { key: 'steps', label: '环节设置', children: <StepsTab round={round} /> },
          ...(access.can('reports.read') ? [{ key: 'reports', label: '报告与反馈', children: <ReportsTab roundId={round.id} /> }] : []),
          ...(access.can('archive.read') ? [{ key: 'archive', label: '立卷归档', children: <ArchiveTab roundId={round.id} /> }] : []),
        ]}
      />
    </PageContainer>
  );
}
