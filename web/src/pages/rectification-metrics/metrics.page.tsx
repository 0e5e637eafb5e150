import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Select, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { metricsApi, metricsKeys, type PlaceQuery } from '../../api/rectification-metrics';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-state';
import { useUrlFilters } from '../../components/use-url-filters';
import { useMe } from '../../session/session';
import { EvaluationTab } from './evaluation-tab';
import { RatesTab } from './rates-tab';

type Param = 'round' | 'town' | 'village' | 'date' | 'tab';

/**
 * 整改成效: 整改到位率, 移交事项办结率 and 群众满意率 for the round, town or village chosen, as of a date
 * (today by default), compared per town or village with the records behind every number; and the
 * 100-point 整改成效评估 per town with the .docx drafts. Filters live in the URL.
 */
export function RectificationMetricsPage() {
  const { params, update } = useUrlFilters<Param>();
  const me = useMe();
  // evaluations are per town: teams and villages see the rates only (the server answers 404 to them)
  const evaluates = me.org.kind !== 'team' && me.org.kind !== 'village';
  const roundId = params.get('round') ?? undefined;
  const townCode = params.get('town') ?? undefined;
  const villageCode = params.get('village') ?? undefined;
  const asOf = params.get('date') ?? undefined;
  const tab = evaluates ? (params.get('tab') ?? 'rates') : 'rates';

  const options = useQuery({ queryKey: metricsKeys.options(roundId), queryFn: () => metricsApi.options(roundId) });
  const towns = options.data?.towns ?? [];
  const villages = towns.find((t) => t.code === townCode)?.villages ?? [];
  const place: PlaceQuery = { roundId, townCode, villageCode, asOf };

  if (options.isError) return <QueryError error={options.error} onRetry={() => void options.refetch()} />;

  return (
    <PageContainer title="整改成效" subTitle="整改到位率、移交事项办结率、群众满意率和整改成效评估" testId="metrics-page">
      <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
        <Select
          allowClear
          placeholder="全部轮次"
          value={roundId}
          onChange={(v?: string) => update({ round: v, town: undefined, village: undefined })}
          options={(options.data?.rounds ?? []).map((r) => ({ value: r.id, label: r.label }))}
          style={{ width: 180 }}
          data-testid="filter-round"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部乡镇（街道）"
          value={townCode}
          onChange={(v?: string) => update({ town: v, village: undefined })}
          options={towns.map((t) => ({ value: t.code, label: t.name }))}
          style={{ width: 180 }}
          data-testid="filter-town"
        />
        {tab === 'rates' && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={townCode ? '全部村（社区）' : '先选乡镇（街道）'}
            disabled={!townCode}
            value={villageCode}
            onChange={(v?: string) => update({ village: v })}
            options={[...(townCode ? [{ value: townCode, label: '镇本级' }] : []), ...villages.map((v) => ({ value: v.code, label: v.name }))]}
            style={{ width: 180 }}
          />
        )}
        <DatePicker
          placeholder={`截至今天（${options.data?.today ?? ''}）`}
          value={asOf ? dayjs(asOf) : null}
          onChange={(d) => update({ date: d ? d.format('YYYY-MM-DD') : undefined })}
          style={{ width: 200 }}
          data-testid="filter-date"
        />
        {(roundId || townCode || villageCode || asOf) && (
          <Button type="link" onClick={() => update({ round: undefined, town: undefined, village: undefined, date: undefined })}>
            清除筛选
          </Button>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'rates' ? undefined : k })}
        items={[
          { key: 'rates', label: '成效指标', children: <RatesTab place={place} /> },
          ...(evaluates
            ? [
                {
                  key: 'evaluation',
                  label: '成效评估',
                  children: roundId ? (
                    <EvaluationTab roundId={roundId} asOf={asOf} />
                  ) : (
                    <Typography.Paragraph type="secondary" data-testid="evaluation-pick-round">
                      整改成效评估按轮次、分乡镇（街道）进行，请先在上方选择轮次。
                    </Typography.Paragraph>
                  ),
                },
              ]
            : []),
        ]}
      />
    </PageContainer>
  );
}
