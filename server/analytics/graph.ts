/**
 * 大数据比对 relationship view (关系图谱): for a cadre or relative (by ID number) or a company (by
 * unified social credit code), the graph behind the suspicion points — the registry's cadre and
 * relatives, companies where one of them is legal representative or shareholder, village payments to
 * them (aggregated per paying village), collective contracts they hold, bids of the companies
 * (aggregated per project, won or lost), benefit payments they drew (aggregated per item), and the
 * hits whose evidence names any of their ID numbers or credit codes.
 *
 * The data is the latest ready dataset per kind of the actor's scope (or the datasets the user
 * picked), read through DuckDB with the run's `ds_<kind>` views; the cadres come from the registry.
 *
 * Access follows the hits: analytics.read (or manage); the office sees subjects of its scope, a team
 * only subjects named in the evidence of hits it may see (otherwise 404), and only those hits. ID
 * numbers stay whole in the details as in the hits' evidence; node labels mask them.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { isDatasetKindKey, type DatasetKindKey } from '../../domain/analytics/dataset-kinds';
import type { EdgeType, EvidenceRows, GraphData, GraphDataset, GraphEdge, GraphNode, NodeCategory, SubjectSuggestion } from '../../domain/analytics/graph-types';
import { builtinModel } from '../../domain/analytics/models';
import { maskIdNumber } from '../../domain/analytics/models/format';
import { CADRE_SELF } from '../../domain/analytics/models/sql-parts';
import { normaliseName } from '../../domain/analytics/normalise';
import { DomainError } from '../../domain/shared/errors';
import type { Actor, AppContext, Executor } from '../http/context';
import { actsAsTeam } from '../modules/inspections';
import { analyticsEngine } from './engine';
import { createDatasetViews, registryCadres, type CadreRow } from './run';

export const GRAPH_KINDS = ['companies', 'shareholders', 'village_payments', 'contracts', 'bids', 'benefit_payments'] as const satisfies readonly DatasetKindKey[];
type GraphKind = (typeof GRAPH_KINDS)[number];

export const DEFAULT_MAX_NODES = 150;
/** evidence rows kept per node */
const MAX_ROWS_PER_NODE = 50;
/** rows read per query: a subject with more is not a relationship any more but a bulk payee */
const MAX_ROWS_PER_QUERY = 5000;
const MAX_HITS = 100;

const ID_NUMBER = /^\d{17}[\dX]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export const graphQuery = z
  .object({
    person: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => ID_NUMBER.test(s), '身份证号码应为 18 位（最后一位可为 X）')
      .optional(),
    company: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => CREDIT_CODE.test(s), '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）')
      .optional(),
    depth: z.coerce.number().int().min(1, '关系层数为 1 或 2').max(2, '关系层数为 1 或 2').default(1),
    datasetIds: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().uuid('数据集编号无效')).max(50, '最多选择 50 个数据集'))
      .optional(),
    maxNodes: z.coerce.number().int().min(10, '节点上限为 10 至 500').max(500, '节点上限为 10 至 500').default(DEFAULT_MAX_NODES),
  })
  .refine((v) => (v.person === undefined) !== (v.company === undefined), { message: '请输入身份证号码或统一社会信用代码（二选一）', path: ['person'] });
export type GraphQuery = z.infer<typeof graphQuery>;

export const suggestQuery = z.object({ q: z.string().trim().min(1, '请输入姓名或身份证号码').max(30, '搜索词不超过 30 字') });

export const NODE_CATEGORIES: Record<NodeCategory, string> = {
  cadre: '村干部',
  relative: '亲属',
  person: '其他人员',
  company: '企业',
  village: '付款村',
  contract: '合同',
  project: '招标项目',
  benefit: '补贴项目',
  hit: '疑点',
};

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

async function query(conn: DuckDBConnection, text: string, values: DuckDBValue[]): Promise<Row[]> {
  const reader = await conn.runAndReadAll(text, values);
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)])));
}

const placeholders = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
const str = (v: Cell | undefined) => (v === null || v === undefined ? null : String(v));
const num = (v: Cell | undefined) => (v === null || v === undefined ? 0 : Number(v));

// ————————————————————————————————————————— access

interface View {
  scope: string;
  teamOrgId: string | null;
}

function viewOf(actor: Actor): View {
  if (!actor.permissions.has('analytics.read') && !actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '没有查看比对疑点的权限');
  return { scope: actor.scopeCode, teamOrgId: actsAsTeam(actor) ? actor.orgId : null };
}

interface HitRow {
  id: string;
  model_key: string;
  village_code: string | null;
  village_name: string | null;
  amount_fen: number | string | null;
  explanation: string;
  status: string;
  evidence: unknown;
}

/** Hits the actor may see whose evidence names one of the keys (ID numbers or credit codes). */
async function hitsNaming(db: Executor, view: View, keys: string[]): Promise<HitRow[]> {
  if (keys.length === 0) return [];
  let q = db
    .selectFrom('analytics_hits as h')
    .leftJoin('teams as t', 't.id', 'h.team_id')
    .leftJoin('divisions as v', 'v.code', 'h.village_code')
    .select(['h.id', 'h.model_key', 'h.village_code', 'v.name as village_name', 'h.amount_fen', 'h.explanation', 'h.status', 'h.evidence'])
    .where('h.scope_code', 'like', `${view.scope}%`);
  if (view.teamOrgId !== null) q = q.where('t.org_id', '=', view.teamOrgId);
  // keys are validated ID numbers and credit codes: no LIKE wildcards in them
  q = q.where((eb) => eb.or(keys.map((k) => eb(eb.cast('h.evidence', 'text'), 'like', `%${k}%`))));
  return (await q.orderBy('h.amount_fen', 'desc').orderBy('h.id').limit(MAX_HITS).execute()) as HitRow[];
}

// ————————————————————————————————————————— datasets

async function chosenDatasets(db: Executor, scope: string, ids: string[] | undefined) {
  let q = db.selectFrom('analytics_datasets').select(['id', 'kind', 'name', 'created_at', 'status']).where('scope_code', 'like', `${scope}%`).where('status', '=', 'ready');
  if (ids && ids.length > 0) q = q.where('id', 'in', ids);
  else q = q.where('kind', 'in', [...GRAPH_KINDS]);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
  if (ids && ids.length > 0 && rows.length !== new Set(ids).size) throw new DomainError('VALIDATION_FAILED', '所选数据集有的已删除、未导入完成或无权查看，请重新选择');
  const out: GraphDataset[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.kind === null || !isDatasetKindKey(r.kind) || !(GRAPH_KINDS as readonly string[]).includes(r.kind)) continue;
    // without a choice: the latest ready dataset of each kind
    if (!ids?.length && seen.has(r.kind)) continue;
    seen.add(r.kind);
    out.push({ id: r.id, kind: r.kind, name: r.name, createdAt: new Date(r.created_at).toISOString() });
  }
  return out;
}

async function uniqueVillageNames(db: Executor, scope: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name']).where('level', '=', 5).where('code', 'like', `${scope}%`).execute();
  const names = new Map<string, string | null>();
  for (const v of rows) {
    for (const n of new Set([v.name, v.short_name].map((s) => (s ? normaliseName(s).value : null)).filter((s): s is string => !!s))) {
      names.set(n, names.has(n) && names.get(n) !== v.code ? null : v.code);
    }
  }
  return new Map([...names.entries()].filter((e): e is [string, string] => e[1] !== null));
}

// ————————————————————————————————————————— the graph

const LABELS: Record<string, string> = {
  _dataset: '数据集',
  _row: '原表行号',
  name: '姓名',
  id_number: '身份证号码',
  village: '村（社区）',
  village_code: '村级区划代码',
  item: '补贴项目',
  amount: '金额',
  pay_date: '日期',
  payee_name: '收款方',
  payee_id_number: '收款人身份证号码',
  payee_credit_code: '收款单位统一社会信用代码',
  payee_account: '收款账号',
  purpose: '用途',
  voucher_no: '凭证号',
  contract_no: '合同编号',
  lessee_name: '承包（承租）方',
  lessee_id_number: '承包方身份证号码',
  lessee_credit_code: '承包方统一社会信用代码',
  object: '标的物',
  resource_kind: '资源类别',
  area: '面积',
  annual_rent: '年租金',
  start_date: '起始日期',
  end_date: '终止日期',
  minutes_ref: '决议记录',
  project_id: '项目编号',
  project_name: '项目名称',
  bidder_name: '投标人',
  bidder_credit_code: '投标人统一社会信用代码',
  bid_price: '投标报价',
  ceiling_price: '最高限价',
  won: '是否中标',
  bid_date: '开标日期',
  company_name: '企业名称',
  credit_code: '统一社会信用代码',
  legal_rep_name: '法定代表人',
  legal_rep_id_number: '法定代表人身份证号码',
  founded_on: '成立日期',
  status: '登记状态',
  shareholder_name: '股东名称',
  shareholder_id_number: '股东身份证号码',
  share: '持股比例',
  relation: '关系',
  position: '职务',
  cadre_name: '干部姓名',
};

function evidence(kind: EvidenceRows['kind'], title: string, rows: Row[], keys: string[]): EvidenceRows {
  return {
    kind,
    title,
    columns: keys.map((k) => ({ key: k, label: LABELS[k] ?? k })),
    rows: rows.slice(0, MAX_ROWS_PER_NODE).map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]))),
    total: rows.length,
  };
}

class Builder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  node(id: string, init: () => Omit<GraphNode, 'id' | 'evidence' | 'amountFen' | 'subject' | 'details'> & Partial<GraphNode>): GraphNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, amountFen: 0, subject: false, details: [], evidence: [], ...init() };
      this.nodes.set(id, n);
    }
    return n;
  }

  edge(source: string, target: string, type: EdgeType, label: string, amountFen = 0, count = 1): void {
    const key = `${source}|${target}|${type}`;
    const e = this.edges.get(key);
    if (e) {
      e.count += count;
      e.amountFen += amountFen;
    } else this.edges.set(key, { source, target, type, label, count, amountFen });
  }
}

const personId = (idn: string) => `person:${idn}`;
const companyId = (code: string) => `company:${code}`;

/** The relationship graph of a person or company. */
export async function buildGraph(ctx: AppContext, actor: Actor, q: GraphQuery): Promise<GraphData> {
  const view = viewOf(actor);
  const subjectKind = q.person ? 'person' : 'company';
  const subjectKey = (q.person ?? q.company)!;

  // a team sees only subjects its hits name
  if (view.teamOrgId !== null && (await hitsNaming(ctx.db, view, [subjectKey])).length === 0) {
    throw new DomainError('NOT_FOUND', '本组的比对疑点中没有该对象，无权查看其关系图谱');
  }

  const datasets = await chosenDatasets(ctx.db, view.scope, q.datasetIds);
  const kinds = new Set(datasets.map((d) => d.kind));
  const cadres = await registryCadres(ctx.db, view.scope);
  // the registry's families: cadre ID → rows (the cadre and the relatives)
  const families = new Map<string, CadreRow[]>();
  const familyOf = new Map<string, string>();
  for (const r of cadres) {
    if (!r.cadre_id_number) continue;
    families.set(r.cadre_id_number, [...(families.get(r.cadre_id_number) ?? []), r]);
    if (r.id_number && !familyOf.has(r.id_number)) familyOf.set(r.id_number, r.cadre_id_number);
  }
  const registryRow = (idn: string) => cadres.find((r) => r.id_number === idn && r.relation === CADRE_SELF) ?? cadres.find((r) => r.id_number === idn);

  const b = new Builder();
  const notes: string[] = [];
  const missing = GRAPH_KINDS.filter((k) => !kinds.has(k));
  if (missing.length > 0 && !q.datasetIds?.length) notes.push(`本辖区没有可用的${missing.map(kindTitle).join('、')}数据，图谱中不含这些关系`);

  /** persons and companies whose payments, contracts, bids and benefits are read */
  const corePersons = new Set<string>();
  const coreCompanies = new Set<string>();
  const personNames = new Map<string, string>();
  const companyNames = new Map<string, string>();

  const addPerson = (idn: string, name: string | null) => {
    if (name && !personNames.has(idn)) personNames.set(idn, name);
    const reg = registryRow(idn);
    return b.node(personId(idn), () => ({
      category: reg ? (reg.relation === CADRE_SELF ? 'cadre' : 'relative') : 'person',
      name: reg?.name ?? name ?? maskIdNumber(idn),
      subtitle: maskIdNumber(idn),
      person: idn,
    }));
  };
  const addCompany = (code: string, name: string | null) => {
    if (name && !companyNames.has(code)) companyNames.set(code, name);
    return b.node(companyId(code), () => ({ category: 'company', name: name ?? code, subtitle: code, company: code }));
  };

  /** a person's registry family: the cadre and the relatives, linked by 亲属 edges */
  const addFamily = (idn: string): string[] => {
    const cadreId = familyOf.get(idn);
    if (!cadreId) return [idn];
    const family = families.get(cadreId) ?? [];
    const ids: string[] = [];
    for (const r of family) {
      if (!r.id_number) continue;
      ids.push(r.id_number);
      const n = addPerson(r.id_number, r.name);
      if (n.details.length === 0) {
        n.details.push({ label: '身份证号码', value: r.id_number }, { label: '村（社区）', value: r.village ?? r.village_code });
        if (r.relation === CADRE_SELF) n.details.push({ label: '职务', value: r.position ?? '—' });
        else n.details.push({ label: '关系', value: `${r.cadre_name ?? ''}的${r.relation}` });
        n.subtitle = r.relation === CADRE_SELF ? (r.position ?? '村干部') : r.relation;
        n.evidence.push(evidence('registry', '村级组织名册', [r as unknown as Row], ['name', 'id_number', 'village', 'position', 'relation', 'cadre_name']));
      }
      if (r.relation !== CADRE_SELF) b.edge(personId(cadreId), personId(r.id_number), '亲属', r.relation);
    }
    return ids;
  };

  const engine = analyticsEngine(ctx.config);
  const villages = await uniqueVillageNames(ctx.db, view.scope);
  await engine.use(async (conn) => {
    await createDatasetViews(conn, ctx, datasets, villages);
    const has = (k: GraphKind) => kinds.has(k);

    /** companies and shareholders rows touching the persons or companies */
    const links = async (persons: string[], companies: string[]) => {
      const out: { companies: Row[]; shareholders: Row[] } = { companies: [], shareholders: [] };
      if (persons.length + companies.length === 0) return out;
      const p = persons.length ? persons : ['-'];
      const c = companies.length ? companies : ['-'];
      const values = [...p, ...c] as DuckDBValue[];
      if (has('companies')) {
        out.companies = await query(
          conn,
          `SELECT company_name, credit_code, legal_rep_name, legal_rep_id_number, founded_on, status, _dataset, _row FROM ds_companies
            WHERE legal_rep_id_number IN (${placeholders(1, p.length)}) OR credit_code IN (${placeholders(p.length + 1, c.length)}) ORDER BY credit_code, _row LIMIT ${MAX_ROWS_PER_QUERY}`,
          values,
        );
      }
      if (has('shareholders')) {
        out.shareholders = await query(
          conn,
          `SELECT credit_code, company_name, shareholder_name, shareholder_id_number, share, _dataset, _row FROM ds_shareholders
            WHERE shareholder_id_number IN (${placeholders(1, p.length)}) OR credit_code IN (${placeholders(p.length + 1, c.length)}) ORDER BY credit_code, _row LIMIT ${MAX_ROWS_PER_QUERY}`,
          values,
        );
      }
      return out;
    };

    /** adds the company links (each row once); returns the persons and companies they name */
    const seenRows = new Set<string>();
    const addLinks = (l: { companies: Row[]; shareholders: Row[] }) => {
      const persons = new Set<string>();
      const companies = new Set<string>();
      const fresh = (r: Row) => {
        const key = `${String(r._dataset)}:${String(r._row)}`;
        if (seenRows.has(key)) return false;
        seenRows.add(key);
        return true;
      };
      for (const r of l.companies) {
        const code = str(r.credit_code);
        if (!code) continue;
        companies.add(code);
        const rep = str(r.legal_rep_id_number);
        if (rep) persons.add(rep);
        if (!fresh(r)) continue;
        const co = addCompany(code, str(r.company_name));
        if (!co.evidence.some((e) => e.kind === 'companies')) {
          co.details.push({ label: '统一社会信用代码', value: code }, { label: '法定代表人', value: str(r.legal_rep_name) ?? '—' }, { label: '成立日期', value: str(r.founded_on) ?? '—' }, { label: '登记状态', value: str(r.status) ?? '—' });
          co.evidence.push(evidence('companies', '市场主体登记', [r], ['company_name', 'credit_code', 'legal_rep_name', 'legal_rep_id_number', 'founded_on', 'status', '_dataset', '_row']));
        }
        if (rep) {
          addPerson(rep, str(r.legal_rep_name));
          b.edge(personId(rep), companyId(code), '法定代表人', '法定代表人');
        }
      }
      const byCompany = new Map<string, Row[]>();
      for (const r of l.shareholders) {
        const code = str(r.credit_code);
        if (!code) continue;
        companies.add(code);
        const idn = str(r.shareholder_id_number);
        if (idn) persons.add(idn);
        if (!fresh(r)) continue;
        addCompany(code, str(r.company_name));
        byCompany.set(code, [...(byCompany.get(code) ?? []), r]);
        if (idn) {
          addPerson(idn, str(r.shareholder_name));
          b.edge(personId(idn), companyId(code), '股东', r.share ? `股东 ${String(r.share)}` : '股东');
        }
      }
      for (const [code, rows] of byCompany) b.nodes.get(companyId(code))!.evidence.push(evidence('shareholders', '企业股东', rows, ['company_name', 'credit_code', 'shareholder_name', 'shareholder_id_number', 'share', '_dataset', '_row']));
      return { persons, companies };
    };
    const companiesOf = async (persons: Set<string>) => addLinks(await links([...persons], [])).companies;
    const familiesOf = async (companies: Set<string>) => {
      const out = new Set<string>();
      for (const p of addLinks(await links([], [...companies])).persons) for (const idn of addFamily(p)) out.add(idn);
      return out;
    };

    // the core, whose money is read: a person's registry family and their companies, or a company,
    // its people and their families; depth 2 goes one step further
    if (subjectKind === 'person') {
      const s = addPerson(subjectKey, null);
      s.subject = true;
      for (const idn of addFamily(subjectKey)) corePersons.add(idn);
      for (let step = 1; step <= q.depth; step++) {
        for (const c of await companiesOf(corePersons)) coreCompanies.add(c);
        if (step < q.depth) for (const p of await familiesOf(coreCompanies)) corePersons.add(p);
      }
    } else {
      addCompany(subjectKey, null).subject = true;
      coreCompanies.add(subjectKey);
      for (let step = 1; step <= q.depth; step++) {
        for (const p of await familiesOf(coreCompanies)) corePersons.add(p);
        if (step < q.depth) for (const c of await companiesOf(corePersons)) coreCompanies.add(c);
      }
    }
    // the edge of the graph: the other people of the core's companies and the other companies of its people
    addLinks(await links([...corePersons], [...coreCompanies]));
    const persons = [...corePersons];
    const companies = [...coreCompanies];
    const p = persons.length ? persons : ['-'];
    const c = companies.length ? companies : ['-'];
    const pv = [...p, ...c] as DuckDBValue[];
    const payeeOf = (r: Row, idCol: string, codeCol: string) => {
      const code = str(r[codeCol]);
      if (code && coreCompanies.has(code)) return companyId(code);
      const idn = str(r[idCol]);
      return idn && corePersons.has(idn) ? personId(idn) : null;
    };

    // village payments, per paying village
    if (has('village_payments')) {
      const rows = await query(
        conn,
        `SELECT village, village_code, payee_name, payee_id_number, payee_credit_code, payee_account, amount, pay_date, purpose, voucher_no, _dataset, _row FROM ds_village_payments
          WHERE payee_id_number IN (${placeholders(1, p.length)}) OR payee_credit_code IN (${placeholders(p.length + 1, c.length)})
          ORDER BY village_code, pay_date, _row LIMIT ${MAX_ROWS_PER_QUERY}`,
        pv,
      );
      const groups = new Map<string, { payee: string; rows: Row[] }>();
      for (const r of rows) {
        const payee = payeeOf(r, 'payee_id_number', 'payee_credit_code');
        if (!payee) continue;
        const v = str(r.village_code) ?? str(r.village) ?? '未知';
        const vid = `village:${v}`;
        const vn = b.node(vid, () => ({ category: 'village', name: str(r.village) ?? v, subtitle: str(r.village_code) }));
        vn.amountFen += num(r.amount);
        const g = groups.get(`${vid}|${payee}`) ?? { payee, rows: [] };
        g.rows.push(r);
        groups.set(`${vid}|${payee}`, g);
      }
      for (const [key, g] of groups) {
        const vid = key.slice(0, key.indexOf('|'));
        const total = g.rows.reduce((s, r) => s + num(r.amount), 0);
        b.edge(vid, g.payee, '收款', `付款 ${g.rows.length} 笔 ${yuan(total)}`, total, g.rows.length);
        b.nodes.get(g.payee)!.amountFen += total;
        const cols = ['village', 'payee_name', 'payee_id_number', 'payee_credit_code', 'payee_account', 'amount', 'pay_date', 'purpose', 'voucher_no', '_dataset', '_row'];
        const title = `${b.nodes.get(vid)!.name}付给${b.nodes.get(g.payee)!.name}的款项`;
        b.nodes.get(vid)!.evidence.push(evidence('village_payments', title, g.rows, cols));
        b.nodes.get(g.payee)!.evidence.push(evidence('village_payments', title, g.rows, cols));
      }
      for (const n of b.nodes.values()) if (n.category === 'village') n.details = [{ label: '付款合计', value: yuan(n.amountFen) }];
    }

    // collective contracts held
    if (has('contracts')) {
      const rows = await query(
        conn,
        `SELECT village, village_code, contract_no, lessee_name, lessee_id_number, lessee_credit_code, object, resource_kind, area, annual_rent, start_date, end_date, minutes_ref, _dataset, _row FROM ds_contracts
          WHERE lessee_id_number IN (${placeholders(1, p.length)}) OR lessee_credit_code IN (${placeholders(p.length + 1, c.length)})
          ORDER BY village_code, start_date, _row LIMIT ${MAX_ROWS_PER_QUERY}`,
        pv,
      );
      for (const r of rows) {
        const lessee = payeeOf(r, 'lessee_id_number', 'lessee_credit_code');
        if (!lessee) continue;
        const id = `contract:${String(r._dataset)}:${String(r._row)}`;
        const rent = num(r.annual_rent);
        const n = b.node(id, () => ({ category: 'contract', name: str(r.object) ?? str(r.contract_no) ?? '合同', subtitle: str(r.village) }));
        n.amountFen = rent;
        n.details = [
          { label: '合同编号', value: str(r.contract_no) ?? '—' },
          { label: '村（社区）', value: str(r.village) ?? '—' },
          { label: '年租金', value: yuan(rent) },
          { label: '期限', value: `${str(r.start_date) ?? '?'} 至 ${str(r.end_date) ?? '?'}` },
          { label: '决议记录', value: str(r.minutes_ref) ?? '无' },
        ];
        n.evidence = [evidence('contracts', '集体资产资源合同', [r], ['village', 'contract_no', 'lessee_name', 'lessee_id_number', 'lessee_credit_code', 'object', 'resource_kind', 'area', 'annual_rent', 'start_date', 'end_date', 'minutes_ref', '_dataset', '_row'])];
        b.edge(lessee, id, '承包', `承包 年租金 ${yuan(rent)}`, rent);
      }
    }

    // bids of the companies, per project
    if (has('bids') && companies.length > 0) {
      const rows = await query(
        conn,
        `SELECT project_id, project_name, village, village_code, ceiling_price, bidder_name, bidder_credit_code, bid_price, won, bid_date, _dataset, _row FROM ds_bids
          WHERE bidder_credit_code IN (${placeholders(1, companies.length)}) ORDER BY project_id, _row LIMIT ${MAX_ROWS_PER_QUERY}`,
        companies,
      );
      const byProject = new Map<string, Row[]>();
      for (const r of rows) byProject.set(String(r.project_id), [...(byProject.get(String(r.project_id)) ?? []), r]);
      for (const [project, list] of byProject) {
        const first = list[0]!;
        const id = `project:${project}`;
        const n = b.node(id, () => ({ category: 'project', name: str(first.project_name) ?? project, subtitle: str(first.village) }));
        n.details = [
          { label: '项目编号', value: project },
          { label: '村（社区）', value: str(first.village) ?? '—' },
          { label: '最高限价', value: first.ceiling_price === null ? '—' : yuan(num(first.ceiling_price)) },
        ];
        n.evidence = [evidence('bids', '投标记录', list, ['project_id', 'project_name', 'village', 'bidder_name', 'bidder_credit_code', 'bid_price', 'ceiling_price', 'won', 'bid_date', '_dataset', '_row'])];
        for (const r of list) {
          const code = String(r.bidder_credit_code);
          const won = r.won === true;
          const price = num(r.bid_price);
          b.edge(companyId(code), id, won ? '中标' : '投标', `${won ? '中标' : '投标'} ${yuan(price)}`, won ? price : 0);
          if (won) {
            n.amountFen += price;
            b.nodes.get(companyId(code))!.amountFen += price;
          }
          b.nodes.get(companyId(code))!.evidence.push(evidence('bids', `投标：${n.name}`, [r], ['project_id', 'project_name', 'village', 'bid_price', 'won', 'bid_date', '_dataset', '_row']));
        }
      }
    }

    // benefits drawn, per item
    if (has('benefit_payments') && persons.length > 0) {
      const rows = await query(
        conn,
        `SELECT name, id_number, village, item, amount, pay_date, area, account, _dataset, _row FROM ds_benefit_payments
          WHERE id_number IN (${placeholders(1, persons.length)}) ORDER BY id_number, item, pay_date, _row LIMIT ${MAX_ROWS_PER_QUERY}`,
        persons,
      );
      const groups = new Map<string, Row[]>();
      for (const r of rows) {
        const k = `${String(r.id_number)}|${str(r.item) ?? '未注明项目'}`;
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      for (const [k, list] of groups) {
        const [idn, item] = k.split('|') as [string, string];
        const id = `benefit:${item}`;
        const total = list.reduce((s, r) => s + num(r.amount), 0);
        const n = b.node(id, () => ({ category: 'benefit', name: item, subtitle: null }));
        n.amountFen += total;
        const title = `${b.nodes.get(personId(idn))!.name}领取的${item}`;
        n.evidence.push(evidence('benefit_payments', title, list, ['name', 'id_number', 'village', 'item', 'amount', 'pay_date', 'area', 'account', '_dataset', '_row']));
        b.nodes.get(personId(idn))!.evidence.push(evidence('benefit_payments', title, list, ['village', 'item', 'amount', 'pay_date', 'area', 'account', '_dataset', '_row']));
        b.nodes.get(personId(idn))!.amountFen += total;
        b.edge(personId(idn), id, '领取', `领取 ${list.length} 笔 ${yuan(total)}`, total, list.length);
      }
      for (const n of b.nodes.values()) if (n.category === 'benefit') n.details = [{ label: '领取合计', value: yuan(n.amountFen) }];
    }
  });

  // paying villages named by the registry's divisions when the data had only the code
  const codes = [...b.nodes.values()].filter((n) => n.category === 'village' && /^\d{12}$/.test(n.name)).map((n) => n.name);
  if (codes.length > 0) {
    const names = await ctx.db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute();
    for (const d of names) b.nodes.get(`village:${d.code}`)!.name = d.name;
  }
  // names the data gave after the node was made from an ID alone
  for (const [idn, name] of personNames) {
    const n = b.nodes.get(personId(idn));
    if (n && n.name === maskIdNumber(idn)) n.name = name;
  }
  for (const [code, name] of companyNames) {
    const n = b.nodes.get(companyId(code));
    if (n && n.name === code && name !== code) n.name = name;
  }
  for (const n of b.nodes.values()) {
    if (n.person && !n.details.some((d) => d.label === '身份证号码')) n.details.unshift({ label: '身份证号码', value: n.person });
    if (n.company && n.details.length === 0) n.details.push({ label: '统一社会信用代码', value: n.company });
  }

  // the hits naming any of the persons or companies
  const keys = [...b.nodes.values()].map((n) => n.person ?? n.company).filter((k): k is string => !!k);
  const hits = await hitsNaming(ctx.db, view, keys);
  for (const h of hits) {
    const text = JSON.stringify(h.evidence ?? {});
    const id = `hit:${h.id}`;
    const amount = h.amount_fen === null ? 0 : Number(h.amount_fen);
    const modelName = builtinModel(h.model_key)?.name ?? h.model_key;
    b.node(id, () => ({
      category: 'hit',
      name: modelName,
      subtitle: h.village_name,
      amountFen: amount,
      hitId: h.id,
      details: [
        { label: '说明', value: h.explanation },
        { label: '村（社区）', value: h.village_name ?? '—' },
        { label: '状态', value: ({ pending: '待核实', confirmed: '已确认', dismissed: '已排除' } as Record<string, string>)[h.status] ?? h.status },
        { label: '涉及金额', value: yuan(amount) },
      ],
    }));
    for (const k of keys) {
      if (!text.includes(k)) continue;
      b.edge(b.nodes.has(personId(k)) ? personId(k) : companyId(k), id, '疑点', '疑点');
    }
  }

  const subjectNode = b.nodes.get(subjectKind === 'person' ? personId(subjectKey) : companyId(subjectKey))!;
  const found = b.nodes.size > 1 || subjectNode.evidence.length > 0 || hits.length > 0;
  if (!found) throw new DomainError('NOT_FOUND', subjectKind === 'person' ? '村级组织名册和比对数据中都没有这个身份证号码' : '比对数据中没有这个统一社会信用代码');

  // caps: the subject, persons and companies first, then hits, money and the rest by amount
  const rank: Record<NodeCategory, number> = { cadre: 0, relative: 0, person: 1, company: 1, hit: 2, village: 3, project: 3, benefit: 3, contract: 4 };
  const all = [...b.nodes.values()];
  const ordered = [...all].sort((x, y) => Number(y.subject) - Number(x.subject) || rank[x.category] - rank[y.category] || y.amountFen - x.amountFen || x.id.localeCompare(y.id));
  const kept = ordered.slice(0, q.maxNodes);
  const keptIds = new Set(kept.map((n) => n.id));
  const truncated = kept.length < all.length;
  if (truncated) notes.unshift(`关系较多，只显示了其中 ${kept.length} 个节点（共 ${all.length} 个），优先保留人员、企业和疑点；可改为 1 层关系或选择数据集缩小范围`);
  const edges = [...b.edges.values()].filter((e) => keptIds.has(e.source) && keptIds.has(e.target));

  return {
    subject: { kind: subjectKind, key: subjectKey, name: subjectNode.name === subjectKey || subjectNode.name === maskIdNumber(subjectKey) ? null : subjectNode.name },
    depth: q.depth,
    nodes: kept,
    edges,
    categories: (Object.keys(NODE_CATEGORIES) as NodeCategory[]).map((k) => ({ key: k, name: NODE_CATEGORIES[k] })),
    datasets,
    notes,
    truncated,
    totalNodes: all.length,
  };
}

const KIND_TITLES: Record<GraphKind, string> = {
  companies: '市场主体登记',
  shareholders: '企业股东',
  village_payments: '村级支付',
  contracts: '集体资产资源合同',
  bids: '招投标',
  benefit_payments: '补贴救助发放',
};
const kindTitle = (k: GraphKind) => KIND_TITLES[k];

/** Cadres and relatives of the registry matching a name or the start of an ID number (the search box). */
export async function suggestSubjects(ctx: AppContext, actor: Actor, q: string): Promise<SubjectSuggestion[]> {
  const view = viewOf(actor);
  let villages: string[] | null = null;
  if (view.teamOrgId !== null) {
    // a team: the villages of its hits
    const rows = await ctx.db
      .selectFrom('analytics_hits as h')
      .innerJoin('teams as t', 't.id', 'h.team_id')
      .select('h.village_code')
      .distinct()
      .where('t.org_id', '=', view.teamOrgId)
      .where('h.scope_code', 'like', `${view.scope}%`)
      .where('h.village_code', 'is not', null)
      .execute();
    villages = rows.map((r) => r.village_code!);
    if (villages.length === 0) return [];
  }
  const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const prefix = `${q.toUpperCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  let cq = ctx.db
    .selectFrom('cadres as c')
    .leftJoin('divisions as d', 'd.code', 'c.village_code')
    .select(['c.id', 'c.name', 'c.id_number', 'c.positions', 'd.name as village_name'])
    .where('c.village_code', 'like', `${view.scope}%`);
  if (villages) cq = cq.where('c.village_code', 'in', villages);
  const own = await cq.where((eb) => eb.or([eb('c.name', 'like', like), eb('c.id_number', 'like', prefix)])).orderBy('c.name').limit(20).execute();
  let rq = ctx.db
    .selectFrom('cadre_relatives as r')
    .innerJoin('cadres as c', 'c.id', 'r.cadre_id')
    .leftJoin('divisions as d', 'd.code', 'c.village_code')
    .select(['r.name', 'r.id_number', 'r.relation', 'c.name as cadre_name', 'd.name as village_name'])
    .where('c.village_code', 'like', `${view.scope}%`)
    .where('r.id_number', 'is not', null);
  if (villages) rq = rq.where('c.village_code', 'in', villages);
  const rel = await rq.where((eb) => eb.or([eb('r.name', 'like', like), eb('r.id_number', 'like', prefix)])).orderBy('r.name').limit(20).execute();
  const out: SubjectSuggestion[] = [
    ...own.map((c) => ({ idNumber: c.id_number, name: c.name, villageName: c.village_name, role: (Array.isArray(c.positions) ? (c.positions as string[]) : []).join('、') || '村干部' })),
    ...rel.filter((r) => r.id_number).map((r) => ({ idNumber: r.id_number!, name: r.name, villageName: r.village_name, role: `${r.cadre_name}的${r.relation}` })),
  ];
  return out.slice(0, 20);
}
