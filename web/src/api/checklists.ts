/** API calls of the checklists area (监督清单): catalogues, versions, .xlsx, a village inspection's 1+X list. */
import type { CatalogueKind, ItemSource, PowerClass, VersionStatus } from '../../../domain/checklists/catalogue';
import type { CheckResult } from '../../../domain/inspections/checklist-coverage';
import { api } from './client';
import type { ListOf } from './types';

export interface VersionSummary {
  id: string;
  version: number;
  status: VersionStatus;
  statusName: string;
  note: string;
  publishedAt: string | null;
  publishedByName: string | null;
  createdAt: string;
  aspectCount: number;
  itemCount: number;
}

export interface Catalogue {
  id: string;
  name: string;
  kind: CatalogueKind;
  kindName: string;
  matchTags: string[];
  description: string;
  builtin: boolean;
  archived: boolean;
  scopeCode: string;
  copiedFrom: string | null;
  editable: boolean;
  latestVersion: VersionSummary | null;
  publishedVersion: VersionSummary | null;
  draftVersion: VersionSummary | null;
  updatedAt: string;
}

export interface CatalogueDetail extends Catalogue {
  versions: VersionSummary[];
}

export interface CatalogueItem {
  id: string;
  sort: number;
  title: string;
  powerClass: PowerClass | null;
  powerClassName: string | null;
  villageTraits: string[];
  manifestations: string[];
  basis: string;
}

export interface CatalogueAspect {
  id: string;
  name: string;
  sort: number;
  items: CatalogueItem[];
}

export interface VersionTree extends VersionSummary {
  catalogueId: string;
  catalogueName: string;
  editable: boolean;
  aspects: CatalogueAspect[];
}

export interface CatalogueMeta {
  name: string;
  kind: CatalogueKind;
  matchTags: string[];
  description: string;
}

export interface ItemBody {
  title: string;
  powerClass: PowerClass | null;
  villageTraits: string[];
  manifestations: string[];
  basis: string;
  aspectId?: string;
}

export interface CatalogueFilter {
  q?: string | undefined;
  kind?: CatalogueKind | undefined;
  archived?: boolean | undefined;
  page: number;
  pageSize: number;
}

export type ImportResult =
  | { dryRun: true; aspects: number; items: number; name: string; content: { name: string; items: { title: string; manifestations: string[] }[] }[] }
  | { dryRun: false; aspects: number; items: number; catalogue: CatalogueDetail; versionId: string };

export interface InspectionChecklistItem {
  id: string;
  source: ItemSource;
  sourceName: string;
  catalogueName: string | null;
  catalogueVersion: number | null;
  aspect: string;
  title: string;
  powerClass: PowerClass | null;
  powerClassName: string | null;
  manifestations: string[];
  result: CheckResult;
  resultName: string;
  note: string;
  markedAt: string | null;
  markedByName: string | null;
}

export interface ChecklistCoverage {
  total: number;
  noProblem: number;
  problemFound: number;
  notChecked: number;
  percentChecked: number | null;
}

export interface InspectionChecklist {
  locked: boolean;
  lockedReason: string | null;
  markable: boolean;
  markLockedReason: string | null;
  canEdit: boolean;
  readyAt: string | null;
  roundPhase: string;
  roundPhaseName: string;
  items: InspectionChecklistItem[];
  coverage: ChecklistCoverage;
}

export interface GenerationSummary {
  added: number;
  removed: number;
  kept: number;
  catalogues: { name: string; version: number; source: 'common' | 'personalised'; matchedTags: string[] }[];
}

const base = '/api/checklists/catalogues';

export const checklistKeys = {
  all: ['checklists'] as const,
  catalogues: (f: CatalogueFilter) => ['checklists', 'catalogues', f] as const,
  catalogue: (id: string) => ['checklists', 'catalogue', id] as const,
  version: (id: string, versionId: string) => ['checklists', 'catalogue', id, 'version', versionId] as const,
  inspection: (inspectionId: string) => ['checklists', 'inspection', inspectionId] as const,
};

export const checklistsApi = {
  catalogues: (f: CatalogueFilter) => api.get<ListOf<Catalogue>>(base, { ...f }),
  catalogue: (id: string) => api.get<CatalogueDetail>(`${base}/${id}`),
  create: (body: CatalogueMeta) => api.post<CatalogueDetail>(base, body),
  update: (id: string, body: CatalogueMeta) => api.put<CatalogueDetail>(`${base}/${id}`, body),
  archive: (id: string, archived: boolean) => api.post<CatalogueDetail>(`${base}/${id}/archive`, { archived }),
  copy: (id: string, name?: string) => api.post<CatalogueDetail>(`${base}/${id}/copy`, name ? { name } : {}),
  newDraft: (id: string) => api.post<VersionTree>(`${base}/${id}/drafts`),
  version: (id: string, versionId: string) => api.get<VersionTree>(`${base}/${id}/versions/${versionId}`),
  publish: (id: string, versionId: string, note?: string) => api.post<VersionTree>(`${base}/${id}/versions/${versionId}/publish`, note ? { note } : {}),
  exportUrl: (id: string, versionId: string) => `${base}/${id}/versions/${versionId}/export`,
  addAspect: (id: string, versionId: string, name: string) => api.post<VersionTree>(`${base}/${id}/versions/${versionId}/aspects`, { name }),
  renameAspect: (id: string, versionId: string, aspectId: string, name: string) => api.put<VersionTree>(`${base}/${id}/versions/${versionId}/aspects/${aspectId}`, { name }),
  deleteAspect: (id: string, versionId: string, aspectId: string) => api.delete<VersionTree>(`${base}/${id}/versions/${versionId}/aspects/${aspectId}`),
  addItem: (id: string, versionId: string, aspectId: string, body: ItemBody) => api.post<VersionTree>(`${base}/${id}/versions/${versionId}/aspects/${aspectId}/items`, body),
  updateItem: (id: string, versionId: string, itemId: string, body: ItemBody) => api.put<VersionTree>(`${base}/${id}/versions/${versionId}/items/${itemId}`, body),
  deleteItem: (id: string, versionId: string, itemId: string) => api.delete<VersionTree>(`${base}/${id}/versions/${versionId}/items/${itemId}`),
  reorder: (id: string, versionId: string, aspects: { id: string; itemIds: string[] }[]) => api.put<VersionTree>(`${base}/${id}/versions/${versionId}/order`, { aspects }),
  importFile: (file: File, opts: { catalogueId?: string; name?: string; kind?: CatalogueKind; dryRun?: boolean }) =>
    api.upload<ImportResult>(`${base}/import`, file, { catalogueId: opts.catalogueId, name: opts.name, kind: opts.kind, dryRun: opts.dryRun ? 'true' : undefined }),

  inspectionChecklist: (inspectionId: string) => api.get<InspectionChecklist>(`/api/inspections/${inspectionId}/checklist`),
  generate: (inspectionId: string) => api.post<InspectionChecklist & { summary: GenerationSummary }>(`/api/inspections/${inspectionId}/checklist/generate`),
  addTeamItem: (inspectionId: string, body: { aspect: string; title: string; manifestations: string[] }) =>
    api.post<InspectionChecklistItem>(`/api/inspections/${inspectionId}/checklist/items`, body),
  removeTeamItem: (inspectionId: string, itemId: string) => api.delete<{ ok: true }>(`/api/inspections/${inspectionId}/checklist/items/${itemId}`),
  mark: (inspectionId: string, itemId: string, body: { result: CheckResult; note: string }) =>
    api.put<InspectionChecklistItem>(`/api/inspections/${inspectionId}/checklist/items/${itemId}/mark`, body),
  generateRound: (roundId: string) =>
    api.post<{ inspections: number; added: number; removed: number; kept: number; withoutItems: number }>(`/api/checklists/rounds/${roundId}/generate`),
};

