/**
 * Typed calls of 巡察统计 and the query keys the page shares. Shapes follow
 * server/modules/statistics/statistics.routes.ts; figures and tables are defined in domain/statistics.
 */
import type {
  AspectRow,
  CategoryRow,
  Figures,
  MeasureRow,
  ReportStatistics,
  RoundRow,
  StatFigure,
  StatTable,
  TownRow,
  VillageRow,
} from '../../../domain/statistics/statistics';
import { api, withQuery } from './client';
import type { ListOf } from './types';

/** The chosen scope: all optional (unset = all). */
export interface StatScope {
  termPlanId?: string;
  roundId?: string;
  townCode?: string;
  villageCode?: string;
}

/** A cell's extra dimensions for the drill-down. */
export interface DrillCell {
  figure: StatFigure;
  category?: string;
  aspect?: string;
  kind?: string;
  measure?: string;
  townCode?: string;
  villageCode?: string;
  roundId?: string;
  /** what the drawer's title says about the cell, e.g. 甲镇 · 发现问题 */
  title: string;
}

export interface PickerOptions {
  termPlans: { id: string; name: string }[];
  rounds: { id: string; label: string; termPlanId: string | null }[];
  towns: { code: string; name: string }[];
  villages: { code: string; name: string }[];
}

export interface ScopeOut {
  label: string;
  termPlan: { id: string; name: string } | null;
  round: { id: string; label: string } | null;
  town: { code: string; name: string } | null;
  village: { code: string; name: string } | null;
}

export interface Overview {
  scope: ScopeOut;
  figures: Figures;
  byCategory: CategoryRow[];
  byAspect: AspectRow[];
  byTown: TownRow[];
  byRound: RoundRow[];
  byMeasure: MeasureRow[];
  /** 群众反映 (码上巡): the five figures and their tables per round, town and village */
  publicReports: ReportStatistics;
  villageRows: number;
}

interface Place {
  roundId: string;
  roundLabel: string;
  townCode: string;
  townName: string;
  villageCode: string | null;
  villageName: string | null;
}
export interface FindingRecord extends Place {
  id: string;
  link: string;
  numberLabel: string;
  title: string;
  categoryName: string;
  aspect: string;
  amount: string | null;
  immediate: boolean;
  foundOn: string;
}
export interface LeadRecord extends Place {
  id: string;
  link: string;
  numberLabel: string;
  summary: string;
  persons: string;
  authorityName: string;
  receiver: string;
  statusName: string;
  transferredOn: string | null;
  dispositionName: string | null;
  caseOpenedOn: string | null;
}
export interface PersonRecord extends Place {
  id: string;
  link: string;
  numberLabel: string;
  personName: string;
  detail: string;
  date: string | null;
}
export interface VillageRecord {
  id: string;
  link: string | null;
  villageName: string;
  townName: string;
  rounds: string;
  completed: boolean;
}

/** A report of the public behind a 群众反映 figure: never its text or who reported. */
export interface ReportRecord extends Place {
  id: string;
  link: string | null;
  numberLabel: string;
  categoryName: string;
  receivedOn: string;
  statusName: string;
  links: number;
}

interface DrillHead {
  figure: StatFigure;
  label: string;
  unit: string;
  note: string;
  total: number;
}
export type DrillResult = DrillHead &
  (
    | { record: 'findings'; items: FindingRecord[]; amount: string }
    | { record: 'leads'; items: LeadRecord[] }
    | { record: 'case_persons' | 'persons' | 'outcomes'; items: PersonRecord[] }
    | { record: 'villages'; items: VillageRecord[] }
    | { record: 'reports'; items: ReportRecord[] }
  );

const scopeQuery = (s: StatScope) => ({ termPlanId: s.termPlanId, roundId: s.roundId, townCode: s.townCode, villageCode: s.villageCode });

export const statisticsKeys = {
  all: ['statistics'] as const,
  options: (termPlanId?: string, townCode?: string) => ['statistics', 'options', termPlanId ?? '', townCode ?? ''] as const,
  overview: (s: StatScope) => ['statistics', 'overview', s] as const,
  villages: (s: StatScope, page: number, pageSize: number) => ['statistics', 'villages', s, page, pageSize] as const,
  records: (s: StatScope, cell: DrillCell, page: number, pageSize: number) => ['statistics', 'records', s, cell, page, pageSize] as const,
};

export const statisticsApi = {
  options: (termPlanId?: string, townCode?: string) => api.get<PickerOptions>('/api/statistics/options', { termPlanId, townCode }),
  overview: (s: StatScope) => api.get<Overview>('/api/statistics/overview', scopeQuery(s)),
  villages: (s: StatScope, page: number, pageSize: number) => api.get<ListOf<VillageRow>>('/api/statistics/villages', { ...scopeQuery(s), page, pageSize }),
  /** The cell's own town / village / round narrow the scope (a town row inside "all towns"). */
  records: (s: StatScope, cell: DrillCell, page: number, pageSize: number) =>
    api.get<DrillResult>('/api/statistics/records', {
      ...scopeQuery(s),
      townCode: cell.townCode ?? s.townCode,
      villageCode: cell.villageCode ?? s.villageCode,
      roundId: cell.roundId ?? s.roundId,
      figure: cell.figure,
      category: cell.category,
      aspect: cell.aspect,
      kind: cell.kind,
      measure: cell.measure,
      page,
      pageSize,
    }),
  exportUrl: (table: StatTable, s: StatScope) => withQuery('/api/statistics/export.xlsx', { table, ...scopeQuery(s) }),
};
