import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../../components/use-url-filters';
import { FINDING_CATEGORIES, FINDING_CATEGORY_LIST } from '../../../../../domain/findings/finding';
import { FINDING_STATUS_LIST, FINDING_STATUSES } from '../../../../../domain/findings/review';
import { keys, registryApi } from '../../../api/endpoints';
import { findingDocuments, findingKeys, findingsApi, type FindingFilter, type FindingRow } from '../../../api/findings';
import { roundOptionsQuery } from '../../../api/inspections';
import { PageContainer } from '../../../components/page-container';
import { QueryError } from '../../../components/query-state';
import { useAccess } from '../../../session/session';
import { FindingDrawer } from '../finding-drawer';
import { FindingStatusTag, ImmediateTag, yuan } from '../finding-status-tag';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

const columns: TableColumnsType<FindingRow> = [
  { title: '编号', dataIndex: 'numberLabel', width: 86 },
  {
    title: '问题名称',
    dataIndex: 'title',
    render: (t: string, r) => (
      <Space size={4} wrap>
        <Link to={`/findings/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="finding-link">
          {t}
        </Link>
        {r.immediate && <ImmediateTag fixedOn={r.immediateFixedOn} />}
      </Space>
    ),
  },
  { title: '村（社区）', key: 'village', width: 150, render: (_v, r) => r.villageName ?? `${r.townName}（乡镇层面）` },
  { title: '乡镇（街道）', dataIndex: 'townName', width: 130 },
  { title: '类别', dataIndex: 'categoryName', width: 130 },
  { title: '涉及金额', dataIndex: 'amount', width: 120, align: 'right', render: (a: string | null) => yuan(a) ?? dash },
  { title: '发现日期', dataIndex: 'foundOn', width: 110 },
  { title: '撰写人', dataIndex: 'authorName', width: 100, render: (n: string | null) => n ?? dash },
  { title: '状态', dataIndex: 'status', width: 120, render: (_s, r) => <FindingStatusTag status={r.status} name={r.statusName} /> },
  { title: '轮次', dataIndex: 'roundLabel', width: 120 },
];

type Param = 'round' | 'status' | 'town' | 'category' | 'immediate' | 'q' | 'page' | 'size';

/** 问题底稿: every working paper the user may see, by round, status, town, category and 立行立改. */
export function FindingsPage() {
  const access = useAccess();
  const navigate = useNavigate();
  const { params, update, clear, text, setText } = useUrlFilters<Param>();
  const [creating, setCreating] = useState(false);

  const immediateParam = params.get('immediate');
  const filter: FindingFilter = {
    roundId: params.get('round') ?? undefined,
    status: params.get('status') ?? undefined,
    townCode: params.get('town') ?? undefined,
    category: params.get('category') ?? undefined,
    immediate: immediateParam === 'true' || immediateParam === 'false' ? immediateParam : undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('size') ?? 20) || 20,
  };

  const list = useQuery({ queryKey: findingKeys.list(filter), queryFn: () => findingsApi.list(filter), placeholderData: keepPreviousData });
  const rounds = useQuery(roundOptionsQuery);
  const counties = useQuery({ queryKey: keys.counties, queryFn: registryApi.counties });
  const towns = useQueries({
    queries: (counties.data?.items ?? []).map((c) => ({ queryKey: keys.towns(c.code), queryFn: () => registryApi.towns(c.code) })),
  });
  const townOptions = towns.flatMap((t) => (t.data?.items ?? []).map((town) => ({ value: town.code, label: town.name })));

  const counts = list.data?.counts ?? {};
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const filtered = Boolean(filter.roundId || filter.status || filter.townCode || filter.category || filter.immediate || filter.q);

  return (
    <PageContainer
      title="问题底稿"
      subTitle="一事一底稿：撰写人提交，副组长审核，组长审定；只有已审定的问题进入巡察报告"
      testId="findings-page"
      extra={
        <Space>
          {filter.roundId && (
            <Button icon={<DownloadOutlined />} href={findingDocuments.ledger(filter.roundId)} data-testid="findings-ledger">
              导出问题台账
            </Button>
          )}
          {access.can('findings.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="finding-new">
              新建问题底稿
            </Button>
          )}
        </Space>
      }
    >
      <Card size="small">
        <Segmented
          style={{ marginBottom: 12 }}
          value={filter.status ?? ''}
          onChange={(v) => update({ status: String(v) || undefined })}
          options={[{ value: '', label: `全部（${all}）` }, ...FINDING_STATUS_LIST.map((s) => ({ value: s, label: `${FINDING_STATUSES[s]}（${counts[s] ?? 0}）` }))]}
          data-testid="findings-status-counts"
        />
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="问题名称、描述、村名或责任人"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 260 }}
            data-testid="findings-search"
          />
          <Select
            allowClear
            placeholder="轮次"
            value={filter.roundId}
            onChange={(v?: string) => update({ round: v })}
            options={rounds.data ?? []}
            loading={rounds.isPending}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="乡镇（街道）"
            value={filter.townCode}
            onChange={(v?: string) => update({ town: v })}
            options={townOptions}
            style={{ width: 170 }}
          />
          <Select
            allowClear
            placeholder="问题类别"
            value={filter.category}
            onChange={(v?: string) => update({ category: v })}
            options={FINDING_CATEGORY_LIST.map((c) => ({ value: c, label: FINDING_CATEGORIES[c] }))}
            style={{ width: 170 }}
          />
          <Select
            allowClear
            placeholder="立行立改"
            value={filter.immediate}
            onChange={(v?: string) => update({ immediate: v })}
            options={[
              { value: 'true', label: '立行立改事项' },
              { value: 'false', label: '非立行立改' },
            ]}
            style={{ width: 140 }}
          />
          {filtered && (
            <Button type="link" onClick={clear}>
              清除筛选
            </Button>
          )}
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<FindingRow>
            className="xc-clickable-rows"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            onRow={(r) => ({ onClick: () => void navigate(`/findings/${r.id}`) })}
            locale={{ emptyText: filtered ? '没有符合条件的问题底稿' : '暂无问题底稿' }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `共 ${t} 个问题`,
              onChange: (page, size) => update({ page: String(page), size: size === 20 ? undefined : String(size) }),
            }}
            scroll={{ x: 1200 }}
            data-testid="findings-table"
          />
        )}
      </Card>
      <FindingDrawer open={creating} finding={null} onClose={() => setCreating(false)} onSaved={(f) => void navigate(`/findings/${f.id}`)} />
    </PageContainer>
  );
}
