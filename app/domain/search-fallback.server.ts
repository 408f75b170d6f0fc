/**
 * Search's limited mode: when Meilisearch is unreachable, /search answers from
 * PostgreSQL full-text search over the same public documents. It is deliberately
 * modest: a statement timeout, a cap on matches, English stemming and no typo
 * tolerance; the page says results are limited.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  FACET_NAMES,
  type FacetName,
  type Highlighted,
  type SearchDocument,
  type SearchQuery,
  type SearchResults,
} from "../search.server";
import { describeIssue, describePostsById } from "./search-documents.server";
import { runTransaction } from "../../db/transaction";
import { openingPostIdOf } from "./opening-post.server";
import { publicIssue, publicPost, publicThread } from "./policy";

/** At most this many matches per kind are ranked: a common word must not cost seconds. */
export const FALLBACK_MATCH_CAP = 200;
const STATEMENT_TIMEOUT_MS = 2_000;

function queryWords(q: string): string[] {
  return [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 10);
}

/** Marks where the query's words (or words starting with them) appear. */
function highlight(text: string, words: string[]): Highlighted {
  if (words.length === 0) return [{ text, match: false }];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(${escaped.join("|")})[\\p{L}\\p{N}]*`, "giu");
  const parts: Highlighted = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: match[0], match: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** About 40 words around the first match. */
function snippetOf(body: string, words: string[]): string {
  const lower = body.toLowerCase();
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), body.length);
  const start = at >= body.length ? 0 : Math.max(0, at - 80);
  const text = body.slice(start, start + 240);
  return `${start > 0 ? "…" : ""}${text}${start + 240 < body.length ? "…" : ""}`;
}

export async function searchWithPostgres(
  db: Kysely<Database>,
  query: SearchQuery,
  now: Date,
): Promise<SearchResults> {
  const words = queryWords(query.q);
  const ranked = await runTransaction(db, async (trx) => {
    await sql`set local statement_timeout = ${sql.lit(STATEMENT_TIMEOUT_MS)}`.execute(trx);
    if (words.length === 0) return { posts: [], issues: [] };
    const tsquery = sql`websearch_to_tsquery('english', ${query.q})`;
    // Public content only, by the policy's own conditions; the GIN indexes are partial on
    // the same status literals, so PostgreSQL uses them.
    const matchedPosts = trx
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select([
        "posts.id",
        sql<number>`ts_rank(to_tsvector('english', posts.body_md), ${tsquery})`.as("rank"),
      ])
      .where(publicPost.where)
      .where(sql<boolean>`to_tsvector('english', posts.body_md) @@ ${tsquery}`)
      .limit(FALLBACK_MATCH_CAP);
    const titledThreads = trx
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select([
        openingPostIdOf("threads.id").as("id"),
        sql<number>`2 * ts_rank(to_tsvector('english', threads.title), ${tsquery})`.as("rank"),
      ])
      .where(publicThread.where)
      .where(sql<boolean>`to_tsvector('english', threads.title) @@ ${tsquery}`)
      .limit(FALLBACK_MATCH_CAP);
    const posts = await sql<{ id: number; rank: number }>`
      select id, rank from (${matchedPosts}) matched
      union all
      select id, rank from (${titledThreads}) titled`.execute(trx);
    const issues = await trx
      .selectFrom("issues")
      .select([
        "issues.id",
        sql<number>`2 * ts_rank(to_tsvector('english', issues.title || ' ' || issues.summary_md), ${tsquery})`.as(
          "rank",
        ),
      ])
      .where(publicIssue.where)
      .where(
        sql<boolean>`to_tsvector('english', issues.title || ' ' || issues.summary_md) @@ ${tsquery}`,
      )
      .limit(FALLBACK_MATCH_CAP)
      .execute();
    return { posts: posts.rows, issues };
  });

  const rank = new Map<string, number>();
  const postRank = new Map<number, number>();
  for (const row of ranked.posts)
    postRank.set(row.id, Math.max(postRank.get(row.id) ?? 0, row.rank));
  const documents: SearchDocument[] = [];
  for (const { postId, document } of await describePostsById(db, [...postRank.keys()], now)) {
    rank.set(document.id, postRank.get(postId) ?? 0);
    documents.push(document);
  }
  for (const row of ranked.issues) {
    const { upsert } = await describeIssue(db, row.id, now);
    for (const doc of upsert) {
      rank.set(doc.id, row.rank);
      documents.push(doc);
    }
  }

  const chosen: Record<FacetName, string | null> = {
    type: query.type ?? null,
    areaSlug: query.areaSlug ?? null,
    categorySlug: query.categorySlug ?? null,
    issueStatus: query.status ?? null,
  };
  const matches = (doc: SearchDocument, except: FacetName | null) =>
    FACET_NAMES.every(
      (facet) => facet === except || chosen[facet] === null || doc[facet] === chosen[facet],
    );
  const filtered = documents.filter((doc) => matches(doc, null));
  filtered.sort((a, b) =>
    query.sort === "newest"
      ? b.createdAt - a.createdAt
      : (rank.get(b.id) ?? 0) - (rank.get(a.id) ?? 0) || b.createdAt - a.createdAt,
  );
  // As with Meilisearch: a facet's counts ignore that facet's own filter.
  const facets = {} as SearchResults["facets"];
  for (const facet of FACET_NAMES) {
    const counts: Record<string, number> = {};
    for (const doc of documents) {
      if (matches(doc, facet)) counts[doc[facet]] = (counts[doc[facet]] ?? 0) + 1;
    }
    facets[facet] = counts;
  }
  const totalPages = Math.max(1, Math.ceil(filtered.length / query.hitsPerPage));
  const page = filtered.slice((query.page - 1) * query.hitsPerPage, query.page * query.hitsPerPage);
  return {
    hits: page.map((doc) => ({
      id: doc.id,
      type: doc.type,
      url: doc.url,
      title: highlight(doc.title, words),
      snippet: highlight(snippetOf(doc.body, words), words),
      issueTitle: doc.issueTitle,
      area: doc.area,
      author: doc.author,
      createdAt: new Date(doc.createdAt * 1000),
    })),
    total: filtered.length,
    page: query.page,
    totalPages,
    facets,
  };
}
