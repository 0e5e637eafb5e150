import { AppstoreOutlined, CloudUploadOutlined, DatabaseOutlined, EnvironmentOutlined, ExperimentOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { keys, registryApi, systemApi } from '../../../api/endpoints';
import type { County } from '../../../api/types';
import { DivisionImportModal } from '../../../components/division-import-modal';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { useAccess, useMe } from '../../../session/session';
import { DemoModal } from './demo-modal';
import { RectificationPanel } from './rectification-panel';

function WelcomeCard({ onDemo, onImport }: { onDemo: () => void; onImport: () => void }) {
  const access = useAccess();
  const canDemo = access.can('access.manage');
  const canImport = access.can('registry.import');
  return (
    <Card data-testid="welcome-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        欢迎使用巡察工作平台
      </Typography.Title>
      <Typography.Paragraph>
        系统中还没有行政区划数据。巡察工作从“底数”开始：先导入本县（市、区）的乡镇（街道）和村（社区），再完善村情档案、村“两委”干部名册，然后制定巡察规划。
      </Typography.Paragraph>
      {canDemo || canImport ? (
        <Space wrap size={16}>
          {canDemo && (
            <Button size="large" icon={<ExperimentOutlined />} onClick={onDemo} data-testid="welcome-demo">
              生成演示数据（溧阳市）
            </Button>
          )}
          {canImport && (
            <Button size="large" type="primary" icon={<CloudUploadOutlined />} onClick={onImport} data-testid="welcome-import">
              导入本县行政区划
            </Button>
          )}
        </Space>
      ) : (
        <Typography.Text type="secondary">请联系巡察办管理员导入行政区划。</Typography.Text>
      )}
    </Card>
  );
}

function Summary({ counties }: { counties: County[] }) {
  const access = useAccess();
  const towns = counties.reduce((n, c) => n + c.towns, 0);
  const villages = counties.reduce((n, c) => n + c.villages, 0);
  const links = [
    { to: '/registry/villages', label: '村（社区）名录', icon: <EnvironmentOutlined />, permission: 'registry.read' as const },
    { to: '/registry/cadres/import', label: '干部名册导入', icon: <CloudUploadOutlined />, permission: 'registry.write' as const },
    { to: '/access/users', label: '组织与用户', icon: <TeamOutlined />, permission: 'access.manage' as const },
  ].filter((l) => access.can(l.permission));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {[
          { title: '区县（市、区）', value: counties.length, icon: <AppstoreOutlined />, id: 'stat-counties' },
          { title: '乡镇（街道）', value: towns, icon: <DatabaseOutlined />, id: 'stat-towns' },
          { title: '村（社区）', value: villages, icon: <EnvironmentOutlined />, id: 'stat-villages' },
        ].map((s) => (
          <Col xs={24} md={8} key={s.id}>
            <Card className="xc-stat-card" data-testid={s.id}>
              <Statistic title={s.title} value={s.value} prefix={s.icon} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title="已导入的区县" extra={links.length > 0 && <Space>{links.map((l) => <Link key={l.to} to={l.to}>{l.icon} {l.label}</Link>)}</Space>}>
        <Table<County>
          rowKey="code"
          size="middle"
          pagination={false}
          dataSource={counties}
          columns={[
            { title: '区县', dataIndex: 'name', render: (n: string, c) => <Link to={`/registry/villages?county=${c.code}`}>{n}</Link> },
            { title: '所属市', dataIndex: 'cityName', render: (v: string | null) => v ?? '—' },
            { title: '区划代码', dataIndex: 'code' },
            { title: '乡镇（街道）', dataIndex: 'towns', align: 'right' },
            { title: '村（社区）', dataIndex: 'villages', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

export function HomePage() {
  const me = useMe();
  const access = useAccess();
  const status = useQuery({ queryKey: keys.status, queryFn: systemApi.status });
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties, enabled: access.can('registry.read') });
  // The dialogs live here, not in the welcome card: the card goes away as soon as data arrives.
  const [demoOpen, setDemoOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  let body;
  if (status.isPending) body = <PageLoading />;
  else if (status.isError) body = <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  else if (status.data.empty) body = <WelcomeCard onDemo={() => setDemoOpen(true)} onImport={() => setImportOpen(true)} />;
  else if (!access.can('registry.read')) body = <Empty description="您的账户没有查看村情底数的权限" />;
  else if (counties.isPending) body = <PageLoading />;
  else if (counties.isError) body = <QueryError error={counties.error} onRetry={() => void counties.refetch()} />;
  else if (counties.data.items.length === 0) body = <Empty description="您的管辖范围内还没有导入行政区划" />;
  else body = <Summary counties={counties.data.items} />;
  const overview = status.data && !status.data.empty && access.can('rectification.read');

  return (
    <PageContainer title="首页" subTitle={`您好，${me.displayName}（${me.org.name}）`}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {overview && <RectificationPanel />}
        {body}
      </Space>
      <DemoModal open={demoOpen} onClose={() => setDemoOpen(false)} />
      <DivisionImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </PageContainer>
  );
}
