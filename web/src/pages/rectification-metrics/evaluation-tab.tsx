import { FileWordOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { metricsApi, metricsDocuments, metricsKeys, type EvaluationRow } from '../../api/rectification-metrics';
import { QueryError } from '../../components/query-state';
import { EvaluationDrawer } from './evaluation-drawer';
import { GradeTag } from './grade-tag';
import { ModelModal } from './model-modal';

/** Per town of the round: the score, grade and 二次整改; the office evaluates, everyone downloads the drafts. */
export function EvaluationTab({ roundId, asOf }: { roundId: string | undefined; asOf: string | undefined }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const [modelOpen, setModelOpen] = useState(false);
  const list = useQuery({
    queryKey: metricsKeys.evaluations(roundId ?? '', page.page),
    queryFn: () => metricsApi.evaluations(roundId!, page.page, page.pageSize),
    enabled: Boolean(roundId),
    placeholderData: keepPreviousData,
  });
  const model = useQuery({ queryKey: metricsKeys.model, queryFn: metricsApi.model });

  if (!roundId) return <Empty description="请先选择轮次" />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const canEdit = Boolean(list.data?.canEdit);

  const columns: TableColumnsType<EvaluationRow> = [
    { title: '乡镇（街道）', dataIndex: 'townName', width: 160 },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_v, r) => (r.evaluation ? <Tag color={r.evaluation.status === 'confirmed' ? 'green' : 'default'}>{r.evaluation.statusName}</Tag> : <Typography.Text type="secondary">{canEdit ? '未评估' : '未确认'}</Typography.Text>),
    },
    { title: '得分', key: 'total', width: 90, render: (_v, r) => (r.evaluation ? `${r.evaluation.total} 分` : '—') },
    { title: '等次', key: 'grade', width: 90, render: (_v, r) => (r.evaluation ? <GradeTag grade={r.evaluation.grade} /> : '—') },
    {
      title: '二次整改',
      key: 'second',
      width: 110,
      render: (_v, r) => (r.evaluation ? r.evaluation.secondRectification ? <Tag color="red">需二次整改</Tag> : <Tag>不需要</Tag> : '—'),
    },
    { title: '评估截止', key: 'asOf', width: 110, render: (_v, r) => r.evaluation?.asOf ?? '—' },
    {
      title: '操作',
      key: 'actions',
      render: (_v, r) => (
        <Flex gap={4} wrap>
          {(canEdit || r.evaluation) && (
            <Button size="small" type="link" onClick={() => setOpen(r.townCode)} data-testid="evaluation-open">
              {canEdit && r.evaluation?.status !== 'confirmed' ? (r.evaluation ? '修改评估' : '评估') : '查看'}
            </Button>
          )}
          <Button size="small" type="link" icon={<FileWordOutlined />} href={metricsDocuments.report(roundId, r.townCode, asOf)}>
            整改情况报告
          </Button>
          {r.evaluation && (
            <Button size="small" type="link" icon={<FileWordOutlined />} href={metricsDocuments.evaluation(roundId, r.townCode)}>
              评估报告
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const m = model.data?.model;
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={12} wrap>
        <Typography.Text type="secondary">
          {m ? `评估模型：${m.indicators.map((i) => `${i.label} ${i.weight} 分`).join('、')}；好 ≥ ${m.thresholds.good}，较好 ≥ ${m.thresholds.fairlyGood}，一般 ≥ ${m.thresholds.average}，以下为差。` : ''}
          {model.data?.isDefault ? '（默认模型）' : ''}
        </Typography.Text>
        {model.data?.canEdit && (
          <Button icon={<SettingOutlined />} onClick={() => setModelOpen(true)} data-testid="model-settings">
            评估模型设置
          </Button>
        )}
      </Flex>
      {!canEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="巡察办确认后的评估结果在此显示。" />}
      <Table<EvaluationRow>
        size="small"
        rowKey="townCode"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => `共 ${n} 个乡镇（街道）`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        data-testid="evaluation-table"
      />
      <EvaluationDrawer roundId={roundId} townCode={open} onClose={() => setOpen(null)} />
      <ModelModal open={modelOpen} model={m} onClose={() => setModelOpen(false)} />
    </>
  );
}
