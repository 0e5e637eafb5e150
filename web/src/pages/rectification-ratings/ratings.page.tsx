import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Empty, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { ratingKeys, ratingsApi, type RatingVillage } from '../../api/rectification-ratings';
import { planKeys, plansApi } from '../../api/rectification-plans';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { useMe } from '../../session/session';
import { VillagePanel } from './village-panel';

/**
 * 群众评议 of a round: the villages with rectification items (in the user's scope) and their rating
 * sessions; a village opens in a drawer to organise a session, print the representatives' slips, follow
 * who has rated, read the results per item and close the session.
 */
export function RectificationRatingsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const rounds = useQuery({ queryKey: planKeys.rounds(), queryFn: plansApi.rounds });
  const roundId = params.get('round') ?? rounds.data?.items[0]?.id ?? '';
  const villageCode = params.get('village');
  const villages = useQuery({ queryKey: ratingKeys.villages(roundId), queryFn: () => ratingsApi.villages(roundId), enabled: Boolean(roundId) });
  const canWrite = me.permissions.includes('rectification.manage') || me.permissions.includes('rectification.review');
  const village = villages.data?.items.find((v) => v.villageCode === villageCode) ?? null;

  const set = (next: { round?: string; village?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.round !== undefined) {
      p.set('round', next.round);
      p.delete('village');
    }
    if (next.village !== undefined) {
      if (next.village) p.set('village', next.village);
      else p.delete('village');
    }
    setParams(p, { replace: true });
  };

  const columns: TableColumnsType<RatingVillage> = [
    { title: '镇（街道）', dataIndex: 'townName', key: 'town' },
    { title: '村（社区）', dataIndex: 'villageName', key: 'village', render: (v: string, r) => <a onClick={() => set({ village: r.villageCode })}>{v}</a> },
    { title: '整改事项', dataIndex: 'items', key: 'items', align: 'right', render: (n: number) => `${n} 项` },
    {
      title: '群众评议',
      key: 'sessions',
      render: (_: unknown, r) => (r.openSessionId ? <Tag color="processing">评议中</Tag> : r.sessions > 0 ? <Tag>已评议 {r.sessions} 次</Tag> : <Typography.Text type="secondary">未组织</Typography.Text>),
    },
    { title: '群众满意率', key: 'rate', align: 'right', render: (_: unknown, r) => (r.satisfactionRate === null ? '—' : `${(r.satisfactionRate * 100).toFixed(1)}%`) },
    { title: '回头看', key: 'lookBack', render: (_: unknown, r) => (r.lookBack ? <Tag color="red">不满意过半，列入回头看</Tag> : null) },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r) => (
        <Button size="small" type={canWrite && !r.openSessionId && r.sessions === 0 ? 'primary' : 'default'} onClick={() => set({ village: r.villageCode })}>
          {canWrite && !r.openSessionId && r.sessions === 0 ? '组织评议' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title="群众评议"
      testId="rectification-ratings-page"
      extra={
        <Select
          style={{ minWidth: 180 }}
          placeholder="选择巡察轮次"
          loading={rounds.isPending}
          value={roundId || undefined}
          options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }))}
          onChange={(v: string) => set({ round: v })}
          aria-label="选择巡察轮次"
        />
      }
    >
      {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {rounds.data && rounds.data.items.length === 0 && <Empty description="暂无进入整改的巡察轮次" />}
      {villages.isError && <QueryError error={villages.error} onRetry={() => void villages.refetch()} />}
      {roundId && !villages.isError && (
        <Table
          rowKey="villageCode"
          size="middle"
          loading={villages.isPending}
          columns={columns}
          dataSource={villages.data?.items ?? []}
          locale={{ emptyText: '本轮尚无村（社区）的整改事项' }}
          pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 个村（社区）` }}
          scroll={{ x: 720 }}
          data-testid="rating-villages"
        />
      )}
      <Drawer open={Boolean(village)} width={980} onClose={() => set({ village: null })} title={village ? `群众评议 · ${village.townName}${village.villageName}` : '群众评议'} destroyOnHidden>
        {village && <VillagePanel roundId={roundId} village={village} canWrite={canWrite} />}
      </Drawer>
    </PageContainer>
  );
}
