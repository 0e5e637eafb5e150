/**
 * 立卷归档: a target's case file gathered from what the other modules hold — the pre-inspection file,
 * steps and work records with their attachments, approved findings (working paper, 立行立改通知书,
 * supporting materials), transferred leads (移交函 and their files), the approved report and the
 * feedback documents — filed by stage (domain/archive), with what is still missing, and exported as a
 * .zip with 目录.xlsx. Access is the reports' (targetForActor: team users only their own team's targets)
 * plus archive.read. Generated documents are built by their own modules with the caller's rights.
 */
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { createHash } from 'node:crypto';
import { Zip, ZipPassThrough } from 'fflate';
import { scopeCovers } from '../../../domain/access/roles';
import {
  ARCHIVE_STAGE_LIST,
  ARCHIVE_STAGES,
  buildCatalogue,
  CATALOGUE_FILE,
  completenessProblems,
  roundZipName,
  stageFolder,
  targetFolder,
  targetZipName,
  WORK_RECORD_STAGE,
  type ArchiveItem,
  type ArchiveStage,
  type CatalogueEntry,
  type CompletenessFacts,
} from '../../../domain/archive/archive';
import { findingNumberLabel } from '../../../domain/findings/finding';
import { FINDING_STATUSES, type FindingStatus } from '../../../domain/findings/review';
import { INSPECTION_STEPS, stepConfigInput, type InspectionStep, type StepConfig } from '../../../domain/inspections/steps';
import { PRE_FILE_KINDS, type PreFileKind } from '../../../domain/inspections/pre-file';
import { WORK_RECORD_KIND_NAMES, type WorkRecordKind } from '../../../domain/inspections/work-records';
import { REPORT_STATUSES, type ReportStatus } from '../../../domain/reports/report';
import { DomainError } from '../../../domain/shared/errors';
import type { Actor, AppContext } from '../../http/context';
import { ledgerXlsx, type LedgerColumn } from '../documents';
import { loadAttachment } from '../files';
import { FINDING_MATERIAL_OWNER, immediateNotice, workingPaper } from '../findings';
import { PRE_ENTRY_OWNER, WORK_RECORD_OWNER } from '../inspections';
import { LEAD_FILE_OWNER, transferLetter } from '../leads';
import { feedbackDocx, problemListDocx, reportDocx, roundForActor, targetForActor } from '../reports';
import * as repo from './archive.repository';

type TargetAccess = Awaited<ReturnType<typeof targetForActor>>;
type RoundAccess = Awaited<ReturnType<typeof roundForActor>>;

const roundNotFound = () => new DomainError('NOT_FOUND', '巡察轮次不存在或无权查看');
const roundLabel = (r: { year: number; number: number }) => `${r.year}年第${r.number}轮`;
const jsonArray = <T>(v: unknown): T[] => (Array.isArray(v) ? v : typeof v === 'string' ? (JSON.parse(v) as T[]) : []) as T[];
const dateText = (d: unknown): string | null => (d == null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

function stepConfigOf(steps: unknown): StepConfig {
  const parsed = stepConfigInput.safeParse(typeof steps === 'string' ? JSON.parse(steps) : (steps ?? {}));
  return parsed.success ? parsed.data : stepConfigInput.parse({});
}

/** The archive needs archive.read on top of the reports' view of rounds and targets; without it nothing exists. */
async function roundAccess(ctx: AppContext, actor: Actor, roundId: string): Promise<RoundAccess> {
  if (!actor.permissions.has('archive.read')) throw roundNotFound();
  return roundForActor(ctx.db, actor, roundId, 'read');
}
async function targetAccess(ctx: AppContext, actor: Actor, roundId: string, targetId: string): Promise<TargetAccess> {
  if (!actor.permissions.has('archive.read')) throw roundNotFound();
  return targetForActor(ctx.db, actor, roundId, targetId, 'read');
}

export interface ArchiveCounts {
  /** files in the case file (attachments and generated documents) */
  files: number;
  /** work records on site */
  records: number;
  findings: number;
  approvedFindings: number;
  leads: number;
  transferredLeads: number;
}

interface TargetFile {
  a: TargetAccess;
  items: ArchiveItem[];
  missing: string[];
  counts: ArchiveCounts;
  /** village code → name (a town target's villages, or the village itself) */
  villageNames: Map<string, string>;
}

const names = (list: string[], max = 3) => (list.length > max ? `${list.slice(0, max).join('、')}等${list.length}人` : list.join('、'));

/** Gathers a target's materials (no bytes), in filing order within each stage, and the completeness facts. */
async function gather(ctx: AppContext, a: TargetAccess): Promise<TargetFile> {
  const db = ctx.db;
  const { target } = a;
  const team = a.teamName ?? '巡察组';
  const town = target.kind === 'town';
  const inspections = await repo.inspectionsOf(db, target.id);
  const villageNames = new Map(inspections.map((i) => [i.village_code, i.short_name || i.name || i.village_code]));
  const inspectionVillage = new Map(inspections.map((i) => [i.id, villageNames.get(i.village_code)!]));
  const ids = inspections.map((i) => i.id);
  const [steps, records, preEntries, findings, leads, report, feedbacks] = await Promise.all([
    repo.stepsOf(db, ids),
    repo.workRecordsOf(db, ids),
    repo.preEntriesOf(db, target.id),
    repo.findingsOf(db, target.id),
    repo.leadsOf(db, target.id),
    repo.reportOf(db, target.id),
    repo.feedbacksOf(db, target.id),
  ]);
  const approved = findings.filter((f) => f.status === 'approved');
  const materials = await repo.materialsOf(db, approved.map((f) => f.id));
  const transferred = leads.filter((l) => l.status !== 'draft');
  const [preFiles, recordFiles, materialFiles, leadFiles] = await Promise.all([
    repo.attachmentsOf(db, PRE_ENTRY_OWNER, preEntries.map((e) => e.id)),
    repo.attachmentsOf(db, WORK_RECORD_OWNER, records.map((r) => r.id)),
    repo.attachmentsOf(db, FINDING_MATERIAL_OWNER, materials.map((m) => m.id)),
    repo.attachmentsOf(db, LEAD_FILE_OWNER, transferred.map((l) => l.id)),
  ]);
  const filesOf = <T extends { owner_id: string }>(list: T[], owner: string) => list.filter((f) => f.owner_id === owner);
  const items: ArchiveItem[] = [];
  const attachment = (stage: ArchiveStage, type: ArchiveItem['type'], title: string, date: string | null, f: (typeof preFiles)[number]) =>
    items.push({ stage, type, title, fileName: f.file_name, date, responsible: f.uploader ?? team, size: Number(f.size), sha256: f.sha256, source: { kind: 'attachment', attachmentId: f.id } });
  const generated = (stage: ArchiveStage, title: string, fileName: string, date: string | null, key: string) =>
    items.push({ stage, type: 'document', title, fileName, date, responsible: team, size: null, sha256: null, source: { kind: 'generated', key } });

  // 01 进驻: the pre-inspection file, the register of steps and records
  for (const e of preEntries) {
    const village = e.village_code && town ? `${villageNames.get(e.village_code) ?? e.village_code}·` : '';
    for (const f of filesOf(preFiles, e.id)) attachment('entry', 'pre_file', `巡前资料：${village}${e.title}（${PRE_FILE_KINDS[e.kind as PreFileKind] ?? e.kind}）`, dateText(e.occurred_on), f);
  }
  if (steps.length > 0 || records.length > 0) {
    items.push({ stage: 'entry', type: 'register', title: '巡察环节和工作记录登记表', fileName: '巡察环节和工作记录登记表.xlsx', date: null, responsible: team, size: null, sha256: null, source: { kind: 'generated', key: 'register' } });
  }
  // 01–05: work records' files, by kind
  for (const r of records) {
    const kind = r.kind as WorkRecordKind;
    const people = jsonArray<{ name?: string }>(r.people).map((p) => p.name ?? '').filter(Boolean);
    const heads = jsonArray<{ head?: string }>(r.households).map((h) => h.head ?? '').filter(Boolean);
    const who = kind === 'visit' ? names(heads) : names(people);
    const village = town ? `${inspectionVillage.get(r.inspection_id)}·` : '';
    const title = `${village}${WORK_RECORD_KIND_NAMES[kind] ?? r.kind}记录${who ? `（${who}）` : r.place ? `（${r.place}）` : ''}`;
    for (const f of filesOf(recordFiles, r.id)) attachment(WORK_RECORD_STAGE[kind] ?? 'visit', 'record_file', title, dateText(r.date), f);
  }
  // 06 问题底稿: per approved finding the working paper, its notice, its materials
  for (const f of approved) {
    const label = findingNumberLabel(f.number);
    const where = f.village_code ? (villageNames.get(f.village_code) ?? '') : target.name;
    generated('finding', `问题底稿${label}：${f.title}`, `问题底稿-${label}-${where}.docx`, dateText(f.found_on), `paper:${f.id}`);
    if (f.immediate && f.immediate_notice_no) generated('finding', `立行立改通知书${f.immediate_notice_no}`, `立行立改通知书-${label}-${where}.docx`, dateText(f.found_on), `notice:${f.id}`);
    for (const m of materials.filter((x) => x.finding_id === f.id)) {
      for (const file of filesOf(materialFiles, m.id)) attachment('finding', 'material', `问题${label}佐证材料：${m.title}`, dateText(f.found_on), file);
    }
  }
  // 07 问题线索: per transferred lead the 移交函 and its files
  for (const l of transferred) {
    const code = `${l.year}-${String(l.round_number).padStart(2, '0')}-${String(l.number).padStart(3, '0')}`;
    generated('lead', `问题线索移交函${l.transfer_letter_no ?? ''}（线索${code}${l.receiver ? `，移交${l.receiver}` : ''}）`, `问题线索移交函-${code}.docx`, dateText(l.transferred_on), `letter:${l.id}`);
    for (const f of filesOf(leadFiles, l.id)) attachment('lead', 'lead_file', `问题线索${code}材料`, dateText(f.created_at), f);
  }
  // 08 巡察报告, 09 反馈: only what is approved and recorded
  const own = feedbacks.find((f) => f.village_code === null);
  if (report?.status === 'approved') {
    generated('report', report.title, `巡察报告-${target.name}.docx`, dateText(report.approved_on), 'report');
    if (own) generated('feedback', `反馈意见（${target.name}）`, `反馈意见-${target.name}.docx`, dateText(own.fed_back_on), 'feedback');
    for (const [code, name] of villageNames) {
      // a village target's problem list goes with the target's own feedback, a town's villages with theirs
      const fb = town ? feedbacks.find((f) => f.village_code === code) : own;
      if (fb) generated('feedback', `${name}问题清单`, `问题清单-${name}.docx`, dateText(fb.fed_back_on), `problems:${code}`);
    }
  }

  const facts: CompletenessFacts = {
    target: { name: target.name, kind: target.kind },
    stepConfig: stepConfigOf(a.round.steps),
    villages: inspections.map((i) => ({
      code: i.village_code,
      name: villageNames.get(i.village_code)!,
      stepsDone: steps.filter((s) => s.inspection_id === i.id).map((s) => s.step as InspectionStep),
      talks: records.filter((r) => r.inspection_id === i.id && r.kind === 'talk').length,
    })),
    findings: findings.map((f) => {
      const own = f.status === 'approved' ? materials.filter((m) => m.finding_id === f.id) : [];
      return {
        label: findingNumberLabel(f.number),
        title: f.title,
        status: f.status,
        statusName: FINDING_STATUSES[f.status as FindingStatus] ?? f.status,
        materials: own.length,
        materialFiles: materialFiles.filter((x) => own.some((m) => m.id === x.owner_id)).length,
      };
    }),
    leads: leads.map((l) => ({
      code: `${l.year}-${String(l.round_number).padStart(2, '0')}-${String(l.number).padStart(3, '0')}`,
      status: l.status,
      letterNo: l.transfer_letter_no,
      files: filesOf(leadFiles, l.id).length,
    })),
    report: report ? { status: report.status, statusName: REPORT_STATUSES[report.status as ReportStatus] ?? report.status } : null,
    feedback: { target: Boolean(own), villages: new Set(feedbacks.map((f) => f.village_code).filter((c): c is string => c !== null)) },
  };
  return {
    a,
    items,
    missing: completenessProblems(facts),
    villageNames,
    counts: { files: items.length, records: records.length, findings: findings.length, approvedFindings: approved.length, leads: leads.length, transferredLeads: transferred.length },
  };
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────

export interface ArchiveEntryOut {
  seq: number;
  stage: ArchiveStage;
  stageName: string;
  title: string;
  fileName: string;
  date: string | null;
  responsible: string;
  type: string;
  typeName: string;
  size: number | null;
  sha256: string | null;
  zipPath: string;
  /** Where the browser downloads this file on its own (the owner module's route, with its access rule). */
  download: string;
}

function downloadUrl(e: CatalogueEntry, roundId: string, targetId: string): string {
  if (e.source.kind === 'attachment') return `/api/files/${e.source.attachmentId}`;
  const [kind, id] = e.source.key.split(':') as [string, string | undefined];
  const t = `/api/reports/rounds/${roundId}/targets/${targetId}`;
  switch (kind) {
    case 'paper':
      return `/api/findings/${id}/working-paper.docx`;
    case 'notice':
      return `/api/findings/${id}/immediate-notice.docx`;
    case 'letter':
      return `/api/leads/${id}/transfer-letter.docx`;
    case 'report':
      return `${t}/report.docx`;
    case 'feedback':
      return `${t}/feedback.docx`;
    case 'problems':
      return `${t}/villages/${id}/problem-list.docx`;
    default:
      return `/api/archive/rounds/${roundId}/targets/${targetId}/work-register.xlsx`;
  }
}

const entryOut = (e: CatalogueEntry, roundId: string, targetId: string): ArchiveEntryOut => ({
  seq: e.seq,
  stage: e.stage,
  stageName: e.stageName,
  title: e.title,
  fileName: e.zipName,
  date: e.date,
  responsible: e.responsible,
  type: e.type,
  typeName: e.typeName,
  size: e.size,
  sha256: e.sha256,
  zipPath: e.zipPath,
  download: downloadUrl(e, roundId, targetId),
});

/** A target's case file: stages with their entries (generated documents' size is known on export), what is missing. */
export async function getTargetArchive(ctx: AppContext, actor: Actor, roundId: string, targetId: string) {
  const file = await gather(ctx, await targetAccess(ctx, actor, roundId, targetId));
  const { round, target } = file.a;
  const catalogue = buildCatalogue(file.items);
  return {
    round: { id: round.id, label: roundLabel(round) },
    target: { id: target.id, kind: target.kind, code: target.code, name: target.name, teamName: file.a.teamName },
    stages: ARCHIVE_STAGE_LIST.map((stage) => ({
      stage,
      name: ARCHIVE_STAGES[stage],
      folder: stageFolder(stage),
      entries: catalogue.filter((e) => e.stage === stage).map((e) => entryOut(e, round.id, target.id)),
    })),
    complete: file.missing.length === 0,
    missing: file.missing,
    counts: file.counts,
  };
}

/** The round's targets the actor sees, each with its counts and whether its file is complete; a page at a time. */
export async function roundOverview(ctx: AppContext, actor: Actor, roundId: string, page: { page: number; pageSize: number }) {
  const { round, teamIds } = await roundAccess(ctx, actor, roundId);
  const targets = (await repo.targetsOf(ctx.db, round.id, teamIds)).filter((t) => scopeCovers(actor.scopeCode, t.code));
  const slice = targets.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  const items = [];
  for (const t of slice) {
    const file = await gather(ctx, await targetAccess(ctx, actor, round.id, t.id));
    items.push({
      id: t.id,
      kind: t.kind,
      code: t.code,
      name: t.name,
      teamName: t.team_name,
      counts: file.counts,
      complete: file.missing.length === 0,
      missingCount: file.missing.length,
      missing: file.missing.slice(0, 3),
    });
  }
  return { round: { id: round.id, label: roundLabel(round), phase: round.phase }, items, total: targets.length };
}

// ── Generated documents ──────────────────────────────────────────────────────────────────────────────────

interface RegisterRow {
  village: string;
  kind: string;
  name: string;
  date: string;
  place: string;
  who: string;
  author: string;
  files: number;
  notes: string;
}

const REGISTER_COLUMNS: LedgerColumn<RegisterRow>[] = [
  { header: '村（社区）', value: (r) => r.village },
  { header: '类别', value: (r) => r.kind },
  { header: '环节或记录', value: (r) => r.name },
  { header: '日期', value: (r) => r.date, kind: 'date' },
  { header: '地点', value: (r) => r.place, maxWidth: 30 },
  { header: '对象', value: (r) => r.who, maxWidth: 40 },
  { header: '记录人', value: (r) => r.author },
  { header: '附件数', value: (r) => r.files, kind: 'integer' },
  { header: '说明', value: (r) => r.notes, maxWidth: 60 },
];

/** 巡察环节和工作记录登记表: every step done and every work record of the target's villages, village and date order. */
async function registerXlsx(ctx: AppContext, a: TargetAccess): Promise<Buffer> {
  const inspections = await repo.inspectionsOf(ctx.db, a.target.id);
  const ids = inspections.map((i) => i.id);
  const [steps, records] = await Promise.all([repo.stepsOf(ctx.db, ids), repo.workRecordsOf(ctx.db, ids)]);
  const files = await repo.attachmentsOf(ctx.db, WORK_RECORD_OWNER, records.map((r) => r.id));
  const rows: RegisterRow[] = [];
  for (const i of inspections) {
    const village = i.short_name || i.name || i.village_code;
    const own: (RegisterRow & { order: number })[] = [
      ...steps
        .filter((s) => s.inspection_id === i.id)
        .map((s) => ({ village, kind: '巡察环节', name: INSPECTION_STEPS[s.step as InspectionStep] ?? s.step, date: dateText(s.done_on) ?? '', place: '', who: '', author: '', files: 0, notes: s.notes, order: 0 })),
      ...records
        .filter((r) => r.inspection_id === i.id)
        .map((r) => ({
          village,
          kind: '工作记录',
          name: WORK_RECORD_KIND_NAMES[r.kind as WorkRecordKind] ?? r.kind,
          date: dateText(r.date) ?? '',
          place: r.place,
          who: [...jsonArray<{ name?: string }>(r.people).map((p) => p.name), ...jsonArray<{ head?: string }>(r.households).map((h) => h.head)].filter(Boolean).join('、'),
          author: r.author ?? '',
          files: files.filter((f) => f.owner_id === r.id).length,
          notes: r.notes,
          order: 1,
        })),
    ];
    own.sort((x, y) => x.date.localeCompare(y.date) || x.order - y.order);
    rows.push(...own.map(({ order: _order, ...row }) => row));
  }
  return ledgerXlsx(REGISTER_COLUMNS, rows, '登记表');
}

export async function workRegister(ctx: AppContext, actor: Actor, roundId: string, targetId: string) {
  const a = await targetAccess(ctx, actor, roundId, targetId);
  return { buffer: await registerXlsx(ctx, a), fileName: `巡察环节和工作记录登记表-${roundLabel(a.round)}-${a.target.name}.xlsx` };
}

/** Builds one generated document of the file through its own module, with the caller's rights. */
async function generate(ctx: AppContext, actor: Actor, a: TargetAccess, key: string): Promise<Buffer> {
  const [kind, id = ''] = key.split(':') as [string, string | undefined];
  switch (kind) {
    case 'register':
      return registerXlsx(ctx, a);
    case 'paper':
      return (await workingPaper(ctx, actor, id)).buffer;
    case 'notice':
      return (await immediateNotice(ctx, actor, id)).buffer;
    case 'letter':
      return (await transferLetter(ctx, actor, id)).buffer;
    case 'report':
      return (await reportDocx(ctx, actor, a.round.id, a.target.id)).buffer;
    case 'feedback':
      return (await feedbackDocx(ctx, actor, a.round.id, a.target.id)).buffer;
    case 'problems':
      return (await problemListDocx(ctx, actor, a.round.id, a.target.id, id)).buffer;
    default:
      throw new Error(`unknown archive document ${key}`);
  }
}

// ── Export ───────────────────────────────────────────────────────────────────────────────────────────────

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const CATALOGUE_COLUMNS: LedgerColumn<CatalogueEntry>[] = [
  { header: '序号', value: (e) => e.seq, kind: 'integer' },
  { header: '阶段', value: (e) => e.stageName },
  { header: '题名', value: (e) => e.title, maxWidth: 60 },
  { header: '文件名', value: (e) => e.zipName, maxWidth: 50 },
  { header: '日期', value: (e) => e.date, kind: 'date' },
  { header: '责任者/来源', value: (e) => e.responsible },
  { header: '类型', value: (e) => e.typeName },
  { header: '大小（字节）', value: (e) => e.size, kind: 'integer' },
  { header: 'SHA-256', value: (e) => e.sha256, maxWidth: 66 },
  { header: '在压缩包中的路径', value: (e) => e.zipPath, maxWidth: 70 },
];

/** Noon China time of a date (zip times are local and start in 1980); files without a date get the export time. */
const mtimeOf = (date: string | null, now: Date) => (date && date >= '1980-01-02' ? new Date(`${date}T12:00:00+08:00`) : now);

/** Adds one file to the zip, stored as is (photos, PDF and Office files are compressed already). */
function addFile(zip: Zip, path: string, data: Uint8Array, mtime: Date) {
  const f = new ZipPassThrough(path);
  f.mtime = mtime;
  zip.add(f);
  f.push(data, true);
}

/**
 * Writes a target's case file into `zip` under `prefix`: 目录.xlsx first, then the stage folders. Generated
 * documents are built first (their size and hash go into the catalogue); stored files are read one at a
 * time while writing, so only one attachment's bytes are held at once. Returns the number of files.
 */
async function writeTarget(ctx: AppContext, actor: Actor, file: TargetFile, zip: Zip, prefix: string, drain: () => Promise<void>): Promise<number> {
  const now = ctx.now();
  const built = new Map<string, Buffer>();
  for (const item of file.items) {
    if (item.source.kind !== 'generated') continue;
    const buffer = await generate(ctx, actor, file.a, item.source.key);
    built.set(item.source.key, buffer);
    item.size = buffer.length;
    item.sha256 = sha256(buffer);
  }
  const catalogue = buildCatalogue(file.items);
  addFile(zip, `${prefix}${CATALOGUE_FILE}`, await ledgerXlsx(CATALOGUE_COLUMNS, catalogue, '目录'), now);
  await drain();
  for (const e of catalogue) {
    let data: Uint8Array;
    if (e.source.kind === 'generated') data = built.get(e.source.key)!;
    else {
      const stored = await loadAttachment(ctx.db, e.source.attachmentId);
      if (!stored) throw new DomainError('CONFLICT', `附件“${e.fileName}”在导出过程中被删除，请重新导出`);
      data = stored.content;
    }
    addFile(zip, `${prefix}${e.zipPath}`, data, mtimeOf(e.date, now));
    await drain();
  }
  return catalogue.length + 1;
}

class DownloadAborted extends Error {}

const nothingToExport = (what: string) => new DomainError('CONFLICT', `${what}还没有可归档的材料（工作记录附件、已审定的问题底稿、已移交的线索、已审定的报告或反馈），无法导出档案`);

/** A target's case file as one .zip, built in memory (one target's files are bounded by the upload limits). */
export async function exportTarget(ctx: AppContext, actor: Actor, roundId: string, targetId: string): Promise<{ buffer: Buffer; fileName: string }> {
  const file = await gather(ctx, await targetAccess(ctx, actor, roundId, targetId));
  if (file.items.length === 0) throw nothingToExport(file.a.target.name);
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  await writeTarget(ctx, actor, file, zip, '', async () => {});
  zip.end();
  if (failure) throw failure;
  return { buffer: Buffer.concat(chunks), fileName: targetZipName(roundLabel(file.a.round), file.a.target.name) };
}

/**
 * The round's case files, a folder per target the actor sees (01-城关镇/目录.xlsx …), streamed: targets
 * are written one after the other and the stream waits for the client between files, so a whole
 * round's files are never in memory together. Refused before any byte is sent when nothing is filed.
 */
export async function exportRound(
  ctx: AppContext,
  actor: Actor,
  roundId: string,
  log: { error: (obj: object, msg: string) => void; info: (msg: string) => void },
): Promise<{ stream: Readable; fileName: string }> {
  const { round, teamIds } = await roundAccess(ctx, actor, roundId);
  const targets = (await repo.targetsOf(ctx.db, round.id, teamIds)).filter((t) => scopeCovers(actor.scopeCode, t.code));
  // what each target has, without bytes: a target with nothing is left out, a round with nothing refused
  const files: { file: TargetFile; index: number }[] = [];
  for (const [index, t] of targets.entries()) {
    const file = await gather(ctx, await targetAccess(ctx, actor, round.id, t.id));
    if (file.items.length > 0) files.push({ file, index });
  }
  if (files.length === 0) throw nothingToExport(`${roundLabel(round)}的巡察对象`);
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(chunk);
    if (final) out.end();
  });
  const drain = async () => {
    if (out.writableNeedDrain) await new Promise<void>((resolve) => (out.once('drain', resolve), out.once('close', resolve)));
    // the client went away: stop reading blobs for nobody
    if (out.destroyed) throw new DownloadAborted();
  };
  void (async () => {
    for (const { file, index } of files) await writeTarget(ctx, actor, file, zip, `${targetFolder(index, file.a.target.name)}/`, drain);
    zip.end();
  })().catch((e: unknown) => {
    if (e instanceof DownloadAborted) return log.info('archive export: the client closed the download');
    // the status line is sent already: the client sees a broken download, the log says why
    log.error({ err: e }, 'archive export failed');
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return { stream: out, fileName: roundZipName(roundLabel(round)) };
}
