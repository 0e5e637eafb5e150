import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { columnLetter } from '../../../../../domain/analytics/mapping';
import { analyticsApi, analyticsKeys, formatBytes, type DatasetRecord, type RowIssue } from '../../../api/analytics';
import { reportError } from '../../../api/errors';
import { JobProgress } from '../../../components/job-progress';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { DATASET_STATUS_COLORS } from './datasets.page';

const cell = (v: string | number | boolean | null, type: string) => {
  if (v === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (type === 'amount' && typeof v === 'number') return (v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (type === 'area' && typeof v === 'number') return (v / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  if (type === 'date') return String(v).slice(0, 10);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
};

/** 数据集详情: how the file was read and mapped, the counts and problems, and the normalised rows by page. */
export function DatasetPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [flagged, setFlagged] = useState(false);
  const detail = useQuery({ queryKey: analyticsKeys.one(id), queryFn: () => analyticsApi.get(id) });
  const d = detail.data;
  const rows = useQuery({ queryKey: analyticsKeys.rows(id, page, pageSize, flagged), queryFn: () => analyticsApi.rows(id, page, pageSize, flagged), enabled: d?.status === 'ready' });
  const remove = useMutation({
    mutationFn: () => analyticsApi.remove(id),
    onSuccess: () => {
      message.success('数据集已删除');
      void qc.invalidateQueries({ queryKey: analyticsKeys.all });
      navigate('/analytics/datasets');
    },
    onError: reportError,
  });
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!d) return <Card loading />;

  const unitOf = (key: string) => d.mapping?.[key]?.unit;
  const mappingRows = d.fields.map((f) => ({ ...f, source: d.mapping?.[f.key] }));
  const dataColumns: TableColumnsType<DatasetRecord> = [
    { title: '原行号', dataIndex: '_row', key: '_row', width: 80, fixed: 'left' },
    ...d.fields.map((f) => ({
      title: f.type === 'amount' ? `${f.label}（元）` : f.type === 'area' ? `${f.label}（${unitOf(f.key) === '平方米' ? '平方米' : '亩'}）` : f.label,
      key: f.key,
      render: (_: unknown, r: DatasetRecord) => cell(r[f.key] ?? null, f.type),
    })),
    { title: '存疑', dataIndex: '_issues', key: '_issues', width: 220, render: (v: string | null) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : null) },
  ];
  const issueColumns: TableColumnsType<RowIssue> = [
    { title: '行', dataIndex: 'row', key: 'row', width: 80 },
    { title: '列', key: 'col', width: 160, render: (_: unknown, i) => `${i.column}（${i.header}）` },
    { title: '原值', dataIndex: 'value', key: 'value', ellipsis: true },
    { title: '问题', key: 'issue', render: (_: unknown, i) => `${i.label}：${i.issue}` },
    { title: '处理', key: 'rejected', width: 150, render: (_: unknown, i) => (i.rejected ? <Tag color="error">整行未导入</Tag> : i.kept ? <Tag color="warning">已导入，值存疑</Tag> : <Tag>已导入，该项为空</Tag>) },
  ];

  return (
    <PageContainer
      title={d.name}
      documentTitle={`${d.name} - 数据集`}
      breadcrumb={[{ title: '数据集', to: '/analytics/datasets' }, { title: d.name }]}
      testId="dataset-page"
      extra={
        d.status !== 'importing' && (
          <Popconfirm title="删除数据集" description="删除这个数据集及其数据文件？删除后不能恢复。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutateAsync()}>
            <Button danger data-testid="dataset-delete">
              删除数据集
            </Button>
          </Popconfirm>
        )
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {d.status === 'importing' && d.jobId && (
          <Card title="正在导入" size="small">
            <JobProgress jobId={d.jobId} onDone={() => void qc.invalidateQueries({ queryKey: analyticsKeys.all })} />
          </Card>
        )}
        {d.status === 'failed' && <Alert type="error" showIcon title="导入失败" description={d.errorMessage ?? '导入没有完成，没有留下任何数据'} />}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="状态">
              <Tag color={DATASET_STATUS_COLORS[d.status]}>{d.statusName}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="数据类型">{d.kindName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="数据来源">{d.sourceName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="文件">
              {d.fileName}（{formatBytes(d.fileSize)}，{d.formatName}）
            </Descriptions.Item>
            {d.encodingName && <Descriptions.Item label="编码">{d.encodingName}</Descriptions.Item>}
            {d.sheetName && <Descriptions.Item label="工作表">{d.sheetName}</Descriptions.Item>}
            {d.headerRow ? (
              <Descriptions.Item label="表头">
                第 {d.headerRow} 行{d.headerRowCount === 2 ? '起两行' : ''}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="导入行数">{d.rowCount === null ? '—' : d.rowCount.toLocaleString('zh-CN')}</Descriptions.Item>
            <Descriptions.Item label="存疑 / 未导入">
              {d.rowCount === null ? '—' : `${(d.flaggedCount ?? 0).toLocaleString('zh-CN')} 行 / ${(d.rejectedCount ?? 0).toLocaleString('zh-CN')} 行`}
            </Descriptions.Item>
            <Descriptions.Item label="导入人">{d.createdByName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="导入时间">{new Date(d.createdAt).toLocaleString('zh-CN', { hour12: false })}</Descriptions.Item>
          </Descriptions>
        </Card>
        {d.mapping && (
          <Card title="字段对应" size="small">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={mappingRows}
              columns={[
                { title: '标准字段', dataIndex: 'label', key: 'label' },
                { title: '文件中的列', key: 'source', render: (_: unknown, r) => (r.source ? `${columnLetter(r.source.column)} 列：${d.headers[r.source.column] ?? ''}` : <Typography.Text type="secondary">未导入</Typography.Text>) },
                { title: '单位', key: 'unit', render: (_: unknown, r) => r.source?.unit ?? '' },
              ]}
            />
          </Card>
        )}
        {d.issues && d.issues.total > 0 && (
          <Card
            title={`问题（共 ${d.issues.total.toLocaleString('zh-CN')} 处）`}
            size="small"
            extra={<Button onClick={() => analyticsApi.downloadIssues(d.id, d.name).catch(reportError)} data-testid="issues-download">下载全部问题（.xlsx）</Button>}
          >
            <Space wrap style={{ marginBottom: 12 }}>
              {d.issues.counts.map((c) => (
                <Tag key={`${c.field}-${c.issue}`}>
                  {c.label}：{c.issue} × {c.count.toLocaleString('zh-CN')}
                </Tag>
              ))}
            </Space>
            <Table<RowIssue> rowKey={(i) => `${i.row}-${i.column}`} size="small" columns={issueColumns} dataSource={d.issues.first} pagination={{ pageSize: 10 }} />
          </Card>
        )}
        {d.status === 'ready' && (
          <Card
            title="规范化后的数据"
            size="small"
            extra={
              <Space>
                只看存疑行
                <Switch
                  checked={flagged}
                  onChange={(v) => {
                    setFlagged(v);
                    setPage(1);
                  }}
                />
              </Space>
            }
          >
            {rows.isError ? (
              <QueryError error={rows.error} onRetry={() => void rows.refetch()} />
            ) : (
              <Table<DatasetRecord>
                rowKey={(r) => String(r._row)}
                size="small"
                scroll={{ x: 'max-content' }}
                loading={rows.isPending}
                columns={dataColumns}
                dataSource={rows.data?.items ?? []}
                pagination={{
                  current: page,
                  pageSize,
                  total: rows.data?.total ?? 0,
                  showSizeChanger: true,
                  showTotal: (n) => `共 ${n.toLocaleString('zh-CN')} 行`,
                  onChange: (p, s) => {
                    setPage(p);
                    setPageSize(s);
                  },
                }}
              />
            )}
          </Card>
        )}
      </Space>
    </PageContainer>
  );
}
