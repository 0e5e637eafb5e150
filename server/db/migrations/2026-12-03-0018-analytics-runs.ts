import { sql, type Kysely } from 'kysely';

/**
 * 大数据比对 runs and suspicion points (疑点).
 *
 * analytics_runs: one row per run the office starts (a round's pre-inspection run, or ad hoc without
 * a round) — which models with which resolved parameters over which datasets, an optional village
 * filter, the job that runs it, and per model the counts, durations and skip notes.
 *
 * analytics_hits: one row per suspicion, unique per (scope, model, hit_key) where hit_key is a stable
 * hash of the model key and its hitKey columns' values, so a re-run refreshes a pending hit instead
 * of adding a duplicate and never touches a verified one. A hit is assigned to the team of the
 * round's target for its village (if any); verification confirms it into a finding or lead, or
 * dismisses it with a reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_runs (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      round_id uuid references rounds(id),
      label text not null,
      models jsonb not null,
      dataset_ids jsonb not null,
      village_codes jsonb,
      job_id uuid,
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      results jsonb,
      error_message text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index analytics_runs_scope on analytics_runs (scope_code, created_at);

    create table analytics_hits (
      id uuid primary key default gen_random_uuid(),
      scope_code text not null,
      model_key text not null,
      hit_key text not null,
      village_code text,
      round_id uuid references rounds(id),
      team_id uuid references teams(id),
      amount_fen bigint,
      severity integer,
      explanation text not null,
      evidence jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'dismissed')),
      dismiss_reason text check (dismiss_reason is null or dismiss_reason in ('data_error', 'already_handled', 'eligible', 'other')),
      dismiss_text text,
      verified_by uuid references users(id),
      verified_at timestamptz,
      finding_id uuid references findings(id) on delete set null,
      lead_id uuid references leads(id) on delete set null,
      first_run_id uuid not null references analytics_runs(id),
      last_run_id uuid not null references analytics_runs(id),
      seen_count integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (scope_code, model_key, hit_key)
    );
    create index analytics_hits_village on analytics_hits (scope_code, village_code);
    create index analytics_hits_team on analytics_hits (team_id, status);
    create index analytics_hits_model on analytics_hits (scope_code, model_key, status);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
