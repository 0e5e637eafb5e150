import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { rectApi, rectKeys } from '../../api/rectification';
import { lookBackApi, lookBackKeys, type LookBackTarget } from '../../api/rectification-look-back';
import { QueryError } from '../../components/query-state';
import { useUrlFilters } from '../../components/use-url-filters';
import { ReasonTags } from './look-back-tags';
import { TargetPanel } from './target-panel';

type Param = 'round' | 'town' | 'page' | 'size' | 'target' | 'tab';

/** 回头看 targets (per round and town) with the progress of their verdicts; one opens in a drawer to record them. */
export function TargetsTab() {
  const { params, update } = useUrlFilters<Param>();
  const roundId = params.get('round') ?? undefined;
  const townCode = params.get('town') ?? undefined;
  const targetId = params.get('target');
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const filter = { roundId, townCode, page, pageSize };
  const rounds = useQuery({ queryKey: lookBackKeys.rounds(), queryFn: lookBackApi.rounds });
  const places = useQuery({ queryKey: rectKeys.places(), queryFn: () => rectApi.places() });
  const list = useQuery({ queryKey: lookBackKeys.targets(filter), queryFn: () => lookBackApi.targets(filter) });

  const columns: TableColumnsType<LookBackTarget> = [
    { title: '回头看轮次', key: 'round', width: 170, render: (_: unknown, t) => <Link to={`/planning/rounds/${t.roundId}`}>{`${t.roundLabel}（${t.roundPhaseName}）`}</Link> },
    { title: '镇（街道）', dataIndex: 'townName', key: 'town', width: 110 },
    { title: '村（社区）', dataIndex: 'villageName', key: 'village', width: 110 },
    { title: '列入原因', key: 'reasons', render: (_: unknown, t) => <ReasonTags reasons={t.reasons} /> },
    { title: '巡察组', dataIndex: 'teamName', key: 'team', width: 120, render: (n: string | null) => n ?? <Typography.Text type="secondary">未安排</Typography.Text> },
    {
      title: '复查进度',
      key: 'counts',
      width: 260,
      render: (_: unknown, t) => (
        <Space size={[0, 4]} wrap>
          {t.counts.pending > 0 ? <Tag>{`待复查 ${t.counts.pending}`}</Tag> : <Tag color="blue">已全部复查</Tag>}
          {t.counts.in_place > 0 && <Tag color="success">{`整改到位 ${t.counts.in_place}`}</Tag>}
          {t.counts.not_in_place > 0 && <Tag color="warning">{`整改不到位 ${t.counts.not_in_place}`}</Tag>}
          {t.counts.fake > 0 && <Tag color="error">{`虚假整改 ${t.counts.fake}`}</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_: unknown, t) => (
        <Button size="small" type={t.counts.pending > 0 ? 'primary' : 'default'} onClick={() => update({ target: t.targetId, page: String(page) })}>
          {t.counts.pending > 0 ? '复查' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="look-back-targets">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 220 }}
          allowClear
          placeholder="全部回头看轮次"
          loading={rounds.isPending}
          value={roundId}
          options={(rounds.data?.items ?? []).map((r) => ({ value: r.roundId, label: `${r.roundLabel}（${r.targets} 个对象）` }))}
          onChange={(v?: string) => update({ round: v })}
          aria-label="回头看轮次"
        />
        <Select
          style={{ minWidth: 160 }}
          allowClear
          placeholder="全部镇（街道）"
          value={townCode}
          options={(places.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
          onChange={(v?: string) => update({ town: v })}
          aria-label="镇（街道）"
        />
      </Space>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {!list.isError && (
        <Table
          rowKey="targetId"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '尚无回头看对象：在“回头看名单”中勾选村（社区）创建' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 个回头看对象`,
            onChange: (p, s) => update({ page: String(p), size: String(s) }),
          }}
          scroll={{ x: 1000 }}
          data-testid="look-back-targets-table"
        />
      )}
      <Drawer open={Boolean(targetId)} width={1040} onClose={() => update({ target: undefined, page: String(page) })} title="回头看复查" destroyOnHidden>
        {targetId && <TargetPanel targetId={targetId} />}
      </Drawer>
    </div>
  );
}
