import type { TermCoverage, TownCoverage } from '../../../../../domain/planning/term-plan';
import { useMemo } from 'react';
import { EChart } from '../shared/echart';

const pct = (done: number, all: number) => (all === 0 ? 0 : Math.round((done / all) * 1000) / 10);

/** Per year: villages inspected and planned, stacked, against the pace line. */
export function YearProgressChart({ coverage }: { coverage: TermCoverage }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['已巡察', '已安排', '年度节奏要求'] },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: coverage.years.map((y) => `${y.year}年`) },
      yAxis: { type: 'value', name: '村（社区）', minInterval: 1 },
      series: [
        { name: '已巡察', type: 'bar', stack: 'v', data: coverage.years.map((y) => y.inspected), itemStyle: { color: '#389e0d' } },
        { name: '已安排', type: 'bar', stack: 'v', data: coverage.years.map((y) => y.planned), itemStyle: { color: '#1677ff' } },
        {
          name: '年度节奏要求',
          type: 'line',
          data: coverage.years.map((y) => y.paceTarget),
          lineStyle: { type: 'dashed', color: '#cf1322' },
          itemStyle: { color: '#cf1322' },
          symbol: 'none',
        },
      ],
    }),
    [coverage],
  );
  return <EChart option={option} height={300} testId="year-progress-chart" />;
}

/** The towns as tiles of a grid, coloured by the share of their villages inspected in the term. */
export function TownGridChart({ towns }: { towns: TownCoverage[] }) {
  const option = useMemo(() => {
    const cols = Math.max(1, Math.ceil(Math.sqrt(towns.length * 1.6)));
    const rows = Math.max(1, Math.ceil(towns.length / cols));
    const data = towns.map((t, i) => ({
      value: [i % cols, rows - 1 - Math.floor(i / cols), pct(t.inspected, t.villages)],
      name: t.townName,
      town: t,
    }));
    return {
      tooltip: {
        formatter: (p: { data: { town: TownCoverage; value: number[] } }) => {
          const t = p.data.town;
          return `${t.townName}<br/>村（社区）${t.villages} 个<br/>已巡察 ${t.inspected}，已安排 ${t.planned}，未安排 ${t.notPlanned}<br/>覆盖率 ${p.data.value[2]}%`;
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 56 },
      xAxis: { type: 'category', data: Array.from({ length: cols }, (_, i) => i), show: false },
      yAxis: { type: 'category', data: Array.from({ length: rows }, (_, i) => i), show: false },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 4,
        text: ['100%', '0%'],
        inRange: { color: ['#fff1f0', '#ffd591', '#b7eb8f', '#389e0d'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: true,
            formatter: (p: { name: string; value: number[] }) => `${p.name}\n${p.value[2]}%`,
            fontSize: 12,
          },
          itemStyle: { borderColor: '#fff', borderWidth: 3 },
        },
      ],
    };
  }, [towns]);
  const rows = Math.max(1, Math.ceil(towns.length / Math.max(1, Math.ceil(Math.sqrt(towns.length * 1.6)))));
  return <EChart option={option} height={Math.max(220, rows * 72 + 70)} testId="town-grid-chart" />;
}

export { pct };
