/**
 * The moderation audit log: who did what to which target, why, what it was before and
 * after, and when. Rows are only ever appended (the database refuses UPDATE, DELETE and
 * TRUNCATE), always inside the transaction that made the change they describe.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import { ForbiddenError } from "./errors";

import type { AuditTargetType } from "./moderation-labels";

export type { AuditTargetType };

export interface AuditEntry {
  /** Null when the system acted (a rule held a post, flags hid it). */
  actorId: number | null;
  action: string;
  targetType: AuditTargetType;
  targetId: number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one row to the audit log, in the caller's transaction. */
export async function recordAction(
  trx: Transaction<Database>,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await trx
    .insertInto("moderation_actions")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      created_at: now,
    })
    .execute();
}

export interface AuditRow {
  id: number;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: number | null;
  reason: string | null;
  before: string | null;
  after: string | null;
  createdAt: Date;
}

export interface AuditFilters {
  /** Words to find in the reason, the before/after values or the actor's name. */
  q?: string | null;
  action?: string | null;
  targetType?: AuditTargetType | null;
  targetId?: number | null;
  beforeId?: number | null;
}

export const AUDIT_ROWS_PER_PAGE = 50;

function describeJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value, null, 1);
}

function selectAuditRows(db: Kysely<Database>) {
  return db
    .selectFrom("moderation_actions")
    .leftJoin("users", "users.id", "moderation_actions.actor_id")
    .select([
      "moderation_actions.id",
      "users.display_name as actorName",
      "moderation_actions.action",
      "moderation_actions.target_type as targetType",
      "moderation_actions.target_id as targetId",
      "moderation_actions.reason",
      "moderation_actions.before",
      "moderation_actions.after",
      "moderation_actions.created_at as createdAt",
    ]);
}

function toAuditRow<T extends { before: unknown; after: unknown }>(
  row: T,
): Omit<T, "before" | "after"> & { before: string | null; after: string | null } {
  return { ...row, before: describeJson(row.before), after: describeJson(row.after) };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page of the audit log, newest first, for moderators and admins. */
export async function searchAuditLog(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: AuditFilters,
): Promise<{ rows: AuditRow[]; nextBeforeId: number | null }> {
  if (!can(viewer, "moderate:post:any")) throw new ForbiddenError();
  let query = selectAuditRows(db);
  if (filters.action) query = query.where("moderation_actions.action", "=", filters.action);
  if (filters.targetType)
    query = query.where("moderation_actions.target_type", "=", filters.targetType);
  if (filters.targetId) query = query.where("moderation_actions.target_id", "=", filters.targetId);
  if (filters.beforeId) query = query.where("moderation_actions.id", "<", filters.beforeId);
  const q = filters.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("moderation_actions.reason", "ilike", pattern),
        eb("users.display_name", "ilike", pattern),
        eb(sql<string>`moderation_actions.before::text`, "ilike", pattern),
        eb(sql<string>`moderation_actions.after::text`, "ilike", pattern),
      ]),
    );
  }
  const rows = await query
    .orderBy("moderation_actions.id", "desc")
    .limit(AUDIT_ROWS_PER_PAGE + 1)
    .execute();
  const page = rows.slice(0, AUDIT_ROWS_PER_PAGE).map(toAuditRow);
  return {
    rows: page,
    nextBeforeId: rows.length > AUDIT_ROWS_PER_PAGE ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The actions recorded against one target, oldest first: an item's or a person's history. */
export async function listActionsOn(
  db: Kysely<Database>,
  targets: { type: AuditTargetType; id: number }[],
): Promise<AuditRow[]> {
  if (targets.length === 0) return [];
  const rows = await selectAuditRows(db)
    .where((eb) =>
      eb.or(
        targets.map((t) =>
          eb.and([
            eb("moderation_actions.target_type", "=", t.type),
            eb("moderation_actions.target_id", "=", t.id),
          ]),
        ),
      ),
    )
    .orderBy("moderation_actions.id")
    .limit(200)
    .execute();
  return rows.map(toAuditRow);
}
