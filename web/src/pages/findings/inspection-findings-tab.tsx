import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { checklistKeys, checklistsApi } from '../../api/checklists';
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
  const [creating, setCreating] = useState<{ checklistItemId?: string } | null>(null);
  const filter = { inspectionId: village.inspectionId, page, pageSize: 20 };
  const list = useQuery({ queryKey: findingKeys.list(filter), queryFn: () => findingsApi.list(filter), placeholderData: keepPreviousData });
  // checklist items marked 发现问题 that no working paper names yet: the natural next papers to write
  const allFilter = { inspectionId: village.inspectionId, page: 1, pageSize: 500 };
  const all = useQuery({ queryKey: findingKeys.list(allFilter), queryFn: () => findingsApi.list(allFilter) });
  const checklist = useQuery({ queryKey: checklistKeys.inspection(village.inspectionId), queryFn: () => checklistsApi.inspectionChecklist(village.inspectionId) });
  const covered = new Set((all.data?.items ?? []).map((f) => f.checklistItemId).filter(Boolean));
  const uncovered = all.data ? (checklist.data?.items ?? []).filter((i) => i.result === 'problem_found' && !covered.has(i.id)) : [];

  return (
    <div data-testid="inspection-findings">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">一事一底稿：每个问题一份底稿，经副组长审核、组长审定后进入巡察报告。</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})} data-testid="inspection-finding-new">
            新建问题底稿
          </Button>
        )}
      </Flex>
      {uncovered.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`监督清单中有 ${uncovered.length} 项标记为“发现问题”，尚无对应的问题底稿`}
          description={
            <Flex vertical gap={4} data-testid="uncovered-items">
              {uncovered.map((i) => (
                <Flex key={i.id} gap={8} align="center" wrap>
                  <span>
                    {i.aspect} · {i.title}
                  </span>
                  {canWrite && (
                    <Button size="small" type="link" onClick={() => setCreating({ checklistItemId: i.id })}>
                      据此撰写底稿
                    </Button>
                  )}
                </Flex>
              ))}
            </Flex>
          }
        />
      )}
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
      <FindingDrawer
        open={creating !== null}
        finding={null}
        village={village}
        checklistItemId={creating?.checklistItemId}
        onClose={() => setCreating(null)}
        onSaved={(f) => void navigate(`/findings/${f.id}`)}
      />
    </div>
  );
}
