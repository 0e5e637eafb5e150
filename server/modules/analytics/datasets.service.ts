/**
 * 大数据比对 datasets (issue 7 item 1). The office (analytics.manage) uploads a file, sees a preview
 * with the detected encoding, delimiter and header and a suggested mapping — the one saved for this
 * source and these headers when there is one — confirms kind, source and mapping, and the import
 * runs as a job (server/analytics/import.ts) that reports progress in phases and can be cancelled.
 * A failed or cancelled import leaves no dataset files and its row `failed`; only `ready` datasets
 * are read by models.
 *
 * Scope: every dataset belongs to the uploader's division scope; other organisations see 404.
 * Audit: upload (create), confirm (import), delete, and the import's end (system).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { DATASET_KINDS, datasetKind, isDatasetKindKey, type DatasetKindKey } from '../../../domain/analytics/dataset-kinds';
import type { Dataset as DatasetOut, DatasetDetail, DatasetFormat, DatasetPreview as PreviewOut, DatasetRecord, DatasetStatus, IssueSummary } from '../../../domain/analytics/dataset-types';
import { assertValidMapping, detectHeader, suggestMapping, type ColumnMapping, type MappingSuggestion } from '../../../domain/analytics/mapping';
import { DomainError } from '../../../domain/shared/errors';
import { analyticsEngine, sqlString, type AnalyticsEngine } from '../../analytics/engine';
import { cleanUpImport, importDataset, type ImportResult } from '../../analytics/import';
import { previewSource, type HeaderLayout, type SourceInfo, type SourcePreview } from '../../analytics/readers';
import { ENCODING_LABELS, TEXT_ENCODINGS, type TextEncoding } from '../../analytics/sniff';
import { dataFile, issuesFile, removeDataset, removeWork, sweepLeftovers, uploadFile } from '../../analytics/store';
import type { Actor, AppContext } from '../../http/context';
import { enqueueJob, registerJobKind, type JobTools } from '../../jobs';
import { SYSTEM_ACTOR, writeAudit } from '../access';
import * as repo from './datasets.repository';

const ENTITY = 'analytics.dataset';
export const IMPORT_JOB = 'analytics.import';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new DomainError('NOT_FOUND', '数据集不存在或无权查看');
const PREVIEW_DATA_ROWS = 20;
const ISSUES_XLSX_LIMIT = 200_000;

export type { DatasetStatus };
export const DATASET_STATUSES = { uploaded: '待确认', importing: '导入中', ready: '可用', failed: '导入失败' } as const satisfies Record<DatasetStatus, string>;
export const FORMAT_LABELS = { csv: 'CSV', xlsx: 'Excel（.xlsx）', parquet: 'Parquet' } as const satisfies Record<DatasetFormat, string>;

export const engineOf = (ctx: AppContext): AnalyticsEngine => analyticsEngine(ctx.config);

function manager(actor: Actor): void {
  if (!actor.permissions.has('analytics.manage')) throw new DomainError('FORBIDDEN', '只有巡察办可以管理比对数据');
}

/**
 * An import whose job was ended by a restart never reached its handler's own failure path: its row
 * is settled here (failed, with the job's message) and its files removed, before any read.
 */
async function settle(ctx: AppContext, actor: Actor): Promise<void> {
  const ids = await repo.settleInterrupted(ctx.db, actor.scopeCode, ctx.now());
  const engine = engineOf(ctx);
  for (const id of ids) {
    removeDataset(engine, id);
    removeWork(engine, id);
  }
}

async function datasetFor(ctx: AppContext, actor: Actor, id: string) {
  manager(actor);
  if (!UUID.test(id)) throw notFound();
  await settle(ctx, actor);
  const row = await repo.findDataset(ctx.db, actor.scopeCode, id);
  if (!row) throw notFound();
  return row;
}

// — inputs —

const kindField = z.string({ message: '请选择数据类型' }).refine(isDatasetKindKey, '请选择有效的数据类型');
const mappingField = z.record(
  z.string().max(60),
  z.object({ column: z.number().int().min(0, '列号无效'), unit: z.enum(['元', '万元', '亩', '平方米', '公顷']).optional() }),
  { message: '请填写字段对应关系' },
);

export const layoutInput = z.object(
  {
    encoding: z.enum(TEXT_ENCODINGS, { message: '请选择有效的文件编码' }).optional(),
    sheetName: z.string().max(100).optional(),
    /** the 1-based row of the header, when the detected one is wrong */
    headerRow: z.number().int().min(1).optional(),
    headerRowCount: z.union([z.literal(1), z.literal(2)]).optional(),
  },
  { message: '提交的内容格式不正确' },
);
export type LayoutInput = z.infer<typeof layoutInput>;

export const confirmInput = z.object(
  {
    kind: kindField,
    name: z.string().trim().min(1, '请填写数据集名称').max(100, '名称不超过 100 字'),
    sourceName: z.string().trim().min(1, '请填写数据来源，如“县民政局低保发放”').max(100, '数据来源不超过 100 字'),
    mapping: mappingField,
  },
  { message: '提交的内容格式不正确' },
);
export type ConfirmInput = z.infer<typeof confirmInput>;

const payloadSchema = z.object({ datasetId: z.string().uuid() });

// — out —

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function out(r: repo.DatasetRow): DatasetOut {
  const kind = r.kind !== null && isDatasetKindKey(r.kind) ? datasetKind(r.kind) : null;
  const status = r.status as DatasetStatus;
  // the table's check constraint keeps format to csv, xlsx and parquet
  const format = r.format as DatasetFormat;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: r.id,
    name: r.name,
    kind: kind?.key ?? null,
    kindName: kind?.label ?? null,
    sourceName: r.source_name,
    fileName: r.file_name,
    fileSize: Number(r.file_size),
    format,
    formatName: FORMAT_LABELS[format] ?? r.format,
    encoding: r.encoding,
    encodingName: r.encoding === null ? null : (ENCODING_LABELS[r.encoding as TextEncoding] ?? r.encoding),
    delimiter: r.delimiter,
    sheetName: r.sheet_name,
    headerRow: r.header_row,
    headerRowCount: r.header_row_count,
    headers: (r.headers as string[] | null) ?? [],
    mapping: (r.mapping as ColumnMapping | null) ?? null,
    status,
    statusName: DATASET_STATUSES[status] ?? r.status,
    rowCount: num(r.row_count),
    rejectedCount: num(r.rejected_count),
    flaggedCount: num(r.flagged_count),
    errorMessage: r.error_message,
    jobId: r.job_id,
    createdByName: r.created_by_name ?? null,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
  };
}

// — preview —

/** The header layout of a preview: Parquet's column names, else detectHeader or the user's choice. */
function layoutOf(preview: SourcePreview, input: LayoutInput): HeaderLayout & { titles: string[]; unitHint?: string } {
  if (preview.columnNames !== null) return { headerRow: 0, headerRowCount: 1, dataStartRow: 1, headers: preview.columnNames, titles: [] };
  const rows = preview.rows;
  if (input.headerRow !== undefined) {
    const index = rows.findIndex((r) => r.row === input.headerRow);
    if (index < 0) throw new DomainError('VALIDATION_FAILED', `第 ${input.headerRow} 行不在文件开头的预览范围内，或是空行`, [{ path: 'headerRow', message: '请选择预览中的一行作为表头' }]);
    const count = input.headerRowCount ?? 1;
    const headerRows = rows.slice(index, index + count).map((r) => r.cells);
    const next = rows[index + count];
    // data rows may run wider than the header (trailing cells): the reader needs every column
    const width = Math.max(0, ...rows.slice(index + count).map((r) => r.cells.length));
    const headers = combineHeaders(headerRows, width);
    return { headerRow: input.headerRow, headerRowCount: count, dataStartRow: next?.row ?? rows[rows.length - 1]!.row + 1, headers, titles: [] };
  }
  const detected = detectHeader(rows.map((r) => r.cells));
  if (!detected.ok) throw new DomainError('ANALYTICS_FILE_INVALID', `没有找到表头：${detected.reason}`);
  const width = Math.max(detected.headers.length, ...rows.slice(detected.dataStartIndex).map((r) => r.cells.length));
  const headers = [...detected.headers];
  while (headers.length < width) headers.push('');
  const layout = {
    headerRow: rows[detected.headerRowIndex]!.row,
    headerRowCount: detected.headerRowCount,
    dataStartRow: rows[detected.dataStartIndex]?.row ?? rows[rows.length - 1]!.row + 1,
    headers: headers.map((h, i) => h.trim() || `第${i + 1}列`),
    titles: detected.titles,
  };
  return detected.unitHint === undefined ? layout : { ...layout, unitHint: detected.unitHint };
}

/** Headers of rows the user picked: a two-row header joins group title and sub-column as "组-列". */
function combineHeaders(rows: string[][], dataWidth: number): string[] {
  const width = Math.max(dataWidth, ...rows.map((r) => r.length));
  const out: string[] = [];
  let parent = '';
  for (let c = 0; c < width; c++) {
    const top = rows[0]?.[c] ?? '';
    if (top !== '') parent = top;
    const sub = rows.length > 1 ? (rows[1]?.[c] ?? '') : '';
    const name = rows.length === 1 ? top : sub === '' || sub === top ? top || parent : `${top || parent}-${sub}`;
    out.push(name.trim() || `第${c + 1}列`);
  }
  return out;
}

export const headersSignature = (headers: string[]) => createHash('sha256').update(JSON.stringify(headers.map((h) => h.replace(/\s+/g, '')))).digest('hex');

/** The kind whose fields the headers fit best (required fields count double). */
function bestKind(headers: string[], unitHint: string | undefined): MappingSuggestion {
  let best: { score: number; s: MappingSuggestion } | undefined;
  for (const kind of DATASET_KINDS) {
    if (kind.fromRegistry) continue;
    const s = suggestMapping(kind.key, headers, unitHint ? { unitHint: unitHint as never } : {});
    const score = s.fields.reduce((sum, f) => sum + f.confidence * (f.required ? 2 : 1), 0);
    if (best === undefined || score > best.score) best = { score, s };
  }
  return best!.s;
}

async function buildPreview(ctx: AppContext, actor: Actor, row: repo.DatasetRow, preview: SourcePreview, layout: ReturnType<typeof layoutOf>): Promise<PreviewOut> {
  const saved = await repo.findMapping(ctx.db, actor.scopeCode, headersSignature(layout.headers));
  let suggestion: PreviewOut['suggestion'];
  if (saved && isDatasetKindKey(saved.kind)) {
    const fields = suggestMapping(saved.kind, layout.headers).fields;
    suggestion = { from: 'saved', kind: saved.kind, sourceName: saved.source_name, mapping: saved.mapping as ColumnMapping, fields };
  } else {
    const s = bestKind(layout.headers, layout.unitHint);
    suggestion = { from: 'suggested', kind: s.kind, sourceName: null, mapping: s.mapping, fields: s.fields };
  }
  return {
    dataset: out(row),
    header: { row: layout.headerRow, rowCount: layout.headerRowCount, headers: layout.headers, titles: layout.titles },
    rows: preview.rows.filter((r) => r.row >= layout.dataStartRow).slice(0, PREVIEW_DATA_ROWS),
    rawRows: preview.rows.slice(0, 30),
    suggestion,
    encodings: TEXT_ENCODINGS.map((value) => ({ value, label: ENCODING_LABELS[value] })),
  };
}

/**
 * Registers an uploaded file (already streamed to its work directory by the route) as a dataset
 * awaiting its mapping, and returns the preview. A file that cannot be read is refused and removed.
 */
export async function createUpload(ctx: AppContext, actor: Actor, upload: { id: string; fileName: string; size: number }): Promise<PreviewOut> {
  manager(actor);
  const engine = engineOf(ctx);
  try {
    const preview = await previewSource(engine, uploadFile(engine, upload.id), upload.fileName);
    const layout = layoutOf(preview, {});
    const row = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await repo.insertDataset(trx, {
        id: upload.id,
        scope_code: actor.scopeCode,
        name: upload.fileName.replace(/\.[^.]+$/, '').slice(0, 100) || '未命名数据集',
        file_name: upload.fileName,
        file_size: upload.size,
        format: preview.info.format,
        encoding: preview.info.encoding,
        delimiter: preview.info.delimiter,
        sheet_name: preview.info.sheetName,
        header_row: layout.headerRow,
        header_row_count: layout.headerRowCount,
        headers: layout.headers,
        created_by: actor.userId,
        now: ctx.now(),
      });
      await writeAudit(trx, ctx, actor, { action: 'create', entity: ENTITY, entityId: inserted.id, scopeCode: inserted.scope_code, after: { fileName: upload.fileName, fileSize: upload.size, format: preview.info.format, status: 'uploaded' } });
      return inserted;
    });
    const full = await repo.findDatasetById(ctx.db, row.id);
    return buildPreview(ctx, actor, full!, preview, layout);
  } catch (e) {
    removeWork(engine, upload.id);
    throw e;
  }
}

function sourceInfoOf(r: repo.DatasetRow): SourceInfo {
  return { format: r.format as SourceInfo['format'], encoding: r.encoding as TextEncoding | null, delimiter: r.delimiter as SourceInfo['delimiter'], sheetName: r.sheet_name };
}

function mustAwaitMapping(r: repo.DatasetRow) {
  if (r.status !== 'uploaded') {
    throw new DomainError('ANALYTICS_DATASET_BUSY', r.status === 'importing' ? '数据集正在导入' : '数据集已导入，不能再修改识别方式；如需重新导入，请重新上传文件');
  }
}

/** The preview again (the user changed the encoding, sheet or header row). */
export async function previewUpload(ctx: AppContext, actor: Actor, id: string, input: LayoutInput): Promise<PreviewOut> {
  const row = await datasetFor(ctx, actor, id);
  mustAwaitMapping(row);
  const engine = engineOf(ctx);
  const file = uploadFile(engine, id);
  if (!fs.existsSync(file)) throw new DomainError('NOT_FOUND', '上传的文件已不存在，请重新上传');
  const preview = await previewSource(engine, file, row.file_name, {
    encoding: input.encoding ?? ((row.encoding as TextEncoding | null) ?? undefined),
    sheetName: input.sheetName ?? row.sheet_name ?? undefined,
  });
  const layout = layoutOf(preview, input);
  await repo.updateDataset(
    ctx.db,
    id,
    { encoding: preview.info.encoding, delimiter: preview.info.delimiter, sheet_name: preview.info.sheetName, header_row: layout.headerRow, header_row_count: layout.headerRowCount, headers: layout.headers },
    ctx.now(),
  );
  return buildPreview(ctx, actor, (await repo.findDatasetById(ctx.db, id))!, preview, layout);
}

/** Confirms kind, source and mapping; the import runs as a job whose id is returned. */
export async function confirmImport(ctx: AppContext, actor: Actor, id: string, input: ConfirmInput): Promise<{ jobId: string; dataset: DatasetOut }> {
  const row = await datasetFor(ctx, actor, id);
  const kind = input.kind as DatasetKindKey;
  const headers = (row.headers as string[] | null) ?? [];
  assertValidMapping(kind, input.mapping as ColumnMapping, headers);
  const engine = engineOf(ctx);
  if (!fs.existsSync(uploadFile(engine, id))) throw new DomainError('NOT_FOUND', '上传的文件已不存在，请重新上传');
  const result = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockDataset(trx, id);
    const current = (await repo.findDatasetById(trx, id))!;
    mustAwaitMapping(current);
    const jobId = await enqueueJob(ctx, actor, IMPORT_JOB, { datasetId: id }, { tx: trx, scopeCode: current.scope_code });
    await repo.updateDataset(trx, id, { kind, name: input.name, source_name: input.sourceName, mapping: input.mapping, status: 'importing', job_id: jobId }, ctx.now());
    await repo.saveMapping(trx, { scope_code: current.scope_code, kind, source_name: input.sourceName, headers_signature: headersSignature(headers), headers, mapping: input.mapping, updated_by: actor.userId, now: ctx.now() });
    await writeAudit(trx, ctx, actor, {
      action: 'import',
      entity: ENTITY,
      entityId: id,
      scopeCode: current.scope_code,
      before: { status: current.status },
      after: { status: 'importing', kind, name: input.name, sourceName: input.sourceName, mapping: input.mapping, jobId },
    });
    return jobId;
  });
  return { jobId: result, dataset: out((await repo.findDatasetById(ctx.db, id))!) };
}

/** The job: runs the import, then marks the dataset ready (or failed, with nothing left on disk). */
async function runImport(ctx: AppContext, datasetId: string, tools: JobTools): Promise<{ datasetId: string; rowCount: number; rejectedCount: number; flaggedCount: number }> {
  const engine = engineOf(ctx);
  const row = await repo.findDatasetById(ctx.db, datasetId);
  if (!row || row.status !== 'importing' || row.kind === null || !isDatasetKindKey(row.kind)) throw new DomainError('NOT_FOUND', '要导入的数据集不存在或已不在导入中');
  const headers = (row.headers as string[] | null) ?? [];
  let result: ImportResult;
  try {
    const filePath = uploadFile(engine, datasetId);
    const layout = await importLayout(engine, row, filePath, headers);
    result = await importDataset(
      engine,
      { datasetId, filePath, info: sourceInfoOf(row), layout, kind: row.kind, mapping: row.mapping as ColumnMapping },
      { signal: tools.signal, progress: (phase, done, total, text) => tools.progress(done, total, `${phase}：${text}`) },
    );
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateDataset(
        trx,
        datasetId,
        { status: 'ready', row_count: result.rowCount, rejected_count: result.rejectedCount, flagged_count: result.flaggedCount, issues: result.issues, error_code: null, error_message: null, finished_at: ctx.now() },
        ctx.now(),
      );
      await writeAudit(trx, ctx, SYSTEM_ACTOR, { action: 'import_finished', entity: ENTITY, entityId: datasetId, scopeCode: row.scope_code, after: { status: 'ready', rowCount: result.rowCount, rejectedCount: result.rejectedCount, flaggedCount: result.flaggedCount } });
    });
  } catch (e) {
    removeDataset(engine, datasetId);
    cleanUpImport(engine, datasetId);
    const cancelled = tools.signal.aborted;
    const code = cancelled ? 'ANALYTICS_IMPORT_CANCELLED' : e instanceof DomainError ? e.code : 'INTERNAL';
    const message = cancelled ? '导入已取消，没有留下任何数据' : e instanceof DomainError ? e.message : '导入时发生内部错误，没有留下任何数据。请联系管理员查看服务日志';
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateDataset(trx, datasetId, { status: 'failed', error_code: code, error_message: message, finished_at: ctx.now() }, ctx.now());
      await writeAudit(trx, ctx, SYSTEM_ACTOR, { action: cancelled ? 'import_cancelled' : 'import_failed', entity: ENTITY, entityId: datasetId, scopeCode: row.scope_code, after: { status: 'failed', errorCode: code } });
    });
    throw e;
  }
  cleanUpImport(engine, datasetId);
  return { datasetId, rowCount: result.rowCount, rejectedCount: result.rejectedCount, flaggedCount: result.flaggedCount };
}

/**
 * The layout the user confirmed, with where the data starts: detection is deterministic, so when
 * the stored header is the detected one its data start (past unit lines and 1, 2, 3 … rows) holds;
 * a header row the user chose has its data on the next non-blank row.
 */
async function importLayout(engine: AnalyticsEngine, row: repo.DatasetRow, filePath: string, headers: string[]): Promise<HeaderLayout> {
  if (row.format === 'parquet') return { headerRow: 0, headerRowCount: 1, dataStartRow: 1, headers };
  const preview = await previewSource(engine, filePath, row.file_name, { encoding: (row.encoding as TextEncoding | null) ?? undefined, sheetName: row.sheet_name ?? undefined });
  const headerRow = row.header_row ?? 1;
  const headerRowCount = row.header_row_count ?? 1;
  let layout: HeaderLayout | undefined;
  try {
    const detected = layoutOf(preview, {});
    if (detected.headerRow === headerRow && detected.headerRowCount === headerRowCount) layout = detected;
  } catch {
    // no header detected: the user chose one
  }
  layout ??= layoutOf(preview, { headerRow, headerRowCount: headerRowCount as 1 | 2 });
  return { ...layout, headers };
}

let registered = false;
/** Registers the import job kind once per process. */
export function registerImportJob(): void {
  if (registered) return;
  registered = true;
  registerJobKind(IMPORT_JOB, {
    label: '导入比对数据',
    permission: 'analytics.manage',
    payload: payloadSchema,
    run: (job, tools) => runImport(tools.ctx, (job.payload as z.infer<typeof payloadSchema>).datasetId, tools),
  });
}

// — reading —

export async function listDatasets(ctx: AppContext, actor: Actor, q: { q?: string | undefined; kind?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  manager(actor);
  await settle(ctx, actor);
  const r = await repo.listDatasets(ctx.db, { scope: actor.scopeCode, q: q.q, kind: q.kind, status: q.status }, q.page, q.pageSize);
  return { items: r.items.map(out), total: r.total };
}

export async function getDataset(ctx: AppContext, actor: Actor, id: string): Promise<DatasetDetail> {
  const row = await datasetFor(ctx, actor, id);
  const fields = row.kind !== null && isDatasetKindKey(row.kind) ? datasetKind(row.kind).fields.map((f) => ({ key: f.key, label: f.label, type: f.type })) : [];
  return { ...out(row), issues: (row.issues as IssueSummary | null) ?? null, fields };
}

const jsonValue = (v: unknown): string | number | boolean | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  // DuckDB DATE columns arrive as UTC midnights
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
};

function readyFor(row: repo.DatasetRow) {
  if (row.status !== 'ready') throw new DomainError('ANALYTICS_DATASET_BUSY', `数据集${DATASET_STATUSES[row.status as DatasetStatus] ?? ''}，还没有可查看的数据`);
}

/** A page of the normalised rows, read from the Parquet file. */
export async function datasetRows(ctx: AppContext, actor: Actor, id: string, q: { page: number; pageSize: number; flagged?: boolean | undefined }): Promise<{ items: DatasetRecord[]; total: number }> {
  const row = await datasetFor(ctx, actor, id);
  readyFor(row);
  const engine = engineOf(ctx);
  return engine.use(async (conn) => {
    const file = sqlString(dataFile(engine, id));
    const where = q.flagged ? 'where _issues is not null' : '';
    const total = q.flagged ? Number((await conn.runAndReadAll(`select count(*) from read_parquet(${file}) ${where}`)).getRowsJS()[0]![0]) : Number(row.row_count ?? 0);
    const reader = await conn.runAndReadAll(`select * from read_parquet(${file}) ${where} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
    const items = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)])));
    return { items, total };
  });
}

const outcome = (rejected: boolean, kept: boolean) => (rejected ? '整行未导入' : kept ? '已导入，值存疑' : '已导入，该项为空');

/** Every problem found, as .xlsx (row, column, value, issue, rejected or kept). */
export async function issuesWorkbook(ctx: AppContext, actor: Actor, id: string): Promise<{ fileName: string; buffer: Buffer }> {
  const row = await datasetFor(ctx, actor, id);
  readyFor(row);
  const engine = engineOf(ctx);
  const rows = await engine.use(async (conn) => {
    const reader = await conn.runAndReadAll(`select "row", "column", header, label, value, issue, rejected, kept from read_parquet(${sqlString(issuesFile(engine, id))}) order by "row", "column" limit ${ISSUES_XLSX_LIMIT}`);
    return reader.getRowsJS();
  });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题行');
  sheet.columns = [
    { header: '行号', key: 'row', width: 10 },
    { header: '列', key: 'column', width: 6 },
    { header: '表头', key: 'header', width: 18 },
    { header: '标准字段', key: 'label', width: 16 },
    { header: '原值', key: 'value', width: 30 },
    { header: '问题', key: 'issue', width: 36 },
    { header: '处理', key: 'rejected', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow({ row: Number(r[0]), column: r[1], header: r[2], label: r[3], value: r[4], issue: r[5], rejected: outcome(Boolean(r[6]), Boolean(r[7])) });
  }
  if (rows.length === ISSUES_XLSX_LIMIT) sheet.addRow({ row: null, issue: `仅列出前 ${ISSUES_XLSX_LIMIT.toLocaleString('en-US')} 条问题` });
  return { fileName: `${row.name}-问题行.xlsx`, buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** Deletes a dataset (not while it imports): the row with an audit entry, then its files. */
export async function deleteDataset(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await datasetFor(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockDataset(trx, id);
    const current = (await repo.findDatasetById(trx, id))!;
    if (current.status === 'importing') throw new DomainError('ANALYTICS_DATASET_BUSY', '数据集正在导入，请先取消导入再删除');
    await repo.deleteDataset(trx, id);
    await writeAudit(trx, ctx, actor, { action: 'delete', entity: ENTITY, entityId: id, scopeCode: row.scope_code, before: { ...out(current), mapping: undefined } });
  });
  const engine = engineOf(ctx);
  removeDataset(engine, id);
  removeWork(engine, id);
}

/** Removes files left by a process that died mid-upload or mid-import (a day old or more); at server start. */
export async function sweepLeftoverFiles(ctx: AppContext): Promise<number> {
  const engine = engineOf(ctx);
  if (!fs.existsSync(engine.root)) return 0;
  const keep = await repo.idsWithWork(ctx.db);
  return sweepLeftovers(engine, (id) => keep.has(id), Date.now(), 24 * 3600 * 1000);
}

/** A fresh id for an upload (its work directory is named by it). */
export const newUploadId = () => randomUUID();
