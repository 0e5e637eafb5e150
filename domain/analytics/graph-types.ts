/**
 * The 大数据比对 relationship view (关系图谱) as the API sends it: server/analytics/graph.ts builds
 * these shapes and web/src/api/analytics-graph.ts reads them, so the type check proves that both sides
 * agree. Types only (instants are ISO strings: this is the JSON).
 */
import type { DatasetKindKey } from './dataset-kinds';

export type NodeCategory = 'cadre' | 'relative' | 'person' | 'company' | 'village' | 'contract' | 'project' | 'benefit' | 'hit';
export type EdgeType = '亲属' | '法定代表人' | '股东' | '收款' | '承包' | '投标' | '中标' | '领取' | '疑点';

/** Evidence rows as stored: amounts in fen and areas in hundredths (amount, annual_rent, bid_price, ceiling_price, area). */
export interface EvidenceRows {
  kind: DatasetKindKey | 'registry';
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | boolean | null>[];
  /** rows there were before the per-node cap */
  total: number;
}

export interface GraphNode {
  id: string;
  category: NodeCategory;
  name: string;
  /** what the label shows under the name (masked ID, post, relation, project status …) */
  subtitle: string | null;
  /** money behind the node in fen (payments, rents, bids won, benefits, hits) */
  amountFen: number;
  subject: boolean;
  details: { label: string; value: string }[];
  evidence: EvidenceRows[];
  /** hits: the id for the 疑点 list link */
  hitId?: string;
  /** persons and companies: what opens their own graph */
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

/** A dataset the graph was read from. */
export interface GraphDataset {
  id: string;
  kind: DatasetKindKey;
  name: string;
  createdAt: string;
}

/** GET /api/analytics/graph */
export interface GraphData {
  subject: { kind: 'person' | 'company'; key: string; name: string | null };
  depth: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  categories: { key: NodeCategory; name: string }[];
  datasets: GraphDataset[];
  /** Chinese notes: truncation, kinds without a dataset */
  notes: string[];
  truncated: boolean;
  totalNodes: number;
}

/** A cadre or relative of the registry offered by the search box (GET /api/analytics/graph/subjects). */
export interface SubjectSuggestion {
  idNumber: string;
  name: string;
  villageName: string | null;
  /** 党支部书记 …, or 某某的配偶 */
  role: string;
}
