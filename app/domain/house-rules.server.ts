/**
 * House rules: the public page that says what is and is not allowed. Rejections, hides
 * and sanctions cite one of them. Admins edit them (every change audited); a rule that
 * has been cited is retired, never deleted, so old decisions still make sense.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can } from "../permissions";
import type { HouseRuleInput } from "../schemas/moderation";
import { recordAction } from "./audit-log.server";
import { ForbiddenError, NotFoundError } from "./errors";
import { runTransaction } from "../../db/transaction";

export interface HouseRule {
  id: number;
  /** Its number on the public page, from 1. */
  number: number;
  title: string;
  bodyMd: string;
  bodyHtml: string;
  updatedAt: Date;
}

/** The rules in force, in order, numbered as the public page shows them. */
export async function listHouseRules(db: Kysely<Database>): Promise<HouseRule[]> {
  const rows = await db
    .selectFrom("house_rules")
    .select(["id", "title", "body_md", "body_html", "updated_at"])
    .where("retired_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((row, index) => ({
    id: row.id,
    number: index + 1,
    title: row.title,
    bodyMd: row.body_md,
    bodyHtml: row.body_html,
    updatedAt: row.updated_at,
  }));
}

function assertMayEdit(actor: Viewer): void {
  if (!can(actor, "manage:moderation:any")) throw new ForbiddenError();
}

/** Adds a rule at the end of the list. */
export async function addHouseRule(
  db: Kysely<Database>,
  actor: Viewer,
  input: HouseRuleInput,
  now: Date,
): Promise<number> {
  assertMayEdit(actor);
  return runTransaction(db, async (trx) => {
    const { next } = await trx
      .selectFrom("house_rules")
      .select(sql<number>`coalesce(max(position), 0) + 1`.as("next"))
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("house_rules")
      .values({
        position: next,
        title: input.title,
        body_md: input.body,
        body_html: renderMarkdown(input.body),
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "add_house_rule",
        targetType: "house_rule",
        targetId: row.id,
        after: { title: input.title, body: input.body },
      },
      now,
    );
    return row.id;
  });
}

/** Rewrites a rule; the audit log keeps the old wording. */
export async function updateHouseRule(
  db: Kysely<Database>,
  actor: Viewer,
  ruleId: number,
  input: HouseRuleInput,
  now: Date,
): Promise<void> {
  assertMayEdit(actor);
  await runTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("house_rules")
      .select(["title", "body_md"])
      .where("id", "=", ruleId)
      .where("retired_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("That house rule no longer exists.");
    await trx
      .updateTable("house_rules")
      .set({
        title: input.title,
        body_md: input.body,
        body_html: renderMarkdown(input.body),
        updated_at: now,
      })
      .where("id", "=", ruleId)
      .execute();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "edit_house_rule",
        targetType: "house_rule",
        targetId: ruleId,
        before: { title: before.title, body: before.body_md },
        after: { title: input.title, body: input.body },
      },
      now,
    );
  });
}

/** Takes a rule off the public page; decisions that cited it still name it. */
export async function retireHouseRule(
  db: Kysely<Database>,
  actor: Viewer,
  ruleId: number,
  now: Date,
): Promise<void> {
  assertMayEdit(actor);
  await runTransaction(db, async (trx) => {
    const rule = await trx
      .updateTable("house_rules")
      .set({ retired_at: now, updated_at: now })
      .where("id", "=", ruleId)
      .where("retired_at", "is", null)
      .returning(["title"])
      .executeTakeFirst();
    if (!rule) throw new NotFoundError("That house rule no longer exists.");
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "retire_house_rule",
        targetType: "house_rule",
        targetId: ruleId,
        before: { title: rule.title },
      },
      now,
    );
  });
}
