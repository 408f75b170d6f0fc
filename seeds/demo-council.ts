/**
 * Builds Northbridge Borough Council's demo data from the hand-written material:
 * wards, categories, staff, residents, 14 issues across the whole lifecycle, and
 * their threads and posts. Deterministic: the same seed date gives the same site.
 * `copies` > 0 adds more of the same, with numbered slugs, for volume and benchmarks.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { hashPassword } from "../app/passwords.server";
import { renderOnce } from "./render-once";
import { DEMO_ACCOUNTS } from "./accounts";
import { seedDemoModeration } from "./demo-moderation";
import { seedDemoOutcomes } from "./demo-outcomes";
import { seedDemoExtras } from "./demo-extras";
import { ISSUES, type IssueMaterial } from "./material-issues";
import {
  AREAS,
  CATEGORIES,
  OFFICERS,
  RESIDENT_CLOSERS,
  RESIDENT_NAMES,
  type OfficerKey,
} from "./material-places";
import { createRandom, type Random } from "./random";

const DAY_MS = 86_400_000;
const BATCH_SIZE = 500;

export interface SeedCounts {
  users: number;
  issues: number;
  threads: number;
  posts: number;
}

export interface SeedProgress {
  (done: number, total: number): void;
}

/** True when no one has ever registered: the signal to seed the demo council. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n === 0;
}

interface People {
  officerIds: Record<OfficerKey, number>;
  residentIds: number[];
}

/** Seeds the demo council into an empty database. */
export async function seedDemoCouncil(
  db: Kysely<Database>,
  options: { now: Date; onProgress?: SeedProgress },
): Promise<SeedCounts> {
  const passwordHashes = await Promise.all(
    DEMO_ACCOUNTS.map((account) => hashPassword(account.password)),
  );
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("areas")
      .values(AREAS.map((area) => ({ ...area })))
      .execute();
    await trx
      .insertInto("categories")
      .values(CATEGORIES.map((category) => ({ ...category })))
      .execute();
    const people = await insertPeople(trx, passwordHashes, options.now);
    const counts = await insertIssueSet(trx, people, {
      copy: 0,
      now: options.now,
      onProgress: options.onProgress,
    });
    await seedDemoExtras(trx, options.now);
    const heldAndFlagged = await seedDemoModeration(trx, options.now);
    await seedDemoOutcomes(trx, options.now);
    // The newcomer whose first posts wait in the moderation queue is one more.
    return {
      ...counts,
      posts: counts.posts + heldAndFlagged,
      users: DEMO_ACCOUNTS.length + OFFICERS.length - 1 + RESIDENT_NAMES.length + 1,
    };
  });
}

/** Adds `copies` more sets of the demo issues, each in its own transaction. */
export async function seedVolume(
  db: Kysely<Database>,
  options: { copies: number; now: Date; onProgress?: SeedProgress },
): Promise<SeedCounts> {
  const people = await loadPeople(db);
  const existing = await db
    .selectFrom("issues")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("slug", "like", `${ISSUES[0]?.slug ?? "x"}%`)
    .executeTakeFirstOrThrow();
  const total: SeedCounts = { users: 0, issues: 0, threads: 0, posts: 0 };
  for (let i = 0; i < options.copies; i++) {
    const copy = existing.n + i;
    const counts = await db
      .transaction()
      .execute((trx) => insertIssueSet(trx, people, { copy, now: options.now }));
    total.issues += counts.issues;
    total.threads += counts.threads;
    total.posts += counts.posts;
    options.onProgress?.(i + 1, options.copies);
  }
  return total;
}

async function insertPeople(
  db: Kysely<Database>,
  demoHashes: string[],
  now: Date,
): Promise<People> {
  const demoRows = DEMO_ACCOUNTS.map((account, index) => ({
    email: account.email,
    display_name: account.displayName,
    password_hash: demoHashes[index] ?? null,
    role: account.role,
    team: account.team,
    trust_level: 2,
    email_verified_at: now,
    created_at: new Date(now.getTime() - 400 * DAY_MS),
  }));
  // Other staff and residents have no password: they exist to have written things.
  const officerRows = OFFICERS.filter((officer) => officer.key !== "highways").map((officer) => ({
    email: `${officer.name.toLowerCase().replace(/[^a-z]+/g, ".")}@northbridge.example`,
    display_name: officer.name,
    password_hash: null,
    role: "officer" as const,
    team: officer.team,
    trust_level: 2,
    email_verified_at: now,
    created_at: new Date(now.getTime() - 380 * DAY_MS),
  }));
  const residentRows = RESIDENT_NAMES.map((name, index) => ({
    email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${index}@residents.example`,
    display_name: name,
    password_hash: null,
    role: "resident" as const,
    team: null,
    trust_level: index % 3,
    email_verified_at: now,
    created_at: new Date(now.getTime() - (360 - index * 5) * DAY_MS),
  }));
  await db
    .insertInto("users")
    .values([...demoRows, ...officerRows, ...residentRows])
    .execute();
  return loadPeople(db);
}

async function loadPeople(db: Kysely<Database>): Promise<People> {
  const users = await db
    .selectFrom("users")
    .select(["id", "display_name", "role", "team"])
    .orderBy("id")
    .execute();
  const officerIds = {} as Record<OfficerKey, number>;
  for (const officer of OFFICERS) {
    const user = users.find((u) => u.role === "officer" && u.display_name === officer.name);
    if (!user)
      throw new Error(`Seed officer ${officer.name} is missing; seed the demo council first.`);
    officerIds[officer.key] = user.id;
  }
  const residentIds = users
    .filter((u) => u.role === "resident" && RESIDENT_NAMES.includes(u.display_name))
    .map((u) => u.id);
  if (residentIds.length === 0)
    throw new Error("Seed residents are missing; seed the demo council first.");
  return { officerIds, residentIds };
}

async function insertIssueSet(
  db: Kysely<Database>,
  people: People,
  options: { copy: number; now: Date; onProgress?: SeedProgress },
): Promise<Omit<SeedCounts, "users">> {
  const areaIds = new Map(
    (await db.selectFrom("areas").select(["id", "slug"]).execute()).map((a) => [a.slug, a.id]),
  );
  const categoryIds = new Map(
    (await db.selectFrom("categories").select(["id", "slug"]).execute()).map((c) => [c.slug, c.id]),
  );
  const random = createRandom(20261123 + options.copy);
  const suffix = options.copy === 0 ? "" : `-${options.copy + 1}`;
  let threadCount = 0;
  let postCount = 0;

  for (const [index, material] of ISSUES.entries()) {
    const opensAt = new Date(options.now.getTime() + material.opensInDays * DAY_MS);
    const closesAt = new Date(options.now.getTime() + material.closesInDays * DAY_MS);
    const officerId = people.officerIds[material.officer];
    const officer = OFFICERS.find((o) => o.key === material.officer);
    const issue = await db
      .insertInto("issues")
      .values({
        slug: `${material.slug}${suffix}`,
        title: material.title,
        summary_md: material.summary,
        summary_html: renderOnce(material.summary),
        area_id: mustGet(areaIds, material.area),
        category_id: mustGet(categoryIds, material.category),
        status: material.status,
        opens_at: opensAt,
        closes_at: closesAt,
        // Already open: nothing to announce. Upcoming: "now open" goes out when it opens.
        opened_sent_at: opensAt <= options.now ? opensAt : null,
        team: officer?.team ?? null,
        created_by: officerId,
        created_at: new Date(opensAt.getTime() - 3 * DAY_MS),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const counts = await insertThreads(db, random, people, material, {
      issueId: issue.id,
      officerId,
      from: opensAt,
      until: new Date(Math.min(closesAt.getTime(), options.now.getTime())),
    });
    threadCount += counts.threads;
    postCount += counts.posts;
    options.onProgress?.(index + 1, ISSUES.length);
  }
  return { issues: ISSUES.length, threads: threadCount, posts: postCount };
}

interface PlannedPost {
  author_id: number;
  body_md: string;
  is_staff: boolean;
  created_at: Date;
}

async function insertThreads(
  db: Kysely<Database>,
  random: Random,
  people: People,
  material: IssueMaterial,
  window: { issueId: number; officerId: number; from: Date; until: Date },
): Promise<{ threads: number; posts: number }> {
  if (material.threads.length === 0 || window.until <= window.from) return { threads: 0, posts: 0 };
  const span = window.until.getTime() - window.from.getTime();
  const plans = material.threads.map((thread, index) => {
    // Threads start in the first two thirds of the window; replies follow over the rest.
    const startedAt =
      window.from.getTime() + span * ((index + random.next()) / (material.threads.length * 1.5));
    const posts: PlannedPost[] = [
      {
        author_id: random.pick(people.residentIds),
        body_md: thread.body,
        is_staff: false,
        created_at: new Date(startedAt),
      },
    ];
    const replies = random.int(4, 9);
    // Each point is made at most once per thread, as in a real conversation.
    const points = shuffle(random, material.residentPoints);
    let at = startedAt;
    for (let r = 0; r < replies; r++) {
      at += random.next() * ((window.until.getTime() - at) / (replies - r + 1));
      const staffTurn =
        material.staffPoints.length > 0 &&
        ((thread.kind === "question" && r === 1) || random.next() < 0.12);
      posts.push(
        staffTurn
          ? {
              author_id: window.officerId,
              body_md: random.pick(material.staffPoints),
              is_staff: true,
              created_at: new Date(at),
            }
          : {
              author_id: random.pick(people.residentIds),
              body_md: composeResidentReply(random, points, r),
              is_staff: false,
              created_at: new Date(at),
            },
      );
    }
    return { thread, posts };
  });

  const threadRows = await db
    .insertInto("threads")
    .values(
      plans.map(({ thread, posts }) => ({
        issue_id: window.issueId,
        kind: thread.kind,
        title: thread.title,
        author_id: posts[0]?.author_id ?? window.officerId,
        reply_count: posts.length - 1,
        last_post_at: posts.at(-1)?.created_at ?? window.from,
        created_at: posts[0]?.created_at ?? window.from,
      })),
    )
    .returning("id")
    .execute();

  const postRows = plans.flatMap(({ posts }, index) =>
    posts.map((post) => ({
      ...post,
      thread_id: threadRows[index]?.id ?? 0,
      body_html: renderOnce(post.body_md),
    })),
  );
  const inserted: { id: number; thread_id: number; is_staff: boolean; created_at: Date }[] = [];
  for (let start = 0; start < postRows.length; start += BATCH_SIZE) {
    inserted.push(
      ...(await db
        .insertInto("posts")
        .values(postRows.slice(start, start + BATCH_SIZE))
        .returning(["id", "thread_id", "is_staff", "created_at"])
        .execute()),
    );
  }
  await addSupportsAndAnswers(db, random, people, plans, threadRows, inserted);
  return { threads: plans.length, posts: postRows.length };
}

/** Ideas get supporters and questions with a staff reply get it as their official answer. */
async function addSupportsAndAnswers(
  db: Kysely<Database>,
  random: Random,
  people: People,
  plans: { thread: IssueMaterial["threads"][number]; posts: PlannedPost[] }[],
  threadRows: { id: number }[],
  posts: { id: number; thread_id: number; is_staff: boolean; created_at: Date }[],
): Promise<void> {
  let questionsSeen = 0;
  for (const [index, { thread, posts: planned }] of plans.entries()) {
    const threadId = threadRows[index]?.id;
    if (threadId === undefined) continue;
    if (thread.kind === "idea") {
      const author = planned[0]?.author_id;
      const supporters = shuffle(
        random,
        people.residentIds.filter((id) => id !== author),
      ).slice(0, random.int(2, 30));
      if (supporters.length === 0) continue;
      await db
        .insertInto("supports")
        .values(
          supporters.map((userId) => ({
            thread_id: threadId,
            user_id: userId,
            created_at: planned[0]?.created_at ?? new Date(),
          })),
        )
        .execute();
      await db
        .updateTable("threads")
        .set({ support_count: supporters.length })
        .where("id", "=", threadId)
        .execute();
    } else if (thread.kind === "question") {
      // Every other question waits for its official answer, so officers have a to-do list.
      questionsSeen++;
      const answer =
        questionsSeen % 2 === 1
          ? posts.find((post) => post.thread_id === threadId && post.is_staff)
          : undefined;
      if (answer)
        await db
          .updateTable("threads")
          .set({ answered_post_id: answer.id, answered_at: answer.created_at })
          .where("id", "=", threadId)
          .execute();
    }
  }
}

function composeResidentReply(random: Random, points: string[], turn: number): string {
  const point = points[turn % points.length] ?? "";
  const closer = random.pick(RESIDENT_CLOSERS);
  return closer ? `${point} ${closer}` : point;
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function mustGet<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed data refers to unknown ${String(key)}`);
  return value;
}
