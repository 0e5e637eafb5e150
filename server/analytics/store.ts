/**
 * The dataset store on disk (decision 0012):
 *
 *   <data dir>/analytics/datasets/<dataset id>/data.parquet    the normalised rows (standard field keys, `_row`, `_issues`)
 *   <data dir>/analytics/datasets/<dataset id>/issues.parquet  one row per problem found (row, column, value excerpt, issue, rejected)
 *   <data dir>/analytics/work/<dataset id>/                    the upload and staging files while it is being imported
 *
 * A dataset directory appears only by one rename of a finished temporary directory, so a reader
 * (a model run, the detail page) sees a whole dataset or none; a failed or cancelled import removes
 * its temporary and work directories and leaves no trace under datasets/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AnalyticsEngine } from './engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkId(id: string): string {
  // ids become path segments: only our own uuids are allowed
  if (!UUID.test(id)) throw new Error(`not a dataset id: ${id}`);
  return id.toLowerCase();
}

export function datasetDir(engine: AnalyticsEngine, id: string): string {
  return path.join(engine.datasetsDir, checkId(id));
}

export function dataFile(engine: AnalyticsEngine, id: string): string {
  return path.join(datasetDir(engine, id), 'data.parquet');
}

export function issuesFile(engine: AnalyticsEngine, id: string): string {
  return path.join(datasetDir(engine, id), 'issues.parquet');
}

/** The work directory of one dataset's upload and import (created). */
export function workDir(engine: AnalyticsEngine, id: string): string {
  const dir = path.join(engine.workDir, checkId(id));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The uploaded file of a dataset, kept in its work directory until the import ends. */
export function uploadFile(engine: AnalyticsEngine, id: string): string {
  return path.join(workDir(engine, id), 'upload');
}

export function removeWork(engine: AnalyticsEngine, id: string): void {
  fs.rmSync(path.join(engine.workDir, checkId(id)), { recursive: true, force: true });
}

/** A fresh temporary directory beside the datasets, on the same file system so the final rename is atomic. */
export function tempDatasetDir(engine: AnalyticsEngine, id: string): string {
  fs.mkdirSync(engine.datasetsDir, { recursive: true });
  const dir = path.join(engine.datasetsDir, `.tmp-${checkId(id)}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir);
  return dir;
}

/** Publishes a finished temporary directory as the dataset (replacing nothing: ids are new). */
export function publishDataset(engine: AnalyticsEngine, id: string, tempDir: string): void {
  fs.renameSync(tempDir, datasetDir(engine, id));
}

export function removeDataset(engine: AnalyticsEngine, id: string): void {
  fs.rmSync(datasetDir(engine, id), { recursive: true, force: true });
}

/**
 * Leftovers of a process that died mid-import or mid-upload: temporary dataset directories, and work
 * directories of ids that are not (or no longer) importing. Only those older than `maxAgeMs` are
 * touched, so an import running in another instance on the same data directory is safe.
 */
export function sweepLeftovers(engine: AnalyticsEngine, keep: (id: string) => boolean, now: number, maxAgeMs: number): number {
  let removed = 0;
  const old = (p: string) => now - fs.statSync(p).mtimeMs > maxAgeMs;
  if (fs.existsSync(engine.datasetsDir)) {
    for (const name of fs.readdirSync(engine.datasetsDir)) {
      const p = path.join(engine.datasetsDir, name);
      if (name.startsWith('.tmp-') && old(p)) {
        fs.rmSync(p, { recursive: true, force: true });
        removed++;
      }
    }
  }
  if (fs.existsSync(engine.workDir)) {
    for (const name of fs.readdirSync(engine.workDir)) {
      const p = path.join(engine.workDir, name);
      if (!keep(name) && old(p)) {
        fs.rmSync(p, { recursive: true, force: true });
        removed++;
      }
    }
  }
  return removed;
}

export function datasetBytes(engine: AnalyticsEngine, id: string): number {
  const dir = datasetDir(engine, id);
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}
