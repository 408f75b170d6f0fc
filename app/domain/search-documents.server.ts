/**
 * What the search index should hold for one entity, read fresh from PostgreSQL: the
 * document if the entity is public, or the ids to delete if it is not. Only public
 * content goes in: nothing pending, hidden, rejected or deleted, nothing in a draft issue.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { htmlToText } from "../markdown.server";
import { stripMarkers, type SearchDocument } from "../search.server";
import { issuePhase, publicIssue, publicPost } from "./policy";
import { FORMER_PARTICIPANT } from "./account-labels";
import { openingPostIdOf } from "./opening-post.server";

/** What to do to the index for one entity. */
export interface IndexChange {
  upsert: SearchDocument[];
  remove: string[];
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function issueColumns(db: Kysely<Database>) {
  return db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("categories", "categories.id", "issues.category_id")
    .select([
      "issues.id as issue_id",
      "issues.slug as issue_slug",
      "issues.title as issue_title",
      "issues.summary_html",
      "issues.status as issue_status",
      "issues.opens_at",
      "issues.closes_at",
      "issues.created_at as issue_created_at",
      "areas.name as area",
      "areas.slug as area_slug",
      "categories.name as category",
      "categories.slug as category_slug",
    ]);
}

type IssueRow = Awaited<ReturnType<ReturnType<typeof issueColumns>["execute"]>>[number];

function issueFields(row: IssueRow, now: Date) {
  return {
    issueId: row.issue_id,
    issueTitle: stripMarkers(row.issue_title),
    issueStatus: issuePhase(
      { status: row.issue_status, opens_at: row.opens_at, closes_at: row.closes_at },
      now,
    ),
    area: row.area,
    areaSlug: row.area_slug,
    category: row.category,
    categorySlug: row.category_slug,
  };
}

/** The issue's own document. */
export async function describeIssue(
  db: Kysely<Database>,
  issueId: number,
  now: Date,
): Promise<IndexChange> {
  const row = await issueColumns(db).where("issues.id", "=", issueId).executeTakeFirst();
  const id = `issue-${issueId}`;
  const outcomes = await db
    .selectFrom("outcomes")
    .select(["id", "title", "you_said_html", "we_did_html", "team", "published_at"])
    .where("issue_id", "=", issueId)
    .execute();
  if (!row || !publicIssue.holds({ issueStatus: row.issue_status })) {
    return { upsert: [], remove: [id, ...outcomes.map((o) => `outcome-${o.id}`)] };
  }
  // An issue's published outcomes travel with it: same area, category and status.
  const outcomeDocuments: SearchDocument[] = outcomes.flatMap((outcome) =>
    outcome.published_at
      ? [
          {
            id: `outcome-${outcome.id}`,
            type: "outcome" as const,
            title: stripMarkers(outcome.title),
            body: stripMarkers(
              `${htmlToText(outcome.you_said_html)}\n${htmlToText(outcome.we_did_html)}`,
            ),
            ...issueFields(row, now),
            author: stripMarkers(outcome.team),
            authorId: null,
            createdAt: seconds(outcome.published_at),
            url: `/outcomes/${outcome.id}`,
          },
        ]
      : [],
  );
  return {
    remove: outcomes.filter((o) => !o.published_at).map((o) => `outcome-${o.id}`),
    upsert: [
      ...outcomeDocuments,
      {
        id,
        type: "issue",
        title: stripMarkers(row.issue_title),
        body: stripMarkers(htmlToText(row.summary_html)),
        ...issueFields(row, now),
        author: null,
        authorId: null,
        createdAt: seconds(row.issue_created_at),
        url: `/issues/${row.issue_slug}`,
      },
    ],
  };
}

function postColumns(db: Kysely<Database>) {
  return issueColumns(db)
    .innerJoin("threads", "threads.issue_id", "issues.id")
    .innerJoin("posts", "posts.thread_id", "threads.id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id as post_id",
      "posts.status as post_status",
      "posts.body_html",
      "posts.created_at as post_created_at",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "threads.status as thread_status",
      "threads.author_id as thread_author_id",
      "users.id as author_id",
      "users.display_name as author_name",
      "users.deleted_at as author_deleted_at",
      openingPostIdOf("threads.id").as("opening_id"),
    ]);
}

type PostRow = Awaited<ReturnType<ReturnType<typeof postColumns>["execute"]>>[number];

function documentId(row: Pick<PostRow, "post_id" | "opening_id" | "thread_id">): string {
  return row.opening_id === row.post_id ? `thread-${row.thread_id}` : `post-${row.post_id}`;
}

function isPublic(row: PostRow): boolean {
  return publicPost.holds({
    postStatus: row.post_status,
    postAuthorId: row.author_id,
    threadStatus: row.thread_status,
    threadAuthorId: row.thread_author_id,
    issueStatus: row.issue_status,
  });
}

function postDocument(row: PostRow, now: Date): SearchDocument {
  const opening = row.opening_id === row.post_id;
  return {
    id: documentId(row),
    type: opening ? "thread" : "post",
    title: stripMarkers(row.thread_title),
    body: stripMarkers(htmlToText(row.body_html)),
    ...issueFields(row, now),
    author: row.author_deleted_at ? FORMER_PARTICIPANT : stripMarkers(row.author_name),
    authorId: row.author_deleted_at ? null : row.author_id,
    createdAt: seconds(row.post_created_at),
    url: opening ? `/threads/${row.thread_id}` : `/posts/${row.post_id}`,
  };
}

function toChanges(rows: PostRow[], now: Date): IndexChange {
  const change: IndexChange = { upsert: [], remove: [] };
  for (const row of rows) {
    if (isPublic(row)) change.upsert.push(postDocument(row, now));
    else change.remove.push(documentId(row));
  }
  return change;
}

/** A post's document: its thread's, for an opening post, or its own, for a reply. */
export async function describePost(
  db: Kysely<Database>,
  postId: number,
  now: Date,
): Promise<IndexChange> {
  const row = await postColumns(db).where("posts.id", "=", postId).executeTakeFirst();
  return row ? toChanges([row], now) : { upsert: [], remove: [`post-${postId}`] };
}

export const DESCRIBE_BATCH = 500;

/**
 * The documents of many posts at once, keyset-paged by post id, optionally limited to
 * one issue or one author: for an issue's status change, a renamed author, or a rebuild.
 */
export async function describePosts(
  db: Kysely<Database>,
  scope: { issueId?: number; authorId?: number; afterPostId: number },
  now: Date,
): Promise<{ change: IndexChange; lastPostId: number | null }> {
  let query = postColumns(db).where("posts.id", ">", scope.afterPostId);
  if (scope.issueId !== undefined) query = query.where("issues.id", "=", scope.issueId);
  if (scope.authorId !== undefined) query = query.where("posts.author_id", "=", scope.authorId);
  const rows = await query.orderBy("posts.id").limit(DESCRIBE_BATCH).execute();
  return {
    change: toChanges(rows, now),
    lastPostId: rows.length === DESCRIBE_BATCH ? (rows.at(-1)?.post_id ?? null) : null,
  };
}

/** Every issue's document, for a rebuild (issues are few). */
export async function describeAllIssues(db: Kysely<Database>, now: Date): Promise<IndexChange> {
  const rows = await db.selectFrom("issues").select("id").orderBy("id").execute();
  const change: IndexChange = { upsert: [], remove: [] };
  for (const row of rows) {
    const one = await describeIssue(db, row.id, now);
    change.upsert.push(...one.upsert);
  }
  return change;
}

/** How many posts a rebuild will read, for its progress bar. */
export async function countPosts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("posts")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The documents of the given posts that are public (for search's limited mode). */
export async function describePostsById(
  db: Kysely<Database>,
  postIds: number[],
  now: Date,
): Promise<{ postId: number; document: SearchDocument }[]> {
  if (postIds.length === 0) return [];
  const rows = await postColumns(db).where("posts.id", "in", postIds).execute();
  return rows
    .filter(isPublic)
    .map((row) => ({ postId: row.post_id, document: postDocument(row, now) }));
}
