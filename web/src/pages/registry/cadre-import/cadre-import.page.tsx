import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Result, Row, Space, Spin, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CADRE_COLUMNS } from '../../../../../domain/registry/cadre-import';
import { keys, registryApi } from '../../../api/endpoints';
import type { CadreImportOutcome, CadreImportPreview, RowError } from '../../../api/types';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';

type Sample = CadreImportPreview['sample'][number];

const EXPECTED = ['村（社区）', '乡镇（街道）', '姓名', '性别', '身份证号码', '职务', '任职时间', '任期届满', '联系电话', '亲属姓名', '亲属身份证号码', '与本人关系'];

/** A small CSV template (UTF-8 with BOM so Excel opens it right). */
function downloadTemplate() {
  const rows = [
    EXPECTED,
    ['三坝社区', '聚源镇', '张建国', '男', '（18 位身份证号码）', '党支部书记、村委会主任', '2021-05-01', '2026-04-30', '13800000000', '李秀英', '', '配偶'],
    ['', '', '', '', '', '', '', '', '', '张小龙', '', '儿子'],
  ];
  const csv = '\ufeff' + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '村干部名册模板.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function UploadStep({ village, onPreview }: { village?: string; onPreview: (p: CadreImportPreview) => void }) {
  const preview = useMutation({ mutationFn: (f: File) => registryApi.previewCadreImport(f, village), onSuccess: onPreview, meta: { silent: true } });
  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <Spin spinning={preview.isPending} description="正在读取并检查文件……">
          <div data-testid="cadre-import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                preview.mutate(f);
                return false;
              }}
              disabled={preview.isPending}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击选择或拖动干部名册文件到此处</p>
              <p className="ant-upload-hint">支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK）；上传后先预检，确认后才写入</p>
            </Upload.Dragger>
          </div>
        </Spin>
        {preview.isError && <Alert type="error" showIcon style={{ marginTop: 16 }} title="文件无法导入" description={preview.error.message} />}
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          文件格式
        </Typography.Title>
        <Typography.Paragraph>表格第一行可以是标题（如“××镇村干部名册”），随后一行为表头，列名如下（顺序不限，常见的别名也能识别）：</Typography.Paragraph>
        <Space wrap size={[4, 8]} style={{ marginBottom: 12 }}>
          {EXPECTED.map((c) => {
            const spec = CADRE_COLUMNS.find((s) => s.label === c);
            return (
              <Tag key={c} color={spec?.required ? 'red' : undefined}>
                {c}
                {spec?.required ? ' *' : ''}
              </Tag>
            );
          })}
        </Space>
        <ul style={{ paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
          <li>标 * 的列必填；“村（社区）”可用“村代码”（12 位区划代码）代替，重名时请填写“乡镇（街道）”。</li>
          <li>职务可写“党支部书记、村委会主任”或“一肩挑”等，系统自动识别。</li>
          <li>一名干部有多名亲属时占多行：第一行填干部信息和第一名亲属，后续行只填亲属三列（或合并单元格）。</li>
          <li>已在名册中的干部（同村同一身份证号码）会被更新，其亲属以文件为准。</li>
        </ul>
        <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
          下载模板（CSV）
        </Button>
      </Col>
    </Row>
  );
}

function PreviewStep({ preview, onConfirmed, onRestart }: { preview: CadreImportPreview; onConfirmed: (o: CadreImportOutcome) => void; onRestart: () => void }) {
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => registryApi.confirmCadreImport(preview.batchId),
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: keys.registry });
      onConfirmed(o);
    },
  });
  const badRows = new Set(preview.errors.map((e) => e.rowNumber)).size;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16} data-testid="import-summary">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="读取行数" value={preview.rowCount} suffix="行" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="import-valid-count">
            <Statistic title="有效干部" value={preview.validCadres} suffix="名" styles={{ content: { color: '#389e0d' } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="有效亲属" value={preview.validRelatives} suffix="名" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="import-bad-count">
            <Statistic title="有问题的行" value={badRows} suffix="行" styles={{ content: { color: badRows ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
      </Row>
      <Typography.Text type="secondary">
        文件：{preview.fileName}；识别到的列：{preview.columns.map((c) => c.label).join('、') || '无'}
      </Typography.Text>
      {preview.errors.length > 0 && (
        <Card size="small" title={<Typography.Text type="danger">有问题的行（不会导入）</Typography.Text>}>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="可以修改文件后重新上传，也可以只导入有效的干部，问题行稍后再补。"
          />
          <div data-testid="import-errors-table">
            <Table<RowError>
              size="small"
              rowKey={(e) => `${e.rowNumber}:${e.column}:${e.reason}`}
              dataSource={preview.errors}
              pagination={preview.errors.length > 10 ? { pageSize: 10, showTotal: (t) => `共 ${t} 项` } : false}
              columns={[
                { title: '行号', dataIndex: 'rowNumber', width: 80 },
                { title: '列', dataIndex: 'column', width: 160, render: (c: string) => c || '整行' },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          </div>
        </Card>
      )}
      <Card size="small" title={`将导入的干部（${preview.validCadres} 名）`}>
        <div data-testid="import-valid-table">
          <Table<Sample>
            size="small"
            rowKey="idNumber"
            dataSource={preview.sample}
            pagination={preview.sample.length > 10 ? { pageSize: 10, showTotal: (t) => `共 ${t} 名` } : false}
            locale={{ emptyText: '没有有效的干部' }}
            columns={[
              { title: '行号', dataIndex: 'rowNumbers', width: 90, render: (r: number[]) => r.join('、') },
              { title: '村（社区）', dataIndex: 'villageCode', render: (c: string, s: Sample) => (s.villageName ? `${s.townName} ${s.villageName}` : c) },
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号码', dataIndex: 'idNumber' },
              { title: '职务', dataIndex: 'positions', render: (ps: string[]) => ps.map((p) => <Tag key={p}>{p}</Tag>) },
              { title: '亲属', dataIndex: 'relatives', width: 70, render: (n: number) => `${n} 人` },
            ]}
          />
        </div>
        {preview.validCadres > preview.sample.length && (
          <Typography.Text type="secondary">仅列出前 {preview.sample.length} 名。</Typography.Text>
        )}
      </Card>
      <Space>
        <Button type="primary" size="large" disabled={preview.validCadres === 0} loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="import-confirm">
          导入有效的 {preview.validCadres} 名干部
        </Button>
        <Button size="large" onClick={onRestart} disabled={confirm.isPending} data-testid="import-restart">
          重新上传
        </Button>
      </Space>
    </Space>
  );
}

function DoneStep({ outcome, village, onRestart }: { outcome: CadreImportOutcome; village?: string; onRestart: () => void }) {
  return (
    <div data-testid="import-done">
      <Result
        status="success"
        title="干部名册已导入"
        subTitle={`新增 ${outcome.created} 名，更新 ${outcome.updated} 名，登记亲属 ${outcome.relatives} 名${outcome.skippedRows ? `；${outcome.skippedRows} 处问题行未导入` : ''}。`}
        extra={[
          village ? (
            <Link key="back" to={`/registry/villages/${village}?tab=cadres`}>
              <Button type="primary">返回村（社区）档案</Button>
            </Link>
          ) : (
            <Link key="list" to="/registry/villages">
              <Button type="primary">查看村（社区）名录</Button>
            </Link>
          ),
          <Button key="again" onClick={onRestart}>
            继续导入
          </Button>,
        ]}
      />
    </div>
  );
}

/** 干部名册导入: upload → pre-check → confirm. Nothing is written before the confirmation. */
export function CadreImportPage() {
  const [params] = useSearchParams();
  const village = params.get('village') ?? undefined;
  // A different target village starts the wizard afresh.
  return <CadreImportWizard key={village ?? ''} village={village} />;
}

function CadreImportWizard({ village }: { village?: string }) {
  const [preview, setPreview] = useState<CadreImportPreview | null>(null);
  const [outcome, setOutcome] = useState<CadreImportOutcome | null>(null);
  const target = useQuery({ queryKey: keys.village(village ?? ''), queryFn: () => registryApi.village(village!), enabled: Boolean(village) });
  const step = outcome ? 2 : preview ? 1 : 0;
  const restart = () => {
    setPreview(null);
    setOutcome(null);
  };

  return (
    <PageContainer
      title="干部名册导入"
      subTitle={village ? (target.data ? `导入到：${target.data.town?.name ?? ''} ${target.data.name}` : '导入到指定村（社区）') : '按文件中的村（社区）导入到本单位管辖的各村'}
      breadcrumb={[
        { title: '村情底数', to: '/registry/villages' },
        ...(village && target.data ? [{ title: target.data.name, to: `/registry/villages/${village}?tab=cadres` }] : []),
        { title: '干部名册导入' },
      ]}
    >
      {village && target.isError ? (
        <QueryError error={target.error} />
      ) : (
        <Card>
          <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '上传文件' }, { title: '预检结果' }, { title: '完成' }]} />
          {step === 0 && <UploadStep village={village} onPreview={setPreview} />}
          {step === 1 && preview && <PreviewStep preview={preview} onConfirmed={setOutcome} onRestart={restart} />}
          {step === 2 && outcome && <DoneStep outcome={outcome} village={village} onRestart={restart} />}
        </Card>
      )}
    </PageContainer>
  );
}
