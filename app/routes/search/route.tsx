import { passRetryAfter } from "~/retry-after-headers";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatDate } from "~/components/format";
import { issueWindowWords } from "~/components/issue-window";
import { SearchHighlight } from "~/components/search-highlight";
import { searchSite } from "~/domain/site-search.server";
import { listAreas, listCategories } from "~/domain/taxonomy.server";
import { DOCUMENT_TYPES, type DocumentType } from "~/search-types";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "q" in data && data.q ? `“${data.q}” — Search — Parley` : "Search — Parley" },
];

const HITS_PER_PAGE = 20;
const MAX_PAGE = 50;
const STATUSES = ["open", "upcoming", "closed", "responded"] as const;

const TYPE_LABEL: Record<DocumentType, string> = {
  issue: "Issues",
  thread: "Threads",
  post: "Replies",
  outcome: "Outcomes",
};
const TYPE_SINGULAR: Record<DocumentType, string> = {
  issue: "Issue",
  thread: "Thread",
  post: "Reply",
  outcome: "Outcome",
};
const STATUS_LABEL: Record<string, string> = {
  open: "Open for comments",
  upcoming: "Opening soon",
  closed: "Closed",
  responded: "Council responded",
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function slugParam(value: string | null): string | null {
  return value && /^[a-z0-9-]{1,80}$/.test(value) ? value : null;
}

export const headers = passRetryAfter;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const query = {
    q,
    type: oneOf(url.searchParams.get("type"), DOCUMENT_TYPES),
    areaSlug: slugParam(url.searchParams.get("area")),
    categorySlug: slugParam(url.searchParams.get("category")),
    status: oneOf(url.searchParams.get("status"), STATUSES),
    sort: url.searchParams.get("sort") === "newest" ? ("newest" as const) : ("relevance" as const),
    page: Number.isInteger(pageParam) ? Math.min(Math.max(pageParam, 1), MAX_PAGE) : 1,
    hitsPerPage: HITS_PER_PAGE,
  };
  const db = context.services.db;
  const [areas, categories] = await Promise.all([listAreas(db), listCategories(db)]);
  const lists = {
    areas: areas.map((a) => ({ slug: a.slug, name: a.name })),
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
  };
  if (!q) return { ...lists, query, q, search: null, limited: null };

  const limit = await context.services.rateLimits.search.take(context.clientIp);
  if (!limit.allowed) {
    return data(
      { ...lists, query, q, search: null, limited: limit.retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const search = await searchSite(context.services, query, new Date());
  return { ...lists, query, q, search, limited: null };
}

/** One facet as a menu; the key resets it when a navigation changes the chosen value. */
function FilterSelect(props: {
  name: string;
  label: string;
  anyLabel: string;
  value: string | null;
  options: { value: string; label: string }[];
}) {
  const id = `search-${props.name}`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <select
        className="field__input"
        id={id}
        name={props.name}
        defaultValue={props.value ?? ""}
        key={`${props.name}-${props.value}`}
      >
        <option value="">{props.anyLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function SearchPage() {
  const { areas, categories, query, q, search, limited } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);
  // The box shows the query the results are for when the query changes from elsewhere
  // (back, forward, a link), but never while someone is typing in it: on a slow
  // connection the results for "po" arrive while "potholes" is being typed, and
  // replacing (or remounting) the box then would lose the letters and the focus.
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = box.current;
    if (input && document.activeElement !== input && input.value !== q) input.value = q;
  }, [q]);

  // With JavaScript, results follow the typing (debounced) and the address stays shareable.
  const submitSoon = (delay: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (form.current) submit(form.current, { replace: true, preventScrollReset: true });
    }, delay);
  };

  const facets = search?.results.facets;
  const count = (facet: keyof NonNullable<typeof facets>, value: string) =>
    facets ? ` (${facets[facet][value] ?? 0})` : "";
  const params = (page: number) => {
    const p = new URLSearchParams();
    p.set("q", q);
    if (query.type) p.set("type", query.type);
    if (query.areaSlug) p.set("area", query.areaSlug);
    if (query.categorySlug) p.set("category", query.categorySlug);
    if (query.status) p.set("status", query.status);
    if (query.sort === "newest") p.set("sort", "newest");
    if (page > 1) p.set("page", String(page));
    return `?${p.toString()}`;
  };
  const results = search?.results;
  return (
    <>
      <h1>Search</h1>
      <Form
        method="get"
        role="search"
        aria-label="Search and filters"
        ref={form}
        className="search-form"
        onChange={(event) => {
          const target = event.target as HTMLElement;
          submitSoon(
            target.tagName === "INPUT" && target.getAttribute("type") === "search" ? 300 : 0,
          );
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="search-q">
            Search for
          </label>
          <p className="field__hint" id="search-q-hint">
            Issues, threads and replies. Spelling mistakes are fine.
          </p>
          <input
            className="field__input"
            type="search"
            id="search-q"
            name="q"
            defaultValue={q}
            ref={box}
            maxLength={200}
            aria-describedby="search-q-hint"
          />
        </div>
        <div className="filters">
          <FilterSelect
            name="type"
            label="Type"
            anyLabel="Everything"
            value={query.type}
            options={DOCUMENT_TYPES.map((type) => ({
              value: type,
              label: `${TYPE_LABEL[type]}${count("type", type)}`,
            }))}
          />
          <FilterSelect
            name="area"
            label="Area"
            anyLabel="All areas"
            value={query.areaSlug}
            options={areas.map((area) => ({
              value: area.slug,
              label: `${area.name}${count("areaSlug", area.slug)}`,
            }))}
          />
          <FilterSelect
            name="category"
            label="Category"
            anyLabel="All categories"
            value={query.categorySlug}
            options={categories.map((category) => ({
              value: category.slug,
              label: `${category.name}${count("categorySlug", category.slug)}`,
            }))}
          />
          <FilterSelect
            name="status"
            label="Issue status"
            anyLabel="Any status"
            value={query.status}
            options={STATUSES.map((status) => ({
              value: status,
              label: `${STATUS_LABEL[status]}${count("issueStatus", status)}`,
            }))}
          />
          <div className="field">
            <label className="field__label" htmlFor="search-sort">
              Sort by
            </label>
            <select
              className="field__input"
              id="search-sort"
              name="sort"
              defaultValue={query.sort}
              key={`o${query.sort}`}
            >
              <option value="relevance">Best match</option>
              <option value="newest">Newest first</option>
            </select>
          </div>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>

      {limited !== null ? (
        <div className="notice notice--warning" role="alert">
          <h2>Too many searches</h2>
          <p>
            You have searched a lot in the last minute. Please wait {limited} seconds and try again.
          </p>
        </div>
      ) : null}
      {search?.mode === "limited" ? (
        <p className="notice notice--warning">
          Search is running in a limited mode at the moment: results may be incomplete and spelling
          mistakes are not corrected.
          {search.timedOut
            ? " That search matched too much to answer quickly; try more specific words."
            : ""}
        </p>
      ) : null}
      <div aria-live="polite" aria-busy={navigation.state === "loading"}>
        {results ? (
          <>
            <p className="meta" role="status">
              {results.total === 0
                ? `Nothing matches “${q}”.`
                : `${results.total.toLocaleString("en-GB")} ${results.total === 1 ? "result" : "results"} for “${q}”`}
            </p>
            {results.hits.length > 0 ? (
              <ol className="card-list search-results" aria-label="Search results">
                {results.hits.map((hit) => (
                  <li key={hit.id}>
                    <h2 className="search-result__title">
                      <Link to={hit.url}>
                        <SearchHighlight parts={hit.title} />
                      </Link>
                    </h2>
                    <p className="meta">
                      {TYPE_SINGULAR[hit.type]}
                      {hit.type !== "issue" ? ` in ${hit.issueTitle}` : ""} · {hit.area}
                      {hit.author ? ` · ${hit.author}` : ""} ·{" "}
                      {search?.issueWindows[hit.id]
                        ? issueWindowWords(search.issueWindows[hit.id]!)
                        : formatDate(hit.createdAt)}
                    </p>
                    <p className="search-result__snippet">
                      <SearchHighlight parts={hit.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
            ) : null}
            {results.totalPages > 1 ? (
              <nav className="pagination" aria-label="Result pages">
                {results.page > 1 ? <Link to={params(results.page - 1)}>Previous page</Link> : null}{" "}
                <span>
                  Page {results.page} of {Math.min(results.totalPages, MAX_PAGE)}
                </span>{" "}
                {results.page < Math.min(results.totalPages, MAX_PAGE) ? (
                  <Link to={params(results.page + 1)}>Next page</Link>
                ) : null}
              </nav>
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}
