/**
 * Typed calls of the village inspection workspace (村级巡察工作台) and the query keys its pages share.
 * Shapes follow server/modules/inspections/*.routes.ts.
 */
import type { InspectionStatus } from '../../../domain/inspections/completion';
import type { PreFileEntryInput, PreFileKind } from '../../../domain/inspections/pre-file';
import type { InspectionStep, StepRequirement } from '../../../domain/inspections/steps';
import type { PersonRole, WorkRecordInput, WorkRecordKind } from '../../../domain/inspections/work-records';
import type { RoundPhase } from '../../../domain/planning/round';
import type { ReportStatus } from '../../../domain/public-reports/triage';
import { api } from './client';
import type { ListOf } from './types';

export interface InspectionRow {
  id: string;
  roundId: string;
  roundLabel: string;
  targetId: string;
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string;
  mode: string;
  modeName: string;
  importance: 'key' | 'ordinary';
  importanceName: string;
  teamId: string | null;
  teamName: string | null;
  status: InspectionStatus;
  statusName: string;
  minWorkingDays: number;
  onSiteWorkingDays: number;
  completedAt: string | null;
}

export interface InspectionFilter {
  roundId?: string;
  status?: string;
  townCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface WorkspaceStep {
  step: InspectionStep;
  name: string;
  requirement: Exclude<StepRequirement, 'disabled'>;
  doneOn: string | null;
  notes: string;
}

export interface GroupCoverage {
  covered: string[];
  missing: string[];
}

export interface Workspace {
  inspection: {
    id: string;
    status: InspectionStatus;
    statusName: string;
    villageCode: string;
    villageName: string;
    townCode: string;
    townName: string;
    households: number | null;
    minWorkingDays: number;
    checklistReadyAt: string | null;
    startedAt: string | null;
    completedAt: string | null;
    override: { reason: string; conditions: string[]; byName: string | null } | null;
    version: number;
  };
  round: {
    id: string;
    number: number;
    year: number;
    theme: string;
    phase: RoundPhase;
    phaseName: string;
    startDate: string | null;
    endDate: string | null;
    onSiteWorkAllowed: boolean;
  };
  target: { id: string; kind: string; name: string; mode: string; modeName: string; importance: string; importanceName: string };
  team: { id: string; name: string } | null;
  steps: WorkspaceStep[];
  days: { dates: string[]; workingDays: number; minimum: number };
  visits: { visited: number; quota: number | null; percent: number };
  /** the round requires a talk with each of the 三老 and 两低 before finishing */
  talkCoverageRequired: boolean;
  talks: { sanLao: GroupCoverage; liangDi: GroupCoverage };
  recordCounts: Partial<Record<WorkRecordKind, number>>;
  checklist: { total: number; noProblem: number; problemFound: number; notChecked: number };
  blockers: string[];
  canWork: boolean;
  canOverride: boolean;
}

export interface Attachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
}

export interface RecordPersonView {
  name: string;
  roles: PersonRole[];
  roleNames: string[];
  position: string;
}

export interface HouseholdView {
  head: string;
  address: string;
  roles: PersonRole[];
  roleNames: string[];
}

export interface WorkRecordView {
  id: string;
  kind: WorkRecordKind;
  kindName: string;
  date: string;
  place: string;
  notes: string;
  people: RecordPersonView[];
  households: HouseholdView[];
  attachments: Attachment[];
  createdByName: string | null;
  createdAt: string;
}


export interface PreFileEntry {
  id: string;
  kind: PreFileKind;
  kindName: string;
  title: string;
  content: string;
  occurredOn: string | null;
  /** about every village of the target (a town target's common background), not this one only */
  wholeTarget: boolean;
  attachments: Attachment[];
  createdByName: string | null;
}

export interface PreFile {
  entries: PreFileEntry[];
  earlierInspections: { roundLabel: string; status: InspectionStatus; statusName: string; completedAt: string | null }[];
  profile: { petitionsLastYear: number | null; households: number | null; tags: string[] };
  /** this round's 群众来件 (码上巡) of the village: counts only */
  publicReports: { total: number; petitions: number; byStatus: { status: ReportStatus; name: string; count: number }[] };
}

export type PreFileBody = PreFileEntryInput & { /** 巡镇带村: the entry concerns every village of the target */ wholeTarget?: boolean };

export type TransitionBody = { to: 'in_progress'; reason?: string } | { to: 'completed'; override?: { reason: string } };

/** What the server accepts per file (server/modules/files MAX_FILE_BYTES); shown before upload. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Picker hint only; the server decides the type by the content (server/modules/files checkFileType). */
export const ATTACHMENT_ACCEPT =
  '.jpg,.jpeg,.png,.gif,.webp,.heic,.heif,.tif,.tiff,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.ofd,.mp4,.mov';
export const ATTACHMENT_HINT = '可上传照片、扫描件、PDF、Word/Excel/PowerPoint/WPS 文档、OFD、MP4/MOV 短视频，单个文件不超过 20 MB';

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

export const fileUrl = (attachmentId: string) => `/api/files/${encodeURIComponent(attachmentId)}`;

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (f: InspectionFilter) => ['inspections', 'list', f] as const,
  workspace: (id: string) => ['inspections', id, 'workspace'] as const,
  records: (id: string, kind: string | undefined, page: number, pageSize: number) => ['inspections', id, 'records', kind ?? '', page, pageSize] as const,
  recordsOf: (id: string) => ['inspections', id, 'records'] as const,
  preFile: (id: string) => ['inspections', id, 'pre-file'] as const,
  one: (id: string) => ['inspections', id] as const,
};

const base = (id: string) => `/api/inspections/${encodeURIComponent(id)}`;

export const inspectionsApi = {
  list: (f: InspectionFilter) => api.get<ListOf<InspectionRow>>('/api/inspections', { ...f }),
  workspace: (id: string) => api.get<Workspace>(base(id)),
  markStep: (id: string, step: InspectionStep, body: { doneOn: string; notes?: string }) =>
    api.put<WorkspaceStep>(`${base(id)}/steps/${step}`, body),
  undoStep: (id: string, step: InspectionStep) => api.delete<unknown>(`${base(id)}/steps/${step}`),
  records: (id: string, q: { kind?: string; page: number; pageSize: number }) =>
    api.get<ListOf<WorkRecordView>>(`${base(id)}/records`, { ...q }),
  createRecord: (id: string, body: WorkRecordInput) => api.post<WorkRecordView>(`${base(id)}/records`, body),
  updateRecord: (id: string, recordId: string, body: WorkRecordInput) =>
    api.put<WorkRecordView>(`${base(id)}/records/${encodeURIComponent(recordId)}`, body),
  deleteRecord: (id: string, recordId: string) => api.delete<unknown>(`${base(id)}/records/${encodeURIComponent(recordId)}`),
  uploadRecordAttachment: (id: string, recordId: string, file: File) =>
    api.upload<Attachment>(`${base(id)}/records/${encodeURIComponent(recordId)}/attachments`, file),
  deleteRecordAttachment: (id: string, recordId: string, attachmentId: string) =>
    api.delete<unknown>(`${base(id)}/records/${encodeURIComponent(recordId)}/attachments/${encodeURIComponent(attachmentId)}`),
  transition: (id: string, body: TransitionBody) => api.post<Workspace>(`${base(id)}/transition`, body),
  preFile: (id: string) => api.get<PreFile>(`${base(id)}/pre-file`),
  createPreFileEntry: (id: string, body: PreFileBody) => api.post<PreFileEntry>(`${base(id)}/pre-file`, body),
  updatePreFileEntry: (id: string, entryId: string, body: PreFileBody) =>
    api.put<PreFileEntry>(`${base(id)}/pre-file/${encodeURIComponent(entryId)}`, body),
  deletePreFileEntry: (id: string, entryId: string) => api.delete<unknown>(`${base(id)}/pre-file/${encodeURIComponent(entryId)}`),
  uploadPreFileAttachment: (id: string, entryId: string, file: File) =>
    api.upload<Attachment>(`${base(id)}/pre-file/${encodeURIComponent(entryId)}/attachments`, file),
  deletePreFileAttachment: (id: string, entryId: string, attachmentId: string) =>
    api.delete<unknown>(`${base(id)}/pre-file/${encodeURIComponent(entryId)}/attachments/${encodeURIComponent(attachmentId)}`),
};

interface PlanningRound {
  id: string;
  year: number;
  number: number;
  label?: string;
}

/** Rounds for the list filter (planning module; team users see their own team's rounds). */
export const roundOptionsQuery = {
  queryKey: ['planning', 'rounds', 'options'] as const,
  queryFn: async (): Promise<{ value: string; label: string }[]> => {
    const rounds = await api.get<ListOf<PlanningRound>>('/api/planning/rounds', { page: 1, pageSize: 100 });
    return rounds.items.map((r) => ({ value: r.id, label: r.label ?? `${r.year}年第${r.number}轮` }));
  },
};
