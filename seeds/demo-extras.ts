/**
 * The lived-in details of the demo: announcements of every scope, severity and state,
 * and a demo resident who follows issues and has read and unread notifications.
 */
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import { renderMarkdown } from "../app/markdown.server";
import { DEMO_ACCOUNTS } from "./accounts";
import type { NotificationPayload } from "../app/domain/notifications.server";

const HOUR_MS = 3_600_000;

async function idOf(
  trx: Transaction<Database>,
  table: "issues" | "areas",
  slug: string,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedDemoExtras(trx: Transaction<Database>, now: Date): Promise<void> {
  const officer = await trx
    .selectFrom("users")
    .select("id")
    .where("email", "=", DEMO_ACCOUNTS.find((a) => a.role === "officer")?.email ?? "")
    .executeTakeFirstOrThrow();
  const resident = await trx
    .selectFrom("users")
    .select("id")
    .where("email", "=", DEMO_ACCOUNTS.find((a) => a.role === "resident")?.email ?? "")
    .executeTakeFirstOrThrow();
  const library = await idOf(trx, "issues", "library-opening-hours");
  const millLane = await idOf(trx, "issues", "resurfacing-mill-lane");
  const riverside = await idOf(trx, "areas", "riverside");

  const announcements = [
    {
      scope: "site" as const,
      severity: "urgent" as const,
      title: "Storm warning: garden waste collections suspended on Friday",
      body: "High winds are forecast. Please keep garden waste bins in until Monday. Other collections run as normal.",
      hoursAgo: 3,
      withdrawn: false,
    },
    {
      scope: "site" as const,
      severity: "information" as const,
      title: "Council tax bills for 2027/28 arrive in March",
      body: "You can still comment on the [budget consultation](/issues/budget-2027-28) until it closes.",
      hoursAgo: 30,
      withdrawn: false,
    },
    {
      scope: "area" as const,
      severity: "warning" as const,
      title: "Riverside path closed between Ferry Street and the station",
      body: "The path is closed for flood repairs until further notice. Use Station Road instead.",
      hoursAgo: 50,
      withdrawn: false,
    },
    {
      scope: "issue" as const,
      severity: "information" as const,
      title: "Drop-in session at Castlegate Library, Saturday 10am to 1pm",
      body: "Library staff will be there to talk through the three options for opening hours.",
      hoursAgo: 70,
      withdrawn: false,
    },
    {
      scope: "site" as const,
      severity: "urgent" as const,
      title: "Water main burst on Mill Lane",
      body: "Repaired: Mill Lane has reopened.",
      hoursAgo: 400,
      withdrawn: true,
    },
  ];
  await trx
    .insertInto("announcements")
    .values(
      announcements.map((a) => ({
        scope: a.scope,
        area_id: a.scope === "area" ? riverside : null,
        issue_id: a.scope === "issue" ? library : null,
        severity: a.severity,
        title: a.title,
        body_md: a.body,
        body_html: renderMarkdown(a.body),
        created_by: officer.id,
        created_at: new Date(now.getTime() - a.hoursAgo * HOUR_MS),
        withdrawn_at: a.withdrawn ? new Date(now.getTime() - (a.hoursAgo - 20) * HOUR_MS) : null,
      })),
    )
    .execute();

  // The demo resident follows two issues and has one read and one unread notification.
  await trx
    .insertInto("issue_follows")
    .values([
      { user_id: resident.id, issue_id: library },
      { user_id: resident.id, issue_id: millLane },
    ])
    .execute();
  const libraryThread = await trx
    .selectFrom("threads")
    .innerJoin("users", "users.id", "threads.author_id")
    .select(["threads.id", "threads.title", "users.display_name"])
    .where("threads.issue_id", "=", library)
    .orderBy("threads.id", "desc")
    .executeTakeFirstOrThrow();
  const answered = await trx
    .selectFrom("threads")
    .select(["id", "title"])
    .where("issue_id", "=", millLane)
    .where("answered_post_id", "is not", null)
    .executeTakeFirst();
  await trx
    .insertInto("notifications")
    .values([
      {
        user_id: resident.id,
        kind: "new_thread",
        event_key: "seed:new-thread",
        payload: JSON.stringify({
          text: "{author} started “{thread}” in Library opening hours",
          href: `/threads/${libraryThread.id}`,
          refs: { threadId: libraryThread.id },
        } satisfies NotificationPayload),
        created_at: new Date(now.getTime() - 5 * HOUR_MS),
        read_at: null,
      },
      ...(answered
        ? [
            {
              user_id: resident.id,
              kind: "official_answer" as const,
              event_key: "seed:official-answer",
              payload: JSON.stringify({
                text: "The council answered “{thread}”",
                href: `/threads/${answered.id}#answer`,
                refs: { threadId: answered.id },
              } satisfies NotificationPayload),
              created_at: new Date(now.getTime() - 48 * HOUR_MS),
              read_at: new Date(now.getTime() - 40 * HOUR_MS),
            },
          ]
        : []),
    ])
    .execute();
}
