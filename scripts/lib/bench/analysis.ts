/**
 * The analysis workspace's benchmark:
 *
 * - suggestion quality against the hand-coded reference set (seeds/analysis-reference.ts):
 *   precision, recall and F1 per contribution, for the candidate themes (mapped to the
 *   reference themes by best overlap) and for per-contribution suggestions from three
 *   hand-coded examples per theme; and whether two runs give identical output;
 * - a consultation of 5,000 contributions: suggestions requested through HTTP as an
 *   officer and computed by the worker (request → done, and the compute alone), and the
 *   workspace page under a single officer's sequential requests (p50, p95).
 */
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "../../../db/schema";
import {
  measureSuggestionQuality,
  type QualityReport,
} from "../../../app/domain/analysis/suggestion-quality";
import {
  REFERENCE_CONTRIBUTIONS,
  REFERENCE_THEMES,
  type ReferenceThemeKey,
} from "../../../seeds/analysis-reference";
import { waitFor } from "../process-tools";
import { percentile } from "./statistics";

export const ANALYSIS_CONTRIBUTIONS = 5_000;
const PAGE_SAMPLES = 40;

export interface AnalysisFigures {
  quality: Omit<QualityReport<ReferenceThemeKey>, "fingerprint"> & {
    stable: boolean;
    seconds: number;
  };
  suggestions: { contributions: number; requestToDoneMs: number; computeMs: number };
  workspace: { view: string; p50Ms: number; p95Ms: number; samples: number }[];
}

/** Two runs over the reference set: the scores, and whether they agree exactly. */
export async function measureQuality(): Promise<AnalysisFigures["quality"]> {
  const keys = Object.keys(REFERENCE_THEMES) as ReferenceThemeKey[];
  const started = performance.now();
  const first = await measureSuggestionQuality(REFERENCE_CONTRIBUTIONS, keys);
  const seconds = (performance.now() - started) / 1000;
  const second = await measureSuggestionQuality(REFERENCE_CONTRIBUTIONS, keys);
  const { fingerprint, ...scores } = first;
  return { ...scores, stable: fingerprint === second.fingerprint, seconds };
}

/** The i-th contribution: a reference text, and from the second round a second sentence. */
function contributionText(i: number): string {
  const base = REFERENCE_CONTRIBUTIONS[i % REFERENCE_CONTRIBUTIONS.length]!.text;
  if (i < REFERENCE_CONTRIBUTIONS.length) return base;
  const other = REFERENCE_CONTRIBUTIONS[(i * 37 + 11) % REFERENCE_CONTRIBUTIONS.length]!.text;
  return `${base} ${other.split(". ")[0]!.replace(/\.$/, "")}.`;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A closed consultation of 5,000 contributions from 800 residents, in 50 threads. */
async function seedConsultation(db: Kysely<Database>): Promise<string> {
  const slug = "bench-analysis-library";
  const existing = await db
    .selectFrom("issues")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (existing) return slug;
  await sql`
    insert into users (email, display_name, role, trust_level, email_verified_at)
    select 'analysis-' || g || '@bench.example', 'Library voice ' || g, 'resident', 1, now()
    from generate_series(1, 800) g`.execute(db);
  const template = await db
    .selectFrom("issues")
    .select(["area_id", "category_id", "created_by"])
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  const issue = await db
    .insertInto("issues")
    .values({
      slug,
      title: "The future of Northbridge Central Library (benchmark)",
      summary_md: "Five thousand contributions.",
      summary_html: "<p>Five thousand contributions.</p>",
      area_id: template.area_id,
      category_id: template.category_id,
      status: "closed",
      opens_at: new Date(Date.now() - 90 * 86_400_000),
      closes_at: new Date(Date.now() - 86_400_000),
      created_by: template.created_by,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const voices = await db
    .selectFrom("users")
    .select("id")
    .where("email", "like", "analysis-%@bench.example")
    .orderBy("id")
    .execute();
  const perThread = ANALYSIS_CONTRIBUTIONS / 50;
  for (let thread = 0; thread < 50; thread++) {
    const row = await db
      .insertInto("threads")
      .values({
        issue_id: issue.id,
        kind: thread % 5 === 0 ? "idea" : "discussion",
        title: `Library thread ${thread + 1}`,
        author_id: voices[thread % voices.length]!.id,
        last_post_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("posts")
      .values(
        Array.from({ length: perThread }, (_, n) => {
          const i = thread * perThread + n;
          const text = contributionText(i);
          return {
            thread_id: row.id,
            author_id: voices[(i * 7) % voices.length]!.id,
            body_md: text,
            body_html: `<p>${escapeHtml(text)}</p>`,
            created_at: new Date(Date.now() - 80 * 86_400_000 + i * 60_000),
          };
        }),
      )
      .execute();
  }
  // Indexed as the app would: the worker sends the issue's documents to Meilisearch.
  await sql`
    with queued as (
      insert into outbox (topic, payload)
      values ('search.sync', ${JSON.stringify({ kind: "issue", id: issue.id })})
      returning id
    )
    select pg_notify('parley_outbox', '') from queued`.execute(db);
  return slug;
}

async function post(base: string, cookie: string, url: string, fields: Record<string, string>) {
  const response = await fetch(`${base}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`POST ${url} answered ${response.status}`);
}

async function timeGets(
  base: string,
  url: string,
  cookie: string,
): Promise<{ p50Ms: number; p95Ms: number }> {
  const times: number[] = [];
  for (let n = 0; n < PAGE_SAMPLES + 3; n++) {
    const started = performance.now();
    const response = await fetch(`${base}${url}`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    if (n >= 3) times.push(performance.now() - started); // three to warm up
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

export async function benchAnalysis(
  base: string,
  databaseUrl: string,
  officerCookie: string,
): Promise<Omit<AnalysisFigures, "quality">> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }),
  });
  try {
    const slug = await seedConsultation(db);
    await waitFor(
      async () => {
        const page = await fetch(`${base}/issues/${slug}/analysis?q=wifi`, {
          headers: { Cookie: officerCookie },
        });
        const html = (await page.text()).replaceAll("<!-- -->", "");
        return !html.includes(">0 contributions<");
      },
      { timeoutMs: 600_000, what: "the consultation in Meilisearch", intervalMs: 500 },
    );
    const requested = performance.now();
    await post(base, officerCookie, `/issues/${slug}/analysis/suggestions`, { intent: "suggest" });
    let run: { status: string; started_at: Date | null; finished_at: Date | null } | undefined;
    await waitFor(
      async () => {
        run = await db
          .selectFrom("analysis_runs")
          .innerJoin("issues", "issues.id", "analysis_runs.issue_id")
          .select(["analysis_runs.status", "analysis_runs.started_at", "analysis_runs.finished_at"])
          .where("issues.slug", "=", slug)
          .orderBy("analysis_runs.id", "desc")
          .limit(1)
          .executeTakeFirst();
        if (run?.status === "failed") throw new Error("the suggestion run failed");
        return run?.status === "done";
      },
      { timeoutMs: 600_000, what: "suggestions on 5,000 contributions", intervalMs: 100 },
    );
    const requestToDoneMs = performance.now() - requested;
    const computeMs =
      run?.started_at && run.finished_at
        ? run.finished_at.getTime() - run.started_at.getTime()
        : NaN;
    // Three accepted themes, each bulk-coded from a word, so the summary has work to do.
    const candidates = await db
      .selectFrom("analysis_suggested_themes")
      .innerJoin("analysis_runs", "analysis_runs.id", "analysis_suggested_themes.run_id")
      .innerJoin("issues", "issues.id", "analysis_runs.issue_id")
      .select(["analysis_suggested_themes.id", "analysis_suggested_themes.status"])
      .where("issues.slug", "=", slug)
      .orderBy("analysis_suggested_themes.size", "desc")
      .execute();
    const words = ["wifi", "staff", "hours"];
    for (const [index, candidate] of candidates.slice(0, 3).entries()) {
      if (candidate.status !== "pending") continue;
      await post(base, officerCookie, `/issues/${slug}/analysis/suggestions`, {
        intent: "decide-theme",
        suggestedThemeId: String(candidate.id),
        decision: "accept",
        name: `Benchmark theme ${index + 1}`,
      });
      const theme = await db
        .selectFrom("analysis_themes")
        .select("id")
        .where("name", "=", `Benchmark theme ${index + 1}`)
        .executeTakeFirstOrThrow();
      await post(base, officerCookie, `/issues/${slug}/analysis?index&q=${words[index]}`, {
        intent: "bulk",
        bulkTheme: String(theme.id),
      });
    }
    const views = [
      { view: "all, first page", url: `/issues/${slug}/analysis` },
      { view: "not yet coded, page 20", url: `/issues/${slug}/analysis?theme=uncoded&page=20` },
      { view: "words (Meilisearch)", url: `/issues/${slug}/analysis?q=wifi` },
      { view: "themes and summary", url: `/issues/${slug}/analysis/themes` },
    ];
    const workspace = [];
    for (const { view, url } of views)
      workspace.push({
        view,
        ...(await timeGets(base, url, officerCookie)),
        samples: PAGE_SAMPLES,
      });
    return {
      suggestions: { contributions: ANALYSIS_CONTRIBUTIONS, requestToDoneMs, computeMs },
      workspace,
    };
  } finally {
    await db.destroy();
  }
}
