import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, InputNumber, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { planningApi, planningKeys, type ScheduleRow } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';

const STATUS_COLORS: Record<string, string> = { not_started: 'default', in_progress: 'processing', completed: 'success' };

const columns: TableColumnsType<ScheduleRow> = [
  { title: '轮次', dataIndex: 'roundLabel', width: 120 },
  { title: '村（社区）', dataIndex: 'villageName' },
  { title: '乡镇（街道）', dataIndex: 'townName', render: (n: string | null) => n ?? '—' },
  { title: '巡察方式', dataIndex: 'modeName', width: 110 },
  { title: '巡察时间', key: 'dates', width: 210, render: (_, r) => `${r.startDate} 至 ${r.endDate}` },
  { title: '巡察组', dataIndex: 'teamName', width: 120, render: (n: string | null) => n ?? '—' },
  { title: '状态', dataIndex: 'statusName', width: 90, render: (n: string, r) => <Tag color={STATUS_COLORS[r.status]}>{n}</Tag> },
];

/** 巡察安排: which villages of the reader's area are inspected when, and by which team — nothing of the contents. */
export function SchedulePage() {
  const [f, setF] = useState<{ year?: number; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: planningKeys.schedule(f), queryFn: () => planningApi.schedule(f), placeholderData: keepPreviousData });
  return (
    <PageContainer title="巡察安排" subTitle="本辖区村（社区）的巡察时间安排，供配合做好巡察工作">
      <Card size="small">
        <Flex gap={12} style={{ marginBottom: 12 }} align="center">
          <InputNumber placeholder="年度" min={2000} max={2100} value={f.year} onChange={(v) => setF({ ...f, year: v ?? undefined, page: 1 })} style={{ width: 110 }} />
          <Typography.Text type="secondary">巡察进驻前将另行发布巡察公告</Typography.Text>
        </Flex>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<ScheduleRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={q.data?.items}
            loading={q.isFetching}
            locale={{ emptyText: '暂无巡察安排' }}
            pagination={{
              current: f.page,
              pageSize: f.pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 项`,
              onChange: (page, pageSize) => setF({ ...f, page, pageSize }),
            }}
            scroll={{ x: 860 }}
            data-testid="schedule-table"
          />
        )}
      </Card>
    </PageContainer>
  );
}
