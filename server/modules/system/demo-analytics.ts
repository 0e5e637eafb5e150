/**
 * The demo's 大数据比对 (issue 7 item 7), through the same services the routes call: the office
 * receives government spreadsheets for the demo county in the shapes offices get them (a GBK CSV from
 * 民政 and 公安, .xlsx with a title row and a two-row merged header, UTF-8 CSVs with a BOM), uploads
 * each, takes the suggested mapping and imports it as a job; runs every built-in model for this
 * year's round; the teams verify the hits of their villages into every state (confirmed into a draft
 * finding and into a lead, dismissed for each reason) and the office reopens one.
 *
 * The planted cases are the model library's fixtures (server/analytics/fixtures: a positive and
 * near-miss negatives for every model) moved into the demo county: the fixtures' four villages become
 * four villages of this year's round (two teams), their ID numbers and credit codes are re-issued
 * with 溧阳's area code and valid check characters, and the fixtures' cadres and relatives become the
 * demo registry's own cadres in those villages (a relative the registry lacks — a father, a brother —
 * is added to the registry first), so ds_cadres, which comes from the registry, finds them. Around
 * them, a few thousand ordinary rows of people who trigger nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { datasetKind, type DatasetKindKey, type StandardField } from '../../../domain/analytics/dataset-kinds';
import { BUILTIN_MODELS } from '../../../domain/analytics/models';
import { creditCodeCheckChar } from '../../../domain/shared/credit-code';
import { DomainError } from '../../../domain/shared/errors';
import { idNumberCheckChar } from '../../../domain/shared/id-number';
import { addDays } from '../../../domain/shared/calendar';
import { roundTeams } from '../../analytics/run';
import { MODEL_FIXTURES, V1, V2, V3, V4, type FixtureRow, type Village } from '../../analytics/fixtures';
import type { Actor, AppContext } from '../../http/context';
import { runJobsUntilIdle, waitForJob } from '../../jobs';
import { writeAudit } from '../access';
import { confirmImport, createUpload, engineOf, getDataset, newUploadId, registerImportJob } from '../analytics/datasets.service';
import { confirmHit, dismissHit, HIT_STATUS_LIST, listHits, reopenHit, type HitStatus } from '../analytics/hits.service';
import { createRun, registerRunJob } from '../analytics/runs.service';
import { uploadFile } from '../../analytics/store';
import { chinaDate } from '../planning';
import type { DemoAccounts } from './demo-work';
import { mulberry32 as rng } from '../../../domain/shared/random';

export interface DemoAnalyticsSummary {
  datasets: { name: string; kind: DatasetKindKey; fileName: string; rows: number; flagged: number; rejected: number }[];
  models: number;
  roundLabel: string;
  villages: { code: string; name: string; team: string }[];
  hits: number;
  byModel: Record<string, number>;
  byStatus: Record<HitStatus, number>;
  dismissed: Record<string, number>;
  findingId: string;
  leadId: string;
  reopened: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢史';
const GIVEN = ['建国', '国强', '志刚', '海波', '永明', '立新', '卫东', '金生', '保平', '家兴', '秀英', '桂兰', '玉梅', '丽娟', '海燕', '春花', '红梅', '美玲', '金凤', '亚萍', '彩霞', '福根', '小妹', '荷英'];

interface Person {
  name: string;
  id_number: string;
}

// — moving the fixtures into the demo county —

interface Transplant {
  county: string;
  /** fixture ID number → the demo's */
  ids: Map<string, string>;
  /** fixture person name → the demo's (the cadres and relatives, and namesakes kept as near misses) */
  names: Map<string, string>;
  credit: Map<string, string>;
  villages: Map<string, { code: string; name: string; town: string }>;
  /** plain text replacements (village and town names, the county, plate prefix) */
  text: [string, string][];
  taken: Set<string>;
}

function reissueId(t: Transplant, fixtureId: string): string {
  const known = t.ids.get(fixtureId);
  if (known) return known;
  let seq = Number(fixtureId.slice(14, 17));
  for (;;) {
    const first17 = `${t.county}${fixtureId.slice(6, 14)}${String(seq).padStart(3, '0')}`;
    const id = first17 + idNumberCheckChar(first17);
    if (!t.taken.has(id)) {
      t.taken.add(id);
      t.ids.set(fixtureId, id);
      return id;
    }
    seq = (seq + 2) % 1000; // keep the gender digit's parity
  }
}

function reissueCredit(t: Transplant, code: string): string {
  const known = t.credit.get(code);
  if (known) return known;
  const first17 = `91${t.county}${code.slice(8, 17)}`;
  const out = first17 + creditCodeCheckChar(first17);
  t.credit.set(code, out);
  return out;
}

function retext(t: Transplant, s: string): string {
  let out = s;
  for (const [from, to] of t.text) out = out.split(from).join(to);
  return out;
}

/** A fixture row as the demo's stored values (same shape: fen, hundredths, ISO dates). */
function moveRow(t: Transplant, kind: DatasetKindKey, row: FixtureRow): FixtureRow {
  const out: FixtureRow = {};
  for (const field of datasetKind(kind).fields) {
    const v = row[field.key];
    if (v === undefined || v === null) {
      out[field.key] = null;
      continue;
    }
    if (typeof v !== 'string') {
      out[field.key] = v;
      continue;
    }
    switch (field.type) {
      case 'id_number':
        out[field.key] = reissueId(t, v);
        break;
      case 'credit_code':
        out[field.key] = reissueCredit(t, v);
        break;
      case 'village_code':
        out[field.key] = t.villages.get(v)?.code ?? v;
        break;
      case 'name':
        out[field.key] = t.names.get(v) ?? retext(t, v);
        break;
      case 'phone':
        out[field.key] = v.startsWith('0531') ? `0519${v.slice(4)}` : v;
        break;
      default:
        out[field.key] = retext(t, v);
    }
  }
  return out;
}

// — writing the files offices receive —

const yuan = (fen: number) => (fen / 100).toFixed(2);
const areaText = (hundredths: number) => (hundredths / 100).toFixed(2);
const cnDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** A cell as the source office writes it. */
function cellText(field: StandardField, v: FixtureValueOut, style: 'iso' | 'cn' | 'dot'): string {
  if (v === null) return '';
  switch (field.type) {
    case 'amount':
      return yuan(Number(v));
    case 'area':
      return areaText(Number(v));
    case 'bool':
      return v ? '中标' : '未中标';
    case 'date': {
      const s = String(v);
      return style === 'cn' ? cnDate(s) : style === 'dot' ? s.replaceAll('-', '.') : s;
    }
    default:
      return String(v);
  }
}
type FixtureValueOut = FixtureRow[string];

interface FileSpec {
  kind: DatasetKindKey;
  name: string;
  sourceName: string;
  fileName: string;
  format: 'gbk' | 'bom' | 'xlsx-title' | 'xlsx-merged';
  /** the standard fields written, in this order, under these headers */
  columns: [field: string, header: string][];
  dates: 'iso' | 'cn' | 'dot';
  /** a title over the table (.xlsx) */
  title?: string;
  /** two-row header: a group title over the given consecutive columns */
  group?: { title: string; from: number; count: number };
  rows: FixtureRow[];
  /** cells written as the source had them (traditional characters, a 15-digit ID number) */
  overrides?: Map<FixtureRow, Record<string, string>>;
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

async function writeFile(dir: string, spec: FileSpec): Promise<string> {
  const fields = spec.columns.map(([key]) => datasetKind(spec.kind).fields.find((f) => f.key === key)!);
  const headers = spec.columns.map(([, h]) => h);
  const lines = spec.rows.map((r) => fields.map((f) => spec.overrides?.get(r)?.[f.key] ?? cellText(f, r[f.key] ?? null, spec.dates)));
  const file = path.join(dir, spec.fileName);
  if (spec.format === 'gbk' || spec.format === 'bom') {
    const text = [headers, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
    fs.writeFileSync(file, spec.format === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    return file;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  const width = headers.length;
  sheet.addRow([spec.title ?? spec.name]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([`填报单位：${spec.sourceName}`]);
  const g = spec.group;
  if (spec.format === 'xlsx-merged' && g) {
    const top = headers.map((h, i) => (i === g.from ? g.title : i > g.from && i < g.from + g.count ? '' : h));
    const sub = headers.map((h, i) => (i >= g.from && i < g.from + g.count ? h : ''));
    const r1 = sheet.addRow(top).number;
    sheet.addRow(sub);
    for (let c = 1; c <= width; c++) {
      const i = c - 1;
      if (i >= g.from && i < g.from + g.count) continue;
      sheet.mergeCells(r1, c, r1 + 1, c);
    }
    sheet.mergeCells(r1, g.from + 1, r1, g.from + g.count);
  } else {
    sheet.addRow(headers);
  }
  for (const l of lines) sheet.addRow(l);
  sheet.columns.forEach((c) => (c.width = 16));
  await workbook.xlsx.writeFile(file);
  return file;
}

// — the demo —

export interface DemoAnalyticsDeps {
  accounts: DemoAccounts;
  actorOf: (userId: string) => Promise<Actor>;
}

const FIX = MODEL_FIXTURES.rows;

/**
 * Builds the demo's 大数据比对 part: datasets imported, all models run for this year's round, hits
 * verified into every state. Needs the registry, this year's round with its teams and the office.
 */
export async function buildDemoAnalytics(ctx: AppContext, county: string, deps: DemoAnalyticsDeps): Promise<DemoAnalyticsSummary> {
  registerImportJob();
  registerRunJob();
  const office = await deps.actorOf(deps.accounts.officeUserId);
  const now = ctx.now();
  // a step on `date` runs on that day's clock (10:00 in China, never later than now)
  const at = (date: string, hour = 10): AppContext => {
    const t = new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);
    return { ...ctx, now: () => (t < now ? t : now) };
  };
  const year = Number(chinaDate(now).slice(0, 4));
  const rounds = await ctx.db.selectFrom('rounds').select(['id', 'year', 'number', 'start_date']).where('scope_code', '=', county).where('year', '=', year).orderBy('number').execute();
  let round: { id: string; year: number; number: number; start_date: string } | undefined;
  let teams = new Map<string, string>();
  for (const r of rounds) {
    teams = await roundTeams(ctx.db, r.id);
    if (teams.size >= 4) {
      round = r;
      break;
    }
  }
  if (!round) throw new DomainError('CONFLICT', '演示数据：今年的巡察轮次没有足够的巡察对象，无法生成大数据比对数据');
  // the office imports the data and runs the models in the week before the teams enter; the teams verify on site
  const entry = String(round.start_date);
  const importing = at(addDays(entry, -9));
  const running = at(addDays(entry, -7));
  const onSite = (day: number) => at(addDays(entry, 3 + day), 15);

  // the round's teams (their rows) belong to the demo's team organisations
  const teamRows = await ctx.db.selectFrom('teams').select(['id', 'org_id']).where('round_id', '=', round.id).execute();
  const orgOfTeam = new Map(teamRows.map((r) => [r.id, r.org_id]));
  // four villages of the round, two per team (teams with a member who writes papers first)
  const byTeam = new Map<string, string[]>();
  for (const [village, team] of [...teams.entries()].sort()) {
    const org = orgOfTeam.get(team);
    if (org) byTeam.set(org, [...(byTeam.get(org) ?? []), village]);
  }
  const teamOrder = deps.accounts.teams.map((x) => x.orgId).filter((id) => (byTeam.get(id)?.length ?? 0) >= 1);
  const chosen: string[] = [];
  for (const teamId of teamOrder.slice(0, 2)) chosen.push(...byTeam.get(teamId)!.slice(0, 2));
  for (const [, vs] of byTeam) for (const v of vs) if (chosen.length < 4 && !chosen.includes(v)) chosen.push(v);
  const divisions = await ctx.db
    .selectFrom('divisions as d')
    .leftJoin('divisions as t', 't.code', 'd.parent_code')
    .select(['d.code', 'd.name', 't.name as town'])
    .where('d.code', 'in', chosen)
    .execute();
  const place = (code: string) => {
    const d = divisions.find((x) => x.code === code)!;
    return { code, name: d.name, town: d.town ?? '' };
  };
  const demoVillages = chosen.map(place);
  const teamName = (teamId: string) => deps.accounts.teams.find((x) => x.orgId === teamId)?.name ?? '';

  const registryIds = await ctx.db.selectFrom('cadres').select('id_number').where('village_code', 'like', `${county}%`).execute();
  const relativeIds = await ctx.db.selectFrom('cadre_relatives').select('id_number').execute();
  const t: Transplant = {
    county,
    ids: new Map(),
    names: new Map(),
    credit: new Map(),
    villages: new Map(),
    text: [
      ['平阴县', '溧阳市'],
      ['鲁A', '苏D'],
      ['J370124', `J${county}`],
    ],
    taken: new Set([...registryIds, ...relativeIds].map((r) => r.id_number).filter((x): x is string => x !== null)),
  };
  const fixtureVillages: Village[] = [V1, V2, V3, V4];
  for (const [i, fv] of fixtureVillages.entries()) {
    const dv = demoVillages[i]!;
    t.villages.set(fv.village_code, dv);
    t.text.push([fv.village, dv.name], [fv.town, dv.town]);
    t.text.push([fv.village_code, dv.code]);
  }

  // the fixtures' cadres become the registry's: a cadre of the same office in the same village
  await ctx.db.transaction().execute(async (trx) => {
    const fixtureCadres = (FIX.cadres ?? []).filter((r) => r.relation === '本人');
    for (const fc of fixtureCadres) {
      const village = t.villages.get(String(fc.village_code))!;
      const cadres = await trx.selectFrom('cadres').selectAll().where('village_code', '=', village.code).orderBy('id').execute();
      const wanted = String(fc.position ?? '');
      const key = wanted.includes('书记') ? '书记' : wanted.includes('报账') ? '报账员' : '主任';
      const usedIds = new Set(t.ids.values());
      const cadre = cadres.find((c) => (c.positions as unknown as string[]).some((p) => p.includes(key)) && !usedIds.has(c.id_number ?? '')) ?? cadres.find((c) => !usedIds.has(c.id_number ?? ''));
      if (!cadre || !cadre.id_number) throw new DomainError('CONFLICT', `演示数据：${village.name}没有可用的村干部`);
      t.ids.set(String(fc.id_number), cadre.id_number);
      t.names.set(String(fc.name), cadre.name);
      const relatives = await trx.selectFrom('cadre_relatives').selectAll().where('cadre_id', '=', cadre.id).execute();
      const surname = cadre.name.slice(0, 1);
      const added: { name: string; id_number: string; relation: string }[] = [];
      for (const fr of (FIX.cadres ?? []).filter((r) => r.relation !== '本人' && r.cadre_id_number === fc.id_number)) {
        const relation = String(fr.relation);
        const own = relatives.find((r) => (relation === '配偶' ? r.relation === '配偶' : relation === '子女' ? r.relation === '儿子' || r.relation === '女儿' : false) && r.id_number && !usedIds.has(r.id_number));
        if (own && own.id_number) {
          t.ids.set(String(fr.id_number), own.id_number);
          t.names.set(String(fr.name), own.name);
          usedIds.add(own.id_number);
          continue;
        }
        // a relative the registry lacks: the demo's registry records them (父亲, 兄弟姐妹 share the surname)
        const name = relation === '配偶' ? String(fr.name) : surname + String(fr.name).slice(1);
        const id = reissueId(t, String(fr.id_number));
        t.names.set(String(fr.name), name);
        added.push({ name, id_number: id, relation: relation === '兄弟姐妹' ? '兄弟' : relation });
      }
      if (added.length > 0) {
        const rows = await trx
          .insertInto('cadre_relatives')
          .values(added.map((r) => ({ cadre_id: cadre.id, ...r })))
          .returningAll()
          .execute();
        await writeAudit(trx, ctx, office, { action: 'update', entity: 'registry.cadre', entityId: cadre.id, scopeCode: cadre.village_code, after: { relativesAdded: rows.map((r) => ({ id: r.id, relation: r.relation })), demo: true } });
      }
    }
  });

  const moved: Partial<Record<DatasetKindKey, FixtureRow[]>> = {};
  for (const [kind, rows] of Object.entries(FIX) as [DatasetKindKey, FixtureRow[]][]) {
    if (kind === 'cadres') continue;
    moved[kind] = rows.map((r) => moveRow(t, kind, r));
  }

  // ordinary people around the planted cases: monthly 低保 and 养老 rolls, payroll, cars and flats
  const rand = rng(7_320_481);
  const villagesAll = await ctx.db
    .selectFrom('divisions as d')
    .leftJoin('divisions as tn', 'tn.code', 'd.parent_code')
    .select(['d.code', 'd.name', 'tn.name as town'])
    .where('d.level', '=', 5)
    .where('d.code', 'like', `${county}%`)
    .orderBy('d.code')
    .execute();
  const pool = [...demoVillages, ...villagesAll.filter((v) => !chosen.includes(v.code)).slice(0, 40).map((v) => ({ code: v.code, name: v.name, town: v.town ?? '' }))];
  const person = (from: number, to: number): Person => {
    for (;;) {
      const birth = `${from + Math.floor(rand() * (to - from + 1))}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const first17 = `${county}${birth}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
      const id = first17 + idNumberCheckChar(first17);
      if (t.taken.has(id)) continue;
      t.taken.add(id);
      return { name: SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!, id_number: id };
    }
  };
  const pay = (p: Person, v: { code: string; name: string; town: string }, item: string, fen: number, date: string): FixtureRow => ({ ...p, village: v.name, village_code: v.code, town: v.town, item, amount: fen, pay_date: date });
  const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}-10`);
  const dibao: FixtureRow[] = [];
  const pension: FixtureRow[] = [];
  for (let i = 0; i < 110; i++) {
    const p = person(1935, 1985);
    const v = pool[i % pool.length]!;
    const fen = (480 + Math.floor(rand() * 8) * 20) * 100;
    for (const d of months) dibao.push(pay(p, v, i % 9 === 0 ? '特困供养' : '农村低保', fen, d));
  }
  for (let i = 0; i < 90; i++) {
    const p = person(1930, 1958);
    const v = pool[(i * 7) % pool.length]!;
    for (const d of months) pension.push(pay(p, v, '城乡居民养老保险', 18300, d));
  }
  // a roll line with a mistyped check digit: imported, flagged
  const typo = dibao[5]!;
  const lastChar = String(typo.id_number).slice(-1);
  typo.id_number = String(typo.id_number).slice(0, 17) + (lastChar === '1' ? '2' : '1');
  // a car owner's number with an impossible birth date (30 February) and a valid check digit: imported, flagged
  const badBirth = `${county}19800230${String(615).padStart(3, '0')}`;
  const carTypo = { name: '钱立新', id_number: badBirth + idNumberCheckChar(badBirth) };
  // people who died after their last payment: in the deaths roll, no longer paid
  const deathsNoise: FixtureRow[] = [];
  for (let i = 0; i < 25; i++) {
    const p = person(1925, 1945);
    const v = pool[(i * 3) % pool.length]!;
    const month = 1 + (i % 11);
    for (const d of months.slice(0, month)) pension.push(pay(p, v, '城乡居民养老保险', 18300, d));
    deathsNoise.push({ ...p, event_date: `2023-${String(month).padStart(2, '0')}-${String(15 + (i % 10)).padStart(2, '0')}`, event_kind: i % 4 === 0 ? '火化' : '死亡', village: v.name });
  }
  const payrollNoise: FixtureRow[] = Array.from({ length: 40 }, (_, i) => ({
    ...person(1968, 1998),
    employer: ['溧阳市民政局', '溧阳市农业农村局', '溧阳市天目湖镇人民政府', '溧阳市第三中学', '溧阳市人民医院'][i % 5]!,
    position: ['科员', '教师', '护士', '工作人员'][i % 4]!,
    start_date: `${2005 + (i % 15)}-0${1 + (i % 9)}-01`,
    end_date: null,
  }));
  const vehiclesNoise: FixtureRow[] = Array.from({ length: 30 }, (_, i) => ({
    ...person(1960, 1995),
    plate: `苏D${String.fromCharCode(65 + (i % 20))}${String(10000 + Math.floor(rand() * 89999))}`,
    vehicle_type: ['小型轿车', '小型普通客车', '轻型普通货车', '三轮汽车'][i % 4]!,
    registered_on: `20${String(10 + (i % 13)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
  }));
  const estateNoise: FixtureRow[] = Array.from({ length: 30 }, (_, i) => ({
    ...person(1955, 1995),
    address: `溧阳市${pool[i % pool.length]!.town}${pool[i % pool.length]!.name}${1 + (i % 9)}组${10 + i}号`,
    area: 9000 + Math.floor(rand() * 12000) * 1,
    usage: '住宅',
    registered_on: `20${String(8 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-2${i % 8}`,
  }));

  const benefit = moved.benefit_payments ?? [];
  const isLand = (r: FixtureRow) => String(r.item).includes('地力');
  const isCivil = (r: FixtureRow) => /低保|特困|临时救助|危房/.test(String(r.item));
  const civil = [...benefit.filter((r) => !isLand(r) && isCivil(r)), ...dibao];
  const social = [...benefit.filter((r) => !isLand(r) && !isCivil(r)), ...pension];
  const land = benefit.filter(isLand);

  // the sources' own spellings: 公安's deaths roll in traditional characters and a 15-digit number
  const deaths = [...(moved.deaths ?? []), ...deathsNoise];
  const deathOverrides = new Map<FixtureRow, Record<string, string>>();
  const liu = deaths.find((r) => r.name === '刘德华');
  if (liu) deathOverrides.set(liu, { name: '劉德華' });
  const zhang = deaths.find((r) => r.name === '张秀英' && r.event_kind === '死亡');
  if (zhang) {
    const id = String(zhang.id_number);
    deathOverrides.set(zhang, { id_number: id.slice(0, 6) + id.slice(8, 17) });
  }

  const specs: FileSpec[] = [
    {
      kind: 'benefit_payments',
      name: '2023年农村低保特困救助发放花名册',
      sourceName: '溧阳市民政局社会救助科',
      fileName: '2023年低保特困发放明细.csv',
      format: 'gbk',
      columns: [['town', '乡镇'], ['village', '村(社区)'], ['village_code', '村级区划代码'], ['name', '姓名'], ['id_number', '身份证号码'], ['item', '救助类别'], ['amount', '发放金额'], ['pay_date', '发放日期']],
      dates: 'iso',
      rows: civil,
    },
    {
      kind: 'benefit_payments',
      name: '2023年城乡居民养老保险及高龄残疾补贴发放',
      sourceName: '溧阳市人力资源和社会保障局',
      fileName: '养老高龄残疾补贴发放表.csv',
      format: 'bom',
      columns: [['name', '姓名'], ['id_number', '公民身份号码'], ['town', '所属乡镇'], ['village', '所属村'], ['village_code', '行政区划代码'], ['item', '补贴项目'], ['amount', '金额'], ['pay_date', '发放年月']],
      dates: 'dot',
      rows: social,
    },
    {
      kind: 'benefit_payments',
      name: '2020—2023年耕地地力保护补贴发放清册',
      sourceName: '溧阳市农业农村局',
      fileName: '耕地地力保护补贴发放清册.xlsx',
      format: 'xlsx-merged',
      title: '溧阳市耕地地力保护补贴发放清册（2020—2023年）',
      columns: [['village', '村（社区）'], ['village_code', '村级区划代码'], ['name', '补贴对象姓名'], ['id_number', '身份证号码'], ['item', '补贴项目'], ['area', '补贴面积'], ['amount', '补贴金额'], ['pay_date', '发放日期']],
      group: { title: '补贴情况', from: 5, count: 3 },
      dates: 'cn',
      rows: land,
    },
    {
      kind: 'deaths',
      name: '2023年死亡及户籍注销人员',
      sourceName: '溧阳市公安局户政科',
      fileName: '死亡注销人员名单.csv',
      format: 'gbk',
      columns: [['name', '姓名'], ['id_number', '公民身份号码'], ['event_date', '注销日期'], ['event_kind', '注销原因'], ['village', '所在村']],
      dates: 'iso',
      rows: deaths,
      overrides: deathOverrides,
    },
    {
      kind: 'public_payroll',
      name: '财政供养人员名册',
      sourceName: '溧阳市财政局',
      fileName: '财政供养人员名册.xlsx',
      format: 'xlsx-title',
      title: '溧阳市财政供养人员花名册',
      columns: [['name', '姓名'], ['id_number', '身份证号码'], ['employer', '工作单位'], ['position', '职务'], ['start_date', '入职日期'], ['end_date', '离职日期']],
      dates: 'iso',
      rows: [...(moved.public_payroll ?? []), ...payrollNoise],
    },
    {
      kind: 'vehicles',
      name: '机动车登记信息',
      sourceName: '溧阳市公安局交警大队',
      fileName: '机动车登记信息.csv',
      format: 'bom',
      columns: [['plate', '号牌号码'], ['vehicle_type', '车辆类型'], ['name', '机动车所有人'], ['id_number', '身份证明号码'], ['registered_on', '初次登记日期']],
      dates: 'iso',
      rows: [...(moved.vehicles ?? []), ...vehiclesNoise, { ...carTypo, plate: '苏D8L2Q6', vehicle_type: '小型轿车', registered_on: '2021-07-16' }],
    },
    {
      kind: 'real_estate',
      name: '不动产登记信息',
      sourceName: '溧阳市不动产登记中心',
      fileName: '不动产登记信息.csv',
      format: 'bom',
      columns: [['name', '权利人'], ['id_number', '权利人证件号码'], ['address', '坐落'], ['area', '建筑面积'], ['usage', '规划用途'], ['registered_on', '登簿日期']],
      dates: 'iso',
      rows: [...(moved.real_estate ?? []), ...estateNoise],
    },
    {
      kind: 'companies',
      name: '市场主体登记信息',
      sourceName: '溧阳市市场监督管理局',
      fileName: '市场主体登记信息.csv',
      format: 'bom',
      columns: [['company_name', '企业名称'], ['credit_code', '统一社会信用代码'], ['legal_rep_name', '法定代表人'], ['legal_rep_id_number', '法定代表人证件号码'], ['founded_on', '成立日期'], ['address', '住所'], ['phone', '联系电话'], ['status', '登记状态']],
      dates: 'iso',
      rows: moved.companies ?? [],
    },
    {
      kind: 'shareholders',
      name: '企业股东及出资信息',
      sourceName: '溧阳市市场监督管理局',
      fileName: '企业股东出资信息.csv',
      format: 'bom',
      columns: [['company_name', '企业名称'], ['credit_code', '统一社会信用代码'], ['shareholder_name', '股东名称'], ['shareholder_id_number', '股东证件号码'], ['share', '持股比例'], ['subscribed_capital', '认缴出资额']],
      dates: 'iso',
      rows: moved.shareholders ?? [],
    },
    {
      kind: 'contracts',
      name: '村集体资产资源发包租赁合同台账',
      sourceName: '溧阳市农村集体“三资”管理平台',
      fileName: '集体资产资源合同台账.xlsx',
      format: 'xlsx-merged',
      title: '村集体资产资源发包（租赁）合同台账',
      columns: [['village', '村（社区）'], ['village_code', '村级区划代码'], ['contract_no', '合同编号'], ['lessee_name', '承包方'], ['object', '标的物'], ['resource_kind', '资源类别'], ['area', '面积'], ['annual_rent', '年租金'], ['start_date', '起始日期'], ['end_date', '终止日期'], ['minutes_ref', '民主决策记录']],
      group: { title: '合同期限', from: 8, count: 2 },
      dates: 'iso',
      rows: moved.contracts ?? [],
    },
    {
      kind: 'village_payments',
      name: '2023年村级资金支付明细',
      sourceName: '溧阳市农村集体“三资”管理平台',
      fileName: '村级资金支付明细.csv',
      format: 'gbk',
      columns: [['village', '村(社区)'], ['village_code', '村级区划代码'], ['pay_date', '支付日期'], ['payee_name', '收款方'], ['payee_account', '收款账号'], ['payee_credit_code', '统一社会信用代码'], ['amount', '金额'], ['purpose', '摘要']],
      dates: 'iso',
      rows: moved.village_payments ?? [],
    },
    {
      kind: 'bids',
      name: '村级工程项目招投标记录',
      sourceName: '溧阳市公共资源交易中心',
      fileName: '村级工程招投标记录.xlsx',
      format: 'xlsx-title',
      title: '溧阳市村级工程建设项目开标记录',
      columns: [
        ['project_id', '项目编号'],
        ['project_name', '项目名称'],
        ['village', '村（社区）'],
        ['village_code', '村级区划代码'],
        ['ceiling_price', '最高限价'],
        ['bidder_name', '投标人'],
        ['bidder_credit_code', '统一社会信用代码'],
        ['bid_price', '投标报价'],
        ['won', '中标结果'],
        ['bond_payer_account', '保证金缴纳账号'],
        ['contact_phone', '联系电话'],
        ['address', '地址'],
        ['doc_author', '文件作者'],
        ['doc_creator', '文件创建者'],
        ['bid_date', '开标日期'],
      ],
      dates: 'iso',
      rows: moved.bids ?? [],
    },
    {
      kind: 'land_rights',
      name: '农村土地承包经营权确权登记',
      sourceName: '溧阳市农业农村局确权登记颁证数据库',
      fileName: '土地承包经营权确权面积.csv',
      format: 'bom',
      columns: [['name', '承包方代表'], ['id_number', '承包方代表身份证号码'], ['village', '村（社区）'], ['village_code', '村级区划代码'], ['contracted_area', '确权面积'], ['certificate_no', '经营权证编号']],
      dates: 'iso',
      rows: moved.land_rights ?? [],
    },
  ];

  // — import each file as the office: upload → preview → confirm the suggested mapping → job —
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-demo-analytics-'));
  const engine = engineOf(ctx);
  const summary: DemoAnalyticsSummary = {
    datasets: [],
    models: 0,
    roundLabel: `${round.year}年第${round.number}轮巡察`,
    villages: demoVillages.map((v) => ({ code: v.code, name: v.name, team: teamName(orgOfTeam.get(teams.get(v.code) ?? '') ?? '') })),
    hits: 0,
    byModel: {},
    byStatus: { pending: 0, confirmed: 0, dismissed: 0 },
    dismissed: {},
    findingId: '',
    leadId: '',
    reopened: 0,
  };
  const datasetIds: string[] = [];
  try {
    for (const spec of specs) {
      const file = await writeFile(dir, spec);
      const id = newUploadId();
      fs.copyFileSync(file, uploadFile(engine, id));
      const preview = await createUpload(importing, office, { id, fileName: spec.fileName, size: fs.statSync(file).size });
      if (preview.suggestion.kind !== spec.kind) throw new Error(`demo analytics: ${spec.fileName} suggested as ${preview.suggestion.kind}, not ${spec.kind}`);
      const missing = spec.columns.filter(([key]) => preview.suggestion.mapping[key] === undefined).map(([key]) => key);
      if (missing.length > 0) throw new Error(`demo analytics: ${spec.fileName} has no suggestion for ${missing.join(', ')}`);
      const { jobId } = await confirmImport(importing, office, id, { kind: spec.kind, name: spec.name, sourceName: spec.sourceName, mapping: preview.suggestion.mapping });
      await runJobsUntilIdle(importing);
      const job = await waitForJob(importing, jobId, { timeoutMs: 120_000 });
      const ds = await getDataset(ctx, office, id);
      if (ds.status !== 'ready') throw new Error(`demo analytics: importing ${spec.fileName} ended ${job.status}: ${ds.errorMessage ?? ''}`);
      datasetIds.push(id);
      summary.datasets.push({ name: spec.name, kind: spec.kind, fileName: spec.fileName, rows: ds.rowCount ?? 0, flagged: ds.flaggedCount ?? 0, rejected: ds.rejectedCount ?? 0 });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // — every built-in model over every dataset, for this year's round —
  const params = MODEL_FIXTURES.params ?? {};
  const { jobId } = await createRun(running, office, { roundId: round.id, label: `${summary.roundLabel}进驻前比对`, datasetIds, params: params as Record<string, Record<string, string | number>> });
  await runJobsUntilIdle(running);
  const runJob = await waitForJob(running, jobId, { timeoutMs: 300_000 });
  if (runJob.status !== 'succeeded') throw new Error(`demo analytics: the run ended ${runJob.status}`);
  summary.models = BUILTIN_MODELS.length;

  // — the teams verify; the office reopens one —
  const all = await listHits(ctx, office, { page: 1, pageSize: 500 });
  const hits = all.items;
  for (const h of hits) summary.byModel[h.modelKey] = (summary.byModel[h.modelKey] ?? 0) + 1;
  const verifierOf = async (teamId: string | null) => {
    const team = deps.accounts.teams.find((x) => x.orgId === orgOfTeam.get(teamId ?? ''));
    if (!team) throw new Error('demo analytics: a hit without its team');
    return deps.actorOf(team.memberUserId ?? team.userId);
  };
  const pick = (model: string, skip: Set<string>) => hits.find((h) => h.modelKey === model && h.teamId !== null && !skip.has(h.id));
  const used = new Set<string>();
  const take = (...models: string[]) => {
    for (const m of models) {
      const h = pick(m, used);
      if (h) {
        used.add(h.id);
        return h;
      }
    }
    throw new Error(`demo analytics: no hit of ${models.join('/')} to verify`);
  };
  // 死亡后仍领取 → a draft finding by the village's team member
  const dead = take('dead_paid');
  const f = await confirmHit(onSite(1), await verifierOf(dead.teamId), dead.id, {
    as: 'finding',
    category: 'strict_governance',
    note: '经查民政发放台账和公安户籍注销记录，该对象死亡后低保金未停发，村报账员未及时上报死亡信息。',
  });
  summary.findingId = (f as { findingId?: string | null }).findingId ?? '';
  // 干部亲属企业承接本村项目 → a lead for the 纪委监委
  const won = take('cadre_company_won', 'cadre_company_paid');
  const l = await confirmHit(onSite(2), await verifierOf(won.teamId), won.id, { as: 'lead', authority: 'discipline', note: '村党组织书记亲属控制的企业承接本村工程，未见回避和公开招标记录，建议移交纪委监委。' });
  summary.leadId = (l as { leadId?: string | null }).leadId ?? '';
  const dismissals: [string[], 'data_error' | 'already_handled' | 'eligible' | 'other', string][] = [
    [['double_paid'], 'data_error', '经核对，同月第二笔为银行退回后重新发放，系系统导出重复，实际只领取一次。'],
    [['lease_no_minutes'], 'already_handled', '该合同缺少决策记录的问题已在2024年乡镇“三资”专项检查中发现并整改。'],
    [['area_rising', 'area_over_cert'], 'eligible', '核实后该户逐年流转承包邻户土地，流转合同齐全，补贴面积符合规定。'],
    [['bid_price_screens', 'bid_winner_concentration'], 'other', '该项目为应急抢险工程，经乡镇审批采用邀请招标，报价接近属正常。'],
    [['payroll_on_benefit'], 'data_error', '财政供养人员名册中该人员身份证号码录入有误，与低保对象并非同一人。'],
  ];
  let reopenId = '';
  for (const [i, [models, reason, text]] of dismissals.entries()) {
    const h = take(...models);
    await dismissHit(onSite(3 + i), await verifierOf(h.teamId), h.id, { reason, text });
    if (reason === 'data_error' && !reopenId) reopenId = h.id;
  }
  // the office doubts the "data error" and sends one back to the team
  await reopenHit(onSite(10), office, reopenId, { reason: '同一身份证号码在两个月份均有重复发放记录，请进一步核对银行流水后再作结论。' });
  summary.reopened = 1;

  const after = await listHits(ctx, office, { page: 1, pageSize: 500 });
  summary.hits = after.total;
  for (const s of HIT_STATUS_LIST) summary.byStatus[s] = after.items.filter((h) => h.status === s).length;
  for (const h of after.items) if (h.status === 'dismissed' && h.dismissReasonName) summary.dismissed[h.dismissReasonName] = (summary.dismissed[h.dismissReasonName] ?? 0) + 1;
  return summary;
}

/** The demo output's line about 大数据比对. */
export function demoAnalyticsLines(s: DemoAnalyticsSummary): string[] {
  return [
    `大数据比对：导入 ${s.datasets.length} 个数据集（${s.datasets.reduce((n, d) => n + d.rows, 0)} 行，存疑 ${s.datasets.reduce((n, d) => n + d.flagged, 0)} 处），运行 ${s.models} 个模型（${s.roundLabel}），疑点 ${s.hits} 条（待核实 ${s.byStatus.pending}、已确认 ${s.byStatus.confirmed}、已排除 ${s.byStatus.dismissed}，其中重新打开 ${s.reopened} 条）`,
    `  埋设疑点的村：${s.villages.map((v) => `${v.name}（${v.team}）`).join('、')}`,
  ];
}
