import { QuestionCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Select, Statistic, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { HEADLINE_FIGURES, STAT_FIGURES, type HeadlineFigure } from '../../../../domain/statistics/statistics';
import { statisticsApi, statisticsKeys, type DrillCell, type Overview, type StatScope } from '../../api/statistics';
import { PageContainer } from '../../components/page-container';
import { PageLoading, QueryError } from '../../components/query-state';
import { DrillDrawer } from './drill-drawer';
import { moneyHeadline } from './format';
import { PublicReportStats } from './public-report-stats';
import { StatCharts } from './stat-charts';
import { AspectTable, CategoryTable, MeasureTable, RoundTable, TownTable, VillageTable, type OpenDrill } from './stat-tables';

type Param = 'plan' | 'round' | 'town' | 'village';

function FigureCard({ figure, data, open }: { figure: HeadlineFigure; data: Overview; open: OpenDrill }) {
  const def = STAT_FIGURES[figure];
  const raw = data.figures[figure];
  const money = figure === 'amount' ? moneyHeadline(String(raw)) : null;
  const clickable = Number(raw) > 0;
  return (
    <Card
      size="small"
      hoverable={clickable}
      onClick={clickable ? () => open({ figure, title: `${data.scope.label} · ${def.label}` }) : undefined}
      style={{ height: '100%', cursor: clickable ? 'pointer' : 'default' }}
      data-testid={`figure-${figure}`}
    >
      <Statistic
        title={
          <Tooltip title={def.note}>
            <span>
              {def.label} <QuestionCircleOutlined style={{ color: '#999' }} />
            </span>
          </Tooltip>
        }
        value={money ? money.value : raw}
        suffix={money ? money.unit : def.unit}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {def.note}
      </Typography.Text>
    </Card>
  );
}

/** 巡察统计: figures of a term plan, a round or all rounds, by town and village; every number opens its records. */
export function StatisticsPage() {
  const [params, setParams] = useSearchParams();
  const [cell, setCell] = useState<DrillCell | null>(null);
  const scope: StatScope = {
    termPlanId: params.get('plan') ?? undefined,
    roundId: params.get('round') ?? undefined,
    townCode: params.get('town') ?? undefined,
    villageCode: params.get('village') ?? undefined,
  };

  const update = (patch: Partial<Record<Param, string | undefined>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  };

  const options = useQuery({ queryKey: statisticsKeys.options(scope.termPlanId, scope.townCode), queryFn: () => statisticsApi.options(scope.termPlanId, scope.townCode), placeholderData: keepPreviousData });
  const overview = useQuery({ queryKey: statisticsKeys.overview(scope), queryFn: () => statisticsApi.overview(scope), placeholderData: keepPreviousData });
  const filtered = Boolean(scope.termPlanId || scope.roundId || scope.townCode || scope.villageCode);
  const data = overview.data;

  return (
    <PageContainer title="巡察统计" subTitle="按巡察规划、轮次、乡镇和村统计；点击任一数字查看其背后的记录" testId="statistics-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Select
            allowClear
            placeholder="全部巡察规划"
            value={scope.termPlanId}
            onChange={(v?: string) => update({ plan: v, round: undefined })}
            options={(options.data?.termPlans ?? []).map((p) => ({ value: p.id, label: p.name }))}
            loading={options.isPending}
            style={{ width: 220 }}
            data-testid="pick-plan"
          />
          <Select
            allowClear
            placeholder="全部轮次"
            value={scope.roundId}
            onChange={(v?: string) => update({ round: v })}
            options={(options.data?.rounds ?? []).map((r) => ({ value: r.id, label: r.label }))}
            loading={options.isPending}
            style={{ width: 170 }}
            data-testid="pick-round"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部乡镇（街道）"
            value={scope.townCode}
            onChange={(v?: string) => update({ town: v, village: undefined })}
            options={(options.data?.towns ?? []).map((t) => ({ value: t.code, label: t.name }))}
            style={{ width: 190 }}
            data-testid="pick-town"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={scope.townCode ? '全部村（社区）' : '先选乡镇再选村'}
            disabled={!scope.townCode}
            value={scope.villageCode}
            onChange={(v?: string) => update({ village: v })}
            options={(options.data?.villages ?? []).map((v) => ({ value: v.code, label: v.name }))}
            style={{ width: 190 }}
            data-testid="pick-village"
          />
          {filtered && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              清除筛选
            </Button>
          )}
          {data && (
            <Typography.Text type="secondary" data-testid="scope-label">
              统计范围：{data.scope.label}
            </Typography.Text>
          )}
        </Flex>
      </Card>

      {overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div style={{ opacity: overview.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          {data.figures.findings === 0 && data.figures.villages === 0 && data.figures.leads === 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="所选范围内暂无巡察数据" description="已进驻的村级巡察、已审定的问题底稿和已移交的问题线索会计入统计。" />
          )}
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="figures">
            {HEADLINE_FIGURES.map((f) => (
              <Col key={f} xs={12} md={8} xl={6} xxl={4}>
                <FigureCard figure={f} data={data} open={setCell} />
              </Col>
            ))}
          </Row>
          <StatCharts data={data} open={setCell} />
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <CategoryTable data={data} scope={scope} open={setCell} />
            </Col>
            <Col xs={24} xl={12}>
              <MeasureTable data={data} scope={scope} open={setCell} />
            </Col>
          </Row>
          <AspectTable data={data} scope={scope} open={setCell} />
          <TownTable data={data} scope={scope} open={setCell} />
          <VillageTable scope={scope} open={setCell} />
          <RoundTable data={data} scope={scope} open={setCell} />
          <PublicReportStats data={data} scope={scope} open={setCell} />
        </div>
      )}
      <DrillDrawer scope={scope} cell={cell} onClose={() => setCell(null)} />
    </PageContainer>
  );
}
