import { useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { ArchiveTab } from './archive-tab';

/** 立卷归档 of one round on its own page (the same as the round page's tab), for links from elsewhere. */
export function RoundArchivePage() {
  const { roundId = '' } = useParams();
  return (
    <PageContainer title="立卷归档" breadcrumb={[{ title: '巡察轮次', to: '/planning/rounds' }, { title: '本轮巡察', to: `/planning/rounds/${roundId}` }, { title: '立卷归档' }]} testId="round-archive-page">
      <ArchiveTab roundId={roundId} />
    </PageContainer>
  );
}
