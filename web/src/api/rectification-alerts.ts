/**
 * Typed calls of 三色预警: each user's to-do list, the office's board, settings and job run, and the
 * reminders (催办), talks (约谈) and accountability decisions (问责). Shapes follow
 * server/modules/rectification-alerts/alerts.routes.ts.
 */
import type { AlertLevel, AlertSettings, InterventionGround, InterventionKind } from '../../../domain/rectification';
import { api } from './client';
import type { ListOf } from './types';

export interface Todo {
  id: string;
  type: 'alert' | 'reminder';
  itemId: string;
  itemCode: string;
  problem: string;
  place: string;
  itemStatusName: string;
  level: AlertLevel | null;
  levelName: string | null;
  dueOn: string | null;
  daysLeft: number | null;
  /** why the alert reached this user: 经办人, 责任领导, 牵头单位… */
  roles: string[];
  /** a reminder's text */
  message: string;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface BoardItem {
  id: string;
  code: string;
  roundId: string;
  roundLabel: string;
  problem: string;
  place: string;
  townCode: string;
  statusName: string;
  kindName: string;
  dueOn: string;
  daysLeft: number;
  level: AlertLevel;
  levelName: string;
  /** the highest level already sent for the current due date */
  sentLevel: AlertLevel | null;
  responsibleUnitName: string;
  responsibleLeader: string;
  handler: string;
  leadUnitName: string;
  interventions: number;
}

export interface Board extends ListOf<BoardItem> {
  date: string;
  settings: AlertSettings;
  counts: Record<AlertLevel, number>;
  towns: { townCode: string; townName: string; green: number; yellow: number; red: number; total: number }[];
}

export interface BoardFilter {
  roundId?: string;
  townCode?: string;
  level?: AlertLevel;
  q?: string;
  page: number;
  pageSize: number;
}

export interface AlertRunResult {
  date: string;
  checked: number;
  sent: number;
  byLevel: Record<AlertLevel, number>;
  todos: number;
}

export interface Intervention {
  id: string;
  kind: InterventionKind;
  kindName: string;
  ground: InterventionGround;
  groundName: string;
  happenedOn: string;
  persons: string;
  content: string;
  accountabilityKind: string | null;
  accountabilityKindName: string | null;
  decisionNo: string;
  items: { id: string; code: string; problem: string }[];
  createdByName: string;
  createdAt: string;
}

export interface InterventionBody {
  kind: InterventionKind;
  ground: InterventionGround;
  itemIds: string[];
  happenedOn: string;
  persons: string;
  content: string;
  accountabilityKind?: string | null;
  decisionNo?: string;
}

/** 问责方式, as the server's alerts.inputs.ts lists them. */
export const ACCOUNTABILITY_KINDS = {
  inspection: '责令作出书面检查',
  notice: '通报',
  reorganise: '改组',
  admonish: '诫勉',
  organisational: '组织调整或者组织处理',
  discipline: '纪律处分',
} as const;

export const alertKeys = {
  all: ['rectification', 'alerts'] as const,
  todos: (unread: boolean, page: number, pageSize: number) => ['rectification', 'alerts', 'todos', unread, page, pageSize] as const,
  board: (f: BoardFilter) => ['rectification', 'alerts', 'board', f] as const,
  settings: ['rectification', 'alerts', 'settings'] as const,
  interventions: (q: { itemId?: string; roundId?: string; page: number }) => ['rectification', 'alerts', 'interventions', q] as const,
};

export const alertsApi = {
  todos: (q: { unread?: boolean; page: number; pageSize: number }) =>
    api.get<ListOf<Todo> & { unread: number }>('/api/rectification/todos', { unread: q.unread ? '1' : undefined, page: q.page, pageSize: q.pageSize }),
  markRead: (id: string) => api.post<{ ok: true }>(`/api/rectification/todos/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ marked: number }>('/api/rectification/todos/read-all'),
  board: (f: BoardFilter) => api.get<Board>('/api/rectification/alerts/board', { ...f }),
  run: () => api.post<AlertRunResult>('/api/rectification/alerts/run'),
  settings: () => api.get<AlertSettings>('/api/rectification/alerts/settings'),
  updateSettings: (body: AlertSettings) => api.put<AlertSettings>('/api/rectification/alerts/settings', body),
  interventions: (q: { itemId?: string; roundId?: string; page: number; pageSize: number }) => api.get<ListOf<Intervention>>('/api/rectification/interventions', { ...q }),
  createIntervention: (body: InterventionBody) => api.post<Intervention & { todos: number }>('/api/rectification/interventions', body),
};
