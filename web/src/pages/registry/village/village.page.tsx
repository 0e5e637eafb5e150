import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { keys, registryApi } from '../../../api/endpoints';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { VillageKindTag } from '../../../components/village-kind-tag';
import { CadresTab } from './cadres-tab';
import { HistoryTab } from './history-tab';
import { ProfileCard } from './profile-card';

const TABS = ['profile', 'cadres', 'history'] as const;

/** 村（社区）档案: profile figures and tags, the cadre roster, and the change history. */
export function VillagePage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'profile';
  const valid = /^\d{12}$/.test(code);
  const village = useQuery({ queryKey: keys.village(code), queryFn: () => registryApi.village(code), enabled: valid });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/registry/villages')}>
      返回村（社区）名录
    </Button>
  );

  if (!valid) {
    return (
      <PageContainer title="村（社区）档案">
        <QueryError error={new ApiError(404, 'NOT_FOUND', '村（社区）代码应为 12 位数字')} extra={back} />
      </PageContainer>
    );
  }
  if (village.isPending) return <PageLoading />;
  if (village.isError) {
    return (
      <PageContainer title="村（社区）档案" testId="village-page">
        <QueryError error={village.error} onRetry={() => void village.refetch()} extra={back} />
      </PageContainer>
    );
  }
  const v = village.data;
  return (
    <PageContainer
      testId="village-page"
      documentTitle={v.name}
      title={
        <Space>
          <span data-testid="village-title">{v.name}</span>
          <VillageKindTag kind={v.kind} />
          {v.profile.tags.map((t) => (
            <Tag key={t} color="volcano" style={{ fontWeight: 'normal' }}>
              {t}
            </Tag>
          ))}
        </Space>
      }
      subTitle={`${v.fullName} · ${v.county?.name ?? ''}${v.town?.name ?? ''} · 区划代码 ${v.code}`}
      breadcrumb={[
        { title: '村情底数', to: '/registry/villages' },
        ...(v.county ? [{ title: v.county.name, to: `/registry/villages?county=${v.county.code}` }] : []),
        ...(v.town ? [{ title: v.town.name, to: `/registry/villages?county=${v.town.code.slice(0, 6)}&town=${v.town.code}` }] : []),
        { title: v.name },
      ]}
      extra={!v.canEdit && <Typography.Text type="secondary">只读：您没有维护村情档案的权限</Typography.Text>}
    >
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'profile' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'profile', label: '村情概况', children: <ProfileCard village={v} /> },
            { key: 'cadres', label: `干部名册（${v.cadreCount}）`, children: <CadresTab village={v} /> },
            { key: 'history', label: '修改记录', children: <HistoryTab code={v.code} /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
