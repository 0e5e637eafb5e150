import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { planKeys, plansApi } from '../../api/rectification-plans';
import { rectApi, rectKeys } from '../../api/rectification';
import { lookBackApi, lookBackKeys, type Candidate, type LookBackCreated } from '../../api/rectification-look-back';
import { QueryError } from '../../components/query-state';
import { useUrlFilters } from '../../components/use-url-filters';
import { ItemStatusTag } from '../rectification/item-tags';
import { CreateLookBackModal } from './create-modal';
import { ReasonTags } from './look-back-tags';

type Param = 'round' | 'town' | 'page' | 'size';

/** The villages calling for 回头看, with reasons and the items behind them; the office ticks villages and creates a round. */
export function CandidatesTab({ canManage }: { canManage: boolean }) {
  const { params, update } = useUrlFilters<Param>();
  const roundId = params.get('round') ?? undefined;
  const townCode = params.get('town') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const filter = { roundId, townCode, page, pageSize };
  const rounds = useQuery({ queryKey: planKeys.rounds(), queryFn: plansApi.rounds });
  const places = useQuery({ queryKey: rectKeys.places(roundId), queryFn: () => rectApi.places(roundId) });
  const list = useQuery({ queryKey: lookBackKeys.candidates(filter), queryFn: () => lookBackApi.candidates(filter) });
  const [selected, setSelected] = useState<Candidate[]>([]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<LookBackCreated | null>(null);

  const columns: TableColumnsType<Candidate> = [
    { title: '镇（街道）', dataIndex: 'townName', key: 'town', width: 120 },
    { title: '村（社区）', dataIndex: 'villageName', key: 'village', width: 120 },
    { title: '列入原因', key: 'reasons', width: 200, render: (_: unknown, r) => <ReasonTags reasons={r.reasons} /> },
    {
      title: '涉及的整改事项',
      key: 'items',
      render: (_: unknown, r) =>
        r.items.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {r.items.map((i) => (
              <Space key={i.id} size={4} wrap>
                <Link to={`/rectification/items/${i.id}`}>{i.code}</Link>
                <span>{i.title}</span>
                <ItemStatusTag status={i.status} />
                {i.dueOn && <Typography.Text type={i.overdue ? 'danger' : 'secondary'}>{`期限 ${i.dueOn}`}</Typography.Text>}
                <ReasonTags reasons={i.reasons} />
              </Space>
            ))}
          </Flex>
        ),
    },
    { title: '整改事项总数', dataIndex: 'itemCount', key: 'count', align: 'right', width: 110, render: (n: number) => `${n} 项` },
    {
      title: '已安排回头看',
      key: 'lookBacks',
      width: 170,
      render: (_: unknown, r) =>
        r.lookBacks.length === 0 ? (
          <Typography.Text type="secondary">未安排</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {r.lookBacks.map((l) => (
              <Link key={l.targetId} to={`/rectification/look-back?tab=targets&target=${l.targetId}`}>
                {`${l.roundLabel}（${l.phaseName}${l.pending > 0 ? `，待复查 ${l.pending} 项` : '，已复查'}）`}
              </Link>
            ))}
          </Flex>
        ),
    },
  ];

  return (
    <div data-testid="look-back-candidates">
      <Typography.Paragraph type="secondary">
        整改逾期、被退回整改、群众评议不满意过半的村（社区），以及整改成效评估为“差”的镇（街道）所辖有整改事项的村（社区），列入回头看名单。勾选后创建回头看轮次：每个村（社区）成为一个“回头看”巡察对象，关联该村（社区）的全部原整改事项（含已销号的），由巡察组逐项作出复查结论。
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} justify="space-between">
        <Space wrap>
          <Select
            style={{ minWidth: 200 }}
            allowClear
            placeholder="全部轮次"
            loading={rounds.isPending}
            value={roundId}
            options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))}
            onChange={(v?: string) => {
              setSelected([]);
              update({ round: v, town: undefined });
            }}
            aria-label="来源轮次"
          />
          <Select
            style={{ minWidth: 160 }}
            allowClear
            placeholder="全部镇（街道）"
            value={townCode}
            options={(places.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
            onChange={(v?: string) => {
              setSelected([]);
              update({ town: v });
            }}
            aria-label="镇（街道）"
          />
        </Space>
        {canManage && (
          <Button type="primary" disabled={selected.length === 0} onClick={() => setCreating(true)} data-testid="look-back-create">
            {selected.length > 0 ? `创建回头看轮次（已选 ${selected.length} 个村）` : '创建回头看轮次'}
          </Button>
        )}
      </Flex>
      {created && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
          style={{ marginBottom: 12 }}
          data-testid="look-back-created"
          title={`已在${created.roundLabel}创建 ${created.targets.length} 个回头看对象`}
          description={
            <Space wrap>
              <Link to={`/planning/rounds/${created.roundId}`}>打开{created.roundLabel}（安排巡察组、进驻）</Link>
              <Link to={`/rectification/look-back?tab=targets&round=${created.roundId}`}>查看回头看对象</Link>
            </Space>
          }
        />
      )}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {!list.isError && (
        <Table
          rowKey="villageCode"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          rowSelection={canManage ? { selectedRowKeys: selected.map((s) => s.villageCode), onChange: (_keys, rows) => setSelected(rows), preserveSelectedRowKeys: true } : undefined}
          locale={{ emptyText: '没有需要回头看的村（社区）' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 个村（社区）`,
            onChange: (p, s) => update({ page: String(p), size: String(s) }),
          }}
          scroll={{ x: 1000 }}
          data-testid="look-back-candidates-table"
        />
      )}
      {creating && (
        <CreateLookBackModal
          sourceRoundId={roundId ?? null}
          sourceRoundLabel={rounds.data?.items.find((r) => r.id === roundId)?.label ?? null}
          villages={selected}
          onClose={() => setCreating(false)}
          onDone={(r) => {
            setCreating(false);
            setSelected([]);
            setCreated(r);
          }}
        />
      )}
    </div>
  );
}
