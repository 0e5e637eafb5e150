/**
 * The embedded DuckDB engine of 大数据比对: one instance per data directory, opened on first use and
 * closed with the server. It holds no tables of its own — datasets are Parquet files under
 * `<data dir>/analytics/datasets/` (decision 0012) — so it runs in memory and spills to a temp
 * directory under the data directory when a query outgrows `memory_limit`.
 *
 * No extension is ever downloaded: Parquet and CSV readers are built in, and autoinstall/autoload
 * are off so a missing extension is an error here rather than a network call on a government LAN.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface EngineSettings {
  dataDir: string;
  /** DuckDB worker threads (XUNCHA_ANALYTICS_THREADS) */
  analyticsThreads: number;
  /** DuckDB memory_limit, e.g. '6GB' (XUNCHA_ANALYTICS_MEMORY) */
  analyticsMemory: string;
}

export interface AnalyticsEngine {
  /** `<data dir>/analytics` */
  readonly root: string;
  readonly datasetsDir: string;
  /** uploads and staging files; each import works in its own sub-directory */
  readonly workDir: string;
  /**
   * Runs `fn` on a connection of its own, closed afterwards. When `signal` aborts, the running
   * statement is interrupted (DuckDB checks between vectors) and `fn` rejects.
   */
  use<T>(fn: (conn: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T>;
  close(): void;
}

const engines = new Map<string, EngineHandle>();

class EngineHandle implements AnalyticsEngine {
  readonly root: string;
  readonly datasetsDir: string;
  readonly workDir: string;
  private instance: Promise<DuckDBInstance> | undefined;
  private closed = false;

  constructor(private readonly settings: EngineSettings) {
    this.root = path.join(settings.dataDir, 'analytics');
    this.datasetsDir = path.join(this.root, 'datasets');
    this.workDir = path.join(this.root, 'work');
  }

  private open(): Promise<DuckDBInstance> {
    if (this.closed) throw new Error('analytics engine is closed');
    this.instance ??= (async () => {
      const spill = path.join(this.root, 'tmp', 'duckdb');
      fs.mkdirSync(spill, { recursive: true });
      fs.mkdirSync(this.datasetsDir, { recursive: true });
      fs.mkdirSync(this.workDir, { recursive: true });
      return DuckDBInstance.create(':memory:', {
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        threads: String(this.settings.analyticsThreads),
        memory_limit: this.settings.analyticsMemory,
        temp_directory: spill,
        // row order is the file's order: `_row` numbers and previews rely on it
        preserve_insertion_order: 'true',
      });
    })();
    return this.instance;
  }

  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const conn = await (await this.open()).connect();
    const interrupt = () => conn.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await fn(conn);
    } finally {
      signal?.removeEventListener('abort', interrupt);
      conn.closeSync();
    }
  }

  close(): void {
    this.closed = true;
    const pending = this.instance;
    this.instance = undefined;
    void pending?.then((i) => i.closeSync()).catch(() => {});
  }
}

/** The engine of a data directory (one per directory for the life of the process until closed). */
export function analyticsEngine(settings: EngineSettings): AnalyticsEngine {
  const key = path.resolve(settings.dataDir);
  let engine = engines.get(key);
  if (engine === undefined) {
    engine = new EngineHandle({ ...settings, dataDir: key });
    engines.set(key, engine);
  }
  return engine;
}

/** Closes the engine of a data directory (server stop); the next use opens a new one. */
export function closeAnalyticsEngine(dataDir: string): void {
  const key = path.resolve(dataDir);
  engines.get(key)?.close();
  engines.delete(key);
}

/** A string literal for DuckDB SQL (paths and names chosen by us; never user SQL). */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** A quoted identifier. */
export const sqlIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
