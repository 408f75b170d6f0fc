/**
 * "Download my data" (UK GDPR article 15 and 20): a zip of JSON and CSV with the
 * profile, posts, threads, supports, follows, flags and the moderation decisions about
 * the person. Asking queues the build; the worker makes it within a minute or so; the
 * owner downloads it, signed in, until it expires a week later.
 */
import { stringify } from "csv-stringify/sync";
import { strToU8, zipSync } from "fflate";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { enqueueEvent } from "../jobs/outbox.server";
import { NotFoundError } from "./errors";
import { runTransaction } from "../../db/transaction";

export const EXPORT_LIFETIME_MS = 7 * 24 * 3_600_000;

export interface DataExportStatus {
  id: number;
  requestedAt: Date;
  readyAt: Date | null;
  expiresAt: Date;
}

export async function requestDataExport(
  db: Kysely<Database>,
  userId: number,
  now: Date,
): Promise<number> {
  return runTransaction(db, async (trx) => {
    // One export at a time: a new request replaces older ones.
    await trx.deleteFrom("data_exports").where("user_id", "=", userId).execute();
    const row = await trx
      .insertInto("data_exports")
      .values({ user_id: userId, expires_at: new Date(now.getTime() + EXPORT_LIFETIME_MS) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueEvent(trx, "privacy.export", { exportId: row.id });
    return row.id;
  });
}

export async function latestDataExport(
  db: Kysely<Database>,
  userId: number,
  now: Date,
): Promise<DataExportStatus | null> {
  const row = await db
    .selectFrom("data_exports")
    .select(["id", "created_at", "ready_at", "expires_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row
    ? { id: row.id, requestedAt: row.created_at, readyAt: row.ready_at, expiresAt: row.expires_at }
    : null;
}

/** The zip, for its owner only, while it has not expired. Anyone else gets "not found". */
export async function readDataExport(
  db: Kysely<Database>,
  input: { exportId: number; userId: number },
  now: Date,
): Promise<Uint8Array> {
  const row = await db
    .selectFrom("data_exports")
    .select("archive")
    .where("id", "=", input.exportId)
    .where("user_id", "=", input.userId)
    .where("expires_at", ">", now)
    .where("ready_at", "is not", null)
    .executeTakeFirst();
  if (!row?.archive) {
    throw new NotFoundError(
      "This download has expired or is not yours. Ask for a new one on the “Your data” page.",
    );
  }
  return row.archive;
}

type Rows = Record<string, unknown>[];

function csvOf(rows: Rows): string {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]!);
  const cell = (value: unknown) =>
    value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join("; ") : value;
  return stringify(
    rows.map((row) => columns.map((column) => cell(row[column]))),
    { header: true, columns },
  );
}

async function collect(trx: Transaction<Database>, userId: number): Promise<Record<string, Rows>> {
  const profile = await trx
    .selectFrom("users")
    .leftJoin("areas", "areas.id", "users.home_area_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.bio",
      "users.role",
      "users.team",
      "users.trust_level",
      "users.email_verified_at",
      "users.created_at",
      "users.suspended_until",
      "users.banned_at",
      "users.sanction_reason",
      "areas.name as home_area",
    ])
    .where("users.id", "=", userId)
    .execute();
  const threads = await trx
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "threads.id",
      "threads.kind",
      "threads.title",
      "threads.status",
      "issues.title as issue",
      "threads.created_at",
    ])
    .where("threads.author_id", "=", userId)
    .orderBy("threads.id")
    .execute();
  const posts = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "posts.id",
      "posts.thread_id",
      "threads.title as thread",
      "posts.body_md as text",
      "posts.status",
      "posts.created_at",
      "posts.edited_at",
    ])
    .where("posts.author_id", "=", userId)
    .orderBy("posts.id")
    .execute();
  const supports = await trx
    .selectFrom("supports")
    .innerJoin("threads", "threads.id", "supports.thread_id")
    .select(["supports.thread_id", "threads.title as idea", "supports.created_at"])
    .where("supports.user_id", "=", userId)
    .execute();
  const follows = [
    ...(
      await trx
        .selectFrom("issue_follows")
        .innerJoin("issues", "issues.id", "issue_follows.issue_id")
        .select(["issues.title as title", "issue_follows.created_at"])
        .where("issue_follows.user_id", "=", userId)
        .execute()
    ).map((row) => ({ type: "issue", ...row })),
    ...(
      await trx
        .selectFrom("thread_follows")
        .innerJoin("threads", "threads.id", "thread_follows.thread_id")
        .select(["threads.title as title", "thread_follows.created_at"])
        .where("thread_follows.user_id", "=", userId)
        .execute()
    ).map((row) => ({ type: "thread", ...row })),
  ];
  const flags = await trx
    .selectFrom("flags")
    .select(["post_id", "reason", "note", "created_at", "resolution", "resolved_at"])
    .where("user_id", "=", userId)
    .execute();
  const moderationDecisions = await trx
    .selectFrom("moderation_items")
    .innerJoin("posts", "posts.id", "moderation_items.post_id")
    .leftJoin("house_rules", "house_rules.id", "moderation_items.house_rule_id")
    .select([
      "moderation_items.post_id",
      "moderation_items.source",
      "moderation_items.reasons",
      "moderation_items.status",
      "moderation_items.decided_at",
      "moderation_items.decision_note",
      "house_rules.title as house_rule",
      "moderation_items.created_at",
    ])
    .where("posts.author_id", "=", userId)
    .orderBy("moderation_items.id")
    .execute();
  // Who decided stays out: moderators' identities are their personal data, not yours.
  const sanctions = await trx
    .selectFrom("sanctions")
    .select(["kind", "until", "reason", "created_at", "lifted_at"])
    .where("user_id", "=", userId)
    .execute();
  return { profile, threads, posts, supports, follows, flags, moderationDecisions, sanctions };
}

const README = `Your data from Parley

Each part comes twice: as JSON (for programs) and as CSV (for spreadsheets).
profile: your account; threads and posts: what you wrote, with its status;
supports: ideas you supported; follows: issues and threads you follow;
flags: posts you reported; moderationDecisions and sanctions: what moderators decided
about your posts and your account.
Times are in UTC (ISO 8601).
`;

/** Builds the zip for a queued export (the outbox handler for privacy.export). */
export async function buildDataExport(
  trx: Transaction<Database>,
  exportId: number,
  now: Date,
): Promise<void> {
  const request = await trx
    .selectFrom("data_exports")
    .select(["user_id"])
    .where("id", "=", exportId)
    .where("ready_at", "is", null)
    .executeTakeFirst();
  if (!request) return;
  const parts = await collect(trx, request.user_id);
  const files: Record<string, Uint8Array> = { "README.txt": strToU8(README) };
  for (const [name, rows] of Object.entries(parts)) {
    files[`${name}.json`] = strToU8(JSON.stringify(rows, null, 2));
    files[`${name}.csv`] = strToU8(csvOf(rows));
  }
  await trx
    .updateTable("data_exports")
    .set({ archive: zipSync(files), ready_at: now })
    .where("id", "=", exportId)
    .execute();
}
