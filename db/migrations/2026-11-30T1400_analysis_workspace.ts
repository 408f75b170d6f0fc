/**
 * The analysis workspace: officers' themes for an issue, which contributions are coded
 * to which theme (and who did it, when, and whether it was an accepted suggestion),
 * evidence-rich marks, pinned quotes, an append-only record of every coding action,
 * locally computed suggestions (runs, candidate themes with their members, and
 * per-contribution suggestions awaiting a decision), and the themes an outcome answers.
 *
 * Coding is a set of (theme, post) pairs: two officers adding and removing pairs at once
 * never overwrite each other, and a merge moves pairs under one lock order (themes by id).
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table analysis_themes (
    id serial primary key,
    issue_id integer not null references issues (id) on delete cascade,
    name text not null,
    description text not null default '',
    merged_into_id integer references analysis_themes (id) on delete set null,
    created_by integer not null references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1
  )`.execute(db);
  await sql`create unique index analysis_themes_live_name
    on analysis_themes (issue_id, lower(name)) where merged_into_id is null`.execute(db);

  await sql`create table analysis_codes (
    theme_id integer not null references analysis_themes (id) on delete cascade,
    post_id integer not null references posts (id) on delete cascade,
    issue_id integer not null references issues (id) on delete cascade,
    coded_by integer not null references users (id),
    coded_at timestamptz not null,
    from_suggestion boolean not null default false,
    primary key (theme_id, post_id)
  )`.execute(db);
  await sql`create index analysis_codes_post on analysis_codes (post_id)`.execute(db);
  await sql`create index analysis_codes_issue on analysis_codes (issue_id)`.execute(db);

  await sql`create table analysis_marks (
    post_id integer primary key references posts (id) on delete cascade,
    issue_id integer not null references issues (id) on delete cascade,
    evidence_rich boolean not null,
    marked_by integer not null references users (id),
    marked_at timestamptz not null
  )`.execute(db);

  await sql`create table analysis_pins (
    theme_id integer not null references analysis_themes (id) on delete cascade,
    post_id integer not null references posts (id) on delete cascade,
    pinned_by integer not null references users (id),
    pinned_at timestamptz not null,
    primary key (theme_id, post_id)
  )`.execute(db);

  await sql`create table analysis_events (
    id bigserial primary key,
    issue_id integer not null references issues (id) on delete cascade,
    actor_id integer not null references users (id),
    at timestamptz not null,
    action text not null,
    theme_id integer references analysis_themes (id) on delete set null,
    post_ids integer[] not null default '{}',
    detail text not null default ''
  )`.execute(db);
  await sql`create index analysis_events_issue on analysis_events (issue_id, id desc)`.execute(db);

  await sql`create table analysis_runs (
    id serial primary key,
    issue_id integer not null references issues (id) on delete cascade,
    requested_by integer not null references users (id),
    requested_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz,
    status text not null default 'queued'
      check (status in ('queued', 'running', 'done', 'failed')),
    steps_done integer not null default 0,
    steps_total integer not null default 0,
    contributions integer not null default 0,
    key_phrases text[] not null default '{}',
    error text
  )`.execute(db);
  await sql`create index analysis_runs_issue on analysis_runs (issue_id, id desc)`.execute(db);

  await sql`create table analysis_suggested_themes (
    id serial primary key,
    run_id integer not null references analysis_runs (id) on delete cascade,
    label text not null,
    phrases text[] not null,
    size integer not null,
    status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
    theme_id integer references analysis_themes (id) on delete set null,
    decided_by integer references users (id),
    decided_at timestamptz
  )`.execute(db);
  await sql`create index analysis_suggested_themes_run on analysis_suggested_themes (run_id)`.execute(
    db,
  );

  await sql`create table analysis_suggested_members (
    suggested_theme_id integer not null references analysis_suggested_themes (id) on delete cascade,
    post_id integer not null references posts (id) on delete cascade,
    confidence real not null,
    primary key (suggested_theme_id, post_id)
  )`.execute(db);

  await sql`create table analysis_suggested_codes (
    id serial primary key,
    issue_id integer not null references issues (id) on delete cascade,
    post_id integer not null references posts (id) on delete cascade,
    theme_id integer not null references analysis_themes (id) on delete cascade,
    confidence real not null,
    status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
    decided_by integer references users (id),
    decided_at timestamptz,
    unique (post_id, theme_id)
  )`.execute(db);
  await sql`create index analysis_suggested_codes_issue
    on analysis_suggested_codes (issue_id) where status = 'pending'`.execute(db);

  await sql`create table outcome_themes (
    outcome_id integer not null references outcomes (id) on delete cascade,
    theme_id integer not null references analysis_themes (id) on delete cascade,
    position integer not null,
    contributions integer not null default 0,
    people integer not null default 0,
    primary key (outcome_id, theme_id)
  )`.execute(db);
  await sql`create index outcome_themes_theme on outcome_themes (theme_id)`.execute(db);

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status',
     'moderation', 'flag_resolved', 'escalation', 'outcome', 'cited', 'considered'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind = 'considered'`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status',
     'moderation', 'flag_resolved', 'escalation', 'outcome', 'cited'))`.execute(db);
  for (const table of [
    "outcome_themes",
    "analysis_suggested_codes",
    "analysis_suggested_members",
    "analysis_suggested_themes",
    "analysis_runs",
    "analysis_events",
    "analysis_pins",
    "analysis_marks",
    "analysis_codes",
    "analysis_themes",
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
