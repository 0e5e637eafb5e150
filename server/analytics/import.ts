/**
 * One dataset import, start to end: stage the source (读取文件), normalise every row in one DuckDB
 * pass into a work Parquet (规范化), then write the dataset's Parquet and its issues beside it into
 * a temporary directory that is renamed into place at the very end (写入). Row-level problems never
 * stop an import:
 *
 * - a value that cannot be read (text in an amount column, an ID number of the wrong length, an
 *   impossible date) becomes NULL in its field and the row is kept, flagged in `_issues`;
 * - a row whose **required** field (of the kind, e.g. 姓名, 身份证号码, 发放金额 of a payment roll)
 *   is empty or unreadable is rejected: it is not in the dataset, only in issues.parquet;
 * - an ID number with a wrong check digit is kept as written (flagged, not dropped).
 *
 * Blank rows and 合计/小计 rows are skipped. File-level problems (ragged rows, an unterminated quote,
 * a line over the size limit, a wrong encoding) stop the import with a Chinese message naming the
 * row. A failed or cancelled import removes everything it wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { datasetKind, type DatasetKindKey } from '../../domain/analytics/dataset-kinds';
import type { IssueCount, IssueSummary, RowIssue } from '../../domain/analytics/dataset-types';
import { ISSUES, precisionColumn, storedColumns } from '../../domain/analytics/normalise';
import { fieldSql, layeredRelation, layeredSql } from '../../domain/analytics/sql';
import { columnLetter, type ColumnMapping } from '../../domain/analytics/mapping';
import { DomainError } from '../../domain/shared/errors';
import type { AnalyticsEngine } from './engine';
import { sqlIdent, sqlString } from './engine';
import { csvErrorMessage, formatCount, parquetRowsRelation, stageSource, type HeaderLayout, type SourceInfo } from './readers';
import { invalidFile, type Delimiter } from './sniff';
import { publishDataset, removeWork, tempDatasetDir, workDir } from './store';

export interface ImportPlan {
  datasetId: string;
  filePath: string;
  info: SourceInfo;
  layout: HeaderLayout;
  kind: DatasetKindKey;
  mapping: ColumnMapping;
}

export type ImportPhase = '读取文件' | '规范化' | '写入';

export interface ImportTools {
  signal: AbortSignal;
  /** `done` of `total` in the phase's own measure (bytes, per cent), with a Chinese line for the bar */
  progress(phase: ImportPhase, done: number, total: number | null, text: string): void | Promise<void>;
}

export interface ImportResult {
  rowCount: number;
  rejectedCount: number;
  flaggedCount: number;
  issues: IssueSummary;
}

const FIRST_ISSUES = 100;
const TOTAL_ROW = '^[\\s\u3000]*(合计|小计|总计|累计|本页合计|共计)[\\s\u3000]*[:：]?[\\s\u3000]*$';

const ISSUE_STRUCT = 'struct(field varchar, label varchar, "column" varchar, header varchar, value varchar, issue varchar, kept boolean)';

/**
 * The SELECT that normalises the staged relation: stored columns, `_row`, `_issues` (a list, NULL
 * when the row has none) and `_rejected`. Blank and 合计 rows are dropped first; then every field's
 * subexpressions are computed once in SELECT layers (layeredSql), its value and issue read them,
 * and the issue list is only built for the rows that have an issue.
 */
export function normaliseSelect(kind: DatasetKindKey, mapping: ColumnMapping, layout: HeaderLayout, relation: string, columnCount: number): string {
  const cols = Array.from({ length: columnCount }, (_, i) => `c${i}`);
  const types = new Map(storedColumns(kind).map((c) => [c.name, c.type]));
  const mapped = datasetKind(kind).fields.flatMap((field) => {
    const target = mapping[field.key];
    return target === undefined ? [] : [{ field, target }];
  });
  // domain/analytics/sql.ts: the same values and issue texts as the JavaScript normalisers
  const { result: sqls, layers } = layeredSql((b) => mapped.map(({ field, target }) => fieldSql(field, `c${target.column}`, target.unit, b)));
  const values: string[] = [];
  const stage: string[] = [];
  const issues: string[] = [];
  const anyIssue: string[] = [];
  const required: string[] = [];
  for (const field of datasetKind(kind).fields) {
    const key = sqlIdent(field.key);
    const i = mapped.findIndex((m) => m.field.key === field.key);
    if (i < 0) {
      values.push(`cast(null as ${types.get(field.key) ?? 'VARCHAR'}) as ${key}`);
      if (field.type === 'date') values.push(`cast(null as varchar) as ${sqlIdent(precisionColumn(field.key))}`);
      continue;
    }
    const { target } = mapped[i]!;
    const sql = sqls[i]!;
    const issueCol = sqlIdent(`_issue_${i}`);
    stage.push(`${sql.value} as ${key}`, `${sql.issue} as ${issueCol}`);
    values.push(key);
    if (sql.precision !== undefined) {
      stage.push(`${sql.precision} as ${sqlIdent(precisionColumn(field.key))}`);
      values.push(sqlIdent(precisionColumn(field.key)));
    }
    const issue = field.required ? `case when ${key} is null and ${issueCol} is null then ${sqlString(ISSUES.required)} else ${issueCol} end` : issueCol;
    issues.push(
      `struct_pack(field := ${sqlString(field.key)}, label := ${sqlString(field.label)}, "column" := ${sqlString(columnLetter(target.column))}, header := ${sqlString(layout.headers[target.column] ?? '')}, value := left(coalesce(c${target.column}, ''), 60), issue := ${issue}, kept := ${key} is not null)`,
    );
    anyIssue.push(`${issueCol} is not null`);
    if (field.required) {
      required.push(`${key} is null`);
      anyIssue.push(`${key} is null`);
    }
  }
  const issueList = issues.length === 0 ? `cast(null as ${ISSUE_STRUCT}[])` : `case when ${anyIssue.join(' or ')} then list_filter([${issues.join(', ')}], x -> x.issue is not null) end`;
  // blank: nothing but spaces in any cell; a first cell that starts with something else settles it
  const blank = `case when ${cols[0]} <> '' and not starts_with(${cols[0]}, ' ') then false else trim(concat_ws('', ${cols.join(', ')})) = '' end`;
  // every 合计 word has 计: the regexp only runs on the cells that have one
  const total = cols.map((c) => `case when contains(${c}, '计') then regexp_matches(${c}, ${sqlString(TOTAL_ROW)}) else false end`).join(' or ');
  const source = `(select * from ${relation} where not (${blank}) and not (${total}))`;
  const staged = `(select _row, ${cols.join(', ')}${stage.length > 0 ? `, ${stage.join(', ')}` : ''} from ${layeredRelation(source, layers)})`;
  const rejected = required.length === 0 ? 'false' : required.join(' or ');
  return `select _row, ${values.join(', ')}, ${issueList} as _issues, (${rejected}) as _rejected from ${staged}`;
}

/** The columns of the stored dataset: the kind's fields, `_row`, and `_issues` as one readable text. */
function datasetColumns(kind: DatasetKindKey): string {
  const keys = storedColumns(kind).map((c) => sqlIdent(c.name)).join(', ');
  return `_row, ${keys}, case when coalesce(len(_issues), 0) = 0 then null else array_to_string(list_transform(_issues, x -> x.label || '：' || x.issue), '；') end as _issues`;
}

async function withQueryProgress<T>(conn: DuckDBConnection, run: () => Promise<T>, report: (percent: number, rows: number) => void): Promise<T> {
  const timer = setInterval(() => {
    try {
      const p = conn.progress;
      if (p.percentage >= 0) report(p.percentage, Number(p.rows_processed));
    } catch {
      // progress is best-effort
    }
  }, 500);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}

function cancelled(): DomainError {
  return new DomainError('ANALYTICS_IMPORT_CANCELLED', '导入已取消，没有留下任何数据');
}

/** A DuckDB or stream error as the user's message; the cause is kept for the log. */
function translate(e: unknown, signal: AbortSignal, delimiter: Delimiter): unknown {
  if (e instanceof DomainError) return e;
  if (signal.aborted) return cancelled();
  const message = e instanceof Error ? e.message : String(e);
  if (/interrupt/i.test(message)) return cancelled();
  const csv = csvErrorMessage(message, delimiter);
  if (csv !== null) return new DomainError('ANALYTICS_FILE_INVALID', csv);
  if (/Out of Memory|could not allocate/i.test(message)) return new DomainError('ANALYTICS_FILE_INVALID', '导入所需内存超过上限（XUNCHA_ANALYTICS_MEMORY），请调高设置或拆分文件后再导入');
  return e;
}

async function scalarRows(conn: DuckDBConnection, query: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(query);
  return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

export async function importDataset(engine: AnalyticsEngine, plan: ImportPlan, tools: ImportTools): Promise<ImportResult> {
  const { signal } = tools;
  const work = workDir(engine, plan.datasetId);
  const staging = fs.mkdtempSync(path.join(work, 'stage-'));
  let temp: string | undefined;
  try {
    signal.throwIfAborted();
    // 读取文件
    await tools.progress('读取文件', 0, null, '正在读取文件');
    const staged = await stageSource(plan.filePath, plan.info, plan.layout, staging, {
      signal,
      onBytes: (done, total) => void tools.progress('读取文件', done, total, `已读取 ${(done / 1024 / 1024).toFixed(1)} / ${(total / 1024 / 1024).toFixed(1)} MB`),
    });
    signal.throwIfAborted();
    const normFile = path.join(staging, 'normalised.parquet');
    temp = tempDatasetDir(engine, plan.datasetId);
    const dataOut = path.join(temp, 'data.parquet');
    const issuesOut = path.join(temp, 'issues.parquet');

    const result = await engine.use(async (conn) => {
      await conn.run(`set enable_progress_bar = true; set enable_progress_bar_print = false`);
      let relation = staged.relation;
      if (staged.csv) {
        // the CSV's rows into Parquet with a parallel scan, so that the normalisation runs on every thread
        const rowsFile = path.join(staging, 'rows.parquet');
        await conn.run(`copy (${staged.csv.select}) to ${sqlString(rowsFile)} (format parquet, compression uncompressed)`);
        signal.throwIfAborted();
        relation = parquetRowsRelation(rowsFile, staged.csv.firstRow);
      }
      // 规范化
      await tools.progress('规范化', 0, 100, '正在规范化');
      const select = normaliseSelect(plan.kind, plan.mapping, plan.layout, relation, staged.columnCount);
      // an intermediate file, read once: snappy (measured alone over 10M rows: 7.5 s against zstd's 8.3 s)
      await withQueryProgress(
        conn,
        () => conn.run(`copy (${select}) to ${sqlString(normFile)} (format parquet, compression snappy)`),
        (percent, rows) => void tools.progress('规范化', Math.floor(percent), 100, `已规范化 ${formatCount(rows)} 行`),
      );
      signal.throwIfAborted();
      const [counts] = await scalarRows(
        conn,
        `select count(*) filter (where not _rejected) as kept, count(*) filter (where _rejected) as rejected, count(*) filter (where not _rejected and coalesce(len(_issues), 0) > 0) as flagged from read_parquet(${sqlString(normFile)})`,
      );
      const kept = Number(counts!.kept);
      const rejected = Number(counts!.rejected);
      const flagged = Number(counts!.flagged);
      if (kept === 0 && rejected === 0) invalidFile('文件为空：表头下面没有任何数据行');
      // 写入
      await tools.progress('写入', 0, kept, `正在写入 ${formatCount(kept)} 行`);
      await withQueryProgress(
        conn,
        () => conn.run(`copy (select ${datasetColumns(plan.kind)} from read_parquet(${sqlString(normFile)}) where not _rejected) to ${sqlString(dataOut)} (format parquet, compression zstd, row_group_size 122880)`),
        (percent) => void tools.progress('写入', Math.floor((percent / 100) * kept), kept, `正在写入 ${formatCount(kept)} 行`),
      );
      signal.throwIfAborted();
      await conn.run(
        `copy (select _row as "row", i."column" as "column", i.header as header, i.field as field, i.label as label, i.value as value, i.issue as issue, i.kept as kept, _rejected as rejected
           from (select _row, _rejected, unnest(_issues) as i from read_parquet(${sqlString(normFile)}) where len(_issues) > 0) order by _row, "column")
         to ${sqlString(issuesOut)} (format parquet, compression zstd)`,
      );
      const issueCounts = await scalarRows(conn, `select field, label, issue, count(*) as count from read_parquet(${sqlString(issuesOut)}) group by all order by count desc, field, issue limit 50`);
      const first = await scalarRows(conn, `select * from read_parquet(${sqlString(issuesOut)}) order by "row", "column" limit ${FIRST_ISSUES}`);
      const [{ total }] = (await scalarRows(conn, `select count(*) as total from read_parquet(${sqlString(issuesOut)})`)) as [{ total: number }];
      await tools.progress('写入', kept, kept, `已写入 ${formatCount(kept)} 行`);
      return {
        rowCount: kept,
        rejectedCount: rejected,
        flaggedCount: flagged,
        issues: { counts: issueCounts as unknown as IssueCount[], first: first as unknown as RowIssue[], total },
      };
    }, signal);
    signal.throwIfAborted();
    publishDataset(engine, plan.datasetId, temp);
    temp = undefined;
    return result;
  } catch (e) {
    throw translate(e, signal, plan.info.delimiter ?? ',');
  } finally {
    if (temp !== undefined) fs.rmSync(temp, { recursive: true, force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Removes the upload and staging files of a dataset (after it is ready, failed or deleted). */
export function cleanUpImport(engine: AnalyticsEngine, datasetId: string): void {
  removeWork(engine, datasetId);
}
