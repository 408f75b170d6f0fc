/**
 * The policy's agreement tests: every rule's query condition and its predicate give the
 * same answer on every combination of role, issue status, consultation window, thread
 * status, post status and authorship, on a real PostgreSQL. Then a table of expected
 * answers, so that two copies agreeing on a wrong rule still fail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import {
  ISSUE_STATUSES,
  POST_STATUSES,
  ROLES,
  type Database,
  type IssueStatus,
  type PostStatus,
} from "../../../db/schema";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../../scripts/test-harness/factories";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import {
  ISSUE_PHASES,
  issueInPhase,
  issuePhase,
  issueVisibleTo,
  postShownInThread,
  postVisibleTo,
  contributionAnalysed,
  publicIssue,
  publicPost,
  publicThread,
  threadVisibleTo,
  type IssuePhase,
  type PostFacts,
  type Rule,
  type Subject,
} from ".";

let t: TestDatabase;
const DAY = 86_400_000;
const NOW = new Date("2026-06-15T12:00:00Z");
/** Where "now" sits in an issue's window. */
const WINDOWS = {
  before: { opens_at: new Date(NOW.getTime() + DAY), closes_at: new Date(NOW.getTime() + 9 * DAY) },
  during: { opens_at: new Date(NOW.getTime() - DAY), closes_at: new Date(NOW.getTime() + DAY) },
  // Exactly at the boundaries: opens_at = now is open; closes_at = now is closed.
  atOpening: { opens_at: NOW, closes_at: new Date(NOW.getTime() + DAY) },
  atClosing: { opens_at: new Date(NOW.getTime() - DAY), closes_at: NOW },
  after: { opens_at: new Date(NOW.getTime() - 9 * DAY), closes_at: new Date(NOW.getTime() - DAY) },
};

interface Row extends PostFacts {
  /** The issue's status again, under the name issue-phase facts use. */
  status: IssueStatus;
  issueId: number;
  threadId: number;
  postId: number;
  opens_at: Date;
  closes_at: Date;
}
let rows: Row[] = [];
let subjects: Record<string, Subject> = {};
let authorId: number;

/** Every issue status × window; in each, threads of every status by the author and by
 * someone else; in each thread, posts of every status by the author and by someone else. */
async function buildWorld(db: Kysely<Database>) {
  const author = await makeUser(db);
  const other = await makeUser(db);
  authorId = author.id;
  subjects = { anonymous: null, author };
  for (const role of ROLES) subjects[role] = await makeUser(db, { role });
  // A moderator who wrote the posts too: roles and authorship combine.
  subjects["moderator-author"] = { id: author.id, role: "moderator" };
  for (const status of ISSUE_STATUSES) {
    for (const window of Object.values(WINDOWS)) {
      const issue = await makeIssue(db);
      await db
        .updateTable("issues")
        .set({ status, ...window })
        .where("id", "=", issue.id)
        .execute();
      for (const threadStatus of POST_STATUSES) {
        for (const threadAuthor of [author.id, other.id]) {
          const thread = await db
            .insertInto("threads")
            .values({
              issue_id: issue.id,
              kind: "discussion",
              title: `A ${threadStatus} thread`,
              author_id: threadAuthor,
              status: threadStatus,
              last_post_at: NOW,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const posts = await db
            .insertInto("posts")
            .values(
              POST_STATUSES.flatMap((postStatus) =>
                [author.id, other.id].map((postAuthor) => ({
                  thread_id: thread.id,
                  author_id: postAuthor,
                  body_md: postStatus,
                  body_html: postStatus,
                  status: postStatus,
                })),
              ),
            )
            .returning(["id", "status", "author_id"])
            .execute();
          for (const post of posts) {
            rows.push({
              issueId: issue.id,
              threadId: thread.id,
              postId: post.id,
              issueStatus: status,
              status,
              ...window,
              threadStatus,
              threadAuthorId: threadAuthor,
              postStatus: post.status,
              postAuthorId: post.author_id,
            });
          }
        }
      }
    }
  }
}

beforeAll(async () => {
  t = await openTestDatabase();
  rows = [];
  await buildWorld(t.db);
}, 120_000);
afterAll(() => t.close());

const uniq = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** Ids the query selects with the rule, and ids the predicate accepts, over the world. */
async function bothWays<TB extends "posts" | "threads" | "issues">(
  rule: Rule<TB, Row>,
  level: TB,
): Promise<{ query: number[]; predicate: number[] }> {
  const idOf = (row: Row) =>
    level === "posts" ? row.postId : level === "threads" ? row.threadId : row.issueId;
  const inWorld = uniq(rows.map(idOf));
  const selected = await t.db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select(["posts.id as postId", "threads.id as threadId", "issues.id as issueId"])
    .where(`${level}.id` as "posts.id", "in", inWorld)
    // The rule's own tables are all joined here, whatever it needs.
    .where((eb) => rule.where(eb as never))
    .execute();
  return {
    query: uniq(
      selected.map((r) =>
        level === "posts" ? r.postId : level === "threads" ? r.threadId : r.issueId,
      ),
    ),
    predicate: uniq(rows.filter((row) => rule.holds(row)).map(idOf)),
  };
}

const SUBJECT_NAMES = ["anonymous", "author", ...ROLES, "moderator-author"] as const;

describe("each visibility rule's query and predicate agree", () => {
  for (const name of SUBJECT_NAMES) {
    it(`issues visible to ${name}`, async () => {
      const { query, predicate } = await bothWays(issueVisibleTo(subjects[name]!), "issues");
      expect(query).toEqual(predicate);
      expect(predicate.length).toBeGreaterThan(0);
    });
    it(`threads visible to ${name}`, async () => {
      const { query, predicate } = await bothWays(threadVisibleTo(subjects[name]!), "threads");
      expect(query).toEqual(predicate);
      expect(predicate.length).toBeGreaterThan(0);
    });
    it(`posts shown in a thread to ${name}`, async () => {
      const { query, predicate } = await bothWays(postShownInThread(subjects[name]!), "posts");
      expect(query).toEqual(predicate);
      expect(predicate.length).toBeGreaterThan(0);
    });
    it(`posts visible at their address to ${name}`, async () => {
      const { query, predicate } = await bothWays(postVisibleTo(subjects[name]!), "posts");
      expect(query).toEqual(predicate);
      expect(predicate.length).toBeGreaterThan(0);
    });
  }
  it("public issues, threads and posts", async () => {
    for (const [rule, level] of [
      [publicIssue, "issues"],
      [publicThread, "threads"],
      [publicPost, "posts"],
    ] as const) {
      const { query, predicate } = await bothWays(rule as Rule<typeof level, Row>, level);
      expect(query, level).toEqual(predicate);
      expect(predicate.length, level).toBeGreaterThan(0);
    }
  });
});

describe("what an analysis works on: query and predicate agree", () => {
  for (const includeWithheld of [false, true]) {
    it(`contributions${includeWithheld ? ", withheld ones included" : ""}`, async () => {
      const rule = contributionAnalysed(includeWithheld);
      // The world's posts are residents' (is_staff false), as the predicate is told.
      const asFacts: Rule<"posts" | "threads" | "issues", Row> = {
        where: rule.where,
        holds: (row) => rule.holds({ ...row, postIsStaff: false }),
      };
      const { query, predicate } = await bothWays(asFacts, "posts");
      expect(query).toEqual(predicate);
      expect(predicate.length).toBeGreaterThan(0);
      const deleted = rows.filter((row) => row.postStatus === "deleted").map((row) => row.postId);
      expect(predicate.filter((id) => deleted.includes(id))).toEqual([]);
    });
  }
});

describe("issue phase: query and predicate agree on every status and window", () => {
  for (const phase of ISSUE_PHASES) {
    it(`${phase}`, async () => {
      const { query, predicate } = await bothWays(issueInPhase([phase], NOW), "issues");
      expect(query).toEqual(predicate);
      expect(predicate.length).toBeGreaterThan(0);
    });
  }
  it("every issue is in exactly one phase", () => {
    for (const row of rows) {
      const phases = ISSUE_PHASES.filter((p) => issueInPhase([p], NOW).holds(row));
      expect(phases).toEqual([issuePhase(row, NOW)]);
    }
  });
});

/** The expected answers, spelled out: what each kind of person sees. */
function expectedVisible(
  who: (typeof SUBJECT_NAMES)[number],
  row: {
    issueStatus: IssueStatus;
    threadStatus: PostStatus;
    postStatus: PostStatus;
    threadAuthorId: number;
    postAuthorId: number;
  },
): boolean {
  const staffWhoRunIssues = who === "officer" || who === "admin";
  const moderates = who === "moderator" || who === "admin" || who === "moderator-author";
  const writes = who === "author" || who === "moderator-author";
  if (row.issueStatus === "draft" && !staffWhoRunIssues) return false;
  const threadOk =
    moderates || row.threadStatus === "published" || (writes && row.threadAuthorId === authorId);
  const postOk =
    moderates ||
    row.postStatus === "published" ||
    row.postStatus === "deleted" ||
    (writes && row.postAuthorId === authorId);
  return threadOk && postOk;
}

describe("what each kind of person sees, spelled out", () => {
  for (const name of SUBJECT_NAMES) {
    it(`${name}`, () => {
      const rule = postVisibleTo(subjects[name]!);
      for (const row of rows) {
        expect(
          rule.holds(row),
          `${name}: ${row.issueStatus} issue, ${row.threadStatus} thread, ${row.postStatus} post`,
        ).toBe(expectedVisible(name, row));
      }
    });
  }
  it("public content is a published post in a published thread of an issue that is not a draft", () => {
    for (const row of rows) {
      expect(publicPost.holds(row)).toBe(
        row.postStatus === "published" &&
          row.threadStatus === "published" &&
          row.issueStatus !== "draft",
      );
    }
  });
  it("an issue is open only when stored open, at or after opening and before closing", () => {
    const expected: Record<string, IssuePhase> = {
      "open before": "upcoming",
      "open during": "open",
      "open atOpening": "open",
      "open atClosing": "closed",
      "open after": "closed",
    };
    for (const status of ISSUE_STATUSES) {
      for (const [name, window] of Object.entries(WINDOWS)) {
        const phase = issuePhase({ status, ...window }, NOW);
        const want = status === "open" ? expected[`open ${name}`] : status;
        expect(phase, `${status} ${name}`).toBe(want);
      }
    }
  });
});
