import { sql, type Kysely } from 'kysely';

/**
 * 三色预警 and the office's interventions (issue 5 point 4): the alerts the scheduled job sent, keyed
 * by the domain's idempotency key (item, level, due date) so a second run sends nothing; each user's
 * to-do entries (an alert, or a reminder 催办 of the office); and the office's reminders, talks (约谈)
 * and accountability decisions (问责), each linked to one or more items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rectification_alerts (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references rectification_items(id) on delete cascade,
      level text not null check (level in ('green', 'yellow', 'red')),
      due_on date not null,
      days_left integer not null,
      key text not null unique,
      -- who it went to: [{ role, orgId, unitName, person, userIds }] (alerts.service resolveRecipients)
      recipients jsonb not null default '[]',
      created_at timestamptz not null default now()
    );
    create index rectification_alerts_item on rectification_alerts (item_id, due_on);

    create table rectification_interventions (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('reminder', 'talk', 'accountability')),
      ground text not null check (ground in ('overdue', 'fake', 'other')),
      happened_on date not null,
      persons text not null,
      content text not null,
      -- 问责 only: the form of accountability and the decision's document number
      accountability_kind text,
      decision_no text not null default '',
      created_by uuid references users(id),
      created_by_name text not null,
      created_at timestamptz not null default now()
    );
    create table rectification_intervention_items (
      intervention_id uuid not null references rectification_interventions(id) on delete cascade,
      item_id uuid not null references rectification_items(id) on delete cascade,
      primary key (intervention_id, item_id)
    );
    create index rectification_intervention_items_item on rectification_intervention_items (item_id);

    create table rectification_todos (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      item_id uuid not null references rectification_items(id) on delete cascade,
      alert_id uuid references rectification_alerts(id) on delete cascade,
      intervention_id uuid references rectification_interventions(id) on delete cascade,
      read_at timestamptz,
      created_at timestamptz not null default now(),
      check ((alert_id is null) <> (intervention_id is null))
    );
    create unique index rectification_todos_alert on rectification_todos (user_id, alert_id) where alert_id is not null;
    create unique index rectification_todos_intervention on rectification_todos (user_id, intervention_id, item_id) where intervention_id is not null;
    create index rectification_todos_user on rectification_todos (user_id, read_at, created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
