/** Builders for test data, written straight to the database with sensible defaults. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Viewer } from "../../app/auth.server";
import { renderMarkdown } from "../../app/markdown.server";
import type { Database, IssueStatus, Role } from "../../db/schema";

const DAY_MS = 86_400_000;

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function makeUser(
  db: Kysely<Database>,
  options: {
    role?: Role;
    team?: string | null;
    suspendedUntil?: Date | null;
    bannedAt?: Date | null;
    /** 0 is a brand-new account whose first posts are held; tests default to 1 (established). */
    trustLevel?: number;
    /** An account that has not confirmed its email address (tests default to confirmed). */
    unconfirmed?: boolean;
  } = {},
): Promise<Viewer> {
  const displayName = unique(options.role ?? "resident");
  const row = await db
    .insertInto("users")
    .values({
      email: `${displayName}@test.example`,
      display_name: displayName,
      password_hash: null,
      role: options.role ?? "resident",
      team: options.team ?? null,
      suspended_until: options.suspendedUntil ?? null,
      banned_at: options.bannedAt ?? null,
      trust_level: options.trustLevel ?? 1,
      email_verified_at: options.unconfirmed ? null : new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    displayName,
    role: options.role ?? "resident",
    team: options.team ?? null,
    suspendedUntil: options.suspendedUntil ?? null,
    bannedAt: options.bannedAt ?? null,
    sanctionReason: null,
    mustVerifyEmail: options.unconfirmed === true,
    secondFactorAt: null,
    secondFactorMethod: null,
  };
}

export async function makeAreaAndCategory(
  db: Kysely<Database>,
): Promise<{ areaId: number; categoryId: number }> {
  const area = await db
    .insertInto("areas")
    .values({ slug: unique("area"), name: unique("Area") })
    .returning("id")
    .executeTakeFirstOrThrow();
  const category = await db
    .insertInto("categories")
    .values({ slug: unique("category"), name: unique("Category") })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { areaId: area.id, categoryId: category.id };
}

/** An issue whose window is open now, or closed/draft/etc. as asked. */
export async function makeIssue(
  db: Kysely<Database>,
  options: { status?: IssueStatus; closed?: boolean; title?: string; now?: Date } = {},
): Promise<{ id: number; slug: string }> {
  const now = options.now ?? new Date();
  const { areaId, categoryId } = await makeAreaAndCategory(db);
  const officer = await makeUser(db, { role: "officer", team: "Highways" });
  const slug = unique("issue");
  const summary = "A **test** issue.";
  const row = await db
    .insertInto("issues")
    .values({
      slug,
      title: options.title ?? `Issue ${slug}`,
      summary_md: summary,
      summary_html: renderMarkdown(summary),
      area_id: areaId,
      category_id: categoryId,
      status: options.status ?? "open",
      opens_at: new Date(now.getTime() - 30 * DAY_MS),
      closes_at: new Date(now.getTime() + (options.closed ? -1 : 30) * DAY_MS),
      opened_sent_at: new Date(now.getTime() - 30 * DAY_MS),
      team: "Highways",
      created_by: officer.id,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  return row;
}
