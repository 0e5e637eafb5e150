import { sql, type Kysely } from 'kysely';

/**
 * Jobs (decision 0011): long work — dataset imports, model runs, document batches — as rows that
 * runner instances claim with `for update skip locked`. The row is the whole state: status, progress
 * for the bar (done / total and a Chinese line), the result or the error (code and Chinese message),
 * a cancel request, and which runner holds it with its last heartbeat, so a runner that died is seen.
 * The payload is the handler's input and never leaves the server (it may name files or secrets).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      scope_code text not null,
      created_by uuid references users(id),
      payload jsonb not null default '{}'::jsonb,
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      progress_done bigint not null default 0,
      progress_total bigint,
      progress_text text,
      result jsonb,
      error_code text,
      error_message text,
      cancel_requested boolean not null default false,
      claimed_by text,
      heartbeat_at timestamptz,
      attempt integer not null default 0,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      check ((status in ('succeeded', 'failed', 'cancelled')) = (finished_at is not null)),
      check (status <> 'failed' or error_message is not null)
    );
    create index jobs_claim on jobs (status, created_at);
    create index jobs_scope on jobs (scope_code, created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
