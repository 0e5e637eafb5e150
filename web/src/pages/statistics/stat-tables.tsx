import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import {
  AREA_COLUMNS,
  STAT_FIGURES,
  STAT_TABLES,
  type AspectRow,
  type CategoryRow,
  type Figures,
  type MeasureRow,
  type RoundRow,
  type StatFigure,
  type StatTable,
  type TownRow,
  type VillageRow,
} from '../../../../domain/statistics/statistics';
import { statisticsApi, statisticsKeys, type DrillCell, type Overview, type StatScope } from '../../api/statistics';
import { QueryError } from '../../components/query-state';
import { yuanText } from './format';

export type OpenDrill = (cell: DrillCell) => void;

/** A column header with the figure's definition in a tooltip. */
export function FigureTitle({ figure, text }: { figure: StatFigure; text?: string }) {
  const def = STAT_FIGURES[figure];
  return (
    <Tooltip title={def.note}>
      <span>
        {text ?? def.label}（{def.unit}） <QuestionCircleOutlined style={{ color: '#999' }} />
      </span>
    </Tooltip>
  );
}

/** A number that opens the records behind it; zero is just zero. */
export function DrillNumber({ value, cell, open, money }: { value: number | string; cell: DrillCell; open: OpenDrill; money?: boolean }) {
  const shown = money ? yuanText(value) : String(value);
  if (Number(value) === 0) return <Typography.Text type="secondary">{money ? '0.00 元' : '0'}</Typography.Text>;
  return (
    <Typography.Link onClick={() => open(cell)} data-testid={`drill-${cell.figure}`}>
      {shown}
    </Typography.Link>
  );
}

function ExportButton({ table, scope }: { table: StatTable; scope: StatScope }) {
  return (
    <Button size="small" icon={<DownloadOutlined />} href={statisticsApi.exportUrl(table, scope)} data-testid={`export-${table}`}>
      导出Excel
    </Button>
  );
}

export function TableCard({ table, scope, note, children }: { table: StatTable; scope: StatScope; note?: ReactNode; children: ReactNode }) {
  return (
    <Card size="small" title={STAT_TABLES[table]} extra={<ExportButton table={table} scope={scope} />} style={{ marginBottom: 16 }} data-testid={`table-${table}`}>
      {note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {note}
        </Typography.Paragraph>
      )}
      {children}
    </Card>
  );
}

/** The figure columns of the town, village and round tables; `cell` narrows the drill-down to the row. */
function areaColumns<T extends Figures>(open: OpenDrill, cell: (r: T) => Omit<DrillCell, 'figure' | 'title'>, title: (r: T) => string): TableColumnsType<T> {
  return AREA_COLUMNS.map((figure) => ({
    title: <FigureTitle figure={figure} />,
    key: figure,
    align: 'right' as const,
    width: figure === 'amount' ? 150 : 110,
    sorter: (a: T, b: T) => Number(a[figure]) - Number(b[figure]),
    render: (_v: unknown, r: T) => (
      <DrillNumber value={r[figure]} money={figure === 'amount'} open={open} cell={{ ...cell(r), figure, title: `${title(r)} · ${STAT_FIGURES[figure].label}` }} />
    ),
  }));
}

const findingColumns = <T extends CategoryRow | AspectRow>(open: OpenDrill, cell: (r: T) => Omit<DrillCell, 'figure' | 'title'>, title: (r: T) => string): TableColumnsType<T> => [
  {
    title: <FigureTitle figure="findings" />,
    key: 'findings',
    align: 'right',
    width: 120,
    render: (_v, r) => <DrillNumber value={r.findings} open={open} cell={{ ...cell(r), figure: 'findings', title: `${title(r)} · 发现问题` }} />,
  },
  { title: '占比', dataIndex: 'share', align: 'right', width: 90, render: (s: number) => `${s.toFixed(1)}%` },
  {
    title: <FigureTitle figure="amount" />,
    key: 'amount',
    align: 'right',
    width: 160,
    render: (_v, r) => <DrillNumber value={r.amount} money open={open} cell={{ ...cell(r), figure: 'amount', title: `${title(r)} · 涉及金额` }} />,
  },
  {
    title: <FigureTitle figure="immediate" />,
    key: 'immediate',
    align: 'right',
    width: 120,
    render: (_v, r) => <DrillNumber value={r.immediate} open={open} cell={{ ...cell(r), figure: 'immediate', title: `${title(r)} · 立行立改` }} />,
  },
];

export function CategoryTable({ data, scope, open }: { data: Overview; scope: StatScope; open: OpenDrill }) {
  const columns: TableColumnsType<CategoryRow> = [
    { title: '问题类别（三大问题）', dataIndex: 'name' },
    ...findingColumns<CategoryRow>(open, (r) => ({ category: r.category }), (r) => r.name),
  ];
  return (
    <TableCard table="category" scope={scope}>
      <Table<CategoryRow> rowKey="category" size="small" pagination={false} columns={columns} dataSource={data.byCategory} />
    </TableCard>
  );
}

export function AspectTable({ data, scope, open }: { data: Overview; scope: StatScope; open: OpenDrill }) {
  const columns: TableColumnsType<AspectRow> = [
    { title: '监督清单方面', dataIndex: 'aspect' },
    ...findingColumns<AspectRow>(open, (r) => ({ aspect: r.aspect }), (r) => r.aspect),
  ];
  return (
    <TableCard table="aspect" scope={scope} note="问题对应监督清单事项时取该事项所属方面，否则取底稿填写的具体方面。">
      <Table<AspectRow>
        rowKey="aspect"
        size="small"
        columns={columns}
        dataSource={data.byAspect}
        locale={{ emptyText: '所选范围内没有已审定的问题' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </TableCard>
  );
}

export function TownTable({ data, scope, open }: { data: Overview; scope: StatScope; open: OpenDrill }) {
  const columns: TableColumnsType<TownRow> = [
    { title: '排名', dataIndex: 'rank', width: 70, fixed: 'left' },
    { title: '乡镇（街道）', dataIndex: 'name', width: 140, fixed: 'left' },
    ...areaColumns<TownRow>(open, (r) => ({ townCode: r.code }), (r) => r.name),
  ];
  return (
    <TableCard table="town" scope={scope} note="按已审定问题数排名（相同时按涉及金额）；乡镇层面的问题计入乡镇。">
      <Table<TownRow>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={data.byTown}
        scroll={{ x: 1400 }}
        locale={{ emptyText: '所选范围内暂无数据' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </TableCard>
  );
}

export function VillageTable({ scope, open }: { scope: StatScope; open: OpenDrill }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({ queryKey: statisticsKeys.villages(scope, page, pageSize), queryFn: () => statisticsApi.villages(scope, page, pageSize), placeholderData: keepPreviousData });
  const columns: TableColumnsType<VillageRow> = [
    { title: '村（社区）', dataIndex: 'name', width: 140, fixed: 'left' },
    { title: '乡镇（街道）', dataIndex: 'townName', width: 130 },
    ...areaColumns<VillageRow>(open, (r) => ({ villageCode: r.code, townCode: r.townCode }), (r) => r.name).map((c) => ({ ...c, sorter: undefined })),
  ];
  return (
    <TableCard table="village" scope={scope} note="按已审定问题数排序；只列出有巡察、问题或线索的村（社区），乡镇层面的问题不在此表。">
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<VillageRow>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          scroll={{ x: 1400 }}
          locale={{ emptyText: '所选范围内暂无数据' }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 个村（社区）`,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
          data-testid="village-table"
        />
      )}
    </TableCard>
  );
}

export function RoundTable({ data, scope, open }: { data: Overview; scope: StatScope; open: OpenDrill }) {
  const columns: TableColumnsType<RoundRow> = [
    { title: '巡察轮次', dataIndex: 'label', width: 130, fixed: 'left' },
    ...areaColumns<RoundRow>(open, (r) => ({ roundId: r.roundId }), (r) => r.label).map((c) => ({ ...c, sorter: undefined })),
  ];
  return (
    <TableCard table="round" scope={scope}>
      <Table<RoundRow> rowKey="roundId" size="small" columns={columns} dataSource={data.byRound} scroll={{ x: 1300 }} pagination={false} locale={{ emptyText: '所选范围内暂无数据' }} />
    </TableCard>
  );
}

export function MeasureTable({ data, scope, open }: { data: Overview; scope: StatScope; open: OpenDrill }) {
  const rows = data.byMeasure;
  const columns: TableColumnsType<MeasureRow> = [
    {
      title: '处理类别',
      dataIndex: 'kindName',
      width: 140,
      // one cell per kind spanning its measures
      onCell: (r, i) => {
        const index = i ?? 0;
        if (index > 0 && rows[index - 1]!.kind === r.kind) return { rowSpan: 0 };
        return { rowSpan: rows.filter((x) => x.kind === r.kind).length };
      },
    },
    { title: '处理方式', dataIndex: 'measureName' },
    {
      title: <FigureTitle figure="measure" text="人次" />,
      key: 'count',
      align: 'right',
      width: 120,
      render: (_v, r) => <DrillNumber value={r.count} open={open} cell={{ figure: 'measure', kind: r.kind, measure: r.measure, title: `${r.kindName} · ${r.measureName}` }} />,
    },
  ];
  return (
    <TableCard table="measure" scope={scope} note="接收单位登记的处理结果，按处理方式计人次。">
      <Table<MeasureRow> rowKey={(r) => `${r.kind}/${r.measure}`} size="small" pagination={false} columns={columns} dataSource={rows} bordered />
    </TableCard>
  );
}
