import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every value is validated once at start; every bad value is
 * reported together in one message so an operator fixes the environment in one go.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  sessionHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  secureCookies: boolean;
  webDistDir: string;
  /** Login attempts per minute from one address (on top of the per-account delay and lock). */
  loginRatePerMinute: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Minutes between runs of the 三色预警 job inside the server (0 = off; it is idempotent, so several instances may run it). */
  alertIntervalMinutes: number;
  /** Jobs this instance runs at once (0 = runs none; default 1 on PGlite, 2 on PostgreSQL). Tests start no runner. */
  jobConcurrency: number;
  /**
   * Multiplies the maxima of the public rate limits (domain/public-reports/rate-limit.ts). 1 in production;
   * only load tests raise it (bench/public-reports.bench.ts), so they measure the server rather than the limiter.
   */
  publicRateScale: number;
  /** 大数据比对: DuckDB worker threads (default: the machine's cores). */
  analyticsThreads: number;
  /** 大数据比对: DuckDB memory_limit before it spills to disk (default: a quarter of the machine's memory). */
  analyticsMemory: string;
  /** 大数据比对: the largest dataset file accepted for upload, in bytes (default 8 GB). */
  analyticsUploadMaxBytes: number;
  /**
   * The pepper of the public's codes (receipts, access codes). Default: codes.pepper in the data
   * directory. Several instances on one PostgreSQL must all read the same pepper: point them at one file.
   */
  pepperFile: string;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port
  HOST: z.string().min(1).default('0.0.0.0'),
  XUNCHA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
    .optional(),
  XUNCHA_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  XUNCHA_SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 30).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XUNCHA_SECURE_COOKIES: bool.default(false),
  XUNCHA_TRUST_PROXY: bool.default(false),
  XUNCHA_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  XUNCHA_ALERT_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  XUNCHA_JOB_CONCURRENCY: z.coerce.number().int().min(0).max(32).optional(),
  XUNCHA_PUBLIC_RATE_SCALE: z.coerce.number().int().min(1).max(100_000).default(1),
  XUNCHA_ANALYTICS_THREADS: z.coerce.number().int().min(1).max(256).default(Math.max(1, os.availableParallelism())),
  XUNCHA_ANALYTICS_MEMORY: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i, 'must be a size like 512MB or 6GB')
    .default(`${Math.max(1, Math.floor(os.totalmem() / 4 / 2 ** 30))}GiB`),
  XUNCHA_ANALYTICS_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024 * 1024).default(8192),
  XUNCHA_PEPPER_FILE: z.string().min(1).optional(),
  XUNCHA_WEB_DIR: z.string().min(1).optional(),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset: `PORT= npm start` should not be an error.
  const cleaned = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const shown = key === 'XUNCHA_ADMIN_PASSWORD' || key === 'DATABASE_URL' ? '(hidden)' : JSON.stringify(env[key]);
      return `${key}=${shown}: ${i.message}`;
    });
    throw new ConfigError(problems);
  }
  const v = parsed.data;
  const dataDir = path.resolve(v.XUNCHA_DATA_DIR);
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir,
    databaseUrl: v.DATABASE_URL,
    adminPassword: v.XUNCHA_ADMIN_PASSWORD,
    sessionHours: v.XUNCHA_SESSION_HOURS,
    logLevel: v.LOG_LEVEL,
    secureCookies: v.XUNCHA_SECURE_COOKIES,
    loginRatePerMinute: v.XUNCHA_LOGIN_RATE_PER_MINUTE,
    trustProxy: v.XUNCHA_TRUST_PROXY,
    alertIntervalMinutes: v.XUNCHA_ALERT_INTERVAL_MINUTES,
    jobConcurrency: v.XUNCHA_JOB_CONCURRENCY ?? (v.DATABASE_URL ? 2 : 1),
    publicRateScale: v.XUNCHA_PUBLIC_RATE_SCALE,
    analyticsThreads: v.XUNCHA_ANALYTICS_THREADS,
    analyticsMemory: v.XUNCHA_ANALYTICS_MEMORY,
    analyticsUploadMaxBytes: v.XUNCHA_ANALYTICS_UPLOAD_MAX_MB * 1024 * 1024,
    pepperFile: v.XUNCHA_PEPPER_FILE ? path.resolve(v.XUNCHA_PEPPER_FILE) : path.join(dataDir, 'codes.pepper'),
    // the built web app: dist/web of the checkout, or another build (the browser journeys serve their own)
    webDistDir: v.XUNCHA_WEB_DIR ? path.resolve(v.XUNCHA_WEB_DIR) : path.resolve(import.meta.dirname, '..', 'dist', 'web'),
  };
}
