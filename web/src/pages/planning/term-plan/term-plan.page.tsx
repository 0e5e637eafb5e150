import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { TownCoverage, YearCoverage } from '../../../../../domain/planning/term-plan';
import { planningApi, planningKeys } from '../../../api/planning';
import { PageContainer } from '../../../components/page-container';
import { PageLoading, QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { TermPlanModal } from '../term-plans/term-plan-modal';
import { pct, TownGridChart, YearProgressChart } from './coverage-charts';

const YEAR_STATUS = { past: '已过', current: '本年', future: '未到' } as const;

const yearColumns: TableColumnsType<YearCoverage> = [
  { title: '年度', dataIndex: 'year', render: (y: number, r) => `${y}年${r.status === 'current' ? '（本年）' : ''}` },
  { title: '状态', dataIndex: 'status', render: (s: YearCoverage['status']) => YEAR_STATUS[s] },
  { title: '已巡察', dataIndex: 'inspected', align: 'right' },
  { title: '已安排', dataIndex: 'planned', align: 'right' },
  { title: '截至年底尚未安排', dataIndex: 'notYetPlanned', align: 'right' },
  { title: '年度节奏要求', dataIndex: 'paceTarget', align: 'right' },
  {
    title: '是否达到节奏',
    dataIndex: 'belowPace',
    render: (b: boolean | null) => (b === null ? <Typography.Text type="secondary">—</Typography.Text> : b ? <Tag color="red">未达到</Tag> : <Tag color="green">达到</Tag>),
  },
];

const townColumns: TableColumnsType<TownCoverage> = [
  { title: '乡镇（街道）', dataIndex: 'townName' },
  { title: '村（社区）', dataIndex: 'villages', align: 'right', sorter: (a, b) => a.villages - b.villages },
  { title: '已巡察', dataIndex: 'inspected', align: 'right', sorter: (a, b) => a.inspected - b.inspected },
  { title: '已安排', dataIndex: 'planned', align: 'right' },
  { title: '未安排', dataIndex: 'notPlanned', align: 'right', sorter: (a, b) => a.notPlanned - b.notPlanned },
  {
    title: '覆盖率',
    key: 'pct',
    width: 200,
    sorter: (a, b) => pct(a.inspected, a.villages) - pct(b.inspected, b.villages),
    render: (_, t) => <Progress percent={pct(t.inspected, t.villages)} success={{ percent: pct(t.inspected, t.villages) }} size="small" />,
  },
];

/** One term plan: coverage per town and year, the pace warning with its numbers, charts. */
export function TermPlanPage() {
  const { id = '' } = useParams();
  const access = useAccess();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: planningKeys.coverage(id), queryFn: () => planningApi.coverage(id) });

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const { plan, coverage: c, today } = q.data;

  return (
    <PageContainer
      title={plan.name}
      subTitle={`${plan.countyName} · 规划期 ${plan.startDate} 至 ${plan.endDate} · 截至 ${today}`}
      breadcrumb={[{ title: '巡察规划', to: '/planning/term-plans' }, { title: plan.name }]}
      extra={
        access.can('planning.write') && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑规划
          </Button>
        )
      }
    >
      {c.warnings.length > 0 ? (
        c.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} data-testid="coverage-warning" />)
      ) : (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={c.remaining === 0 ? '所有村（社区）均已巡察，本届规划已实现全覆盖' : `按每年至少 ${plan.pace.minAnnualPercent}% 的节奏，剩余 ${c.remaining} 个村（社区）可在规划期内覆盖`}
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          ['村（社区）总数', c.villages],
          ['已巡察', c.inspected],
          ['已安排未巡察', c.planned],
          ['尚未安排', c.notPlanned],
          ['每年节奏（个）', c.annualPace],
          ['剩余年度', c.yearsLeft],
          ['剩余可覆盖', c.capacityLeft],
          ['今后每年需巡察', c.requiredPerYear ?? '—'],
        ].map(([label, value]) => (
          <Col key={label as string} xs={12} md={6} xl={3}>
            <Card size="small">
              <Statistic title={label} value={value as number | string} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={`全覆盖进度（覆盖率 ${pct(c.inspected, c.villages)}%）`}>
            <Progress
              percent={pct(c.inspected + c.planned, c.villages)}
              success={{ percent: pct(c.inspected, c.villages) }}
              format={() => `${c.inspected} / ${c.villages}`}
            />
            <Typography.Text type="secondary">绿色为已巡察，蓝色为已安排未巡察</Typography.Text>
            <YearProgressChart coverage={c} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="各乡镇（街道）覆盖情况">
            <TownGridChart towns={c.towns} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title="按年度">
            <Table<YearCoverage> rowKey="year" size="small" columns={yearColumns} dataSource={c.years} pagination={false} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title="按乡镇（街道）">
            <Table<TownCoverage>
              rowKey="townCode"
              size="small"
              columns={townColumns}
              dataSource={c.towns}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="coverage-towns"
              expandable={{
                expandedRowRender: (t) => <Table<YearCoverage> rowKey="year" size="small" columns={yearColumns.slice(0, 5)} dataSource={t.years} pagination={false} />,
              }}
            />
          </Card>
        </Col>
      </Row>
      <TermPlanModal open={editing} plan={plan} onClose={() => setEditing(false)} />
    </PageContainer>
  );
}
