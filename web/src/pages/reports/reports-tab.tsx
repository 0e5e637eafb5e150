import { useQuery } from '@tanstack/react-query';
import { Empty, List, Tabs } from 'antd';
import { useState } from 'react';
import { reportKeys, reportsApi } from '../../api/reports';
import { QueryError } from '../../components/query-state';
import { useAccess } from '../../session/session';
import { SpecialReports } from './special-reports';
import { Suggestions } from './suggestions';
import { TargetCard } from './target-card';
import { TransferItems } from './transfer-items';

/** Per target a card with its report and feedback, a page of targets at a time. */
function TargetReports({ roundId }: { roundId: string }) {
  const [page, setPage] = useState({ page: 1, pageSize: 5 });
  const q = useQuery({ queryKey: reportKeys.targets(roundId, page), queryFn: () => reportsApi.targets(roundId, page) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <List
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: <Empty description="本轮没有您可查看的巡察对象" /> }}
      pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }), showTotal: (n) => `共 ${n} 个巡察对象`, pageSizeOptions: [5, 10, 20] }}
      renderItem={(t) => <TargetCard key={t.id} roundId={roundId} targetId={t.id} />}
    />
  );
}

/** The round's 报告与反馈: 巡察报告 and feedback per target, 专题报告, 巡察建议书 and 移交事项. */
export function ReportsTab({ roundId }: { roundId: string }) {
  const access = useAccess();
  const [tab, setTab] = useState('targets');
  if (!access.can('reports.read')) return <Empty description="没有查看巡察报告和反馈的权限" />;
  return (
    <Tabs
      data-testid="reports-tab"
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'targets', label: '巡察报告与反馈', children: <TargetReports roundId={roundId} /> },
        { key: 'special', label: '专题报告', children: <SpecialReports roundId={roundId} /> },
        { key: 'suggestions', label: '巡察建议书', children: <Suggestions roundId={roundId} /> },
        { key: 'transfers', label: '移交事项', children: <TransferItems roundId={roundId} /> },
      ]}
    />
  );
}
