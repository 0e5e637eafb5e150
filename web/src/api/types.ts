/** Shapes of the API answers (see the server modules route files and /api/docs). */
import type { OrgKind, Permission, Role } from '../../../domain/access/roles';

export interface ListOf<T> {
  items: T[];
  total: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  org: { id: string; kind: OrgKind; name: string; scopeCode: string };
  roles: Role[];
  permissions: Permission[];
  mustChangePassword: boolean;
  /** Not sent by the server yet; the account page copes without it. */
  totpEnabled: boolean;
}

export interface LoginAnswer {
  user: Me | null;
  expiresAt: string;
}

export interface SystemStatus {
  empty: boolean;
  demoBuilt: boolean;
  demoCounty: string;
  database: 'pglite' | 'postgres';
}

export interface DemoSummary {
  county: string;
  towns: number;
  villages: number;
  cadres: number;
  relatives: number;
  users: { username: string; role: string; org: string }[];
  password: string;
  /** the rounds' casework, when the demo built it */
  work?: {
    rounds: { label: string; phase: string; villages: number; completed: number }[];
    findings: Record<string, number>;
    leads: { leads: number; outcomes: number };
    reports: number;
    feedbacks: number;
    /** last year's round in 整改: items by status, today's alert colours, the rated village's unused link */
    rectification?: {
      items: number;
      byStatus: Record<string, number>;
      alerts: { green: number; yellow: number; red: number };
      rating: { village: string; representatives: number; rated: number; link: string };
      lookBack: { roundLabel: string; village: string; items: number } | null;
    };
  };
  /** 码上巡 and questionnaires (server/modules/system/demo-public.ts): what to try on the public pages */
  public?: {
    /** the passphrase of the identity key, typed by the office to open a named report */
    passphrase: string;
    codes: number;
    notices: number;
    reports: number;
    named: number;
    /** a reporter's receipt to follow up on /p/receipt */
    receipt: { code: string; target: string; status: string };
    questionnaires: { title: string; target: string; mode: 'open' | 'code'; answers: number; codes: number; codesUsed: number; link: string }[];
    /** an unused printed access code and its questionnaire's page (absolute, with the CLI's origin) */
    accessCode: { code: string; link: string };
  };
  /** 大数据比对: datasets imported, the models run for this year's round, hits in every state */
  analytics?: {
    datasets: { name: string; rows: number; flagged: number }[];
    models: number;
    roundLabel: string;
    villages: { code: string; name: string; team: string }[];
    hits: number;
    byStatus: Record<'pending' | 'confirmed' | 'dismissed', number>;
    reopened: number;
  };
}

export interface DivisionImportSummary {
  county: { code: string; name: string };
  towns: { total: number; created: number; updated: number };
  villages: { total: number; created: number; updated: number };
}

export interface County {
  code: string;
  name: string;
  cityName: string | null;
  towns: number;
  villages: number;
}

export interface Town {
  code: string;
  name: string;
  kind: string | null;
  initials: string;
  villages: number;
}

export type VillageKind = '村' | '社区';

export interface VillageRow {
  code: string;
  name: string;
  fullName: string;
  kind: VillageKind | null;
  initials: string;
  townCode: string;
  townName: string;
  tags: string[];
  households: number | null;
  partyMembers: number | null;
  cadres: number;
}

export interface VillageProfile {
  tags: string[];
  partyMembers: number | null;
  households: number | null;
  population: number | null;
  collectiveAssets: string | null;
  annualIncome: string | null;
  annualExpenditure: string | null;
  petitionsLastYear: number | null;
  notes: string;
  version: number;
  updatedAt: string;
}

export interface Village {
  code: string;
  name: string;
  fullName: string;
  kind: VillageKind | null;
  town: { code: string; name: string } | null;
  county: { code: string; name: string } | null;
  profile: VillageProfile;
  cadreCount: number;
  secretary: string | null;
  oneShoulder: boolean;
  canEdit: boolean;
}

export interface Relative {
  id: string;
  name: string;
  idNumber: string | null;
  relation: string;
}

export interface Cadre {
  id: string;
  villageCode: string;
  name: string;
  gender: '男' | '女' | null;
  idNumber: string;
  birthDate: string | null;
  positions: string[];
  oneShoulder: boolean;
  termStart: string | null;
  termEnd: string | null;
  phone: string | null;
  notes: string;
  relatives: Relative[];
}

export interface CadreBody {
  name: string;
  gender: '男' | '女' | null;
  idNumber: string;
  positions: string[];
  termStart: string | null;
  termEnd: string | null;
  phone: string | null;
  notes: string;
  relatives: { name: string; idNumber: string | null; relation: string }[];
}

export interface RowError {
  rowNumber: number;
  column: string;
  reason: string;
}

export interface CadreImportPreview {
  batchId: string;
  fileName: string;
  rowCount: number;
  validCadres: number;
  validRelatives: number;
  errors: RowError[];
  columns: { key: string; label: string }[];
  sample: { villageCode: string; villageName: string; townName: string; name: string; idNumber: string; positions: string[]; relatives: number; rowNumbers: number[] }[];
}

export interface CadreImportOutcome {
  created: number;
  updated: number;
  relatives: number;
  skippedRows: number;
}

export interface Tag {
  id: number;
  name: string;
  category: string;
  description: string;
  builtin: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId?: string;
  scopeCode?: string;
  before: unknown;
  after: unknown;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  problem: string | null;
}

export interface Organisation {
  id: string;
  kind: OrgKind;
  name: string;
  parentId: string | null;
  level: string;
  scopeCode: string;
  disabled: boolean;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  roles: Role[];
  disabled: boolean;
  locked: boolean;
  failedLogins: number;
  totpEnabled: boolean;
  createdAt: string;
}
