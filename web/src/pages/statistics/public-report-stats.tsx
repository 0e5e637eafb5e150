import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { REPORT_FIGURES, STAT_FIGURES, type ReportFigures, type ReportRoundRow, type ReportTownRow, type ReportVillageRow, type StatTable } from '../../../../domain/statistics/statistics';
import type { DrillCell, Overview, StatScope } from '../../api/statistics';
import { DrillNumber, FigureTitle, TableCard, type OpenDrill } from './stat-tables';

/** The five 群众反映 columns; `cell` narrows the drill-down to the row. */
function reportColumns<T extends ReportFigures>(open: OpenDrill, cell: (r: T) => Omit<DrillCell, 'figure' | 'title'>, title: (r: T) => string): TableColumnsType<T> {
  return REPORT_FIGURES.map((figure) => ({
    title: <FigureTitle figure={figure} />,
    key: figure,
    align: 'right' as const,
    width: 130,
    render: (_v: unknown, r: T) => <DrillNumber value={r[figure]} open={open} cell={{ ...cell(r), figure, title: `${title(r)} · ${STAT_FIGURES[figure].label}` }} />,
  }));
}

function ReportTable<T extends ReportFigures>(p: { table: StatTable; scope: StatScope; rows: T[]; rowKey: keyof T & string; lead: TableColumnsType<T>; columns: TableColumnsType<T>; note?: string }) {
  return (
    <TableCard table={p.table} scope={p.scope} note={p.note}>
      <Table<T>
        rowKey={p.rowKey}
        size="small"
        columns={[...p.lead, ...p.columns]}
        dataSource={p.rows}
        scroll={{ x: 900 }}
        locale={{ emptyText: '所选范围内暂无群众反映' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </TableCard>
  );
}

/**
 * 群众反映 (码上巡): reports received in the scope, accepted as petitions, linked to findings or leads,
 * forwarded and closed — each number opens the reports behind it (never their text or who reported).
 */
export function PublicReportStats({ data, scope, open }: { data: Overview; scope: StatScope; open: OpenDrill }) {
  const s = data.publicReports;
  return (
    <>
      <Card size="small" title="群众反映（码上巡）" style={{ marginBottom: 16 }} data-testid="public-report-figures">
        <Row gutter={[12, 12]}>
          {REPORT_FIGURES.map((figure) => {
            const def = STAT_FIGURES[figure];
            const value = s.figures[figure];
            return (
              <Col key={figure} xs={12} md={8} xl={4}>
                <div
                  role={value > 0 ? 'button' : undefined}
                  onClick={value > 0 ? () => open({ figure, title: `${data.scope.label} · ${def.label}` }) : undefined}
                  style={{ cursor: value > 0 ? 'pointer' : 'default' }}
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
                    value={value}
                    suffix={def.unit}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {def.note}
                  </Typography.Text>
                </div>
              </Col>
            );
          })}
        </Row>
      </Card>
      <ReportTable<ReportRoundRow>
        table="report_round"
        scope={scope}
        rows={s.byRound}
        rowKey="roundId"
        lead={[{ title: '巡察轮次', dataIndex: 'label', width: 130 }]}
        columns={reportColumns<ReportRoundRow>(open, (r) => ({ roundId: r.roundId }), (r) => r.label)}
      />
      <ReportTable<ReportTownRow>
        table="report_town"
        scope={scope}
        rows={s.byTown}
        rowKey="code"
        note="按群众反映件数排列；反映给乡镇本级的计入乡镇，不计入村。"
        lead={[{ title: '乡镇（街道）', dataIndex: 'name', width: 140 }]}
        columns={reportColumns<ReportTownRow>(open, (r) => ({ townCode: r.code }), (r) => r.name)}
      />
      <ReportTable<ReportVillageRow>
        table="report_village"
        scope={scope}
        rows={s.byVillage}
        rowKey="code"
        lead={[
          { title: '村（社区）', dataIndex: 'name', width: 140 },
          { title: '乡镇（街道）', dataIndex: 'townName', width: 140 },
        ]}
        columns={reportColumns<ReportVillageRow>(open, (r) => ({ villageCode: r.code }), (r) => `${r.townName}${r.name}`)}
      />
    </>
  );
}
