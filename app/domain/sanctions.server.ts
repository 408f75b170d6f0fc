/**
 * Sanctions: a moderator warns, suspends or bans someone, or lifts it. The user row
 * holds the effective state, so every session of theirs sees it on its next request;
 * the sanctions table and the audit log keep the story.
 */
import { sql, type Kysely } from "kysely";
import type { Database, Role, SanctionKind } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { enqueueEvent } from "../jobs/outbox.server";
import { can } from "../permissions";
import type { SanctionInput } from "../schemas/moderation";
import { listActionsOn, recordAction, type AuditRow } from "./audit-log.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { runTransaction } from "../../db/transaction";

const DAY_MS = 86_400_000;

function assertMaySanction(actor: Viewer, target: { id: number; role: Role }): void {
  if (!can(actor, "moderate:post:any")) throw new ForbiddenError();
  if (target.id === actor.id) throw new ForbiddenError("You can't sanction your own account.");
  // Moderators act on residents; staff accounts are an admin's business.
  if (target.role !== "resident" && !(actor.role === "admin" && target.role !== "admin")) {
    throw new ForbiddenError("Only an admin can sanction a staff account.");
  }
}

/** Warns, suspends, bans or lifts; returns the sanction's id. */
export async function sanctionUser(
  db: Kysely<Database>,
  actor: Viewer,
  userId: number,
  input: SanctionInput,
  now: Date,
): Promise<number> {
  return runTransaction(db, async (trx) => {
    const target = await trx
      .selectFrom("users")
      .select(["id", "role", "suspended_until", "banned_at", "sanction_reason", "display_name"])
      .where("id", "=", userId)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!target) throw new NotFoundError("We couldn't find that person.");
    assertMaySanction(actor, target);
    const before = {
      suspendedUntil: target.suspended_until,
      bannedAt: target.banned_at,
      reason: target.sanction_reason,
    };

    if (input.intent === "lift") {
      const active =
        target.banned_at !== null ||
        (target.suspended_until !== null && target.suspended_until > now);
      if (!active) throw new ConflictError(`${target.display_name} is not suspended or banned.`);
      await trx
        .updateTable("users")
        .set({ suspended_until: null, banned_at: null, sanction_reason: null })
        .where("id", "=", userId)
        .execute();
      await trx
        .updateTable("sanctions")
        .set({ lifted_at: now, lifted_by: actor.id })
        .where("user_id", "=", userId)
        .where("kind", "in", ["suspend", "ban"])
        .where("lifted_at", "is", null)
        .execute();
      await recordAction(
        trx,
        {
          actorId: actor.id,
          action: "lift_sanction",
          targetType: "user",
          targetId: userId,
          reason: input.note,
          before,
          after: { suspendedUntil: null, bannedAt: null },
        },
        now,
      );
      const lifted = await trx
        .selectFrom("sanctions")
        .select("id")
        .where("user_id", "=", userId)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      await enqueueEvent(trx, "user.sanctioned", { sanctionId: lifted.id, lifted: true });
      return lifted.id;
    }

    const kind: SanctionKind = input.intent;
    const until =
      input.intent === "suspend" ? new Date(now.getTime() + Number(input.days) * DAY_MS) : null;
    if (input.houseRuleId !== null) {
      const rule = await trx
        .selectFrom("house_rules")
        .select("id")
        .where("id", "=", input.houseRuleId)
        .executeTakeFirst();
      if (!rule) throw new NotFoundError("That house rule no longer exists. Choose another.");
    }
    const sanction = await trx
      .insertInto("sanctions")
      .values({
        user_id: userId,
        kind,
        until,
        reason: input.reason,
        house_rule_id: input.houseRuleId,
        created_by: actor.id,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (kind === "suspend") {
      await trx
        .updateTable("users")
        .set({ suspended_until: until, sanction_reason: input.reason })
        .where("id", "=", userId)
        .execute();
    } else if (kind === "ban") {
      await trx
        .updateTable("users")
        .set({ banned_at: now, sanction_reason: input.reason })
        .where("id", "=", userId)
        .execute();
    }
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: kind,
        targetType: "user",
        targetId: userId,
        reason: input.reason,
        before,
        after:
          kind === "warn"
            ? { warned: true }
            : kind === "suspend"
              ? { suspendedUntil: until }
              : { bannedAt: now },
      },
      now,
    );
    await enqueueEvent(trx, "user.sanctioned", { sanctionId: sanction.id, lifted: false });
    return sanction.id;
  });
}

export interface ModerationProfile {
  id: number;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  trustLevel: number;
  suspendedUntil: Date | null;
  bannedAt: Date | null;
  sanctionReason: string | null;
  counts: {
    published: number;
    pending: number;
    hidden: number;
    rejected: number;
    flagsRaised: number;
  };
  sanctions: {
    id: number;
    kind: SanctionKind;
    until: Date | null;
    reason: string;
    byName: string;
    createdAt: Date;
    liftedAt: Date | null;
  }[];
  history: AuditRow[];
  /** Whether the viewer may sanction this person. */
  canSanction: boolean;
}

/** Someone's moderation record: what they posted, what was removed, what was done. */
export async function getModerationProfile(
  db: Kysely<Database>,
  viewer: Viewer,
  userId: number,
): Promise<ModerationProfile> {
  if (!can(viewer, "moderate:post:any")) throw new ForbiddenError();
  const user = await db
    .selectFrom("users")
    .select((eb) => [
      "id",
      "display_name",
      "email",
      "role",
      "created_at",
      "trust_level",
      "suspended_until",
      "banned_at",
      "sanction_reason",
      ...(["published", "pending", "hidden", "rejected"] as const).map((status) =>
        eb
          .selectFrom("posts")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("posts.author_id", "=", "users.id")
          .where("posts.status", "=", status)
          .as(status),
      ),
      eb
        .selectFrom("flags")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("flags.user_id", "=", "users.id")
        .as("flags_raised"),
    ])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user) throw new NotFoundError("We couldn't find that person.");
  const [sanctions, history] = await Promise.all([
    db
      .selectFrom("sanctions")
      .innerJoin("users", "users.id", "sanctions.created_by")
      .select([
        "sanctions.id",
        "sanctions.kind",
        "sanctions.until",
        "sanctions.reason",
        "users.display_name as byName",
        "sanctions.created_at as createdAt",
        "sanctions.lifted_at as liftedAt",
      ])
      .where("sanctions.user_id", "=", userId)
      .orderBy("sanctions.id", "desc")
      .execute(),
    listActionsOn(db, [{ type: "user", id: userId }]),
  ]);
  let canSanction = true;
  try {
    assertMaySanction(viewer, user);
  } catch {
    canSanction = false;
  }
  return {
    id: user.id,
    name: user.display_name,
    email: user.email,
    role: user.role,
    joinedAt: user.created_at,
    trustLevel: user.trust_level,
    suspendedUntil: user.suspended_until,
    bannedAt: user.banned_at,
    sanctionReason: user.sanction_reason,
    counts: {
      published: user.published ?? 0,
      pending: user.pending ?? 0,
      hidden: user.hidden ?? 0,
      rejected: user.rejected ?? 0,
      flagsRaised: user.flags_raised ?? 0,
    },
    sanctions,
    history,
    canSanction,
  };
}
