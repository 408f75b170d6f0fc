/**
 * Writes as people make them: signed-in form posts over HTTP (session, CSRF origin
 * check, rate limits, the domain transaction and its outbox rows), timed until the
 * server answers. Replies by an officer, supports by a resident (support, then withdraw),
 * flags by a resident on distinct posts, and a moderator's decision on each flag.
 */
import { signInSettingUp } from "../staff-sign-in";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../../../db/schema";
import { DEMO_ACCOUNTS } from "../../../seeds/accounts";
import { percentile } from "./statistics";

export interface WriteFigures {
  p50Ms: number;
  p95Ms: number;
  samples: number;
}

export async function signIn(base: string, role: string): Promise<string> {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  // Staff roles need a second factor: the helper sets one up through the real page.
  return signInSettingUp(base, account);
}

async function timedPost(
  base: string,
  cookie: string,
  url: string,
  fields: Record<string, string>,
): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: base,
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 303)
    throw new Error(`POST ${url} answered ${response.status}, not a redirect`);
  return elapsed;
}

function figures(times: number[]): WriteFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), samples: times.length };
}

export async function measureWrites(
  base: string,
  databaseUrl: string,
  threadId: number,
  samples: number,
): Promise<Record<"reply" | "support" | "flag" | "decision", WriteFigures>> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }),
  });
  try {
    const [officer, resident, moderator] = await Promise.all(
      ["officer", "resident", "moderator"].map((role) => signIn(base, role)),
    );
    // The large council is reused between runs: every reply is new (a repeat would be
    // refused as a duplicate), and supporting starts from where the last run left it.
    const run = Date.now().toString(36);
    const reply: number[] = [];
    for (let i = 0; i < samples; i++)
      reply.push(
        await timedPost(base, officer!, `/threads/${threadId}`, {
          intent: "reply",
          body: `Thank you: noted for the report (run ${run}, reply ${i + 1}).`,
        }),
      );
    const residentAccount = DEMO_ACCOUNTS.find((account) => account.role === "resident")!;
    const supported = await db
      .selectFrom("supports")
      .innerJoin("users", "users.id", "supports.user_id")
      .select("supports.user_id")
      .where("supports.thread_id", "=", threadId)
      .where("users.email", "=", residentAccount.email)
      .executeTakeFirst();
    const support: number[] = [];
    for (let i = 0; i < samples; i++)
      support.push(
        await timedPost(base, resident!, `/threads/${threadId}`, {
          intent: (i % 2 === 0) === !supported ? "support" : "withdraw-support",
        }),
      );
    // Distinct posts by other residents, not yet flagged by anyone.
    const targets = await db
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("is_staff", "=", false)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("flags").select("flags.post_id").whereRef("flags.post_id", "=", "posts.id"),
          ),
        ),
      )
      .orderBy("id", "desc")
      .limit(samples)
      .execute();
    const flag: number[] = [];
    for (const target of targets)
      flag.push(await timedPost(base, resident!, `/posts/${target.id}/flag`, { reason: "spam" }));
    const items = await db
      .selectFrom("moderation_items")
      .select(["id", "version"])
      .where(
        "post_id",
        "in",
        targets.map((target) => target.id),
      )
      .where("status", "=", "open")
      .execute();
    const decision: number[] = [];
    for (const item of items)
      decision.push(
        await timedPost(base, moderator!, `/moderation/items/${item.id}`, {
          intent: "ignore",
          version: String(item.version),
          note: "Nothing wrong here: a benchmark flag.",
        }),
      );
    return {
      reply: figures(reply),
      support: figures(support),
      flag: figures(flag),
      decision: figures(decision),
    };
  } finally {
    await db.destroy();
  }
}
