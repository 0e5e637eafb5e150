import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types. Row types stay on the server: services map them through the area's schemas. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>; // written as JSON text: the same on pg and PGlite
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface OrganisationsTable {
  id: Generated<string>;
  kind: string;
  name: string;
  parent_id: string | null;
  level: string;
  scope_code: string;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  org_id: string;
  roles: Json<string[]>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  failed_logins: Generated<number>;
  last_failed_at: Date | null;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  scope_code: string;
  action: string;
  entity: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  prev_hash: string;
  hash: string;
}

export interface DivisionsTable {
  code: string;
  name: string;
  short_name: string;
  level: number;
  parent_code: string | null;
  county_code: string | null;
  kind: string | null;
  initials: Generated<string>;
  source: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ClassificationTagsTable {
  id: Generated<number>;
  name: string;
  category: string;
  description: Generated<string>;
  sort: Generated<number>;
  builtin: Generated<boolean>;
}

export interface VillageProfilesTable {
  village_code: string;
  tags: Json<string[]>;
  party_members: number | null;
  households: number | null;
  population: number | null;
  collective_assets: Numeric;
  annual_income: Numeric;
  annual_expenditure: Numeric;
  petitions_last_year: number | null;
  collective_credit_code: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface CadresTable {
  id: Generated<string>;
  village_code: string;
  name: string;
  gender: string | null;
  id_number: string;
  positions: Json<string[]>;
  term_start: ColumnType<string | null, string | null | undefined, string | null>;
  term_end: ColumnType<string | null, string | null | undefined, string | null>;
  phone: string | null;
  notes: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface CadreRelativesTable {
  id: Generated<string>;
  cadre_id: string;
  name: string;
  id_number: string | null;
  relation: string;
  created_at: Generated<Date>;
}

export interface ImportBatchesTable {
  id: Generated<string>;
  kind: string;
  created_by: string;
  scope_code: string;
  file_name: string;
  status: string;
  summary: Json<Record<string, unknown>>;
  valid_rows: Json<unknown[]>;
  error_rows: Json<unknown[]>;
  created_at: Generated<Date>;
  confirmed_at: Date | null;
}

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
}

type DateCol = ColumnType<string, string, string>; // dates travel as 'YYYY-MM-DD' text (see database.ts type parsers)
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface CalendarOverridesTable {
  date: DateCol;
  kind: string;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TermPlansTable {
  id: Generated<string>;
  scope_code: string;
  name: string;
  start_date: DateCol;
  end_date: DateCol;
  pace: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RoundsTable {
  id: Generated<string>;
  scope_code: string;
  term_plan_id: string | null;
  number: number;
  year: number;
  theme: Generated<string>;
  start_date: DateCol;
  end_date: DateCol;
  phase: Generated<string>;
  on_site_policy: Json<Record<string, unknown>>;
  steps: Json<Record<string, unknown>>;
  completion_policy: ColumnType<Record<string, unknown>, string | undefined, string>;
  copied_from: string | null;
  report_approved_on: NullableDate;
  report_note: Generated<string>;
  evaluation_done_on: NullableDate;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PeopleTable {
  id: Generated<string>;
  scope_code: string;
  name: string;
  gender: string | null;
  id_number: string | null;
  unit: Generated<string>;
  position: Generated<string>;
  expertise: Json<string[]>;
  home_town_code: string | null;
  work_town_code: string | null;
  phone: string | null;
  user_id: string | null;
  notes: Generated<string>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PersonRelativesTable {
  id: Generated<string>;
  person_id: string;
  name: string;
  id_number: string | null;
  relation: string;
  created_at: Generated<Date>;
}

export interface TeamsTable {
  id: Generated<string>;
  round_id: string;
  org_id: string | null;
  name: string;
  sort: Generated<number>;
  auth_document_number: string | null;
  auth_date: NullableDate;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TeamMembersTable {
  team_id: string;
  person_id: string;
  role: string;
  avoidance_declared: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface RoundTargetsTable {
  id: Generated<string>;
  round_id: string;
  kind: string;
  code: string;
  name: string;
  town_code: string | null;
  mode: string;
  importance: Generated<string>;
  min_working_days: number | null;
  team_id: string | null;
  feedback_on: NullableDate;
  sort: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface VillageInspectionsTable {
  id: Generated<string>;
  round_id: string;
  target_id: string;
  village_code: string;
  town_code: string;
  status: Generated<string>;
  checklist_ready_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  override_reason: string | null;
  override_conditions: Json<string[]> | null;
  overridden_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface InspectionStepsTable {
  inspection_id: string;
  step: string;
  done_on: DateCol;
  notes: Generated<string>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface WorkRecordsTable {
  id: Generated<string>;
  inspection_id: string;
  kind: string;
  date: DateCol;
  place: Generated<string>;
  notes: Generated<string>;
  people: Json<unknown[]>;
  households: Json<unknown[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PreInspectionEntriesTable {
  id: Generated<string>;
  target_id: string;
  village_code: string | null;
  kind: string;
  title: string;
  content: Generated<string>;
  occurred_on: NullableDate;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface BlobsTable {
  sha256: string;
  size: ColumnType<number, number, number>;
  mime: string;
  content: Uint8Array;
  created_at: Generated<Date>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  owner_kind: string;
  owner_id: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: ColumnType<number, number, number>;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface ChecklistCataloguesTable {
  id: Generated<string>;
  scope_code: string;
  name: string;
  kind: string;
  match_tags: Json<string[]>;
  description: Generated<string>;
  builtin: Generated<boolean>;
  archived: Generated<boolean>;
  copied_from: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ChecklistVersionsTable {
  id: Generated<string>;
  catalogue_id: string;
  version: number;
  status: Generated<string>;
  note: Generated<string>;
  published_at: Date | null;
  published_by: string | null;
  created_at: Generated<Date>;
}

export interface ChecklistAspectsTable {
  id: Generated<string>;
  version_id: string;
  sort: Generated<number>;
  name: string;
}

export interface ChecklistItemsTable {
  id: Generated<string>;
  version_id: string;
  aspect_id: string;
  sort: Generated<number>;
  title: string;
  power_class: string | null;
  village_traits: Json<string[]>;
  manifestations: Json<string[]>;
  basis: Generated<string>;
}

export interface InspectionChecklistItemsTable {
  id: Generated<string>;
  inspection_id: string;
  source: string;
  catalogue_name: string | null;
  version_id: string | null;
  item_id: string | null;
  sort: Generated<number>;
  aspect: string;
  title: string;
  power_class: string | null;
  manifestations: Json<string[]>;
  result: Generated<string>;
  note: Generated<string>;
  marked_by: string | null;
  marked_at: Date | null;
  added_by: string | null;
  created_at: Generated<Date>;
}

export interface FindingsTable {
  id: Generated<string>;
  round_id: string;
  target_id: string;
  inspection_id: string | null;
  village_code: string | null;
  town_code: string;
  number: number;
  checklist_item_id: string | null;
  category: string;
  aspect: Generated<string>;
  title: string;
  description: string;
  amount: Numeric;
  responsible: Json<unknown[]>;
  source: string;
  found_on: DateCol;
  place: Generated<string>;
  immediate: Generated<boolean>;
  immediate_notice_no: string | null;
  immediate_fix: Generated<string>;
  immediate_fixed_on: NullableDate;
  status: Generated<string>;
  author_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface FindingNumbersTable {
  round_id: string;
  last_number: number;
}

export interface FindingReviewsTable {
  id: Generated<string>;
  finding_id: string;
  step: string;
  decision: string;
  comment: Generated<string>;
  reviewer_id: string | null;
  reviewer_name: string;
  at: Generated<Date>;
}

export interface FindingMaterialsTable {
  id: Generated<string>;
  finding_id: string;
  sort: Generated<number>;
  title: string;
  kind: Generated<string>;
  description: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LeadsTable {
  id: Generated<string>;
  round_id: string;
  target_id: string;
  inspection_id: string | null;
  finding_id: string | null;
  village_code: string | null;
  town_code: string;
  number: number;
  summary: string;
  evidence: Generated<string>;
  persons: Json<unknown[]>;
  authority: string;
  other_body: string | null;
  receiving_org_id: string | null;
  status: Generated<string>;
  transfer_letter_no: string | null;
  transferred_on: NullableDate;
  transferred_by: string | null;
  received_on: NullableDate;
  received_by_name: string | null;
  due_on: NullableDate;
  disposition: string | null;
  disposition_on: NullableDate;
  case_opened_on: NullableDate;
  handling_report: Generated<string>;
  reported_on: NullableDate;
  closed_on: NullableDate;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LeadNumbersTable {
  round_id: string;
  last_number: number;
}

export interface LeadOutcomesTable {
  id: Generated<string>;
  lead_id: string;
  person_name: string;
  cadre_id: string | null;
  kind: string;
  measure: string;
  decided_on: DateCol;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RoundReportsTable {
  id: Generated<string>;
  round_id: string;
  target_id: string | null;
  kind: string;
  title: string;
  body: Json<unknown[]>;
  status: Generated<string>;
  heard_on: NullableDate;
  heard_note: Generated<string>;
  approved_on: NullableDate;
  approved_by: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface FeedbacksTable {
  id: Generated<string>;
  round_id: string;
  target_id: string;
  village_code: string | null;
  fed_back_on: DateCol;
  opinion: Generated<string>;
  attendees: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SuggestionsTable {
  id: Generated<string>;
  round_id: string;
  department_org_id: string;
  number: number;
  title: string;
  content: string;
  measures: ColumnType<unknown[], string | undefined, string>;
  sent_on: NullableDate;
  reply_due_on: NullableDate;
  reply: Generated<string>;
  replied_on: NullableDate;
  status: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TransferItemsTable {
  id: Generated<string>;
  round_id: string;
  department_org_id: string;
  finding_id: string | null;
  title: string;
  content: Generated<string>;
  sent_on: NullableDate;
  due_on: NullableDate;
  status: Generated<string>;
  result: Generated<string>;
  completed_on: NullableDate;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

// — rectification plans tables —
export interface RectificationPlansTable {
  id: Generated<string>;
  round_id: string;
  town_code: string;
  status: Generated<string>;
  content: Generated<string>;
  submission_no: Generated<number>;
  submitted_on: NullableDate;
  accepted_on: NullableDate;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RectificationPlanReviewsTable {
  id: Generated<string>;
  plan_id: string;
  submission_no: number;
  reviewer: string;
  decision: string;
  comment: Generated<string>;
  actor_id: string | null;
  actor_name: Generated<string>;
  at: Generated<Date>;
}

export interface RectificationTownReportsTable {
  id: Generated<string>;
  round_id: string;
  town_code: string;
  submitted_on: DateCol;
  content: string;
  leader_implementation: string;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RectificationVillageFeedbacksTable {
  id: Generated<string>;
  round_id: string;
  town_code: string;
  village_code: string;
  fed_back_on: DateCol;
  attendees: Generated<string>;
  content: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
// — end rectification plans tables —

// — rectification look-back tables —
export interface LookBackTargetsTable {
  target_id: string;
  round_id: string;
  source_round_id: string | null;
  village_code: string;
  town_code: string;
  reasons: Json<string[]>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LookBackLinksTable {
  id: Generated<string>;
  target_id: string;
  item_id: string;
  finding_id: string;
  reasons: Json<string[]>;
  verdict: string | null;
  comment: Generated<string>;
  item_status_before: string | null;
  item_status_after: string | null;
  decided_by: string | null;
  decided_by_name: Generated<string>;
  decided_at: Date | null;
  created_at: Generated<Date>;
}
// — end rectification look-back tables —

// — rectification evaluation tables —
export interface RectificationEvaluationModelsTable {
  org_id: string;
  model: Json<unknown>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RectificationEvaluationsTable {
  id: Generated<string>;
  round_id: string;
  town_code: string;
  status: Generated<string>;
  as_of: DateCol;
  model: Json<unknown>;
  suggested: Json<Record<string, number>>;
  counts: Json<Record<string, number>>;
  notes: Json<Record<string, string>>;
  conclusion: Generated<string>;
  total: number;
  grade: string;
  second_rectification: boolean;
  confirmed_on: NullableDate;
  confirmed_by: string | null;
  confirmed_by_name: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
// — end rectification evaluation tables —

// — rectification disclosure tables —
export interface RectificationExemptionsTable {
  id: Generated<string>;
  item_id: string;
  reason: string;
  note: Generated<string>;
  created_by: string | null;
  created_by_name: Generated<string>;
  created_at: Generated<Date>;
  removed_at: Date | null;
  removed_by: string | null;
  removed_by_name: Generated<string>;
  removed_reason: Generated<string>;
}

export interface RectificationDisclosuresTable {
  id: Generated<string>;
  round_id: string;
  slug: string;
  status: string;
  version: Generated<number>;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_by_name: Generated<string>;
  withdraw_reason: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RectificationDisclosureVersionsTable {
  id: Generated<string>;
  disclosure_id: string;
  version: number;
  snapshot: Json<unknown>;
  content_hash: string;
  items: number;
  approved_by: string | null;
  approved_by_name: Generated<string>;
  approved_at: Generated<Date>;
}
// — end rectification disclosure tables —

// — public reports tables —
export interface PublicReportCodesTable {
  id: Generated<string>;
  code: string;
  round_id: string;
  scope: string;
  target_id: string | null;
  team_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PublicReportKeysTable {
  id: Generated<string>;
  org_id: string;
  scope_code: string;
  key_id: string;
  public_key: string;
  encrypted_private_key: Json<Record<string, unknown>>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PublicReportsTable {
  id: Generated<string>;
  number: Generated<string>;
  round_id: string;
  target_id: string;
  village_code: string;
  inbox_kind: string;
  inbox_team_id: string | null;
  category: string;
  category_name: string;
  description: string;
  anonymous: boolean;
  sealed_identity: string | null;
  key_id: string | null;
  receipt_hash: string;
  submission_hash: string | null;
  status: Generated<string>;
  was_accepted: Generated<boolean>;
  received_on: DateCol;
  finished_on: NullableDate;
  merged_into: string | null;
  forward_reason: string | null;
  forward_body: string | null;
  note: Generated<string>;
}

export interface PublicReportMessagesTable {
  id: Generated<string>;
  report_id: string;
  seq: number;
  author: string;
  author_user_id: string | null;
  author_name: Generated<string>;
  body: string;
  on_date: DateCol;
  at: Date | null;
}

export interface PublicRateEventsTable {
  id: Generated<string>;
  policy: string;
  client_key: string;
  at_ms: ColumnType<number, number, number>; // bigint: pg may hand back a string; read with Number()
}
// — end public reports tables —

// — questionnaires tables —
export interface QuestionnairesTable {
  id: Generated<string>;
  scope_code: string;
  round_id: string | null;
  target_id: string | null;
  kind: string;
  title: string;
  definition: Json<unknown>;
  status: Generated<string>;
  access_mode: Generated<string>;
  slug: string | null;
  opens_on: DateCol;
  closes_on: DateCol;
  published_at: Date | null;
  closed_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface QuestionnaireAccessCodesTable {
  id: Generated<string>;
  questionnaire_id: string;
  code_hash: string;
  batch: number;
  used_at: Date | null;
  revoked_at: Date | null;
  created_at: Generated<Date>;
}

export interface QuestionnaireAnswersTable {
  id: Generated<string>;
  questionnaire_id: string;
  answers: Json<unknown>;
  answered_on: DateCol;
  device_hash: string | null;
  access_code_id: string | null;
}
// — end questionnaires tables —

// — public notices tables —
export interface PublicNoticesTable {
  id: Generated<string>;
  round_id: string;
  team_id: string;
  phone: string;
  mailbox: string;
  email: string | null;
  reception_place: string | null;
  reception_hours: string | null;
  on_site_from: DateCol;
  on_site_to: DateCol;
  petition_cutoff: DateCol;
  version: Generated<number>;
  updated_by: string | null;
  updated_by_name: string;
  updated_at: Generated<Date>;
}
// — end public notices tables —

// — public report links tables —
export interface PublicReportLinksTable {
  id: Generated<string>;
  report_id: string;
  finding_id: string | null;
  lead_id: string | null;
  linked_by: string | null;
  linked_at: Generated<Date>;
  unlinked_by: string | null;
  unlinked_at: Date | null;
  unlink_reason: string | null;
}
// — end public report links tables —

// — jobs tables —
export interface JobsTable {
  id: Generated<string>;
  kind: string;
  scope_code: string;
  created_by: string | null;
  payload: Json<unknown>;
  status: Generated<string>;
  progress_done: ColumnType<number, number | undefined, number>; // bigint: read with Number()
  progress_total: ColumnType<number | null, number | null | undefined, number | null>;
  progress_text: string | null;
  result: Json<unknown> | null;
  error_code: string | null;
  error_message: string | null;
  cancel_requested: Generated<boolean>;
  claimed_by: string | null;
  heartbeat_at: Date | null;
  attempt: Generated<number>;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
}
// — end jobs tables —

// — analytics datasets tables —
export interface AnalyticsDatasetsTable {
  id: Generated<string>;
  scope_code: string;
  kind: string | null;
  name: string;
  source_name: string | null;
  file_name: string;
  file_size: ColumnType<number, number, number>; // bigint
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet_name: string | null;
  header_row: number | null;
  header_row_count: number | null;
  headers: Json<unknown> | null;
  mapping: Json<unknown> | null;
  status: Generated<string>;
  row_count: ColumnType<number | null, number | null | undefined, number | null>; // bigint
  rejected_count: ColumnType<number | null, number | null | undefined, number | null>;
  flagged_count: ColumnType<number | null, number | null | undefined, number | null>;
  issues: Json<unknown> | null;
  error_code: string | null;
  error_message: string | null;
  job_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  finished_at: Date | null;
}

export interface AnalyticsMappingsTable {
  id: Generated<string>;
  scope_code: string;
  kind: string;
  source_name: string;
  headers_signature: string;
  headers: Json<unknown>;
  mapping: Json<unknown>;
  updated_by: string | null;
  updated_at: Timestamp;
}
// — end analytics datasets tables —

// — analytics runs tables —
export interface AnalyticsRunsTable {
  id: Generated<string>;
  scope_code: string;
  round_id: string | null;
  label: string;
  models: Json<unknown>;
  dataset_ids: Json<string[]>;
  village_codes: Json<string[]> | null;
  job_id: string | null;
  status: Generated<string>;
  results: Json<unknown> | null;
  error_message: string | null;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface AnalyticsHitsTable {
  id: Generated<string>;
  scope_code: string;
  model_key: string;
  hit_key: string;
  village_code: string | null;
  round_id: string | null;
  team_id: string | null;
  amount_fen: ColumnType<number | null, number | null | undefined, number | null>; // bigint
  severity: number | null;
  explanation: string;
  evidence: Json<unknown>;
  status: Generated<string>;
  dismiss_reason: string | null;
  dismiss_text: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  finding_id: string | null;
  lead_id: string | null;
  first_run_id: string;
  last_run_id: string;
  seen_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
// — end analytics runs tables —
// — analytics custom models tables —
export interface AnalyticsCustomModelsTable {
  id: Generated<string>;
  scope_code: string;
  key: string;
  name: string;
  description: string;
  category: string;
  requires: Json<string[]>;
  params: Json<unknown>;
  sql: string;
  hit_key: Json<string[]>;
  village_column: string;
  amount_column: string | null;
  explain_template: string;
  enabled: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}
// — end analytics custom models tables —

export interface RectificationItemsTable {
  id: Generated<string>;
  finding_id: string;
  round_id: string;
  target_id: string;
  village_code: string | null;
  town_code: string;
  number: number;
  kind: string;
  status: Generated<string>;
  responsible_unit_kind: Generated<string>;
  responsible_org_id: string | null;
  responsible_unit_name: string;
  responsible_leader: Generated<string>;
  handler: Generated<string>;
  lead_unit: Json<{ orgId: string | null; name: string }>;
  cooperating_units: Json<{ orgId: string | null; name: string }[]>;
  competent_department_org_id: string | null;
  measures: Generated<string>;
  started_on: NullableDate;
  deadline: NullableDate;
  due_on: NullableDate;
  last_report_on: NullableDate;
  closed_on: NullableDate;
  evidence_version: Generated<number>;
  required_parties: Json<string[]>;
  sign_off_cycle: Generated<number>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RectificationItemEventsTable {
  id: Generated<string>;
  item_id: string;
  n: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  comment: Generated<string>;
  evidence_version: Generated<number>;
  file_ids: Json<string[]>;
  actor_id: string | null;
  actor_name: string;
  at: Generated<Date>;
}

export interface RectificationSignOffsTable {
  id: Generated<string>;
  item_id: string;
  n: number;
  cycle: number;
  party: string;
  evidence_version: number;
  decision: string;
  reason: Generated<string>;
  actor_id: string | null;
  actor_name: string;
  at: Generated<Date>;
}

export interface RatingSessionsTable {
  id: Generated<string>;
  round_id: string;
  village_code: string;
  town_code: string;
  status: Generated<string>;
  opened_on: DateCol;
  closes_on: DateCol;
  closed_on: NullableDate;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RatingRepresentativesTable {
  id: Generated<string>;
  session_id: string;
  name: string;
  category: string;
  phone: string | null;
  token_hash: string;
  used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RatingAnswersTable {
  id: Generated<string>;
  representative_id: string;
  item_id: string;
  answer: string;
  comment: Generated<string>;
  created_at: Generated<Date>;
}

export interface RectificationAlertsTable {
  id: Generated<string>;
  item_id: string;
  level: string;
  due_on: DateCol;
  days_left: number;
  key: string;
  recipients: Json<unknown[]>;
  created_at: Generated<Date>;
}

export interface RectificationInterventionsTable {
  id: Generated<string>;
  kind: string;
  ground: string;
  happened_on: DateCol;
  persons: string;
  content: string;
  accountability_kind: string | null;
  decision_no: Generated<string>;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
}

export interface RectificationInterventionItemsTable {
  intervention_id: string;
  item_id: string;
}

export interface RectificationTodosTable {
  id: Generated<string>;
  user_id: string;
  item_id: string;
  alert_id: string | null;
  intervention_id: string | null;
  read_at: Date | null;
  created_at: Generated<Date>;
}

export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  divisions: DivisionsTable;
  classification_tags: ClassificationTagsTable;
  village_profiles: VillageProfilesTable;
  cadres: CadresTable;
  cadre_relatives: CadreRelativesTable;
  import_batches: ImportBatchesTable;
  app_meta: AppMetaTable;
  calendar_overrides: CalendarOverridesTable;
  term_plans: TermPlansTable;
  rounds: RoundsTable;
  people: PeopleTable;
  person_relatives: PersonRelativesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  round_targets: RoundTargetsTable;
  village_inspections: VillageInspectionsTable;
  inspection_steps: InspectionStepsTable;
  work_records: WorkRecordsTable;
  pre_inspection_entries: PreInspectionEntriesTable;
  blobs: BlobsTable;
  attachments: AttachmentsTable;
  checklist_catalogues: ChecklistCataloguesTable;
  checklist_versions: ChecklistVersionsTable;
  checklist_aspects: ChecklistAspectsTable;
  checklist_items: ChecklistItemsTable;
  inspection_checklist_items: InspectionChecklistItemsTable;
  findings: FindingsTable;
  finding_numbers: FindingNumbersTable;
  finding_reviews: FindingReviewsTable;
  finding_materials: FindingMaterialsTable;
  leads: LeadsTable;
  lead_numbers: LeadNumbersTable;
  lead_outcomes: LeadOutcomesTable;
  round_reports: RoundReportsTable;
  feedbacks: FeedbacksTable;
  suggestions: SuggestionsTable;
  transfer_items: TransferItemsTable;
  // — rectification items tables —
  rectification_items: RectificationItemsTable;
  rectification_item_events: RectificationItemEventsTable;
  rectification_sign_offs: RectificationSignOffsTable;
  // — end rectification items tables —
  // — rectification plans tables —
  rectification_plans: RectificationPlansTable;
  rectification_plan_reviews: RectificationPlanReviewsTable;
  rectification_town_reports: RectificationTownReportsTable;
  rectification_village_feedbacks: RectificationVillageFeedbacksTable;
  // — end rectification plans tables —
  // — rectification alerts tables —
  rectification_alerts: RectificationAlertsTable;
  rectification_interventions: RectificationInterventionsTable;
  rectification_intervention_items: RectificationInterventionItemsTable;
  rectification_todos: RectificationTodosTable;
  // — end rectification alerts tables —
  // — rectification ratings tables —
  rating_sessions: RatingSessionsTable;
  rating_representatives: RatingRepresentativesTable;
  rating_answers: RatingAnswersTable;
  // — end rectification ratings tables —
  // — rectification look-back tables —
  look_back_targets: LookBackTargetsTable;
  look_back_links: LookBackLinksTable;
  // — end rectification look-back tables —
  // — rectification evaluation tables —
  rectification_evaluation_models: RectificationEvaluationModelsTable;
  rectification_evaluations: RectificationEvaluationsTable;
  // — end rectification evaluation tables —
  // — rectification disclosure tables —
  rectification_exemptions: RectificationExemptionsTable;
  rectification_disclosures: RectificationDisclosuresTable;
  rectification_disclosure_versions: RectificationDisclosureVersionsTable;
  // — end rectification disclosure tables —
  // — public reports tables —
  public_report_codes: PublicReportCodesTable;
  public_report_keys: PublicReportKeysTable;
  public_reports: PublicReportsTable;
  public_report_messages: PublicReportMessagesTable;
  public_rate_events: PublicRateEventsTable;
  // — end public reports tables —
  // — questionnaires tables —
  questionnaires: QuestionnairesTable;
  questionnaire_access_codes: QuestionnaireAccessCodesTable;
  questionnaire_answers: QuestionnaireAnswersTable;
  // — end questionnaires tables —
  // — public notices tables —
  public_notices: PublicNoticesTable;
  // — end public notices tables —
  // — public report links tables —
  public_report_links: PublicReportLinksTable;
  // — end public report links tables —
  // — jobs tables —
  jobs: JobsTable;
  // — end jobs tables —
  // — analytics datasets tables —
  analytics_datasets: AnalyticsDatasetsTable;
  analytics_mappings: AnalyticsMappingsTable;
  // — end analytics datasets tables —
  // — analytics runs tables —
  analytics_runs: AnalyticsRunsTable;
  analytics_hits: AnalyticsHitsTable;
  // — end analytics runs tables —
  // — analytics custom models tables —
  analytics_custom_models: AnalyticsCustomModelsTable;
  // — end analytics custom models tables —
}

export type UserRow = Selectable<UsersTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type DivisionRow = Selectable<DivisionsTable>;
export type CadreRow = Selectable<CadresTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type VillageProfileUpdate = Updateable<VillageProfilesTable>;

/** Tables in an order where every foreign key points backwards: backup writes and restore reads in it. */
export const TABLE_ORDER: (keyof DB)[] = [
  'organisations',
  'users',
  'sessions',
  'audit_log',
  'divisions',
  'classification_tags',
  'village_profiles',
  'cadres',
  'cadre_relatives',
  'import_batches',
  'app_meta',
  'calendar_overrides',
  'term_plans',
  'rounds',
  'people',
  'person_relatives',
  'teams',
  'team_members',
  'round_targets',
  'village_inspections',
  'inspection_steps',
  'work_records',
  'pre_inspection_entries',
  'blobs',
  'attachments',
  'checklist_catalogues',
  'checklist_versions',
  'checklist_aspects',
  'checklist_items',
  'inspection_checklist_items',
  'findings',
  'finding_numbers',
  'finding_reviews',
  'finding_materials',
  'leads',
  'lead_numbers',
  'lead_outcomes',
  'round_reports',
  'feedbacks',
  'suggestions',
  'transfer_items',
  // — rectification items tables —
  'rectification_items',
  'rectification_item_events',
  'rectification_sign_offs',
  // — end rectification items tables —
  // — rectification plans tables —
  'rectification_plans',
  'rectification_plan_reviews',
  'rectification_town_reports',
  'rectification_village_feedbacks',
  // — end rectification plans tables —
  // — rectification alerts tables —
  'rectification_alerts',
  'rectification_interventions',
  'rectification_intervention_items',
  'rectification_todos',
  // — end rectification alerts tables —
  // — rectification ratings tables —
  'rating_sessions',
  'rating_representatives',
  'rating_answers',
  // — end rectification ratings tables —
  // — rectification look-back tables —
  'look_back_targets',
  'look_back_links',
  // — end rectification look-back tables —
  // — rectification evaluation tables —
  'rectification_evaluation_models',
  'rectification_evaluations',
  // — end rectification evaluation tables —
  // — rectification disclosure tables —
  'rectification_exemptions',
  'rectification_disclosures',
  'rectification_disclosure_versions',
  // — end rectification disclosure tables —
  // — public reports tables —
  'public_report_codes',
  'public_report_keys',
  'public_reports',
  'public_report_messages',
  'public_rate_events',
  // — end public reports tables —
  // — questionnaires tables —
  'questionnaires',
  'questionnaire_access_codes',
  'questionnaire_answers',
  // — end questionnaires tables —
  // — public notices tables —
  'public_notices',
  // — end public notices tables —
  // — public report links tables —
  'public_report_links',
  // — end public report links tables —
  // — jobs tables —
  'jobs',
  // — end jobs tables —
  // — analytics datasets tables —
  'analytics_datasets',
  'analytics_mappings',
  // — end analytics datasets tables —
  // — analytics runs tables —
  'analytics_runs',
  'analytics_hits',
  // — end analytics runs tables —
  // — analytics custom models tables —
  'analytics_custom_models',
  // — end analytics custom models tables —
];
