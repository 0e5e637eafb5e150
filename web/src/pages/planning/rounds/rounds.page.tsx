import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, InputNumber, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ROUND_PHASE_LIST, ROUND_PHASES } from '../../../../../domain/planning/round';
import { planningApi, planningKeys, type RoundFilter, type RoundRow } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { CopyRoundModal, RoundModal } from './round-modals';

export const PHASE_COLORS: Record<string, string> = {
  preparation: 'default',
  entry: 'processing',
  fact_finding: 'processing',
  report: 'purple',
  feedback: 'cyan',
  transfer: 'orange',
  rectification: 'gold',
  evaluation: 'lime',
  archived: 'success',
};

/** 巡察轮次: every round of the county (a team: the rounds it serves in). */
export function RoundsPage() {
  const access = useAccess();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [copyFrom, setCopyFrom] = useState<RoundRow | null>(null);
  const canWrite = access.can('planning.write');

  const filter: RoundFilter = {
    year: Number(params.get('year')) || undefined,
    phase: params.get('phase') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const rounds = useQuery({ queryKey: planningKeys.rounds(filter), queryFn: () => planningApi.rounds(filter), placeholderData: keepPreviousData });

  const columns: TableColumnsType<RoundRow> = [
    { title: '轮次', dataIndex: 'label', width: 130, render: (l: string, r) => <Link to={`/planning/rounds/${r.id}`}>{l}</Link> },
    { title: '主题', dataIndex: 'theme', render: (t: string) => t || <Typography.Text type="secondary">—</Typography.Text> },
    { title: '起止日期', key: 'dates', width: 210, render: (_, r) => `${r.startDate} 至 ${r.endDate}` },
    { title: '阶段', dataIndex: 'phaseName', width: 110, render: (n: string, r) => <Tag color={PHASE_COLORS[r.phase]}>{n}</Tag> },
    { title: '巡察对象', dataIndex: 'targets', width: 90, align: 'right' },
    { title: '村（社区）', dataIndex: 'villages', width: 90, align: 'right' },
    { title: '巡察组', dataIndex: 'teams', width: 80, align: 'right' },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_: unknown, r: RoundRow) => (
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  setCopyFrom(r);
                }}
              >
                复制新建
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="巡察轮次"
      subTitle="每轮的巡察对象、巡察方式、巡察组和阶段进展"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-create">
            新建轮次
          </Button>
        )
      }
    >
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder="按主题搜索" defaultValue={filter.q} onSearch={(v) => update({ q: v.trim() || undefined })} style={{ width: 260 }} />
          <InputNumber placeholder="年度" min={2000} max={2100} value={filter.year} onChange={(v) => update({ year: v ? String(v) : undefined })} style={{ width: 110 }} />
          <Select
            allowClear
            placeholder="阶段"
            value={filter.phase}
            onChange={(v?: string) => update({ phase: v })}
            options={ROUND_PHASE_LIST.map((p) => ({ value: p, label: ROUND_PHASES[p] }))}
            style={{ width: 140 }}
          />
        </Flex>
        {rounds.isError ? (
          <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />
        ) : (
          <Table<RoundRow>
            rowKey="id"
            className="xc-clickable-rows"
            columns={columns}
            dataSource={rounds.data?.items}
            loading={rounds.isFetching}
            onRow={(r) => ({ onClick: () => void navigate(`/planning/rounds/${r.id}`) })}
            locale={{ emptyText: '暂无巡察轮次' }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: rounds.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 轮`,
              onChange: (page, size) => update({ page: String(page), size: size === 20 ? undefined : String(size) }),
            }}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
      <RoundModal open={creating} round={null} onClose={() => setCreating(false)} />
      <CopyRoundModal open={!!copyFrom} from={copyFrom} onClose={() => setCopyFrom(null)} />
    </PageContainer>
  );
}
