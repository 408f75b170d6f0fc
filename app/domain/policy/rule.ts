/**
 * The shape every policy rule takes: the same rule written twice, side by side, once as
 * a Kysely expression for queries and once as a predicate for rows already loaded.
 * `policy.server.test.ts` runs both on every combination of role, status and phase and
 * proves they agree, so a query and a page can never disagree about who sees what.
 */
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from "kysely";
import type { Database, Role } from "../../../db/schema";

export interface Rule<TB extends keyof Database, Facts> {
  /**
   * The rule as a condition on a query that has the tables in `TB` under their own names:
   * for `.where(rule.where)`, or selected as a column with `rule.where(eb).as("name")`.
   */
  where(eb: ExpressionBuilder<Database, TB>): ExpressionWrapper<Database, TB, SqlBool>;
  /** The rule on facts already loaded. */
  holds(facts: Facts): boolean;
}

/** Who is asking: a signed-in person's id and role, or null for the public. */
export type Subject = { id: number; role: Role } | null;
