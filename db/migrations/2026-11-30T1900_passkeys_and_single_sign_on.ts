/**
 * Passkeys (WebAuthn) and single sign-on through OpenID Connect providers:
 * - passkeys: a person's registered credentials (public key, signature counter).
 * - webauthn_challenges: one per ceremony, used once, deleted when used or stale.
 * - single_sign_on_attempts: state, nonce and PKCE verifier of a sign-in sent to a
 *   provider, used once when it comes back.
 * - oidc_identities: which account a provider's subject is.
 * - sessions.oidc_provider / oidc_sid: a session started through a provider, so that the
 *   provider's logout can end it.
 * - sign_in_settings: whether a passkey may be the only factor (passwordless), whether a
 *   provider's own MFA counts as the second factor, and single sign-on for everyone.
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table passkeys (
    id text primary key,
    user_id integer not null references users (id) on delete cascade,
    name text not null,
    public_key bytea not null,
    counter bigint not null default 0,
    transports text[] not null default '{}',
    created_at timestamptz not null default now(),
    last_used_at timestamptz
  )`.execute(db);
  await sql`create index passkeys_user on passkeys (user_id)`.execute(db);
  await sql`create table webauthn_challenges (
    id text primary key,
    user_id integer references users (id) on delete cascade,
    purpose text not null,
    challenge text not null,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create table single_sign_on_attempts (
    state text primary key,
    provider text not null,
    nonce text not null,
    code_verifier text not null,
    redirect_to text not null,
    expires_at timestamptz not null
  )`.execute(db);
  await sql`create table oidc_identities (
    provider text not null,
    subject text not null,
    user_id integer not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    last_sign_in_at timestamptz,
    primary key (provider, subject),
    unique (user_id, provider)
  )`.execute(db);
  await sql`alter table sessions
    add column oidc_provider text,
    add column oidc_sid text`.execute(db);
  await sql`create index sessions_oidc on sessions (oidc_provider, oidc_sid)`.execute(db);
  await sql`alter table sign_in_settings
    add column passkey_first_factor boolean not null default false,
    add column trust_provider_mfa boolean not null default false,
    add column single_sign_on_for_everyone boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sign_in_settings
    drop column passkey_first_factor,
    drop column trust_provider_mfa,
    drop column single_sign_on_for_everyone`.execute(db);
  await sql`drop index sessions_oidc`.execute(db);
  await sql`alter table sessions drop column oidc_provider, drop column oidc_sid`.execute(db);
  await sql`drop table oidc_identities`.execute(db);
  await sql`drop table single_sign_on_attempts`.execute(db);
  await sql`drop table webauthn_challenges`.execute(db);
  await sql`drop table passkeys`.execute(db);
}
