import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../../components/use-url-filters';
import { INSPECTION_STATUS_LIST, INSPECTION_STATUSES } from '../../../../../domain/inspections/completion';
import { keys, registryApi } from '../../../api/endpoints';
import { inspectionKeys, inspectionsApi, roundOptionsQuery, type InspectionFilter, type InspectionRow } from '../../../api/inspections';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useMe } from '../../../session/session';
import { DaysText, InspectionStatusTag } from '../inspection-status-tag';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

const columns: TableColumnsType<InspectionRow> = [
  { title: '轮次', dataIndex: 'roundLabel', width: 130 },
  {
    title: '村（社区）',
    dataIndex: 'villageName',
    render: (name: string, r) => (
      <Link to={`/inspections/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="inspection-link">
        {name}
      </Link>
    ),
  },
  { title: '乡镇（街道）', dataIndex: 'townName' },
  { title: '巡察方式', dataIndex: 'modeName', width: 110 },
  {
    title: '重点/一般',
    dataIndex: 'importanceName',
    width: 96,
    render: (n: string, r) => (r.importance === 'key' ? <Tag color="volcano">{n}</Tag> : <Tag>{n}</Tag>),
  },
  { title: '巡察组', dataIndex: 'teamName', render: (n: string | null) => n ?? dash },
  { title: '状态', dataIndex: 'status', width: 90, render: (_s, r) => <InspectionStatusTag status={r.status} name={r.statusName} /> },
  {
    title: '在村工作日/最低要求',
    key: 'days',
    width: 150,
    align: 'right',
    render: (_v, r) => <DaysText days={r.onSiteWorkingDays} minimum={r.minWorkingDays} />,
  },
];

type Param = 'round' | 'status' | 'town' | 'q' | 'page' | 'size';

/** 村级巡察: every village inspection the user may see; for a team user, its own targets (我组的巡察对象). */
export function InspectionsPage() {
  const me = useMe();
  const isTeam = me.org.kind === 'team';
  const navigate = useNavigate();
  const { params, update, clear, text, setText } = useUrlFilters<Param>();

  const filter: InspectionFilter = {
    roundId: params.get('round') ?? undefined,
    status: params.get('status') ?? undefined,
    townCode: params.get('town') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };

  const list = useQuery({ queryKey: inspectionKeys.list(filter), queryFn: () => inspectionsApi.list(filter), placeholderData: keepPreviousData });
  const rounds = useQuery(roundOptionsQuery);
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties });
  const towns = useQueries({
    queries: (counties.data?.items ?? []).map((c) => ({ queryKey: keys.towns(c.code), queryFn: () => registryApi.towns(c.code) })),
  });
  const townOptions = towns.flatMap((t) => (t.data?.items ?? []).map((town) => ({ value: town.code, label: town.name })));

  const filtered = Boolean(filter.roundId || filter.status || filter.townCode || filter.q);

  return (
    <PageContainer
      title={isTeam ? '我组的巡察对象' : '村级巡察'}
      subTitle={isTeam ? '本组承担的村（社区）巡察，点击进入工作台' : '各轮次村（社区）巡察的进度，点击进入工作台'}
      testId="inspections-page"
    >
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="村（社区）名称"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="inspection-search"
          />
          <Select
            allowClear
            placeholder="轮次"
            value={filter.roundId}
            onChange={(v?: string) => update({ round: v })}
            options={rounds.data ?? []}
            loading={rounds.isPending}
            style={{ width: 200 }}
            data-testid="inspection-round-filter"
          />
          <Select
            allowClear
            placeholder="状态"
            value={filter.status}
            onChange={(v?: string) => update({ status: v })}
            options={INSPECTION_STATUS_LIST.map((s) => ({ value: s, label: INSPECTION_STATUSES[s] }))}
            style={{ width: 120 }}
            data-testid="inspection-status-filter"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="乡镇（街道）"
            value={filter.townCode}
            onChange={(v?: string) => update({ town: v })}
            options={townOptions}
            loading={counties.isPending}
            style={{ width: 180 }}
            data-testid="inspection-town-filter"
          />
          {filtered && (
            <Button type="link" onClick={clear}>
              清除筛选
            </Button>
          )}
          <Typography.Text type="secondary" style={{ marginLeft: 'auto', alignSelf: 'center' }} data-testid="inspections-total">
            {list.data ? `共 ${list.data.total} 个村（社区）` : ''}
          </Typography.Text>
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <div data-testid="inspections-table">
            <Table<InspectionRow>
              className="xc-clickable-rows"
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items}
              loading={list.isFetching}
              onRow={(r) => ({ onClick: () => void navigate(`/inspections/${r.id}`) })}
              locale={{
                emptyText: filtered ? '没有符合条件的村级巡察' : isTeam ? '本组暂无巡察对象' : '暂无村级巡察：在巡察规划中安排轮次和巡察对象后显示在这里',
              }}
              pagination={{
                current: filter.page,
                pageSize: filter.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (t) => `共 ${t} 个`,
                onChange: (page, size) => update({ page: String(page), size: size === 20 ? undefined : String(size) }),
              }}
              scroll={{ x: 900 }}
            />
          </div>
        )}
      </Card>
    </PageContainer>
  );
}
