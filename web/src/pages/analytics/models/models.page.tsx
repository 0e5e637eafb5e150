import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { customModelsApi, runsApi, runsKeys, yuanOf, type CustomModel, type ModelInfo } from '../../../api/analytics-runs';
import { isApiError } from '../../../api/client';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { CustomModelForm } from './custom-model-form';

const percent = (p: number | null) => (p === null ? '—' : `${(p * 100).toFixed(1)}%`);

export const paramDefault = (p: ModelInfo['params'][number]) => (p.type === 'date' && p.default === 'today' ? '运行当天' : `${p.default}${p.unit ?? ''}`);

/**
 * 模型库: every built-in comparison model with what it finds, the data it needs, its parameters with
 * defaults, and how it has done here — hits, verified, confirmed, dismissed by reason, precision
 * (已确认 ÷ 已核实) and money involved — so the office sees which models earn their keep.
 */
export function ModelsPage() {
  // staleTime 0: the runs page caches the same list, and teams verify hits meanwhile — the statistics are read afresh
  const models = useQuery({ queryKey: runsKeys.models(), queryFn: () => runsApi.models(), staleTime: 0 });
  const canManage = useAccess().can('analytics.manage');
  const customs = useQuery({ queryKey: ['analytics', 'custom-models', 'list'], queryFn: () => customModelsApi.list(), enabled: canManage });
  const [editing, setEditing] = useState<{ model: CustomModel | null } | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: (c: CustomModel) => (c.enabled ? customModelsApi.disable(c.id, c.version) : customModelsApi.enable(c.id, c.version)),
    onSuccess: (c) => {
      void message.success(c.enabled ? '已重新启用' : '已停用，运行比对时不再提供');
      void qc.invalidateQueries({ queryKey: runsKeys.all });
      void qc.invalidateQueries({ queryKey: ['analytics', 'custom-models'] });
    },
    onError: (e) => void message.error(isApiError(e) ? e.message : '操作失败'),
  });
  const customOf = (key: string) => customs.data?.items.find((c) => c.key === key);
  const columns: TableColumnsType<ModelInfo> = [
    {
      title: '模型',
      key: 'name',
      width: 360,
      render: (_: unknown, m) => (
        <div>
          <Typography.Text strong>{m.name}</Typography.Text> <Tag>{m.categoryName}</Tag>
          {m.custom && <Tag color="purple">自定义</Tag>}
          {m.custom && !m.custom.enabled && <Tag>已停用</Tag>}
          {m.custom && customOf(m.key) && !customOf(m.key)!.editable && (
            <Tag color="gold" title="上级巡察机构为所辖各县定义的模型，在此可查看和运行，只能由其修改或停用">
              {`${customOf(m.key)!.scopeName ?? '上级'}定义`}
            </Tag>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
            {m.description}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: '所需数据',
      key: 'requires',
      render: (_: unknown, m) =>
        m.requires.map((k) => (
          <Tag key={k.key} color={k.fromRegistry ? 'green' : 'blue'} title={k.fromRegistry ? '由村级组织名册生成，不需导入' : undefined}>
            {k.label}
          </Tag>
        )),
    },
    {
      title: '参数（默认值）',
      key: 'params',
      render: (_: unknown, m) =>
        m.params.length === 0
          ? '—'
          : m.params.map((p) => (
              <div key={p.key} style={{ fontSize: 12 }}>
                <Tooltip title={p.help}>
                  {p.label}：{paramDefault(p)}
                </Tooltip>
              </div>
            )),
    },
    { title: '运行次数', key: 'runs', align: 'right', render: (_: unknown, m) => m.stats.runs },
    { title: '疑点', key: 'hits', align: 'right', render: (_: unknown, m) => m.stats.hits },
    { title: '已核实', key: 'verified', align: 'right', render: (_: unknown, m) => m.stats.verified },
    { title: '已确认', key: 'confirmed', align: 'right', render: (_: unknown, m) => m.stats.confirmed },
    {
      title: '已排除（理由）',
      key: 'dismissed',
      render: (_: unknown, m) =>
        m.stats.dismissed === 0 ? (
          0
        ) : (
          <Tooltip
            title={`数据错误 ${m.stats.dismissedBy.data_error}，已处理过 ${m.stats.dismissedBy.already_handled}，核实后符合规定 ${m.stats.dismissedBy.eligible}，其他 ${m.stats.dismissedBy.other}`}
          >
            <span>{m.stats.dismissed}</span>
          </Tooltip>
        ),
    },
    {
      title: <Tooltip title="准确率 = 已确认 ÷ 已核实（已确认 + 已排除）">准确率</Tooltip>,
      key: 'precision',
      align: 'right',
      render: (_: unknown, m) => percent(m.stats.precision),
    },
    {
      title: '涉及金额',
      key: 'amount',
      align: 'right',
      render: (_: unknown, m) => (
        <div>
          <div>{yuanOf(m.stats.amountFen)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            已确认 {yuanOf(m.stats.confirmedAmountFen)}
          </Typography.Text>
        </div>
      ),
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            width: 130,
            render: (_: unknown, m: ModelInfo) => {
              const c = m.custom ? customOf(m.key) : undefined;
              if (!c) return null;
              if (!c.editable) return <Typography.Text type="secondary">{`由${c.scopeName ?? '上级'}管理`}</Typography.Text>;
              return (
                <Space size="small">
                  <Button size="small" type="link" onClick={() => setEditing({ model: c })}>
                    修改
                  </Button>
                  <Popconfirm
                    title={c.enabled ? `停用“${c.name}”？` : `重新启用“${c.name}”？`}
                    description={c.enabled ? '停用后运行比对时不再提供该模型，已有疑点保留。' : undefined}
                    okText={c.enabled ? '停用' : '启用'}
                    cancelText="取消"
                    onConfirm={() => toggle.mutateAsync(c)}
                  >
                    <Button size="small" type="link" danger={c.enabled}>
                      {c.enabled ? '停用' : '启用'}
                    </Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]
      : []),
  ];
  return (
    <PageContainer
      title="模型库"
      subTitle="内置和自定义比对模型的说明、所需数据、参数，以及各模型的疑点数和核实准确率"
      testId="models-page"
      extra={
        canManage ? (
          <Button type="primary" onClick={() => setEditing({ model: null })} data-testid="new-custom-model">
            新建自定义模型
          </Button>
        ) : undefined
      }
    >
      <CustomModelForm open={editing !== null} model={editing?.model ?? null} onClose={() => setEditing(null)} />
      {models.isError ? (
        <QueryError error={models.error} onRetry={() => void models.refetch()} />
      ) : (
        <Table<ModelInfo> rowKey="key" size="middle" loading={models.isPending} columns={columns} dataSource={models.data?.items ?? []} pagination={false} scroll={{ x: canManage ? 1450 : 1300 }} />
      )}
    </PageContainer>
  );
}
