import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import type { Overview } from '../../api/statistics';
import { StatEChart } from './stat-echart';
import type { OpenDrill } from './stat-tables';

const TOP_TOWNS = 15;

/** Bars by category, the trend by round and the town ranking; a click opens the records behind a bar. */
export function StatCharts({ data, open }: { data: Overview; open: OpenDrill }) {
  const category = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['发现问题', '立行立改'] },
      grid: { left: 40, right: 16, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: data.byCategory.map((c) => c.name) },
      yAxis: { type: 'value', minInterval: 1, name: '个' },
      series: [
        { name: '发现问题', type: 'bar', data: data.byCategory.map((c) => c.findings), label: { show: true, position: 'top' } },
        { name: '立行立改', type: 'bar', data: data.byCategory.map((c) => c.immediate), label: { show: true, position: 'top' } },
      ],
    }),
    [data.byCategory],
  );

  const trend = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['巡察村（社区）', '发现问题', '移交线索', '立案'] },
      grid: { left: 40, right: 16, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: data.byRound.map((r) => r.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '巡察村（社区）', type: 'bar', data: data.byRound.map((r) => r.villages) },
        { name: '发现问题', type: 'bar', data: data.byRound.map((r) => r.findings) },
        { name: '移交线索', type: 'line', data: data.byRound.map((r) => r.leads) },
        { name: '立案', type: 'line', data: data.byRound.map((r) => r.cases) },
      ],
    }),
    [data.byRound],
  );
  const trendFigures = ['villages', 'findings', 'leads', 'cases'] as const;
  const trendNames = ['巡察村（社区）', '发现问题', '移交线索', '立案'];

  const towns = useMemo(() => data.byTown.slice(0, TOP_TOWNS), [data.byTown]);
  const ranking = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 16, right: 40, top: 10, bottom: 20, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, name: '个' },
      // top of the ranking at the top of the chart
      yAxis: { type: 'category', data: [...towns].reverse().map((t) => `${t.rank}. ${t.name}`) },
      series: [{ name: '发现问题', type: 'bar', data: [...towns].reverse().map((t) => t.findings), label: { show: true, position: 'right' } }],
    }),
    [towns],
  );

  const noFindings = data.figures.findings === 0;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title="问题类别（三大问题）">
          {noFindings ? (
            <Empty description="所选范围内没有已审定的问题" />
          ) : (
            <StatEChart
              option={category}
              height={300}
              testId="category-chart"
              onClick={(p) => {
                const c = data.byCategory[p.dataIndex];
                if (c) open({ figure: p.seriesIndex === 1 ? 'immediate' : 'findings', category: c.category, title: `${c.name} · ${p.seriesIndex === 1 ? '立行立改' : '发现问题'}` });
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="各轮次趋势">
          {data.byRound.length === 0 ? (
            <Empty description="所选范围内暂无数据" />
          ) : (
            <StatEChart
              option={trend}
              height={300}
              testId="trend-chart"
              onClick={(p) => {
                const r = data.byRound[p.dataIndex];
                const s = p.seriesIndex ?? 0;
                const figure = trendFigures[s];
                if (r && figure) open({ figure, roundId: r.roundId, title: `${r.label} · ${trendNames[s]}` });
              }}
            />
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={data.byTown.length > TOP_TOWNS ? `乡镇排名（问题数前 ${TOP_TOWNS} 名）` : '乡镇排名（问题数）'}>
          {towns.length === 0 ? (
            <Empty description="所选范围内暂无数据" />
          ) : (
            <StatEChart
              option={ranking}
              height={Math.max(200, towns.length * 32 + 40)}
              testId="town-chart"
              onClick={(p) => {
                const t = [...towns].reverse()[p.dataIndex];
                if (t) open({ figure: 'findings', townCode: t.code, title: `${t.name} · 发现问题` });
              }}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
