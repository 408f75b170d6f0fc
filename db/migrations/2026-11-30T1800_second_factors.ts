/**
 * Second factors for sign-in (staff must have one; anyone may):
 * - totp_credentials: one authenticator app per account. The secret is encrypted with
 *   AES-256-GCM under a key derived from the site secret, so a copied table is useless
 *   without it; last_used_step refuses a code's replay within its window.
 * - recovery_codes: ten per account, keyed hashes, each usable once.
 * - remembered_browsers: "don't ask again on this browser" for a set number of days;
 *   only the token's hash is stored, and resetting an account's factors ends them all.
 * - sign_in_settings: one row: which roles must use a second factor, how long a browser
 *   may be remembered. Changes are audited.
 * - sessions.second_factor_at / second_factor_method: when and how this session gave its
 *   second factor; null while it has not (the session then reaches only the code page).
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table totp_credentials (
    user_id integer primary key references users (id) on delete cascade,
    secret_encrypted text not null,
    last_used_step bigint,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table recovery_codes (
    user_id integer not null references users (id) on delete cascade,
    code_hash text not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (user_id, code_hash)
  )`.execute(db);
  await sql`create table remembered_browsers (
    token_hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create index remembered_browsers_user on remembered_browsers (user_id)`.execute(db);
  await sql`create table sign_in_settings (
    id integer primary key default 1 check (id = 1),
    second_factor_roles text[] not null default '{moderator,officer,admin}',
    remember_browser_days integer not null default 30
      check (remember_browser_days between 0 and 90),
    updated_at timestamptz not null default now(),
    updated_by integer references users (id) on delete set null
  )`.execute(db);
  await sql`insert into sign_in_settings default values`.execute(db);
  await sql`alter table sessions
    add column second_factor_at timestamptz,
    add column second_factor_method text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions drop column second_factor_at, drop column second_factor_method`.execute(
    db,
  );
  await sql`drop table sign_in_settings`.execute(db);
  await sql`drop table remembered_browsers`.execute(db);
  await sql`drop table recovery_codes`.execute(db);
  await sql`drop table totp_credentials`.execute(db);
}
