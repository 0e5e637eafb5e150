import { useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { ReportsTab } from './reports-tab';

/** 报告与反馈 of one round on its own page (the same as the round page's tab), for links from elsewhere. */
export function RoundReportsPage() {
  const { roundId = '' } = useParams();
  return (
    <PageContainer title="报告与反馈" breadcrumb={[{ title: '巡察轮次', to: '/planning/rounds' }, { title: '本轮巡察', to: `/planning/rounds/${roundId}` }, { title: '报告与反馈' }]} testId="round-reports-page">
      <ReportsTab roundId={roundId} />
    </PageContainer>
  );
}
