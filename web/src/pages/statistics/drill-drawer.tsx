import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { STAT_FIGURES } from '../../../../domain/statistics/statistics';
import { statisticsApi, statisticsKeys, type DrillCell, type DrillResult, type FindingRecord, type LeadRecord, type PersonRecord, type ReportRecord, type StatScope, type VillageRecord } from '../../api/statistics';
import { QueryError } from '../../components/query-state';
import { yuanText } from './format';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const place = (r: { villageName: string | null; townName: string }) => r.villageName ?? `${r.townName}（乡镇层面）`;

const FINDING_COLUMNS: TableColumnsType<FindingRecord> = [
  { title: '轮次', dataIndex: 'roundLabel', width: 110 },
  { title: '编号', dataIndex: 'numberLabel', width: 80 },
  {
    title: '问题名称',
    dataIndex: 'title',
    render: (t: string, r) => (
      <>
        <Link to={r.link} data-testid="drill-link">
          {t}
        </Link>
        {r.immediate && (
          <Tag color="orange" style={{ marginLeft: 6 }}>
            立行立改
          </Tag>
        )}
      </>
    ),
  },
  { title: '村（社区）', key: 'place', width: 140, render: (_v, r) => place(r) },
  { title: '乡镇（街道）', dataIndex: 'townName', width: 120 },
  { title: '类别', dataIndex: 'categoryName', width: 130 },
  { title: '清单方面', dataIndex: 'aspect', width: 130 },
  { title: '涉及金额', dataIndex: 'amount', width: 130, align: 'right', render: (a: string | null) => (a === null ? dash : yuanText(a)) },
];

const LEAD_COLUMNS: TableColumnsType<LeadRecord> = [
  { title: '编号', dataIndex: 'numberLabel', width: 110 },
  {
    title: '线索摘要',
    dataIndex: 'summary',
    render: (t: string, r) => (
      <Link to={r.link} data-testid="drill-link">
        {t.length > 40 ? `${t.slice(0, 40)}…` : t}
      </Link>
    ),
  },
  { title: '被反映人', dataIndex: 'persons', width: 140 },
  { title: '村（社区）', key: 'place', width: 130, render: (_v, r) => place(r) },
  { title: '接收单位', key: 'receiver', width: 130, render: (_v, r) => r.receiver || r.authorityName },
  { title: '状态', dataIndex: 'statusName', width: 90 },
  { title: '处置方式', dataIndex: 'dispositionName', width: 100, render: (d: string | null) => d ?? dash },
  { title: '立案日期', dataIndex: 'caseOpenedOn', width: 110, render: (d: string | null) => d ?? dash },
];

const personColumns = (detail: string, date: string): TableColumnsType<PersonRecord> => [
  { title: '姓名', dataIndex: 'personName', width: 110 },
  {
    title: '线索编号',
    dataIndex: 'numberLabel',
    width: 120,
    render: (n: string, r) => (
      <Link to={r.link} data-testid="drill-link">
        {n}
      </Link>
    ),
  },
  { title: detail, dataIndex: 'detail', render: (d: string) => d || dash },
  { title: date, dataIndex: 'date', width: 110, render: (d: string | null) => d ?? dash },
  { title: '村（社区）', key: 'place', width: 130, render: (_v, r) => place(r) },
  { title: '乡镇（街道）', dataIndex: 'townName', width: 120 },
  { title: '轮次', dataIndex: 'roundLabel', width: 110 },
];

const VILLAGE_COLUMNS: TableColumnsType<VillageRecord> = [
  {
    title: '村（社区）',
    dataIndex: 'villageName',
    render: (n: string, r) =>
      r.link ? (
        <Link to={r.link} data-testid="drill-link">
          {n}
        </Link>
      ) : (
        n
      ),
  },
  { title: '乡镇（街道）', dataIndex: 'townName', width: 140 },
  { title: '巡察轮次', dataIndex: 'rounds' },
  { title: '状态', dataIndex: 'completed', width: 100, render: (c: boolean) => (c ? <Tag color="green">已完成</Tag> : <Tag color="blue">进行中</Tag>) },
];

const REPORT_COLUMNS: TableColumnsType<ReportRecord> = [
  { title: '轮次', dataIndex: 'roundLabel', width: 110 },
  {
    title: '来件',
    dataIndex: 'numberLabel',
    width: 160,
    render: (n: string, r) =>
      r.link ? (
        <Link to={r.link} data-testid="drill-link">
          {n}
        </Link>
      ) : (
        n
      ),
  },
  { title: '问题类别', dataIndex: 'categoryName' },
  { title: '收到日期', dataIndex: 'receivedOn', width: 110 },
  { title: '状态', dataIndex: 'statusName', width: 90 },
  { title: '关联底稿或线索', dataIndex: 'links', width: 120, align: 'right', render: (n: number) => (n > 0 ? `${n} 项` : dash) },
  { title: '村（社区）', key: 'place', width: 130, render: (_v, r) => place(r) },
  { title: '乡镇（街道）', dataIndex: 'townName', width: 120 },
];

function RecordsTable({ data, loading, page, pageSize, onPage }: { data: DrillResult; loading: boolean; page: number; pageSize: number; onPage: (page: number, size: number) => void }) {
  const pagination = {
    current: page,
    pageSize,
    total: data.total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (t: number) => `共 ${t} 条`,
    onChange: onPage,
  };
  const common = { size: 'small' as const, loading, pagination, scroll: { x: 900 }, 'data-testid': 'drill-table' };
  switch (data.record) {
    case 'findings':
      return <Table<FindingRecord> rowKey="id" columns={FINDING_COLUMNS} dataSource={data.items} {...common} />;
    case 'leads':
      return <Table<LeadRecord> rowKey="id" columns={LEAD_COLUMNS} dataSource={data.items} {...common} />;
    case 'case_persons':
      return <Table<PersonRecord> rowKey="id" columns={personColumns('职务', '立案日期')} dataSource={data.items} {...common} />;
    case 'persons':
      return <Table<PersonRecord> rowKey="id" columns={personColumns('处理结果', '最近决定日期')} dataSource={data.items} {...common} />;
    case 'outcomes':
      return <Table<PersonRecord> rowKey="id" columns={personColumns('处理方式', '决定日期')} dataSource={data.items} {...common} />;
    case 'villages':
      return <Table<VillageRecord> rowKey="id" columns={VILLAGE_COLUMNS} dataSource={data.items} {...common} />;
    case 'reports':
      return <Table<ReportRecord> rowKey="id" columns={REPORT_COLUMNS} dataSource={data.items} {...common} />;
  }
}

/** The records behind one number, from the same rules as the number: paginated, each with a link to its page. */
export function DrillDrawer({ scope, cell, onClose }: { scope: StatScope; cell: DrillCell | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  useEffect(() => setPage(1), [cell]);
  const q = useQuery({
    queryKey: cell ? statisticsKeys.records(scope, cell, page, pageSize) : ['statistics', 'records', 'none'],
    queryFn: () => statisticsApi.records(scope, cell!, page, pageSize),
    enabled: cell !== null,
    placeholderData: keepPreviousData,
  });
  const def = cell ? STAT_FIGURES[cell.figure] : null;
  return (
    <Drawer open={cell !== null} onClose={onClose} size={1000} title={cell?.title ?? ''} destroyOnHidden data-testid="drill-drawer">
      {def && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`统计口径：${def.note}`} />}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <>
          {q.data.record === 'findings' && cell?.figure === 'amount' && (
            <Typography.Paragraph>
              合计涉及金额 <Typography.Text strong>{yuanText(q.data.amount)}</Typography.Text>（{q.data.total} 个问题填写了金额）
            </Typography.Paragraph>
          )}
          <RecordsTable
            data={q.data}
            loading={q.isFetching}
            page={page}
            pageSize={pageSize}
            onPage={(p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            }}
          />
        </>
      ) : (
        <Table loading size="small" columns={[]} dataSource={[]} />
      )}
    </Drawer>
  );
}
