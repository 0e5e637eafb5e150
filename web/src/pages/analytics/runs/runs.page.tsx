import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Collapse, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { analyticsApi, analyticsKeys, type Dataset } from '../../../api/analytics';
import { runsApi, runsKeys, yuanOf, type ModelInfo, type ModelOutcome, type Run, type RunBody } from '../../../api/analytics-runs';
import { registryApi } from '../../../api/endpoints';
import { reportError } from '../../../api/errors';
import { planningApi } from '../../../api/planning';
import { JobProgress } from '../../../components/job-progress';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useMe } from '../../../session/session';
import { paramDefault } from '../models/models.page';

type ParamInputs = Record<string, Record<string, string | number | null>>;

const RUN_STATUS_COLORS: Record<Run['status'], string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning' };

function ParamEditor({ model, values, onChange }: { model: ModelInfo; values: Record<string, string | number | null>; onChange: (key: string, v: string | number | null) => void }) {
  if (model.params.length === 0) return <Typography.Text type="secondary">此模型没有参数</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {model.params.map((p) => (
        <Space key={p.key} wrap>
          <span style={{ display: 'inline-block', minWidth: 140 }}>{p.label}</span>
          {p.type === 'number' || p.type === 'int' ? (
            <InputNumber
              min={p.min}
              max={p.max}
              precision={p.type === 'int' ? 0 : undefined}
              placeholder={String(p.default)}
              value={(values[p.key] as number | null | undefined) ?? null}
              onChange={(v) => onChange(p.key, v)}
              addonAfter={p.unit}
            />
          ) : p.options && !p.list ? (
            <Select allowClear placeholder={String(p.default)} style={{ width: 200 }} value={(values[p.key] as string | undefined) ?? undefined} options={p.options.map((o) => ({ value: o, label: o }))} onChange={(v?: string) => onChange(p.key, v ?? null)} />
          ) : (
            <Input
              style={{ width: 260 }}
              placeholder={p.type === 'date' ? (p.default === 'today' ? '默认运行当天，格式如 2024-01-31' : `${p.default}`) : String(p.default)}
              value={(values[p.key] as string | undefined) ?? ''}
              onChange={(e) => onChange(p.key, e.target.value || null)}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            默认：{paramDefault(p)}
            {p.help ? `；${p.help}` : ''}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

/** Counts per model of a finished run, with the skipped models' notes. */
export function RunResults({ results }: { results: ModelOutcome[] }) {
  const columns: TableColumnsType<ModelOutcome> = [
    { title: '模型', dataIndex: 'name', key: 'name' },
    {
      title: '结果',
      key: 'status',
      render: (_: unknown, o) =>
        o.status === 'skipped' ? (
          <Tag color="warning">{o.note ?? '已跳过'}</Tag>
        ) : (
          <span>
            <Tag color="success">已运行</Tag>
            {o.note && <Typography.Text type="warning">{o.note}</Typography.Text>}
          </span>
        ),
    },
    { title: '疑点', dataIndex: 'hits', key: 'hits', align: 'right' },
    { title: '新增', dataIndex: 'created', key: 'created', align: 'right' },
    { title: '更新（待核实）', dataIndex: 'refreshed', key: 'refreshed', align: 'right' },
    { title: '已核实未变', dataIndex: 'verified', key: 'verified', align: 'right' },
    { title: '涉及金额', key: 'amount', align: 'right', render: (_: unknown, o) => yuanOf(o.amountFen) },
    { title: '用时', key: 'ms', align: 'right', render: (_: unknown, o) => (o.status === 'skipped' ? '—' : `${(o.durationMs / 1000).toFixed(1)} 秒`) },
  ];
  return <Table<ModelOutcome> rowKey="key" size="small" columns={columns} dataSource={results} pagination={false} />;
}

/**
 * 运行比对: choose a round (or 临时比对), the datasets per kind, the models (all by default) with their
 * parameters, and optionally towns or villages; the run's job shows its progress with 取消, then the
 * counts per model and why models were skipped. Below, earlier runs.
 */
export function RunsPage() {
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [roundId, setRoundId] = useState<string | null>(null);
  const [datasetIds, setDatasetIds] = useState<string[]>([]);
  const [modelKeys, setModelKeys] = useState<string[] | null>(null);
  const [params, setParams] = useState<ParamInputs>({});
  const [towns, setTowns] = useState<string[]>([]);
  const [villages, setVillages] = useState<string[]>([]);
  const [label, setLabel] = useState('');
  const [active, setActive] = useState<{ runId: string; jobId: string } | null>(null);
  const [page, setPage] = useState(1);

  const rounds = useQuery({ queryKey: ['planning', 'rounds', 'analytics-run'], queryFn: () => planningApi.rounds({ page: 1, pageSize: 100 }) });
  const datasets = useQuery({ queryKey: analyticsKeys.list({ status: 'ready', page: 1, pageSize: 500 }), queryFn: () => analyticsApi.list({ status: 'ready', page: 1, pageSize: 500 }) });
  // disabled custom models stay in the library but are not offered for runs
  const models = useQuery({ queryKey: runsKeys.models(), queryFn: () => runsApi.models(), select: (d) => ({ items: d.items.filter((m) => m.custom?.enabled !== false) }) });
  const townList = useQuery({ queryKey: ['registry', 'towns', me.org.scopeCode], queryFn: () => registryApi.towns(me.org.scopeCode.slice(0, 6)) });
  const villageList = useQuery({ queryKey: ['registry', 'villages', 'analytics', me.org.scopeCode], queryFn: () => registryApi.villages({ county: me.org.scopeCode.slice(0, 6), page: 1, pageSize: 500 }) });
  const runs = useQuery({ queryKey: runsKeys.runs(page), queryFn: () => runsApi.list(page), refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 3000 : false) });
  const current = useQuery({ queryKey: runsKeys.run(active?.runId ?? ''), queryFn: () => runsApi.get(active!.runId), enabled: !!active });

  const selectedModels = modelKeys ?? models.data?.items.map((m) => m.key) ?? [];
  const byKind = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const d of datasets.data?.items ?? ([] as Dataset[])) {
      const k = d.kind ?? 'unknown';
      const g = groups.get(k) ?? { label: d.kindName ?? '未知类型', options: [] };
      g.options.push({ value: d.id, label: `${d.name}（${(d.rowCount ?? 0).toLocaleString('zh-CN')} 行）` });
      groups.set(k, g);
    }
    return [...groups.values()];
  }, [datasets.data]);
  const chosenKinds = new Set((datasets.data?.items ?? []).filter((d) => datasetIds.includes(d.id)).map((d) => d.kind));

  const start = useMutation({
    mutationFn: (body: RunBody) => runsApi.create(body),
    onSuccess: (r) => {
      setActive({ runId: r.run.id, jobId: r.jobId });
      void qc.invalidateQueries({ queryKey: runsKeys.all });
    },
    onError: reportError,
  });

  const submit = () => {
    const cleaned: Record<string, Record<string, string | number>> = {};
    for (const key of selectedModels) {
      const entries = Object.entries(params[key] ?? {}).filter((e): e is [string, string | number] => e[1] !== null && e[1] !== '');
      if (entries.length) cleaned[key] = Object.fromEntries(entries);
    }
    if (datasetIds.length === 0) {
      void message.warning('请至少选择一个数据集');
      return;
    }
    start.mutate({
      roundId,
      label: label.trim() || undefined,
      datasetIds,
      modelKeys: modelKeys ?? undefined,
      params: Object.keys(cleaned).length ? cleaned : undefined,
      townCodes: towns.length ? towns : undefined,
      villageCodes: villages.length ? villages : undefined,
    });
  };

  const runColumns: TableColumnsType<Run> = [
    { title: '名称', dataIndex: 'label', key: 'label' },
    { title: '轮次', key: 'round', render: (_: unknown, r) => r.roundName ?? '临时比对' },
    { title: '模型', key: 'models', align: 'right', render: (_: unknown, r) => r.models.length },
    { title: '数据集', key: 'datasets', render: (_: unknown, r) => r.datasets.map((d) => d.name).join('、') },
    { title: '状态', key: 'status', render: (_: unknown, r) => <Tag color={RUN_STATUS_COLORS[r.status]} title={r.errorMessage ?? undefined}>{r.statusName}</Tag> },
    { title: '疑点', key: 'hits', align: 'right', render: (_: unknown, r) => (r.hits === null ? '—' : <Link to={`/analytics/hits?runId=${r.id}`}>{r.hits}</Link>) },
    { title: '运行人', dataIndex: 'createdByName', key: 'by', render: (v: string | null) => v ?? '—' },
    { title: '时间', dataIndex: 'createdAt', key: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
  ];

  const failed = rounds.error ?? datasets.error ?? models.error;
  return (
    <PageContainer title="运行比对" subTitle="选择巡察轮次、数据集和模型，在村（社区）范围内找出疑点" testId="runs-page">
      {failed ? <QueryError error={failed} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label="巡察轮次" extra="关联轮次时，疑点按村分配给负责该村的巡察组；临时比对只有巡察办可见">
            <Select
              style={{ maxWidth: 420 }}
              value={roundId ?? ''}
              onChange={(v: string) => setRoundId(v || null)}
              options={[{ value: '', label: '临时比对（不关联轮次）' }, ...(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.label}（${r.phaseName}）` }))]}
              data-testid="run-round"
            />
          </Form.Item>
          <Form.Item label="数据集" required extra={datasets.data && datasets.data.items.length === 0 ? <Link to="/analytics/datasets/import">还没有可用的数据集，去导入</Link> : '同类数据集可选多个，运行时合并比对；村干部及亲属由村级组织名册自动生成'}>
            <Select mode="multiple" allowClear style={{ maxWidth: 720 }} placeholder="按数据类型选择" value={datasetIds} onChange={setDatasetIds} options={byKind} optionFilterProp="label" data-testid="run-datasets" />
          </Form.Item>
          <Form.Item label="比对范围" extra="不选则比对全部村（社区）">
            <Space wrap>
              <Select mode="multiple" allowClear placeholder="乡镇（街道）" style={{ minWidth: 260 }} value={towns} onChange={setTowns} options={(townList.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))} optionFilterProp="label" />
              <Select
                mode="multiple"
                allowClear
                placeholder="村（社区）"
                style={{ minWidth: 320 }}
                value={villages}
                onChange={setVillages}
                options={(villageList.data?.items ?? []).map((v) => ({ value: v.code, label: `${v.townName} ${v.name}` }))}
                optionFilterProp="label"
              />
            </Space>
          </Form.Item>
          <Form.Item label={`比对模型（已选 ${selectedModels.length} 个）`}>
            <Space style={{ marginBottom: 8 }}>
              <Button size="small" onClick={() => setModelKeys(null)}>
                全选
              </Button>
              <Button size="small" onClick={() => setModelKeys([])}>
                全不选
              </Button>
            </Space>
            <Collapse
              size="small"
              items={(models.data?.items ?? []).map((m) => {
                const missing = m.requires.filter((k) => !k.fromRegistry && !chosenKinds.has(k.key as Dataset['kind']));
                return {
                  key: m.key,
                  label: (
                    <span onClick={(e) => e.stopPropagation()}>
                      <Checkbox
                        checked={selectedModels.includes(m.key)}
                        onChange={(e) => setModelKeys(e.target.checked ? [...selectedModels, m.key] : selectedModels.filter((k) => k !== m.key))}
                      >
                        {m.name}
                      </Checkbox>
                      {missing.length > 0 && datasetIds.length > 0 && <Tag color="warning">缺少{missing.map((k) => k.label).join('、')}，将跳过</Tag>}
                    </span>
                  ),
                  children: (
                    <div>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                        {m.description}
                      </Typography.Paragraph>
                      <ParamEditor model={m} values={params[m.key] ?? {}} onChange={(key, v) => setParams((p) => ({ ...p, [m.key]: { ...p[m.key], [key]: v } }))} />
                    </div>
                  ),
                };
              })}
            />
          </Form.Item>
          <Form.Item label="名称（可不填）">
            <Input style={{ maxWidth: 420 }} maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="如：2026年第2轮巡前比对" />
          </Form.Item>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={start.isPending} disabled={selectedModels.length === 0} onClick={submit} data-testid="run-start">
            开始比对
          </Button>
        </Form>
      </Card>
      {active && (
        <Card title="本次比对" style={{ marginBottom: 16 }} data-testid="run-current">
          <JobProgress
            jobId={active.jobId}
            cancelWarning="取消后本次比对不保存任何疑点。"
            onDone={() => {
              void current.refetch();
              void qc.invalidateQueries({ queryKey: runsKeys.all });
            }}
          />
          {current.data?.results && (
            <div style={{ marginTop: 16 }}>
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 8 }}
                message={
                  <span>
                    共 {current.data.hits} 条疑点，<Link to={`/analytics/hits?runId=${current.data.id}`}>查看疑点</Link>
                  </span>
                }
              />
              <RunResults results={current.data.results} />
            </div>
          )}
        </Card>
      )}
      <Card title="比对记录">
        {runs.isError ? (
          <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
        ) : (
          <Table<Run>
            rowKey="id"
            size="small"
            loading={runs.isPending}
            columns={runColumns}
            dataSource={runs.data?.items ?? []}
            expandable={{ rowExpandable: (r) => !!r.results, expandedRowRender: (r) => <RunResults results={r.results ?? []} /> }}
            pagination={{ current: page, pageSize: 10, total: runs.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 次` }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
