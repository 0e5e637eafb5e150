/** Typed calls of the API, grouped by area, with the query keys the pages share. */
import type { OrgKind, Role } from '../../../domain/access/roles';
import { api, isApiError, request } from './client';
import type {
  AuditEntry,
  AuditVerify,
  Cadre,
  CadreBody,
  CadreImportOutcome,
  CadreImportPreview,
  County,
  DemoSummary,
  DivisionImportSummary,
  ListOf,
  LoginAnswer,
  Me,
  Organisation,
  SystemStatus,
  Tag,
  Town,
  UserRow,
  Village,
  VillageProfile,
  VillageRow,
} from './types';

export const keys = {
  me: ['me'] as const,
  status: ['system', 'status'] as const,
  counties: ['registry', 'counties'] as const,
  towns: (county: string) => ['registry', 'towns', county] as const,
  villages: (f: VillageFilter) => ['registry', 'villages', f] as const,
  village: (code: string) => ['registry', 'village', code] as const,
  cadres: (code: string) => ['registry', 'village', code, 'cadres'] as const,
  history: (code: string, page: number) => ['registry', 'village', code, 'history', page] as const,
  tags: ['registry', 'tags'] as const,
  organisations: (q?: string) => ['access', 'organisations', q ?? ''] as const,
  users: (f: UserFilter) => ['access', 'users', f] as const,
  audit: (f: AuditFilter) => ['access', 'audit', f] as const,
  registry: ['registry'] as const,
};

// --- auth ---------------------------------------------------------------------------------

export const authApi = {
  /** null when nobody is signed in. */
  me: async (): Promise<Me | null> => {
    try {
      return await request<Me>('GET', '/api/auth/me', { quiet401: true });
    } catch (e) {
      if (isApiError(e) && e.status === 401) return null;
      throw e;
    }
  },
  login: (body: { username: string; password: string; totp?: string }) =>
    request<LoginAnswer>('POST', '/api/auth/login', { body, quiet401: true }),
  logout: () => api.post<{ ok: true }>('/api/auth/logout'),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<{ ok: true }>('/api/auth/password', body),
  totpSetup: () => api.post<{ secret: string; uri: string }>('/api/auth/totp/setup'),
  totpEnable: (code: string) => api.post<{ ok: true }>('/api/auth/totp/enable', { code }),
  totpDisable: (password: string) => api.post<{ ok: true }>('/api/auth/totp/disable', { password }),
};

// --- system -------------------------------------------------------------------------------

export const systemApi = {
  status: () => api.get<SystemStatus>('/api/system/status'),
  buildDemo: () => api.post<DemoSummary>('/api/system/demo'),
};

// --- registry -----------------------------------------------------------------------------

export interface VillageFilter {
  county?: string;
  town?: string;
  q?: string;
  kind?: string;
  tag?: string;
  page: number;
  pageSize: number;
}

export type ProfileBody = Omit<VillageProfile, 'updatedAt'>;

export const registryApi = {
  importCounty: (county: string) => api.post<DivisionImportSummary>('/api/registry/divisions/import', { county }),
  importDivisionFile: (file: File) => api.upload<DivisionImportSummary>('/api/registry/divisions/import-file', file),
  counties: () => api.get<ListOf<County>>('/api/registry/counties'),
  towns: (county: string) => api.get<ListOf<Town>>('/api/registry/towns', { county }),
  villages: (f: VillageFilter) => api.get<ListOf<VillageRow>>('/api/registry/villages', { ...f }),
  village: (code: string) => api.get<Village>(`/api/registry/villages/${encodeURIComponent(code)}`),
  saveProfile: (code: string, body: ProfileBody) => api.put<VillageProfile>(`/api/registry/villages/${encodeURIComponent(code)}/profile`, body),
  history: (code: string, page: number, pageSize = 10) =>
    api.get<ListOf<AuditEntry>>(`/api/registry/villages/${encodeURIComponent(code)}/history`, { page, pageSize }),
  cadres: (code: string) => api.get<ListOf<Cadre>>(`/api/registry/villages/${encodeURIComponent(code)}/cadres`),
  createCadre: (code: string, body: CadreBody) => api.post<Cadre>(`/api/registry/villages/${encodeURIComponent(code)}/cadres`, body),
  updateCadre: (id: string, body: CadreBody) => api.put<Cadre>(`/api/registry/cadres/${encodeURIComponent(id)}`, body),
  deleteCadre: (id: string) => api.delete<{ ok: true }>(`/api/registry/cadres/${encodeURIComponent(id)}`),
  previewCadreImport: (file: File, village?: string) =>
    api.upload<CadreImportPreview>('/api/registry/cadres/import/preview', file, village ? { village } : undefined),
  confirmCadreImport: (batchId: string) => api.post<CadreImportOutcome>(`/api/registry/cadres/import/${encodeURIComponent(batchId)}/confirm`),
  tags: () => api.get<ListOf<Tag>>('/api/registry/tags'),
  createTag: (body: { name: string; category: string; description: string }) => api.post<Tag>('/api/registry/tags', body),
  deleteTag: (id: number) => api.delete<{ ok: true }>(`/api/registry/tags/${id}`),
};

// --- access -------------------------------------------------------------------------------

export interface UserFilter {
  q?: string;
  orgId?: string;
  page: number;
  pageSize: number;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const accessApi = {
  organisations: (q?: string) => api.get<ListOf<Organisation>>('/api/access/organisations', { q }),
  createOrganisation: (body: { kind: OrgKind; name: string; scopeCode: string; parentId?: string | null }) =>
    api.post<Organisation>('/api/access/organisations', body),
  updateOrganisation: (id: string, body: { name?: string; disabled?: boolean }) => api.patch<Organisation>(`/api/access/organisations/${id}`, body),
  users: (f: UserFilter) => api.get<ListOf<UserRow>>('/api/access/users', { ...f }),
  createUser: (body: { username: string; displayName: string; orgId: string; roles: Role[] }) =>
    api.post<{ user: UserRow; initialPassword: string | null }>('/api/access/users', body),
  updateUser: (id: string, body: { displayName?: string; roles?: Role[]; disabled?: boolean }) => api.patch<UserRow>(`/api/access/users/${id}`, body),
  resetPassword: (id: string) => api.post<{ initialPassword: string }>(`/api/access/users/${id}/reset-password`),
  audit: (f: AuditFilter) => api.get<ListOf<AuditEntry>>('/api/access/audit', { ...f }),
  verifyAudit: () => api.get<AuditVerify>('/api/access/audit/verify'),
};
