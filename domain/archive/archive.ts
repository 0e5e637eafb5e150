/**
 * 立卷归档: the case file of one round's target, filed by stage. Pure: the stages in filing order, the
 * catalogue (目录) with the names and paths each file takes in the exported .zip, and the completeness
 * rules with the Chinese reasons the archive page shows.
 *
 * Stages follow the course of an inspection, so a reader of the file meets the materials in the order
 * the work produced them:
 *   01 进驻      巡前资料, 进驻动员会/见面沟通/宣传发动 records, the register of steps and work records
 *   02 听取汇报  briefing records (听)
 *   03 查阅资料  record reviews (看)
 *   04 个别谈话  talk records (谈)
 *   05 走访勘查  household visits, site surveys, on-the-spot fixes (访 勘 改)
 *   06 问题底稿  per approved finding: the working paper, its 立行立改通知书, its supporting materials
 *   07 问题线索  per transferred lead: the 移交函 and the lead's files (signed hand-over, decisions)
 *   08 巡察报告  the approved report
 *   09 反馈      the 反馈意见 and each village's 问题清单
 */
import { INSPECTION_STEPS, mandatorySteps, type InspectionStep, type StepConfig } from '../inspections/steps';
import type { WorkRecordKind } from '../inspections/work-records';

export const ARCHIVE_STAGES = {
  entry: '进驻',
  briefing: '听取汇报',
  review: '查阅资料',
  talk: '个别谈话',
  visit: '走访勘查',
  finding: '问题底稿',
  lead: '问题线索',
  report: '巡察报告',
  feedback: '反馈',
} as const;
export type ArchiveStage = keyof typeof ARCHIVE_STAGES;
/** In filing order. */
export const ARCHIVE_STAGE_LIST = Object.keys(ARCHIVE_STAGES) as ArchiveStage[];

/** `01-进驻` …: the folder of a stage in the .zip. */
export const stageFolder = (stage: ArchiveStage): string => `${String(ARCHIVE_STAGE_LIST.indexOf(stage) + 1).padStart(2, '0')}-${ARCHIVE_STAGES[stage]}`;

/** Where a work record's files are filed, by its kind (宣 听 谈 访 看 勘 改). */
export const WORK_RECORD_STAGE: Record<WorkRecordKind, ArchiveStage> = {
  publicity: 'entry',
  briefing: 'briefing',
  talk: 'talk',
  visit: 'visit',
  review: 'review',
  survey: 'visit',
  fix: 'visit',
};

export const ENTRY_TYPES = {
  pre_file: '巡前资料',
  record_file: '工作记录附件',
  material: '佐证材料',
  lead_file: '线索材料',
  document: '生成文书',
  register: '登记表',
} as const;
export type EntryType = keyof typeof ENTRY_TYPES;

/** One file of the case file before it is numbered and placed. */
export interface ArchiveItem {
  stage: ArchiveStage;
  type: EntryType;
  /** 题名: what the file is, e.g. 个别谈话记录（张三）附件. */
  title: string;
  /** The file's own name (as uploaded, or as the generator names it). */
  fileName: string;
  /** YYYY-MM-DD, or null when the material has no date. */
  date: string | null;
  /** 责任者/来源: who made it or where it comes from. */
  responsible: string;
  /** Known for stored files; generated documents learn theirs when they are built. */
  size: number | null;
  sha256: string | null;
  /** Where the bytes come from: an attachment, or a generated document the server knows how to build. */
  source: { kind: 'attachment'; attachmentId: string } | { kind: 'generated'; key: string };
}

/** One row of the catalogue (目录). */
export interface CatalogueEntry extends ArchiveItem {
  /** 序号, from 1 in filing order. */
  seq: number;
  stageName: string;
  typeName: string;
  /** The file's name inside its stage folder (made safe, same names numbered (2), (3) …). */
  zipName: string;
  /** 在压缩包中的路径, relative to the target's folder: `01-进驻/名称.pdf`. */
  zipPath: string;
}

/** A name that is a valid file name on Windows, macOS and Linux: no path separators, reserved characters or control characters. */
export function safeFileName(name: string, fallback = '文件'): string {
  const clean = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  return (clean || fallback).slice(-150);
}

const splitExtension = (name: string): [string, string] => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
};

/**
 * Names unique within one folder: the second `照片.jpg` becomes `照片(2).jpg`, the third `照片(3).jpg`.
 * Case-insensitive, as Windows and macOS compare names; a numbered name that is itself taken moves on.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((n) => {
    let candidate = n;
    const [base, ext] = splitExtension(n);
    for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base}(${i})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The catalogue: items sorted by stage in filing order (the caller's order kept within a stage), numbered
 * from 1, each with its safe, unique name and path in the .zip.
 */
export function buildCatalogue(items: readonly ArchiveItem[]): CatalogueEntry[] {
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => ARCHIVE_STAGE_LIST.indexOf(a.item.stage) - ARCHIVE_STAGE_LIST.indexOf(b.item.stage) || a.i - b.i)
    .map((x) => x.item);
  const out: CatalogueEntry[] = [];
  for (const stage of ARCHIVE_STAGE_LIST) {
    const ofStage = sorted.filter((s) => s.stage === stage);
    const names = uniqueNames(ofStage.map((s) => safeFileName(s.fileName)));
    ofStage.forEach((item, i) => {
      const zipName = names[i]!;
      out.push({
        ...item,
        seq: out.length + 1,
        stageName: ARCHIVE_STAGES[stage],
        typeName: ENTRY_TYPES[item.type],
        zipName,
        zipPath: `${stageFolder(stage)}/${zipName}`,
      });
    });
  }
  return out;
}

// ── Completeness ─────────────────────────────────────────────────────────────────────────────────────────

export interface CompletenessFacts {
  target: { name: string; kind: 'town' | 'village' | string };
  stepConfig: StepConfig;
  /** The target's villages (one for a village target) with what was recorded there. */
  villages: { code: string; name: string; stepsDone: readonly InspectionStep[]; talks: number }[];
  /** The target's findings; only approved ones are filed. */
  findings: { label: string; title: string; status: string; statusName: string; materials: number; materialFiles: number }[];
  /** The target's leads. */
  leads: { code: string; status: string; letterNo: string | null; files: number }[];
  report: { status: string; statusName: string } | null;
  /** Feedback to the target itself, and (town targets) to each village, by village code. */
  feedback: { target: boolean; villages: ReadonlySet<string> };
}

/** What the file still lacks, each a Chinese sentence; empty when the file is complete. */
export function completenessProblems(f: CompletenessFacts): string[] {
  const reasons: string[] = [];
  const town = f.target.kind === 'town';
  const where = (v: { name: string }) => (town ? `${v.name}：` : '');
  if (f.villages.length === 0) reasons.push(`${f.target.name}没有村级巡察记录`);
  for (const v of f.villages) {
    const done = new Set(v.stepsDone);
    for (const s of mandatorySteps(f.stepConfig)) {
      if (!done.has(s)) reasons.push(`${where(v)}必经环节“${INSPECTION_STEPS[s]}”未登记完成`);
    }
    if (v.talks === 0) reasons.push(`${where(v)}没有个别谈话记录`);
  }
  for (const x of f.findings) {
    const name = `问题${x.label}“${x.title}”`;
    if (x.status !== 'approved') {
      reasons.push(`${name}尚未审定（${x.statusName}），问题底稿不能归档`);
      continue;
    }
    if (x.materials === 0) reasons.push(`${name}没有佐证材料`);
    else if (x.materialFiles === 0) reasons.push(`${name}的佐证材料没有上传文件`);
  }
  for (const l of f.leads) {
    const name = `问题线索${l.code}`;
    if (l.status === 'draft') {
      reasons.push(`${name}尚未移交`);
      continue;
    }
    if (!l.letterNo) reasons.push(`${name}的移交函没有文号`);
    if (l.files === 0) reasons.push(`${name}没有上传签收的移交材料（签收单或回执）`);
  }
  if (!f.report) reasons.push('巡察报告尚未起草');
  else if (f.report.status !== 'approved') reasons.push(`巡察报告尚未审定（${f.report.statusName}）`);
  if (!f.feedback.target) reasons.push(`尚未向${f.target.name}反馈`);
  if (town) {
    for (const v of f.villages) if (!f.feedback.villages.has(v.code)) reasons.push(`尚未向${v.name}反馈`);
  }
  return reasons;
}

// ── Download names ───────────────────────────────────────────────────────────────────────────────────────

/** The .zip of one target: 巡察档案-2026年第2轮-城关镇.zip. */
export const targetZipName = (roundLabel: string, targetName: string) => safeFileName(`巡察档案-${roundLabel}-${targetName}.zip`);
/** The .zip of a round, a folder per target. */
export const roundZipName = (roundLabel: string) => safeFileName(`巡察档案-${roundLabel}.zip`);
/** A target's folder inside the round's .zip: `01-城关镇`, numbered in the round's target order. */
export const targetFolder = (index: number, targetName: string) => `${String(index + 1).padStart(2, '0')}-${safeFileName(targetName)}`;
export const CATALOGUE_FILE = '目录.xlsx';
