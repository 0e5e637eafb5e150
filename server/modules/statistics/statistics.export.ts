/**
 * Every table of 巡察统计 as an .xlsx (the documents module's ledger writer: Chinese headers, frozen
 * header row, widths fitting CJK text), with the same rows the page shows — the village table in full.
 */
import {
  REPORT_FIGURES,
  STAT_FIGURES,
  STAT_TABLES,
  type AspectRow,
  type CategoryRow,
  type Figures,
  type MeasureRow,
  type ReportFigures,
  type ReportRoundRow,
  type ReportTownRow,
  type ReportVillageRow,
  type RoundRow,
  type StatisticsQuery,
  type StatTable,
  type TownRow,
  type VillageRow,
} from '../../../domain/statistics/statistics';
import type { Actor, AppContext } from '../../http/context';
import { ledgerXlsx, type LedgerColumn } from '../documents';
import { computeStatistics, resolveScope } from './statistics.service';

export interface GeneratedFile {
  buffer: Buffer;
  fileName: string;
}

const header = (figure: keyof typeof STAT_FIGURES) => `${STAT_FIGURES[figure].label}（${STAT_FIGURES[figure].unit}）`;

function areaColumns<T extends Figures>(): LedgerColumn<T>[] {
  return [
    { header: header('villages'), value: (r) => r.villages, kind: 'integer' },
    { header: header('findings'), value: (r) => r.findings, kind: 'integer' },
    { header: header('amount'), value: (r) => r.amount, kind: 'money' },
    { header: header('immediate'), value: (r) => r.immediate, kind: 'integer' },
    { header: header('leads'), value: (r) => r.leads, kind: 'integer' },
    { header: header('cases'), value: (r) => r.cases, kind: 'integer' },
    { header: header('case_persons'), value: (r) => r.case_persons, kind: 'integer' },
    { header: header('handled'), value: (r) => r.handled, kind: 'integer' },
    { header: header('disciplined'), value: (r) => r.disciplined, kind: 'integer' },
    { header: header('organisational'), value: (r) => r.organisational, kind: 'integer' },
  ];
}

const CATEGORY: LedgerColumn<CategoryRow>[] = [
  { header: '问题类别', value: (r) => r.name },
  { header: header('findings'), value: (r) => r.findings, kind: 'integer' },
  { header: '占比（%）', value: (r) => r.share },
  { header: header('amount'), value: (r) => r.amount, kind: 'money' },
  { header: header('immediate'), value: (r) => r.immediate, kind: 'integer' },
];
const ASPECT: LedgerColumn<AspectRow>[] = [
  { header: '监督清单方面', value: (r) => r.aspect, maxWidth: 40 },
  { header: header('findings'), value: (r) => r.findings, kind: 'integer' },
  { header: '占比（%）', value: (r) => r.share },
  { header: header('amount'), value: (r) => r.amount, kind: 'money' },
  { header: header('immediate'), value: (r) => r.immediate, kind: 'integer' },
];
const TOWN: LedgerColumn<TownRow>[] = [{ header: '排名', value: (r) => r.rank, kind: 'integer' }, { header: '乡镇（街道）', value: (r) => r.name }, ...areaColumns<TownRow>()];
const VILLAGE: LedgerColumn<VillageRow>[] = [{ header: '乡镇（街道）', value: (r) => r.townName }, { header: '村（社区）', value: (r) => r.name }, ...areaColumns<VillageRow>()];
const ROUND: LedgerColumn<RoundRow>[] = [{ header: '巡察轮次', value: (r) => r.label }, ...areaColumns<RoundRow>()];
const MEASURE: LedgerColumn<MeasureRow>[] = [
  { header: '处理类别', value: (r) => r.kindName },
  { header: '处理方式', value: (r) => r.measureName },
  { header: '人次', value: (r) => r.count, kind: 'integer' },
];

const reportColumns = <T extends ReportFigures>(): LedgerColumn<T>[] => REPORT_FIGURES.map((f) => ({ header: header(f), value: (r: T) => r[f], kind: 'integer' as const }));
const REPORT_ROUND: LedgerColumn<ReportRoundRow>[] = [{ header: '巡察轮次', value: (r) => r.label }, ...reportColumns<ReportRoundRow>()];
const REPORT_TOWN: LedgerColumn<ReportTownRow>[] = [{ header: '乡镇（街道）', value: (r) => r.name }, ...reportColumns<ReportTownRow>()];
const REPORT_VILLAGE: LedgerColumn<ReportVillageRow>[] = [{ header: '乡镇（街道）', value: (r) => r.townName }, { header: '村（社区）', value: (r) => r.name }, ...reportColumns<ReportVillageRow>()];

/** The columns' headers of each table (the tests read the files back against them). */
export const TABLE_HEADERS: Record<StatTable, string[]> = {
  category: CATEGORY.map((c) => c.header),
  aspect: ASPECT.map((c) => c.header),
  town: TOWN.map((c) => c.header),
  village: VILLAGE.map((c) => c.header),
  round: ROUND.map((c) => c.header),
  measure: MEASURE.map((c) => c.header),
  report_round: REPORT_ROUND.map((c) => c.header),
  report_town: REPORT_TOWN.map((c) => c.header),
  report_village: REPORT_VILLAGE.map((c) => c.header),
};

export async function exportTable(ctx: AppContext, actor: Actor, table: StatTable, q: StatisticsQuery): Promise<GeneratedFile> {
  const scope = await resolveScope(ctx.db, actor, q);
  const s = await computeStatistics(ctx.db, actor, scope);
  const sheet = STAT_TABLES[table];
  let buffer: Buffer;
  switch (table) {
    case 'category':
      buffer = await ledgerXlsx(CATEGORY, s.byCategory, sheet);
      break;
    case 'aspect':
      buffer = await ledgerXlsx(ASPECT, s.byAspect, sheet);
      break;
    case 'town':
      buffer = await ledgerXlsx(TOWN, s.byTown, sheet);
      break;
    case 'village':
      buffer = await ledgerXlsx(VILLAGE, s.villages, sheet);
      break;
    case 'round':
      buffer = await ledgerXlsx(ROUND, s.byRound, sheet);
      break;
    case 'measure':
      buffer = await ledgerXlsx(MEASURE, s.byMeasure, sheet);
      break;
    case 'report_round':
      buffer = await ledgerXlsx(REPORT_ROUND, s.publicReports.byRound, sheet);
      break;
    case 'report_town':
      buffer = await ledgerXlsx(REPORT_TOWN, s.publicReports.byTown, sheet);
      break;
    case 'report_village':
      buffer = await ledgerXlsx(REPORT_VILLAGE, s.publicReports.byVillage, sheet);
      break;
  }
  return { buffer, fileName: `巡察统计-${sheet}-${scope.label}.xlsx` };
}
