import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { metricsApi, metricsKeys, type ItemRecord, type Measure, type PlaceQuery, type RatingRecord, type TransferRecord } from '../../api/rectification-metrics';
import { QueryError } from '../../components/query-state';

/** Which records to list: a measure, a class of its records, and the place (round, town, village) and date. */
export interface Drill {
  title: string;
  measure: Measure;
  class: string;
  place: PlaceQuery;
}

/** The definition users read above the list, so the list and the number are read the same way. */
export const DEFINITIONS: Record<Measure, string> = {
  items: '整改到位率 = 按期完成的整改事项 ÷ 应完成的整改事项。应完成：立行立改、限期整改事项中完成时限已到，或已提前销号的（长期坚持事项不计）；按期完成：在完成时限当天或之前销号。',
  transfers: '移交事项办结率 = 截至统计日已办结的移交事项 ÷ 截至统计日已移交的移交事项（未填移交日期的不计）。',
  ratings: '群众满意率 =（满意 + 基本满意）÷ 评议人次，按统计日当天及之前提交的评议计。',
};

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const OUTCOME_COLORS: Record<string, string> = { 按期完成: 'green', 逾期完成: 'orange', 逾期未完成: 'red' };
const ANSWER_COLORS: Record<string, string> = { satisfied: 'green', basically_satisfied: 'blue', unsatisfied: 'red' };

const ITEM_COLUMNS: TableColumnsType<ItemRecord> = [
  {
    title: '编号',
    dataIndex: 'code',
    width: 140,
    render: (c: string, r) => (
      <Link to={`/rectification/items/${r.id}`} data-testid="metrics-item-link">
        {c}
      </Link>
    ),
  },
  { title: '问题', dataIndex: 'problem', ellipsis: true },
  { title: '镇（街道）/村（社区）', dataIndex: 'place', width: 170 },
  { title: '类型', dataIndex: 'kindName', width: 90 },
  { title: '完成时限', dataIndex: 'deadline', width: 110, render: (d: string | null) => d ?? dash },
  { title: '销号日期', dataIndex: 'closedOn', width: 110, render: (d: string | null) => d ?? dash },
  { title: '当前状态', dataIndex: 'statusName', width: 100 },
  { title: '统计结果', dataIndex: 'outcome', width: 110, render: (o: string) => <Tag color={OUTCOME_COLORS[o]}>{o}</Tag> },
];

const TRANSFER_COLUMNS: TableColumnsType<TransferRecord> = [
  { title: '轮次', dataIndex: 'roundLabel', width: 110 },
  { title: '移交事项', dataIndex: 'title', ellipsis: true },
  { title: '承办单位', dataIndex: 'departmentName', width: 140 },
  { title: '镇（街道）/村（社区）', dataIndex: 'place', width: 170 },
  { title: '移交日期', dataIndex: 'sentOn', width: 110, render: (d: string | null) => d ?? dash },
  { title: '办理期限', dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? dash },
  {
    title: '办结',
    dataIndex: 'completedOn',
    width: 160,
    render: (d: string | null, r) => (d ? <span title={r.result}>{d}</span> : <Tag color="orange">未办结</Tag>),
  },
];

const RATING_COLUMNS: TableColumnsType<RatingRecord> = [
  {
    title: '整改事项',
    dataIndex: 'code',
    width: 140,
    render: (c: string, r) => (
      <Link to={`/rectification/items/${r.itemId}`} data-testid="metrics-item-link">
        {c}
      </Link>
    ),
  },
  { title: '问题', dataIndex: 'problem', ellipsis: true },
  { title: '村（社区）', dataIndex: 'place', width: 160 },
  { title: '代表类别', dataIndex: 'categoryName', width: 110 },
  { title: '评议', dataIndex: 'answerName', width: 100, render: (a: string, r) => <Tag color={ANSWER_COLORS[r.answer]}>{a}</Tag> },
  { title: '意见', dataIndex: 'comment', ellipsis: true, render: (c: string) => c || dash },
  { title: '评议日期', dataIndex: 'ratedOn', width: 110 },
];

/** The records behind a number of 整改成效, paginated; each item links to its page. */
export function DrillDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  useEffect(() => setPage((p) => ({ ...p, page: 1 })), [drill]);
  const query = drill ? { ...drill.place, measure: drill.measure, class: drill.class, ...page } : null;
  const q = useQuery({
    queryKey: query ? metricsKeys.records(query) : ['rectification', 'metrics', 'records', 'none'],
    queryFn: () => metricsApi.records(query!),
    enabled: query !== null,
    // keep the rows while paging, but never show one measure's rows under another's columns
    placeholderData: (prev) => (prev && prev.measure === drill?.measure ? keepPreviousData(prev) : undefined),
  });
  const pagination = { current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, showTotal: (n: number) => `共 ${n} 条`, onChange: (p: number, s: number) => setPage({ page: p, pageSize: s }) };
  const common = { size: 'small' as const, rowKey: 'id', loading: q.isFetching, pagination, scroll: { x: 900 } };
  return (
    <Drawer open={drill !== null} onClose={onClose} size={1100} title={drill?.title ?? ''} destroyOnHidden data-testid="metrics-drill">
      {drill && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`统计口径：${DEFINITIONS[drill.measure]}`} />}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : drill?.measure === 'items' ? (
        <Table<ItemRecord> {...common} columns={ITEM_COLUMNS} dataSource={(q.data?.items ?? []) as ItemRecord[]} />
      ) : drill?.measure === 'transfers' ? (
        <Table<TransferRecord> {...common} columns={TRANSFER_COLUMNS} dataSource={(q.data?.items ?? []) as TransferRecord[]} />
      ) : drill ? (
        <Table<RatingRecord> {...common} columns={RATING_COLUMNS} dataSource={(q.data?.items ?? []) as RatingRecord[]} />
      ) : null}
    </Drawer>
  );
}
