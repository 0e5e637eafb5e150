import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './2026-11-22-0001-foundation';
import * as planningInspections from './2026-11-22-0002-planning-inspections';
import * as findingsLeads from './2026-11-22-0003-findings-leads';
import * as reportsFeedback from './2026-11-22-0004-reports-feedback';
import * as rectificationItems from './2026-12-03-0005-rectification-items';
import * as rectificationPlans from './2026-12-03-0006-rectification-plans';
import * as rectificationAlerts from './2026-12-03-0007-rectification-alerts';
import * as rectificationRatings from './2026-12-03-0008-rectification-ratings';
// — rectification look-back migration import —
import * as rectificationLookBack from './2026-12-03-0009-rectification-look-back';
// — rectification evaluation migration import —
import * as rectificationEvaluation from './2026-12-03-0010-rectification-evaluation';
// — rectification disclosure migration import —
import * as rectificationDisclosure from './2026-12-03-0011-rectification-disclosure';
// — public reports migration import —
import * as publicReports from './2026-12-03-0012-public-reports';
// — questionnaires migration import —
import * as questionnaires from './2026-12-03-0013-questionnaires';
// — public notices migration import —
import * as publicNotices from './2026-12-03-0014-public-notices';
// — public report links migration import —
import * as publicReportLinks from './2026-12-03-0015-public-report-links';
// — jobs migration import —
import * as jobs from './2026-12-03-0016-jobs';
// — analytics datasets migration import —
import * as analyticsDatasets from './2026-12-03-0017-analytics-datasets';
// — analytics runs migration import —
import * as analyticsRuns from './2026-12-03-0018-analytics-runs';
// — analytics custom models migration import —
import * as analyticsCustomModels from './2026-12-03-0019-analytics-custom-models';

/** Migrations in order. Names are timestamped; a shipped migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-foundation': foundation,
  '2026-11-22-0002-planning-inspections': planningInspections,
  '2026-11-22-0003-findings-leads': findingsLeads,
  '2026-11-22-0004-reports-feedback': reportsFeedback,
  // — rectification items migration (0005) —
  '2026-12-03-0005-rectification-items': rectificationItems,
  // — rectification plans migration (0006) —
  '2026-12-03-0006-rectification-plans': rectificationPlans,
  // — rectification alerts migration (0007) —
  '2026-12-03-0007-rectification-alerts': rectificationAlerts,
  // — rectification ratings migration (0008) —
  '2026-12-03-0008-rectification-ratings': rectificationRatings,
  // — rectification look-back migration (0009) —
  '2026-12-03-0009-rectification-look-back': rectificationLookBack,
  // — rectification evaluation migration (0010) —
  '2026-12-03-0010-rectification-evaluation': rectificationEvaluation,
  // — rectification disclosure migration (0011) —
  '2026-12-03-0011-rectification-disclosure': rectificationDisclosure,
  // — public reports migration (0012) —
  '2026-12-03-0012-public-reports': publicReports,
  // — questionnaires migration (0013) —
  '2026-12-03-0013-questionnaires': questionnaires,
  // — public notices migration (0014) —
  '2026-12-03-0014-public-notices': publicNotices,
  // — public report links migration (0015) —
  '2026-12-03-0015-public-report-links': publicReportLinks,
  // — jobs migration (0016) —
  '2026-12-03-0016-jobs': jobs,
  // — analytics datasets migration (0017) —
  '2026-12-03-0017-analytics-datasets': analyticsDatasets,
  // — analytics runs migration (0018) —
  '2026-12-03-0018-analytics-runs': analyticsRuns,
  // — analytics custom models migration (0019) —
  '2026-12-03-0019-analytics-custom-models': analyticsCustomModels,
};

export const latestMigration = Object.keys(migrations).sort().at(-1)!;

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
