/**
 * Typed calls of the 大数据比对 关系图谱 (server/analytics/graph.ts) and their query keys; the shapes are
 * the domain's (domain/analytics/graph-types.ts), the ones the server builds.
 */
import type { EdgeType, EvidenceRows, GraphData, GraphEdge, GraphNode, NodeCategory, SubjectSuggestion } from '../../../domain/analytics/graph-types';
import { api } from './client';

export type { EdgeType, EvidenceRows, GraphData, GraphEdge, GraphNode, NodeCategory, SubjectSuggestion };

export interface GraphSubject {
  person?: string;
  company?: string;
}

export const ID_NUMBER_RE = /^\d{17}[\dXx]$/;
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/;

/** What a typed text is: an ID number, a credit code, or a name to look up. */
export function subjectOfText(text: string): GraphSubject | null {
  const s = text.trim();
  if (ID_NUMBER_RE.test(s)) return { person: s.toUpperCase() };
  if (CREDIT_CODE_RE.test(s)) return { company: s.toUpperCase() };
  return null;
}

/** The page's address for a subject (what <GraphLink> opens). */
export function graphPath(s: GraphSubject, depth?: number): string {
  const q = new URLSearchParams();
  if (s.person) q.set('person', s.person);
  else if (s.company) q.set('company', s.company);
  if (depth && depth !== 1) q.set('depth', String(depth));
  return `/analytics/graph?${q.toString()}`;
}

export const graphKeys = {
  graph: (s: GraphSubject, depth: number) => ['analytics', 'graph', s.person ?? null, s.company ?? null, depth] as const,
  subjects: (q: string) => ['analytics', 'graph', 'subjects', q] as const,
};

export const graphApi = {
  graph: (s: GraphSubject, depth: number) => api.get<GraphData>('/api/analytics/graph', { person: s.person, company: s.company, depth }),
  subjects: (q: string) => api.get<{ items: SubjectSuggestion[] }>('/api/analytics/graph/subjects', { q }),
};
