/**
 * The only user of the meilisearch client: the public content index (settings applied
 * idempotently at start-up), document upserts and deletes for the outbox worker, the
 * zero-downtime rebuild's swap, and queries with facets and highlights. The master key
 * stays on the server; browsers only ever talk to /search.
 */
import { Meilisearch, type Index, type MultiSearchQuery } from "meilisearch";
import type { DocumentType, Highlighted } from "./search-types";

export type SearchState = "ok" | "unreachable" | "disabled";

export type { DocumentType, Highlighted };

/** One searchable thing: an issue, a thread (title and opening post), or a reply. */
export interface SearchDocument {
  /** "issue-12", "thread-40", "post-311". */
  id: string;
  type: DocumentType;
  title: string;
  body: string;
  issueId: number;
  issueTitle: string;
  issueStatus: string;
  area: string;
  areaSlug: string;
  category: string;
  categorySlug: string;
  author: string | null;
  authorId: number | null;
  /** Seconds since the epoch, for sorting by newest. */
  createdAt: number;
  url: string;
}

export interface SearchQuery {
  q: string;
  type?: DocumentType | null;
  areaSlug?: string | null;
  categorySlug?: string | null;
  status?: string | null;
  sort: "relevance" | "newest";
  page: number;
  hitsPerPage: number;
}

export interface SearchHit {
  id: string;
  type: DocumentType;
  url: string;
  title: Highlighted;
  snippet: Highlighted;
  issueTitle: string;
  area: string;
  author: string | null;
  createdAt: Date;
}

export const FACET_NAMES = ["type", "areaSlug", "categorySlug", "issueStatus"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  page: number;
  totalPages: number;
  /** Counts per value of each facet, for the current query and the other filters. */
  facets: Record<FacetName, Record<string, number>>;
}

export interface SearchService {
  /** Where search runs, for logs and /healthz. */
  readonly host: string;
  /** Asks Meilisearch for its health, with a short timeout so /healthz stays quick. */
  checkHealth(): Promise<SearchState>;
  /** Creates the index if missing and applies its settings; safe to run at every start. */
  prepareIndex(uid?: string): Promise<void>;
  /** Adds or replaces documents (by id). */
  upsert(documents: SearchDocument[], uid?: string): Promise<void>;
  /** Removes documents by id; ids that are not there are fine. */
  remove(ids: string[], uid?: string): Promise<void>;
  /** How many documents the live index holds (0 when it does not exist). */
  countDocuments(): Promise<number>;
  /** Swaps a freshly built index into place and drops the old one. */
  swapIn(buildUid: string): Promise<void>;
  /**
   * Waits until Meilisearch has applied every queued write to an index (tests, the
   * rebuild), for as long as it keeps making progress; see SettleOptions.
   */
  settle(uid?: string, options?: SettleOptions): Promise<void>;
  search(query: SearchQuery): Promise<SearchResults>;
  /**
   * Ids of an issue's threads and replies ("thread-40", "post-311") that match a query,
   * best first, at most `limit`: the analysis workspace's free-text filter.
   */
  matchInIssue(q: string, issueId: number, limit: number): Promise<string[]>;
  /** The live index's uid. */
  readonly indexUid: string;
}

const MARK_START = "\u0002";
const MARK_END = "\u0003";

/** Removes the characters used as highlight markers, so user text can't forge a highlight. */
export function stripMarkers(text: string): string {
  return text.replaceAll(MARK_START, "").replaceAll(MARK_END, "");
}

/** Splits Meilisearch's formatted text at the markers. */
export function splitHighlights(formatted: string): Highlighted {
  const parts: Highlighted = [];
  let rest = formatted;
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const marked = rest.slice(start + 1, end === -1 ? undefined : end);
    if (marked) parts.push({ text: marked, match: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts.map((part) => ({ ...part, text: stripMarkers(part.text) }));
}

/** Ranking, facets and language for the content index. */
export const INDEX_SETTINGS = {
  searchableAttributes: ["title", "body", "issueTitle", "area", "category", "author"],
  filterableAttributes: ["type", "areaSlug", "categorySlug", "issueStatus", "issueId", "authorId"],
  sortableAttributes: ["createdAt"],
  displayedAttributes: ["*"],
  stopWords: [
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "is",
    "it",
    "of",
    "on",
    "or",
    "that",
    "the",
    "this",
    "to",
    "was",
    "with",
  ],
  synonyms: {
    bin: ["refuse", "rubbish", "waste"],
    bins: ["refuse", "rubbish", "waste"],
    refuse: ["bin", "bins", "rubbish"],
    rubbish: ["bin", "bins", "refuse", "litter"],
    pothole: ["road defect", "potholes"],
    potholes: ["road defect", "pothole"],
    "road defect": ["pothole", "potholes"],
    pavement: ["footpath", "sidewalk"],
    footpath: ["pavement"],
    library: ["libraries"],
    gp: ["doctor", "surgery"],
    doctor: ["gp", "surgery"],
    police: ["neighbourhood policing"],
    streetlight: ["street lighting", "lamp post"],
    "street lighting": ["streetlight", "lamp post"],
  },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 1000 },
};

export interface SettleOptions {
  /** Called as the queue drains, with how many writes are still waiting. */
  onProgress?: (waiting: number) => void;
  /** Gives up when no queued write finishes for this long (default five minutes). */
  stallMs?: number;
  /** Throws if any write to the index failed (the rebuild: never swap in a broken index). */
  requireSuccess?: boolean;
}

const SETTLE_POLL_MS = 250;
const SETTLE_STALL_MS = 5 * 60_000;

export function createSearchService(options: {
  url: string;
  apiKey?: string;
  indexUid?: string;
}): SearchService {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: 5_000 });
  const liveUid = options.indexUid ?? "content";
  const index = (uid?: string): Index<SearchDocument> =>
    client.index<SearchDocument>(uid ?? liveUid);

  async function prepareIndex(uid = liveUid): Promise<void> {
    const exists = await client
      .getIndex(uid)
      .then(() => true)
      .catch(() => false);
    if (!exists) await client.createIndex(uid, { primaryKey: "id" }).waitTask();
    await index(uid).updateSettings(INDEX_SETTINGS).waitTask();
  }

  return {
    host: options.url,
    indexUid: liveUid,
    async checkHealth() {
      try {
        const health = await client.health();
        return health.status === "available" ? "ok" : "unreachable";
      } catch {
        return "unreachable";
      }
    },
    prepareIndex,
    async upsert(documents, uid) {
      if (documents.length === 0) return;
      await index(uid).addDocuments(documents, { primaryKey: "id" });
    },
    async remove(ids, uid) {
      if (ids.length === 0) return;
      await index(uid).deleteDocuments(ids);
    },
    async countDocuments() {
      try {
        return (await index().getStats()).numberOfDocuments;
      } catch {
        return 0;
      }
    },
    async swapIn(buildUid) {
      await prepareIndex(liveUid);
      await client.swapIndexes([{ indexes: [liveUid, buildUid], rename: false }]).waitTask();
      await client.deleteIndex(buildUid).waitTask();
    },
    // Waits on progress, not on a fixed time: at a million posts the rebuild queues
    // thousands of writes that take Meilisearch's one indexing thread ten minutes in all,
    // and any one of them may wait minutes behind the others.
    async settle(uid, settleOptions = {}) {
      const indexUids = [uid ?? liveUid];
      const stallMs = settleOptions.stallMs ?? SETTLE_STALL_MS;
      let waiting = Number.POSITIVE_INFINITY;
      let progressedAt = Date.now();
      for (;;) {
        const pending = await client.tasks.getTasks({
          indexUids,
          statuses: ["enqueued", "processing"],
          limit: 1,
        });
        if (pending.total === 0) break;
        if (pending.total < waiting) {
          waiting = pending.total;
          progressedAt = Date.now();
          settleOptions.onProgress?.(waiting);
        } else if (Date.now() - progressedAt > stallMs) {
          throw new Error(
            `Meilisearch finished none of ${waiting} queued writes in ${Math.round(stallMs / 1000)} s`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
      }
      settleOptions.onProgress?.(0);
      if (settleOptions.requireSuccess) {
        const failed = await client.tasks.getTasks({ indexUids, statuses: ["failed"], limit: 1 });
        const first = failed.results[0];
        if (first)
          throw new Error(
            `Meilisearch refused ${failed.total} writes to ${indexUids[0]}: ${first.error?.message ?? "no reason given"}`,
          );
      }
    },
    async matchInIssue(q, issueId, limit) {
      const response = await index().search(q, {
        filter: [`issueId = ${Math.trunc(issueId)}`, "type IN [thread, post]"],
        attributesToRetrieve: ["id"],
        limit,
      });
      return response.hits.map((hit) => hit.id);
    },
    async search(query) {
      const quote = (value: string) => `"${value.replace(/["\\]/g, "")}"`;
      const chosen: Record<FacetName, string | null> = {
        type: query.type ?? null,
        areaSlug: query.areaSlug ?? null,
        categorySlug: query.categorySlug ?? null,
        issueStatus: query.status ?? null,
      };
      const filtersExcept = (except: FacetName | null) =>
        FACET_NAMES.filter((facet) => facet !== except && chosen[facet] !== null).map(
          (facet) => `${facet} = ${quote(chosen[facet] ?? "")}`,
        );
      // Counts for a facet that is filtered on ignore that facet's own filter, so the
      // other areas still show how many results choosing them would give.
      const filtered = FACET_NAMES.filter((facet) => chosen[facet] !== null);
      const response = await client.multiSearch<{ queries: MultiSearchQuery[] }, SearchDocument>({
        queries: [
          {
            indexUid: liveUid,
            q: query.q,
            filter: filtersExcept(null),
            facets: [...FACET_NAMES],
            sort: query.sort === "newest" ? ["createdAt:desc"] : undefined,
            page: query.page,
            hitsPerPage: query.hitsPerPage,
            attributesToHighlight: ["title", "body"],
            attributesToCrop: ["body"],
            cropLength: 36,
            highlightPreTag: MARK_START,
            highlightPostTag: MARK_END,
          },
          ...filtered.map((facet) => ({
            indexUid: liveUid,
            q: query.q,
            filter: filtersExcept(facet),
            facets: [facet],
            hitsPerPage: 0,
          })),
        ],
      });
      const [main, ...others] = response.results;
      if (!main) throw new Error("Meilisearch returned no results");
      const facets = {
        type: { ...main.facetDistribution?.type },
        areaSlug: { ...main.facetDistribution?.areaSlug },
        categorySlug: { ...main.facetDistribution?.categorySlug },
        issueStatus: { ...main.facetDistribution?.issueStatus },
      };
      filtered.forEach((facet, i) => {
        facets[facet] = { ...others[i]?.facetDistribution?.[facet] };
      });
      return {
        hits: main.hits.map((hit) => ({
          id: hit.id,
          type: hit.type,
          url: hit.url,
          title: splitHighlights(hit._formatted?.title ?? hit.title),
          snippet: splitHighlights(hit._formatted?.body ?? hit.body.slice(0, 240)),
          issueTitle: hit.issueTitle,
          area: hit.area,
          author: hit.author,
          createdAt: new Date(hit.createdAt * 1000),
        })),
        total: main.totalHits ?? main.hits.length,
        page: main.page ?? query.page,
        totalPages: main.totalPages ?? 1,
        facets,
      };
    },
  };
}
