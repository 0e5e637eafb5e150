import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { DATASET_KINDS } from '../../../../../domain/analytics/dataset-kinds';
import { analyticsApi, analyticsKeys, formatBytes, type Dataset, type DatasetStatus } from '../../../api/analytics';
import { reportError } from '../../../api/errors';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useUrlFilters } from '../../../components/use-url-filters';

export const DATASET_STATUS_COLORS: Record<DatasetStatus, string> = { uploaded: 'default', importing: 'processing', ready: 'success', failed: 'error' };
const STATUS_OPTIONS: { value: DatasetStatus; label: string }[] = [
  { value: 'ready', label: '可用' },
  { value: 'importing', label: '导入中' },
  { value: 'failed', label: '导入失败' },
  { value: 'uploaded', label: '待确认' },
];
export const KIND_OPTIONS = DATASET_KINDS.filter((k) => !k.fromRegistry).map((k) => ({ value: k.key, label: k.label }));

/**
 * 数据集 under 大数据比对: every imported comparison dataset of the office's scope (search by name or
 * source, filter by kind and status, pages), with row counts and problems; 导入数据 opens the wizard.
 */
export function DatasetsPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { params, update, text, setText } = useUrlFilters<'kind' | 'status' | 'pageSize'>();
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const filter = {
    q: params.get('q') || undefined,
    kind: params.get('kind') || undefined,
    status: (params.get('status') || undefined) as DatasetStatus | undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: analyticsKeys.list(filter),
    queryFn: () => analyticsApi.list(filter),
    // imports running in the list refresh on their own
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'importing') ? 3000 : false),
  });
  const remove = useMutation({
    mutationFn: (id: string) => analyticsApi.remove(id),
    onSuccess: () => {
      message.success('数据集已删除');
      void qc.invalidateQueries({ queryKey: analyticsKeys.all });
    },
    onError: reportError,
  });

  const columns: TableColumnsType<Dataset> = [
    {
      title: '数据集',
      key: 'name',
      render: (_: unknown, d) => (
        <div>
          <Link to={d.status === 'uploaded' ? `/analytics/datasets/import?id=${d.id}` : `/analytics/datasets/${d.id}`}>{d.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.fileName} · {formatBytes(d.fileSize)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '数据类型', dataIndex: 'kindName', key: 'kind', render: (v: string | null) => v ?? '—' },
    { title: '数据来源', dataIndex: 'sourceName', key: 'source', render: (v: string | null) => v ?? '—' },
    { title: '行数', key: 'rows', align: 'right', render: (_: unknown, d) => (d.rowCount === null ? '—' : d.rowCount.toLocaleString('zh-CN')) },
    {
      title: '问题行',
      key: 'issues',
      align: 'right',
      render: (_: unknown, d) =>
        d.rowCount === null ? '—' : `${(d.flaggedCount ?? 0).toLocaleString('zh-CN')} 行存疑 / ${(d.rejectedCount ?? 0).toLocaleString('zh-CN')} 行未导入`,
    },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, d) => (
        <span title={d.errorMessage ?? undefined}>
          <Tag color={DATASET_STATUS_COLORS[d.status]}>{d.statusName}</Tag>
        </span>
      ),
    },
    { title: '导入人', dataIndex: 'createdByName', key: 'by', render: (v: string | null) => v ?? '—' },
    { title: '时间', dataIndex: 'createdAt', key: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, d) =>
        d.status === 'importing' ? null : (
          <Popconfirm
            title="删除数据集"
            description={`删除“${d.name}”及其数据文件？删除后不能恢复，已运行的比对结果不受影响。`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove.mutateAsync(d.id)}
          >
            <Button type="link" danger size="small" data-testid={`dataset-delete-${d.id}`}>
              删除
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title="数据集"
      subTitle="导入的比对数据：补贴发放、财政供养人员、死亡注销、车辆房产、企业登记、村级支出、招投标等"
      testId="datasets-page"
      extra={
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => navigate('/analytics/datasets/import')} data-testid="dataset-import">
          导入数据
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="搜索">
          <Input.Search allowClear placeholder="名称、数据来源或文件名" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item label="数据类型">
          <Select allowClear placeholder="全部" style={{ width: 180 }} value={filter.kind} options={KIND_OPTIONS} onChange={(v?: string) => update({ kind: v })} />
        </Form.Item>
        <Form.Item label="状态">
          <Select allowClear placeholder="全部" style={{ width: 120 }} value={filter.status} options={STATUS_OPTIONS} onChange={(v?: string) => update({ status: v })} />
        </Form.Item>
      </Form>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Dataset>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '还没有导入比对数据。点击右上角“导入数据”开始' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 个`,
            onChange: (p, s) => update({ page: String(p), pageSize: String(s) }),
          }}
        />
      )}
    </PageContainer>
  );
}
