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
];
