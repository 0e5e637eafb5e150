/**
 * Typed calls of the planning area (巡察规划、轮次、巡察组、人员库、节假日、巡察安排) and the query keys its
 * pages share. Shapes follow server/modules/planning/*.service.ts.
 */
import type { RoundCompletionPolicy } from '../../../domain/inspections/completion';
import type { InspectionStatus } from '../../../domain/inspections/completion';
import type { InspectionStep, StepRequirement } from '../../../domain/inspections/steps';
import type { InspectionMode, OnSitePolicy, TargetImportance } from '../../../domain/planning/modes';
import type { MilestonesInput, PersonInput, RoundCreateInput, RoundUpdateInput, TargetCreateInput, TargetUpdateInput, TeamMemberRequestInput, TeamRequestInput } from '../../../domain/planning/requests';
import type { RoundPhase } from '../../../domain/planning/round';
import type { TeamRole } from '../../../domain/planning/round-description';
import type { PaceRules, TermCoverage } from '../../../domain/planning/term-plan';
import type { DayInfo, DayOverrideKind } from '../../../domain/shared/calendar';
import { api } from './client';
import type { ListOf } from './types';

export interface TermPlan {
  id: string;
  countyCode: string;
  countyName: string;
  name: string;
  startDate: string;
  endDate: string;
  pace: PaceRules;
  version: number;
}

export interface TermPlanBody {
  countyCode?: string;
  name: string;
  startDate: string;
  endDate: string;
  pace: Partial<PaceRules>;
}

export interface CoverageAnswer {
  plan: TermPlan;
  today: string;
  coverage: TermCoverage;
}

export interface CalendarYear {
  year: number;
  known: boolean;
  knownYears: number[];
  unknownYearWarning: string | null;
  days: DayInfo[];
  overrides: { date: string; kind: DayOverrideKind; kindName: string; note: string }[];
  workingDays: number;
}

export interface RoundSummary {
  id: string;
  countyCode: string;
  termPlanId: string | null;
  label: string;
  number: number;
  year: number;
  theme: string;
  startDate: string;
  endDate: string;
  phase: RoundPhase;
  phaseName: string;
  onSiteWorkAllowed: boolean;
  onSitePolicy: OnSitePolicy;
  steps: Record<InspectionStep, StepRequirement>;
  completionPolicy: RoundCompletionPolicy;
  copiedFrom: string | null;
  reportApprovedOn: string | null;
  reportNote: string;
  evaluationDoneOn: string | null;
  version: number;
}

export interface RoundRow extends RoundSummary {
  targets: number;
  villages: number;
  teams: number;
}

export interface TargetVillage {
  inspectionId: string;
  code: string;
  name: string;
  townCode: string;
  townName: string | null;
  status: InspectionStatus;
  statusName: string;
  checklistItems: number;
}

export interface Target {
  id: string;
  kind: 'village' | 'town' | 'department';
  kindName: string;
  code: string;
  name: string;
  townCode: string | null;
  townName: string | null;
  mode: InspectionMode;
  modeName: string;
  importance: TargetImportance;
  importanceName: string;
  ownMinWorkingDays: number | null;
  minWorkingDays: number;
  earliestFinish: string;
  teamId: string | null;
  teamName: string | null;
  feedbackOn: string | null;
  villages: TargetVillage[];
}

export interface TeamMember {
  personId: string;
  name: string;
  unit: string;
  expertise: string[];
  role: TeamRole;
  roleName: string;
}

export interface Team {
  id: string;
  name: string;
  sort: number;
  orgId: string | null;
  orgName: string | null;
  leaderAuthorisation: { documentNumber: string; date: string } | null;
  leaderName: string | null;
  members: TeamMember[];
  targets: { id: string; name: string }[];
}

export interface RoundDetail extends RoundSummary {
  nextPhases: { phase: RoundPhase; name: string; backward: boolean }[];
  canWrite: boolean;
  calendarWarnings: string[];
  targets: Target[];
  teams: Team[];
}

export interface Person {
  id: string;
  countyCode: string;
  name: string;
  gender: '男' | '女' | null;
  idNumber: string | null;
  unit: string;
  position: string;
  expertise: string[];
  homeTownCode: string | null;
  homeTownName: string | null;
  workTownCode: string | null;
  workTownName: string | null;
  phone: string | null;
  notes: string;
  relatives: { name: string; relation: string; idNumber: string | null }[];
}

export interface ScheduleRow {
  id: string;
  roundId: string;
  roundLabel: string;
  villageCode: string;
  villageName: string;
  townCode: string;
  townName: string | null;
  mode: InspectionMode;
  modeName: string;
  startDate: string;
  endDate: string;
  teamName: string | null;
  status: InspectionStatus;
  statusName: string;
}

export interface RoundFilter {
  year?: number;
  phase?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface PeopleFilter {
  q?: string;
  expertise?: string;
  page: number;
  pageSize: number;
}

export type WithWarnings<T> = T & { warnings: string[] };

export const planningKeys = {
  all: ['planning'] as const,
  termPlans: ['planning', 'term-plans'] as const,
  termPlan: (id: string) => ['planning', 'term-plans', id] as const,
  coverage: (id: string) => ['planning', 'term-plans', id, 'coverage'] as const,
  calendar: (year: number) => ['planning', 'calendar', year] as const,
  rounds: (f: RoundFilter) => ['planning', 'rounds', f] as const,
  round: (id: string) => ['planning', 'round', id] as const,
  people: (f: PeopleFilter) => ['planning', 'people', f] as const,
  schedule: (f: { year?: number; page: number; pageSize: number }) => ['planning', 'schedule', f] as const,
};

const r = (id: string) => `/api/planning/rounds/${id}`;

export const planningApi = {
  termPlans: () => api.get<ListOf<TermPlan>>('/api/planning/term-plans'),
  termPlan: (id: string) => api.get<TermPlan>(`/api/planning/term-plans/${id}`),
  createTermPlan: (body: TermPlanBody) => api.post<TermPlan>('/api/planning/term-plans', body),
  updateTermPlan: (id: string, body: TermPlanBody) => api.put<TermPlan>(`/api/planning/term-plans/${id}`, body),
  coverage: (id: string) => api.get<CoverageAnswer>(`/api/planning/term-plans/${id}/coverage`),

  calendar: (year: number) => api.get<CalendarYear>('/api/planning/calendar', { year }),
  workingDays: (from: string, to: string) => api.get<{ workingDays: number; dates: string[]; warnings: string[] }>('/api/planning/calendar/working-days', { from, to }),
  setOverride: (date: string, body: { kind: DayOverrideKind; note?: string }) => api.put<unknown>(`/api/planning/calendar/overrides/${date}`, body),
  removeOverride: (date: string) => api.delete<unknown>(`/api/planning/calendar/overrides/${date}`),

  rounds: (f: RoundFilter) => api.get<ListOf<RoundRow>>('/api/planning/rounds', { ...f }),
  round: (id: string) => api.get<RoundDetail>(r(id)),
  createRound: (body: RoundCreateInput) => api.post<RoundDetail>('/api/planning/rounds', body),
  updateRound: (id: string, body: RoundUpdateInput) => api.put<RoundDetail>(r(id), body),
  copyRound: (id: string, body: { number: number; year: number; theme?: string; startDate: string; endDate: string; keepTeams: boolean; asRevisit: boolean }) =>
    api.post<RoundDetail>(`${r(id)}/copy`, body),
  movePhase: (id: string, body: { to: RoundPhase; reason?: string }) => api.post<RoundDetail>(`${r(id)}/phase`, body),
  milestones: (id: string, body: MilestonesInput) => api.put<RoundDetail>(`${r(id)}/milestones`, body),

  addTarget: (id: string, body: TargetCreateInput) => api.post<WithWarnings<Target>>(`${r(id)}/targets`, body),
  updateTarget: (id: string, targetId: string, body: TargetUpdateInput) => api.put<WithWarnings<Target>>(`${r(id)}/targets/${targetId}`, body),
  removeTarget: (id: string, targetId: string) => api.delete<{ ok: true }>(`${r(id)}/targets/${targetId}`),
  assignTeam: (id: string, targetId: string, teamId: string | null) => api.put<WithWarnings<Target>>(`${r(id)}/targets/${targetId}/team`, { teamId }),
  feedback: (id: string, targetId: string, feedbackOn: string | null) => api.put<Target>(`${r(id)}/targets/${targetId}/feedback`, { feedbackOn }),

  createTeam: (id: string, body: TeamRequestInput) => api.post<Team>(`${r(id)}/teams`, body),
  updateTeam: (id: string, teamId: string, body: TeamRequestInput) => api.put<Team>(`${r(id)}/teams/${teamId}`, body),
  deleteTeam: (id: string, teamId: string) => api.delete<{ ok: true }>(`${r(id)}/teams/${teamId}`),
  addMember: (id: string, teamId: string, body: TeamMemberRequestInput) => api.post<WithWarnings<Team>>(`${r(id)}/teams/${teamId}/members`, body),
  removeMember: (id: string, teamId: string, personId: string) => api.delete<Team>(`${r(id)}/teams/${teamId}/members/${personId}`),

  people: (f: PeopleFilter) => api.get<ListOf<Person>>('/api/planning/people', { ...f }),
  createPerson: (body: PersonInput) => api.post<Person>('/api/planning/people', body),
  updatePerson: (id: string, body: PersonInput) => api.put<Person>(`/api/planning/people/${id}`, body),
  deletePerson: (id: string) => api.delete<{ ok: true }>(`/api/planning/people/${id}`),

  schedule: (f: { year?: number; page: number; pageSize: number }) => api.get<ListOf<ScheduleRow>>('/api/planning/schedule', { ...f }),
};

