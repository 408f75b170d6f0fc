import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireAnalyst } from "~/analysis-access.server";
import { AnalysisHeader } from "~/components/analysis-nav";
import { ErrorSummary } from "~/components/form-fields";
import {
  changeCodes,
  decideSuggestedCode,
  markEvidenceRich,
} from "~/domain/analysis/coding.server";
import { requestSuggestions } from "~/domain/analysis/suggestion-runs.server";
import { codeFilteredContributions, readWorkspace } from "~/domain/analysis/workspace.server";
import { throwDomainResponse } from "~/http.server";
import {
  analysisFilterSchema,
  analysisQuerySchema,
  filterParams,
  idsFrom,
  toFilters,
  workspaceActionSchema,
} from "~/schemas/analysis";
import { parseForm } from "~/schemas/parse-form";
import { parseQuery } from "~/schemas/query";
import { ContributionItem } from "./contribution-item";
import { FilterForm } from "./filter-form";
import { useKeyboardCoding } from "./keyboard-coding";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Analysis: ${data?.workspace.issue.title ?? "issue"} — Parley` },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const query = parseQuery(request, analysisQuerySchema);
  const workspace = await readWorkspace(
    context.services,
    viewer,
    params.slug ?? "",
    toFilters(query),
    query.page ?? 1,
  ).catch(throwDomainResponse);
  const { page: _page, ...filters } = query;
  const coded = new URL(request.url).searchParams.get("coded");
  return {
    workspace,
    filters: filterParams(filters),
    coded: coded && /^\d{1,7}$/.test(coded) ? Number(coded) : null,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const form = parseForm(workspaceActionSchema, formData);
  if (!form.ok) return formFailure(400, form);
  const now = new Date();
  const url = new URL(request.url);
  // A fetcher (JavaScript) gets data and revalidates in place; a plain form, the page again.
  const viaFetcher = formData.get("via") === "fetcher";
  const back = (anchor = "") =>
    viaFetcher ? { done: true as const } : redirect(`${url.pathname}${url.search}${anchor}`, 303);
  try {
    switch (form.data.intent) {
      case "code": {
        // The form says what it showed and what the officer chose: only the difference
        // is applied, so another officer's codes on the same contribution survive.
        const chosen = idsFrom(formData, "theme");
        const shown = idsFrom(formData, "shown");
        await changeCodes(
          context.services.db,
          viewer,
          slug,
          {
            postIds: [form.data.postId],
            add: chosen.filter((id) => !shown.includes(id)),
            remove: shown.filter((id) => !chosen.includes(id)),
          },
          now,
        );
        return back(`#contribution-${form.data.postId}`);
      }
      case "evidence":
        await markEvidenceRich(
          context.services.db,
          viewer,
          slug,
          form.data.postId,
          form.data.evidenceRich === "yes",
          now,
        );
        return back(`#contribution-${form.data.postId}`);
      case "suggestion":
        await decideSuggestedCode(
          context.services.db,
          viewer,
          slug,
          form.data.suggestionId,
          form.data.decision === "accept",
          now,
        );
        return back();
      case "bulk": {
        const filters = analysisFilterSchema.safeParse(Object.fromEntries(url.searchParams));
        if (!filters.success)
          return formFailure(400, { formError: "The filters aren't valid.", values: form.values });
        const { added } = await codeFilteredContributions(
          context.services,
          viewer,
          slug,
          toFilters(filters.data),
          form.data.bulkTheme,
          now,
        );
        const done = new URLSearchParams(url.searchParams);
        done.set("coded", String(added));
        return redirect(`${url.pathname}?${done.toString()}`, 303);
      }
      case "suggest":
        await requestSuggestions(context.services.db, viewer, slug, now);
        return redirect(`/issues/${slug}/analysis/suggestions`, 303);
    }
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function AnalysisWorkspacePage() {
  const { workspace, filters, coded } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const listRef = useKeyboardCoding();
  const { issue, themes, progress, contributions, matching, page, totalPages } = workspace;
  const themeName = new Map(themes.map((theme) => [theme.id, theme.name]));
  const pageLink = (to: number) =>
    `?${new URLSearchParams({ ...filters, page: String(to) }).toString()}`;
  const percent = progress.total ? Math.round((progress.coded / progress.total) * 100) : 0;
  return (
    <>
      <AnalysisHeader issue={issue} title={`What residents said: ${issue.title}`} />
      <div className="progress-block">
        <label htmlFor="coding-progress">
          {progress.coded.toLocaleString("en-GB")} of {progress.total.toLocaleString("en-GB")}{" "}
          contributions coded
        </label>
        <progress id="coding-progress" max={100} value={percent}>
          {percent}%
        </progress>
      </div>
      {failure && "formError" in failure ? (
        <ErrorSummary
          formError={failure.formError}
          fieldErrors={failure.fieldErrors}
          labels={{ bulkTheme: "Code all to" }}
        />
      ) : null}
      {coded !== null ? (
        <p role="status" className="notice">
          Coded {coded} contributions.
        </p>
      ) : null}
      {themes.length === 0 ? (
        <p>
          There are no themes yet. <Link to="themes">Create themes</Link> or{" "}
          <Link to="suggestions">ask for suggestions</Link>.
        </p>
      ) : null}
      <FilterForm workspace={workspace} filters={filters} />
      <h2 id="results-heading">
        {matching.toLocaleString("en-GB")} {matching === 1 ? "contribution" : "contributions"}
        {workspace.textLimited ? " (search is limited: exact words only)" : ""}
      </h2>
      {themes.length && matching ? (
        <Form method="post" className="bulk-actions" aria-label="Code every result">
          <input type="hidden" name="intent" value="bulk" />
          <div className="field">
            <label htmlFor="bulk-theme" className="field__label">
              Code all {matching.toLocaleString("en-GB")} to
            </label>
            <select id="bulk-theme" name="bulkTheme" className="field__input" defaultValue="">
              <option value="">Choose a theme</option>
              {themes.map((theme) => (
                <option key={theme.id} value={theme.id}>
                  {theme.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            Code every result
          </button>
        </Form>
      ) : null}
      <details className="keyboard-help">
        <summary>Coding by keyboard</summary>
        <p>
          Move between contributions with Tab, or J and K. On a contribution, press a theme’s key to
          add or remove it:{" "}
          {themes
            .filter((t) => t.key)
            .map((t) => `${t.key} ${t.name}`)
            .join(", ") || "no themes yet"}
          . Press E to mark it evidence-rich, A to accept its suggestion and R to reject it. Without
          JavaScript, tick the themes and press “Save codes”.
        </p>
      </details>
      <ol className="contribution-list" ref={listRef} aria-labelledby="results-heading">
        {contributions.map((contribution) => (
          <ContributionItem
            key={contribution.postId}
            contribution={contribution}
            themes={themes}
            suggestedTheme={
              contribution.suggestion ? themeName.get(contribution.suggestion.themeId) : undefined
            }
          />
        ))}
      </ol>
      {totalPages > 1 ? (
        <nav aria-label="Pages of contributions" className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>Previous page</Link> : null}{" "}
          <span>
            Page {page} of {totalPages}
          </span>{" "}
          {page < totalPages ? <Link to={pageLink(page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
