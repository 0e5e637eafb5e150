import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Progress, Result, Select, Space, Steps, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { datasetKind, type DatasetKindKey } from '../../../../../domain/analytics/dataset-kinds';
import { columnLetter, suggestMapping, validateMapping, type ColumnMapping, type FieldSuggestion } from '../../../../../domain/analytics/mapping';
import { analyticsApi, analyticsKeys, formatBytes, uploadDataset, type DatasetPreview, type GridRow, type RowIssue } from '../../../api/analytics';
import { reportError } from '../../../api/errors';
import { JobProgress } from '../../../components/job-progress';
import { PageContainer } from '../../../components/page-container';
import { KIND_OPTIONS } from './datasets.page';
import { MappingEditor } from './mapping-editor';

const STEPS = [{ title: '选择文件' }, { title: '识别与映射' }, { title: '导入' }, { title: '结果' }];

/** Step 1: the file, uploaded with a progress bar. */
function ChooseFile({ onUploaded }: { onUploaded: (p: DatasetPreview) => void }) {
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <Upload.Dragger
        accept=".csv,.txt,.tsv,.xlsx,.parquet"
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        customRequest={({ file }) => {
          setError(null);
          setPercent(0);
          uploadDataset(file as File, setPercent)
            .then(onUploaded)
            .catch((e: Error) => setError(e.message))
            .finally(() => setPercent(null));
        }}
        data-testid="dataset-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖拽文件到这里上传</p>
        <p className="ant-upload-hint">支持 CSV（UTF-8 或 GBK 编码，逗号或制表符分隔）、Excel（.xlsx，可带标题行和合并表头）和 Parquet 文件；旧版 .xls 请先另存为 .xlsx</p>
      </Upload.Dragger>
      {percent !== null && <Progress percent={percent} status="active" style={{ marginTop: 16 }} format={(p) => (p === 100 ? '正在识别…' : `${p}%`)} />}
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title="文件无法导入" description={error} data-testid="upload-error" />}
    </Card>
  );
}

interface MapForm {
  kind: DatasetKindKey;
  name: string;
  sourceName: string;
}

/** Step 2: what was detected, the first rows, and the mapping to standard fields. */
function MapColumns({ preview, onPreview, onStarted }: { preview: DatasetPreview; onPreview: (p: DatasetPreview) => void; onStarted: (jobId: string) => void }) {
  const [form] = Form.useForm<MapForm>();
  const d = preview.dataset;
  const headers = preview.header.headers;
  const kind = (Form.useWatch('kind', form) ?? preview.suggestion.kind) as DatasetKindKey;
  const [mapping, setMapping] = useState<ColumnMapping>(preview.suggestion.mapping);
  const [showProblems, setShowProblems] = useState(false);
  const suggestions: FieldSuggestion[] = useMemo(
    () => (kind === preview.suggestion.kind ? preview.suggestion.fields : suggestMapping(kind, headers).fields),
    [kind, preview, headers],
  );
  useEffect(() => {
    setMapping(preview.suggestion.mapping);
    form.setFieldsValue({ kind: preview.suggestion.kind, ...(preview.suggestion.sourceName ? { sourceName: preview.suggestion.sourceName } : {}) });
  }, [preview, form]);

  const problems = useMemo(() => Object.fromEntries(validateMapping(kind, mapping, headers).map((i) => [i.path, i.message])), [kind, mapping, headers]);
  const relayout = useMutation({ mutationFn: (body: Parameters<typeof analyticsApi.preview>[1]) => analyticsApi.preview(d.id, body), onSuccess: onPreview, onError: reportError });
  const start = useMutation({
    mutationFn: (v: MapForm) => analyticsApi.confirm(d.id, { kind: v.kind, name: v.name.trim(), sourceName: v.sourceName.trim(), mapping }),
    onSuccess: (r) => onStarted(r.jobId),
    onError: reportError,
  });

  const changeKind = (next: DatasetKindKey) => {
    setMapping(next === preview.suggestion.kind ? preview.suggestion.mapping : suggestMapping(next, headers).mapping);
  };
  const mappedColumns = new Map(Object.entries(mapping).map(([key, m]) => [m.column, datasetKind(kind).fields.find((f) => f.key === key)?.label ?? key]));
  const previewColumns: TableColumnsType<GridRow> = [
    { title: '行', dataIndex: 'row', key: 'row', width: 60, fixed: 'left' },
    ...headers.map((h, i) => ({
      title: (
        <div>
          <div>
            {columnLetter(i)}：{h}
          </div>
          {mappedColumns.has(i) ? <Tag color="blue">{mappedColumns.get(i)}</Tag> : <Tag>不导入</Tag>}
        </div>
      ),
      key: `c${i}`,
      ellipsis: true,
      render: (_: unknown, r: GridRow) => r.cells[i] ?? '',
    })),
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="文件识别" size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="文件">
            {d.fileName}（{formatBytes(d.fileSize)}，{d.formatName}）
          </Descriptions.Item>
          {d.format === 'csv' && (
            <Descriptions.Item label="编码">
              <Select size="small" style={{ width: 170 }} value={d.encoding ?? undefined} options={preview.encodings} onChange={(encoding: string) => relayout.mutate({ encoding })} data-testid="encoding" />
            </Descriptions.Item>
          )}
          {d.format === 'csv' && <Descriptions.Item label="分隔符">{d.delimiter === '\t' ? '制表符' : '逗号'}</Descriptions.Item>}
          {d.sheetName && <Descriptions.Item label="工作表">{d.sheetName}</Descriptions.Item>}
          {d.format !== 'parquet' && (
            <Descriptions.Item label="表头">
              <Space>
                <Select
                  size="small"
                  style={{ width: 110 }}
                  value={preview.header.row}
                  options={preview.rawRows.map((r) => ({ value: r.row, label: `第 ${r.row} 行` }))}
                  onChange={(headerRow: number) => relayout.mutate({ headerRow, headerRowCount: preview.header.rowCount as 1 | 2 })}
                  data-testid="header-row"
                />
                <Select<1 | 2>
                  size="small"
                  style={{ width: 100 }}
                  value={preview.header.rowCount as 1 | 2}
                  options={[
                    { value: 1, label: '单行表头' },
                    { value: 2, label: '两行表头' },
                  ]}
                  onChange={(headerRowCount: 1 | 2) => relayout.mutate({ headerRow: preview.header.row, headerRowCount })}
                />
              </Space>
            </Descriptions.Item>
          )}
          {preview.header.titles.length > 0 && <Descriptions.Item label="标题">{preview.header.titles.join(' / ')}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={`前 ${preview.rows.length} 行`} size="small">
        <Table<GridRow> rowKey="row" size="small" pagination={false} scroll={{ x: 'max-content', y: 320 }} columns={previewColumns} dataSource={preview.rows} loading={relayout.isPending} />
      </Card>
      <Card title="数据类型与字段对应" size="small">
        {preview.suggestion.from === 'saved' && (
          <Alert type="success" showIcon style={{ marginBottom: 16 }} title={`已按“${preview.suggestion.sourceName}”上次导入时的对应关系填好，请核对`} />
        )}
        <Form<MapForm>
          form={form}
          layout="vertical"
          initialValues={{ kind: preview.suggestion.kind, name: d.name, sourceName: preview.suggestion.sourceName ?? '' }}
          onFinish={(v) => {
            setShowProblems(true);
            if (Object.keys(problems).length === 0) start.mutate(v);
          }}
        >
          <Flex gap={16} wrap>
            <Form.Item name="kind" label="数据类型" rules={[{ required: true, message: '请选择数据类型' }]} style={{ minWidth: 220 }}>
              <Select options={KIND_OPTIONS} onChange={changeKind} data-testid="dataset-kind" />
            </Form.Item>
            <Form.Item name="sourceName" label="数据来源" rules={[{ required: true, whitespace: true, message: '请填写数据来源，如“县民政局低保发放”' }]} style={{ minWidth: 260, flex: 1 }}>
              <Input placeholder="如：县民政局低保发放" maxLength={100} data-testid="dataset-source" />
            </Form.Item>
            <Form.Item name="name" label="数据集名称" rules={[{ required: true, whitespace: true, message: '请填写数据集名称' }]} style={{ minWidth: 260, flex: 1 }}>
              <Input maxLength={100} data-testid="dataset-name" />
            </Form.Item>
          </Flex>
          <Typography.Paragraph type="secondary">{datasetKind(kind).description}</Typography.Paragraph>
          <MappingEditor kind={kind} headers={headers} mapping={mapping} suggestions={suggestions} onChange={setMapping} problems={showProblems ? problems : {}} />
          <Flex justify="end" style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="dataset-start">
              开始导入
            </Button>
          </Flex>
        </Form>
      </Card>
    </Space>
  );
}

/** Step 4: counts, the first problems and the way to the dataset. */
function ImportResult({ datasetId }: { datasetId: string }) {
  const detail = useQuery({ queryKey: analyticsKeys.one(datasetId), queryFn: () => analyticsApi.get(datasetId) });
  const d = detail.data;
  if (!d) return <Card loading />;
  if (d.status !== 'ready') {
    return <Result status="error" title="导入没有完成" subTitle={d.errorMessage ?? '导入失败，没有留下任何数据'} extra={<Link to="/analytics/datasets/import">重新上传</Link>} />;
  }
  const issueColumns: TableColumnsType<RowIssue> = [
    { title: '行', dataIndex: 'row', key: 'row', width: 80 },
    { title: '列', key: 'col', width: 160, render: (_: unknown, i) => `${i.column}（${i.header}）` },
    { title: '原值', dataIndex: 'value', key: 'value', ellipsis: true },
    { title: '问题', key: 'issue', render: (_: unknown, i) => `${i.label}：${i.issue}` },
    { title: '处理', key: 'rejected', width: 130, render: (_: unknown, i) => (i.rejected ? <Tag color="error">整行未导入</Tag> : i.kept ? <Tag color="warning">已导入，值存疑</Tag> : <Tag>已导入，该项为空</Tag>) },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Result
        status={d.rejectedCount ? 'warning' : 'success'}
        title={`已导入 ${d.rowCount?.toLocaleString('zh-CN')} 行`}
        subTitle={`${(d.flaggedCount ?? 0).toLocaleString('zh-CN')} 行有存疑的值（已导入并标记），${(d.rejectedCount ?? 0).toLocaleString('zh-CN')} 行缺少必填项未导入`}
        extra={[
          <Link key="open" to={`/analytics/datasets/${d.id}`}>
            <Button type="primary">查看数据集</Button>
          </Link>,
          <Link key="again" to="/analytics/datasets/import" reloadDocument>
            <Button>继续导入</Button>
          </Link>,
        ]}
      />
      {d.issues && d.issues.total > 0 && (
        <Card
          title={`问题行（共 ${d.issues.total.toLocaleString('zh-CN')} 处，先列出前 ${d.issues.first.length} 处）`}
          size="small"
          extra={<Button onClick={() => analyticsApi.downloadIssues(d.id, d.name).catch(reportError)}>下载全部问题（.xlsx）</Button>}
        >
          <Table<RowIssue> rowKey={(i) => `${i.row}-${i.column}`} size="small" columns={issueColumns} dataSource={d.issues.first} pagination={{ pageSize: 10 }} />
        </Card>
      )}
    </Space>
  );
}

/**
 * 导入数据: 选择文件 → 识别与映射 → 导入 (a job with a progress bar and cancel) → 结果. An upload left at
 * 识别与映射 can be resumed from the list (?id=…).
 */
export function DatasetImportPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [preview, setPreview] = useState<DatasetPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);
  const resumeId = params.get('id');
  const resume = useQuery({ queryKey: ['analytics', 'resume', resumeId], queryFn: () => analyticsApi.preview(resumeId!, {}), enabled: Boolean(resumeId) && preview === null, retry: false });
  useEffect(() => {
    if (resume.data) setPreview(resume.data);
    if (resume.error) reportError(resume.error);
  }, [resume.data, resume.error]);

  const step = finished ? 3 : jobId ? 2 : preview ? 1 : 0;
  return (
    <PageContainer title="导入数据" breadcrumb={[{ title: '数据集', to: '/analytics/datasets' }, { title: '导入数据' }]} testId="dataset-import-page">
      <Steps current={step} items={STEPS} style={{ marginBottom: 24 }} />
      {step === 0 && <ChooseFile onUploaded={setPreview} />}
      {step === 1 && preview && <MapColumns preview={preview} onPreview={setPreview} onStarted={setJobId} />}
      {step === 2 && jobId && (
        <Card>
          <Typography.Paragraph>正在导入“{preview?.dataset.name}”。文件较大时需要几分钟，可以离开本页，稍后在数据集列表查看结果。</Typography.Paragraph>
          <JobProgress
            jobId={jobId}
            cancelWarning="取消后已读取的部分全部丢弃，不会留下不完整的数据集。"
            onDone={() => {
              void qc.invalidateQueries({ queryKey: analyticsKeys.all });
              setFinished(true);
            }}
          />
        </Card>
      )}
      {step === 3 && preview && <ImportResult datasetId={preview.dataset.id} />}
      {step > 0 && step < 2 && (
        <Flex justify="start" style={{ marginTop: 16 }}>
          <Button
            onClick={() => {
              const id = preview?.dataset.id;
              setPreview(null);
              navigate('/analytics/datasets/import', { replace: true });
              // the abandoned upload and its file go, so no 待确认 row is left behind
              if (id) analyticsApi.remove(id).then(() => message.info('已放弃这个文件，可以重新选择'), reportError);
            }}
          >
            重新选择文件
          </Button>
        </Flex>
      )}
    </PageContainer>
  );
}
