import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Statistic, Typography } from 'antd';
import type { QuestionResult } from '../../../../domain/public-reports/questionnaires';
import { questionnaireKeys, questionnairesApi } from '../../api/questionnaires';
import { PageLoading, QueryError } from '../../components/query-state';
import { StatEChart } from '../statistics/stat-echart';

function bars(labels: string[], counts: number[]) {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 220, overflow: 'break' } },
    series: [{ type: 'bar', data: counts, label: { show: true, position: 'right' }, itemStyle: { color: '#c41d1d' } }],
  };
}

function QuestionCard({ r, n }: { r: QuestionResult; n: number }) {
  const head = `${n}. ${r.text}`;
  const extra = `${r.responses} 人作答${r.skipped ? `，${r.skipped} 人未答` : ''}`;
  if (r.type === 'text') {
    return (
      <Card size="small" title={head} extra={extra}>
        {r.texts.length === 0 ? (
          <Typography.Text type="secondary">暂无填写内容</Typography.Text>
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 24, maxHeight: 360, overflow: 'auto' }} data-testid="question-texts">
            {r.texts.map((t, i) => (
              <li key={i} style={{ whiteSpace: 'pre-wrap', padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
                {t}
              </li>
            ))}
          </ol>
        )}
      </Card>
    );
  }
  const options = r.type === 'rating' ? r.distribution : r.options;
  const height = Math.max(120, options.length * 34 + 24);
  return (
    <Card size="small" title={head} extra={extra}>
      {r.type === 'rating' && (
        <Statistic title={`平均分（满分 ${r.scale} 分）`} value={r.mean ?? '—'} precision={r.mean === null ? undefined : 2} style={{ marginBottom: 8 }} />
      )}
      <StatEChart option={bars(options.map((o) => `${o.label}${o.percent === null ? '' : `（${o.percent}%）`}`), options.map((o) => o.count))} height={height} testId="question-chart" />
    </Card>
  );
}

/** Results per question: bars per choice (count and share), the mean of ratings, the texts. */
export function ResultsView({ id }: { id: string }) {
  const results = useQuery({ queryKey: questionnaireKeys.results(id), queryFn: () => questionnairesApi.results(id) });
  if (results.isPending) return <PageLoading />;
  if (results.isError) return <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  const r = results.data;
  if (r.respondents === 0) return <Empty description="尚未收到答卷" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="questionnaire-results">
      <Statistic title="答卷总数" value={r.respondents} suffix="份" />
      {r.questions.map((q, i) => (
        <QuestionCard key={q.id} r={q} n={i + 1} />
      ))}
    </Space>
  );
}
