import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { useAccess } from '../../session/session';
import { CandidatesTab } from './candidates-tab';
import { TargetsTab } from './targets-tab';

/**
 * 回头看: the villages the rectification state puts on the list (逾期、被退回、群众评议不满意过半) for the
 * office to pick and turn into a 回头看 round, and the 回头看 targets with their linked original items,
 * where the team (or the office) records 整改到位 / 整改不到位 / 虚假整改 per item.
 */
export function RectificationLookBackPage() {
  const { can } = useAccess();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'targets' ? 'targets' : 'candidates';
  return (
    <PageContainer title="回头看" testId="rectification-look-back-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(new URLSearchParams(k === 'targets' ? { tab: 'targets' } : {}), { replace: true })}
        items={[
          { key: 'candidates', label: '回头看名单', children: <CandidatesTab canManage={can('rectification.manage')} /> },
          { key: 'targets', label: '回头看对象与复查', children: <TargetsTab /> },
        ]}
      />
    </PageContainer>
  );
}
