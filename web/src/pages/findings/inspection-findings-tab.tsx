import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { findingKeys, findingsApi, type FindingRow } from '../../api/findings';
import { QueryError } from '../../components/query-state';
import { FindingDrawer, type FindingVillage } from './finding-drawer';
import { FindingStatusTag, ImmediateTag, yuan } from './finding-status-tag';

const columns: TableColumnsType<FindingRow> = [
  { title: '编号', dataIndex: 'numberLabel', width: 86 },
  {
    title: '问题名称',
    dataIndex: 'title',
    render: (t: string, r) => (
      <Space size={4} wrap>
        <Link to={`/findings/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {t}
        </Link>
        {r.immediate && <ImmediateTag fixedOn={r.immediateFixedOn} />}
      </Space>
    ),
  },
  { title: '类别', dataIndex: 'categoryName', width: 130 },
  { title: '涉及金额', dataIndex: 'amount', width: 120, align: 'right', render: (a: string | null) => yuan(a) ?? '—' },
  { title: '撰写人', dataIndex: 'authorName', width: 100 },
  { title: '状态', dataIndex: 'status', width: 120, render: (_s, r) => <FindingStatusTag status={r.status} name={r.statusName} /> },
];

/** 问题底稿 tab of the village workspace: this village's working papers and a new one pre-filled with the village. */
export function InspectionFindingsTab({ village, canWrite }: { village: FindingVillage; canWrite: boolean }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const filter = { inspectionId: village.inspectionId, page, pageSize: 20 };
  const list = useQuery({ queryKey: findingKeys.list(filter), queryFn: () => findingsApi.list(filter), placeholderData: keepPreviousData });

  return (
    <div data-testid="inspection-findings">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">一事一底稿：每个问题一份底稿，经副组长审核、组长审定后进入巡察报告。</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="inspection-finding-new">
            新建问题底稿
          </Button>
        )}
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<FindingRow>
          className="xc-clickable-rows"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          onRow={(r) => ({ onClick: () => void navigate(`/findings/${r.id}`) })}
          locale={{ emptyText: '本村（社区）尚无问题底稿' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个问题`, hideOnSinglePage: true }}
        />
      )}
      <FindingDrawer open={creating} finding={null} village={village} onClose={() => setCreating(false)} onSaved={(f) => void navigate(`/findings/${f.id}`)} />
    </div>
  );
}
