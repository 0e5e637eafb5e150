/**
 * Typed calls of the rectification plans (整改方案 and its joint review, 整改情况报告, 镇向村反馈) and the
 * query keys the page shares. Shapes follow server/modules/rectification-plans/plans.routes.ts.
 */
import type { PlanAction, PlanReviewer, PlanSettings, PlanStatus, ReportFlag } from '../../../domain/rectification/plan';
import type { PlanReviewInput, RectificationReportInput } from '../../../domain/rectification/inputs';
import { api } from './client';
import type { Attachment } from './inspections';
import type { ListOf } from './types';

export interface PlanRound {
  id: string;
  label: string;
  year: number;
  number: number;
  phase: string;
}

export interface PlanReviewOut {
  id: string;
  submissionNo: number;
  reviewer: PlanReviewer;
  reviewerName: string;
  decision: 'accepted' | 'returned';
  decisionName: string;
  comment: string;
  actorName: string;
  at: string;
}

export interface PlanSummary {
  exists: boolean;
  status: PlanStatus;
  statusName: string;
  submissionNo: number;
  submittedOn: string | null;
  acceptedOn: string | null;
  version: number;
  reviews: PlanReviewOut[];
  pending: { reviewer: PlanReviewer; reviewerName: string }[];
  actions: PlanAction[];
  reviewerAs: PlanReviewer | null;
}

export interface ReportDeadlineOut {
  dueOn: string;
  daysLeft: number;
  flag: ReportFlag;
  flagName: string;
  submittedOn: string | null;
}

export interface PlanTownRow {
  townCode: string;
  townName: string;
  feedbackOn: string | null;
  plan: PlanSummary;
  report: ReportDeadlineOut | null;
  villages: { total: number; fedBack: number };
  /** the caller is this town and may work on it */
  townWorks: boolean;
}

export interface PlanTownList extends ListOf<PlanTownRow> {
  round: { id: string; label: string; phase: string };
  reportMonths: number;
}

export interface PlanTownDetail {
  round: { id: string; label: string; phase: string };
  townCode: string;
  townName: string;
  feedbackOn: string | null;
  reportMonths: number;
  blocked: string | null;
  plan: PlanSummary & { content: string; attachments: Attachment[]; history: PlanReviewOut[] };
  report: {
    deadline: ReportDeadlineOut | null;
    submitted: { submittedOn: string; content: string; leaderImplementation: string; updatedAt: string; attachments: Attachment[] } | null;
    canSubmit: boolean;
    problems: string[];
  };
  villages: { villageCode: string; villageName: string; feedback: { fedBackOn: string; attendees: string; content: string; updatedAt: string } | null }[];
  canRecordVillageFeedback: boolean;
}

export interface VillageFeedbackBody {
  feedbackOn: string;
  attendees: string;
  content: string;
}

const BASE = '/api/rectification/plans';
const town = (roundId: string, townCode: string) => `${BASE}/rounds/${encodeURIComponent(roundId)}/towns/${encodeURIComponent(townCode)}`;

export const planKeys = {
  rounds: () => ['rectification-plans', 'rounds'] as const,
  settings: () => ['rectification-plans', 'settings'] as const,
  towns: (roundId: string) => ['rectification-plans', roundId, 'towns'] as const,
  townsPage: (roundId: string, page: number, pageSize: number) => ['rectification-plans', roundId, 'towns', page, pageSize] as const,
  town: (roundId: string, townCode: string) => ['rectification-plans', roundId, 'town', townCode] as const,
};

export const planFileUrl = (attachmentId: string) => `${BASE}/files/${encodeURIComponent(attachmentId)}`;

export const plansApi = {
  rounds: () => api.get<ListOf<PlanRound>>(`${BASE}/rounds`, { pageSize: 100 }),
  settings: () => api.get<PlanSettings>(`${BASE}/settings`),
  saveSettings: (body: PlanSettings) => api.put<PlanSettings>(`${BASE}/settings`, body),
  towns: (roundId: string, page: { page: number; pageSize: number }) => api.get<PlanTownList>(`${BASE}/rounds/${encodeURIComponent(roundId)}/towns`, { ...page }),
  town: (roundId: string, townCode: string) => api.get<PlanTownDetail>(town(roundId, townCode)),
  savePlan: (roundId: string, townCode: string, content: string) => api.put<PlanTownDetail>(`${town(roundId, townCode)}/plan`, { content }),
  uploadPlanFile: (roundId: string, townCode: string, file: File) => api.upload<Attachment>(`${town(roundId, townCode)}/plan/attachments`, file),
  deletePlanFile: (roundId: string, townCode: string, attachmentId: string) => api.delete<{ ok: true }>(`${town(roundId, townCode)}/plan/attachments/${encodeURIComponent(attachmentId)}`),
  submitPlan: (roundId: string, townCode: string) => api.post<PlanTownDetail>(`${town(roundId, townCode)}/plan/submit`),
  reviewPlan: (roundId: string, townCode: string, body: PlanReviewInput) => api.post<PlanTownDetail>(`${town(roundId, townCode)}/plan/review`, body),
  submitReport: (roundId: string, townCode: string, body: RectificationReportInput) => api.put<PlanTownDetail>(`${town(roundId, townCode)}/report`, body),
  uploadReportFile: (roundId: string, townCode: string, file: File) => api.upload<Attachment>(`${town(roundId, townCode)}/report/attachments`, file),
  deleteReportFile: (roundId: string, townCode: string, attachmentId: string) => api.delete<{ ok: true }>(`${town(roundId, townCode)}/report/attachments/${encodeURIComponent(attachmentId)}`),
  villageFeedback: (roundId: string, townCode: string, villageCode: string, body: VillageFeedbackBody) =>
    api.put<PlanTownDetail>(`${town(roundId, townCode)}/villages/${encodeURIComponent(villageCode)}/feedback`, body),
};
