import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Segmented, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { formatRate } from '../../../../domain/rectification';
import { metricsApi, metricsKeys, type GroupBy, type Measure, type PlaceQuery, type Rates } from '../../api/rectification-metrics';
import { QueryError } from '../../components/query-state';
import { StatEChart } from '../statistics/stat-echart';
import { DEFINITIONS, DrillDrawer, type Drill } from './drill-drawer';

const SERIES: { measure: Measure; name: string; rate: (r: Rates) => number | null; all: string }[] = [
  { measure: 'items', name: '整改到位率', rate: (r) => r.rectified.rate, all: 'due' },
  { measure: 'transfers', name: '移交事项办结率', rate: (r) => r.transfers.rate, all: 'transferred' },
  { measure: 'ratings', name: '群众满意率', rate: (r) => r.satisfaction.rate, all: 'all' },
];
const COLORS = ['#1677ff', '#13a8a8', '#fa8c16'];

/** A count that opens the records behind it (nothing to open at zero). */
function Num({ n, onOpen, testId }: { n: number; onOpen: () => void; testId?: string }) {
  if (n === 0) return <span>0</span>;
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={onOpen} data-testid={testId}>
      {n}
    </Button>
  );
}

/** The three rates for the filter, a bar chart per town (or per village of the chosen town), and the drill-down. */
export function RatesTab({ place }: { place: PlaceQuery }) {
  const [groupBy, setGroupBy] = useState<GroupBy | undefined>(undefined);
  const by: GroupBy = groupBy ?? (place.townCode ? 'village' : 'town');
  const query = { ...place, groupBy: by };
  const groupLabel = by === 'round' ? '轮次' : by === 'town' ? '乡镇（街道）' : '村（社区）';
  const q = useQuery({ queryKey: metricsKeys.rates(query), queryFn: () => metricsApi.rates(query), placeholderData: keepPreviousData });
  const [drill, setDrill] = useState<Drill | null>(null);

  /** The place filter of a group: its round, town or village (a town's own records by its code). */
  const placeOf = (key: string): PlaceQuery => {
    const base = { ...place, asOf: q.data?.asOf ?? place.asOf };
    if (by === 'round') return { ...base, roundId: key };
    if (by === 'town') return { ...base, townCode: key };
    return { ...base, villageCode: key };
  };
  const open = (measure: Measure, cls: string, label: string, key?: string, name?: string) =>
    setDrill({ title: `${name ? `${name} · ` : ''}${label}`, measure, class: cls, place: key === undefined ? { ...place, asOf: q.data?.asOf ?? place.asOf } : placeOf(key) });

  // transfers without a finding count in the totals but belong to no town or village
  const groups = useMemo(() => (q.data?.groups ?? []).filter((g) => g.key !== ''), [q.data]);
  const unplaced = q.data?.groups.find((g) => g.key === '')?.rates.transfers.transferred ?? 0;
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v === null || v === undefined ? '—（无可统计记录）' : `${v}%`),
      },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: groups.length > 8 ? 72 : 40 },
      xAxis: { type: 'category', data: groups.map((g) => g.name), axisLabel: { interval: 0, rotate: groups.length > 8 ? 35 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: SERIES.map((s, i) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: COLORS[i] },
        data: groups.map((g) => {
          const r = s.rate(g.rates);
          return r === null ? null : Math.round(r * 1000) / 10;
        }),
      })),
    }),
    [groups],
  );

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const t = q.data?.total;

  const columns: TableColumnsType<(typeof groups)[number]> = [
    { title: groupLabel, dataIndex: 'name', fixed: 'left', width: 160 },
    {
      title: '整改到位率',
      children: [
        { title: '应完成', key: 'due', width: 80, render: (_v, g) => <Num n={g.rates.rectified.due} onOpen={() => open('items', 'due', '应完成的整改事项', g.key, g.name)} /> },
        { title: '按期完成', key: 'onTime', width: 80, render: (_v, g) => <Num n={g.rates.rectified.closedOnTime} onOpen={() => open('items', 'on_time', '按期完成的整改事项', g.key, g.name)} /> },
        { title: '逾期完成', key: 'late', width: 80, render: (_v, g) => <Num n={g.rates.rectified.closedLate} onOpen={() => open('items', 'late', '逾期完成的整改事项', g.key, g.name)} /> },
        { title: '逾期未完成', key: 'open', width: 90, render: (_v, g) => <Num n={g.rates.rectified.open} onOpen={() => open('items', 'open', '逾期未完成的整改事项', g.key, g.name)} /> },
        { title: '到位率', key: 'rate', width: 80, render: (_v, g) => formatRate(g.rates.rectified.rate) },
      ],
    },
    {
      title: '移交事项办结率',
      children: [
        { title: '已移交', key: 'tr', width: 80, render: (_v, g) => <Num n={g.rates.transfers.transferred} onOpen={() => open('transfers', 'transferred', '已移交的移交事项', g.key, g.name)} /> },
        { title: '已办结', key: 'done', width: 80, render: (_v, g) => <Num n={g.rates.transfers.completed} onOpen={() => open('transfers', 'completed', '已办结的移交事项', g.key, g.name)} /> },
        { title: '办结率', key: 'trate', width: 80, render: (_v, g) => formatRate(g.rates.transfers.rate) },
      ],
    },
    {
      title: '群众满意率',
      children: [
        { title: '评议人次', key: 'ans', width: 80, render: (_v, g) => <Num n={g.rates.satisfaction.answers} onOpen={() => open('ratings', 'all', '群众评议', g.key, g.name)} /> },
        { title: '不满意', key: 'uns', width: 80, render: (_v, g) => <Num n={g.rates.satisfaction.unsatisfied} onOpen={() => open('ratings', 'unsatisfied', '不满意的评议', g.key, g.name)} /> },
        { title: '满意率', key: 'srate', width: 80, render: (_v, g) => formatRate(g.rates.satisfaction.rate) },
      ],
    },
  ];

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" data-testid="rate-card-items">
            <Statistic title="整改到位率" value={formatRate(t?.rectified.rate ?? null)} loading={q.isLoading} />
            <Typography.Text type="secondary">
              按期完成 <Num n={t?.rectified.closedOnTime ?? 0} onOpen={() => open('items', 'on_time', '按期完成的整改事项')} testId="rate-numerator-items" /> ÷ 应完成{' '}
              <Num n={t?.rectified.due ?? 0} onOpen={() => open('items', 'due', '应完成的整改事项')} testId="rate-denominator-items" />
              ；逾期未完成 <Num n={t?.rectified.open ?? 0} onOpen={() => open('items', 'open', '逾期未完成的整改事项')} />
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" data-testid="rate-card-transfers">
            <Statistic title="移交事项办结率" value={formatRate(t?.transfers.rate ?? null)} loading={q.isLoading} />
            <Typography.Text type="secondary">
              已办结 <Num n={t?.transfers.completed ?? 0} onOpen={() => open('transfers', 'completed', '已办结的移交事项')} /> ÷ 已移交{' '}
              <Num n={t?.transfers.transferred ?? 0} onOpen={() => open('transfers', 'transferred', '已移交的移交事项')} />
              ；未办结 <Num n={t?.transfers.pending ?? 0} onOpen={() => open('transfers', 'pending', '未办结的移交事项')} />
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" data-testid="rate-card-ratings">
            <Statistic title="群众满意率" value={formatRate(t?.satisfaction.rate ?? null)} loading={q.isLoading} />
            <Typography.Text type="secondary">
              满意和基本满意 <Num n={(t?.satisfaction.satisfied ?? 0) + (t?.satisfaction.basicallySatisfied ?? 0)} onOpen={() => open('ratings', 'satisfied', '满意和基本满意的评议')} /> ÷
              评议人次 <Num n={t?.satisfaction.answers ?? 0} onOpen={() => open('ratings', 'all', '群众评议')} />
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={`按${groupLabel}比较（截至 ${q.data?.asOf ?? place.asOf ?? ''}，点击柱形查看记录）`}
        extra={
          <Segmented<GroupBy>
            size="small"
            value={by}
            onChange={setGroupBy}
            options={[
              { value: 'round', label: '按轮次' },
              { value: 'town', label: '按乡镇' },
              { value: 'village', label: '按村' },
            ]}
          />
        }
        style={{ marginBottom: 16 }}
      >
        {groups.length === 0 && !q.isLoading ? (
          <Empty description="没有可统计的整改事项、移交事项或群众评议" />
        ) : (
          <StatEChart
            option={option}
            height={340}
            testId="metrics-chart"
            onClick={({ seriesIndex = 0, dataIndex }) => {
              const g = groups[dataIndex];
              const s = SERIES[seriesIndex];
              if (g && s) open(s.measure, s.all, s.name, g.key, g.name);
            }}
          />
        )}
      </Card>
      <Table
        size="small"
        bordered
        rowKey="key"
        loading={q.isFetching}
        columns={columns}
        dataSource={groups}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1200 }}
        data-testid="metrics-table"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {unplaced > 0 && (
          <>
            另有 {unplaced} 件移交事项未关联到问题所在的乡镇（街道）或村（社区），只计入合计。
            <br />
          </>
        )}
        {DEFINITIONS.items}
        <br />
        {DEFINITIONS.transfers}
        <br />
        {DEFINITIONS.ratings}
      </Typography.Paragraph>
      <DrillDrawer drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}
