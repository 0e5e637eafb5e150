/** Formatting of the 关系图谱 page: money, node sizes and evidence cells. */
import { subjectOfText, type GraphNode, type GraphSubject } from '../../../api/analytics-graph';

/** fen, as 12,345.00 元 */
export const yuanOfFen = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** Node diameter: larger with the money behind it (logarithmic), the subject largest. */
export function nodeSize(n: Pick<GraphNode, 'amountFen' | 'subject'>): number {
  const base = n.amountFen > 0 ? 16 + Math.min(34, 5 * Math.log10(1 + n.amountFen / 100)) : 16;
  return Math.round(n.subject ? Math.max(base, 40) + 8 : base);
}

const MONEY_KEYS = new Set(['amount', 'annual_rent', 'bid_price', 'ceiling_price']);

/** One evidence cell as shown: money in 元, areas in units, yes/no, dataset names. */
export function evidenceCell(key: string, v: string | number | boolean | null, datasets: Map<string, string>): string {
  if (v === null || v === '') return '—';
  if (MONEY_KEYS.has(key)) return yuanOfFen(Number(v));
  if (key === 'area') return (Number(v) / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  if (key === 'won') return v === true ? '中标' : '未中标';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === '_dataset') return datasets.get(String(v)) ?? (String(v) === 'registry' ? '村级组织名册' : String(v));
  return String(v);
}

/**
 * The people and companies a hit's evidence names (columns ending in id_number or credit_code whose
 * value is a well-formed ID number or credit code), each once, for links to their 关系图谱.
 */
export function graphSubjectsOf(columns: { key: string; label: string }[], row: Record<string, unknown>, max = 4): { label: string; subject: GraphSubject }[] {
  const out: { label: string; subject: GraphSubject }[] = [];
  const seen = new Set<string>();
  for (const c of columns) {
    if (!/(^|_)(id_number|credit_code)$/.test(c.key)) continue;
    const v = row[c.key];
    if (typeof v !== 'string') continue;
    const subject = subjectOfText(v);
    if (!subject) continue;
    const k = subject.person ?? subject.company!;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ label: c.label, subject });
    if (out.length >= max) break;
  }
  return out;
}
