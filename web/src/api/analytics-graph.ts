/**
 * Typed calls of the 大数据比对 关系图谱 (server/analytics/graph.ts) and their query keys.
 */
import { api } from './client';

export type NodeCategory = 'cadre' | 'relative' | 'person' | 'company' | 'village' | 'contract' | 'project' | 'benefit' | 'hit';
export type EdgeType = '亲属' | '法定代表人' | '股东' | '收款' | '承包' | '投标' | '中标' | '领取' | '疑点';

export interface EvidenceRows {
  kind: string;
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | boolean | null>[];
  total: number;
}

export interface GraphNode {
  id: string;
  category: NodeCategory;
  name: string;
  subtitle: string | null;
  amountFen: number;
  subject: boolean;
  details: { label: string; value: string }[];
  evidence: EvidenceRows[];
  hitId?: string;
  person?: string;
  company?: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  type: EdgeType;
  label: string;
  count: number;
  amountFen: number;
}

export interface GraphData {
  subject: { kind: 'person' | 'company'; key: string; name: string | null };
  depth: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  categories: { key: NodeCategory; name: string }[];
  datasets: { id: string; kind: string; name: string; createdAt: string }[];
  notes: string[];
  truncated: boolean;
  totalNodes: number;
}

export interface GraphSubject {
  person?: string;
  company?: string;
}

export interface SubjectSuggestion {
  idNumber: string;
  name: string;
  villageName: string | null;
  role: string;
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
