import { useFetcher } from "@remix-run/react";
import { formatDate } from "~/components/format";
import { THREAD_KIND_LABEL } from "~/components/thread-kind";
import type { SerializeFrom } from "@remix-run/node";
import type { ThemeListItem, WorkspaceContribution } from "~/domain/analysis/workspace.server";
import { useHydrated } from "./keyboard-coding";

type Contribution = SerializeFrom<WorkspaceContribution>;

/**
 * One contribution with its coding forms. Each form posts on its own (a full page load
 * without JavaScript); with JavaScript the same forms go through a fetcher, so coding
 * never reloads the page, and the keyboard shortcuts tick a box and submit its form.
 */
export function ContributionItem({
  contribution,
  themes,
  suggestedTheme,
}: {
  contribution: Contribution;
  themes: SerializeFrom<ThemeListItem>[];
  suggestedTheme: string | undefined;
}) {
  const codes = useFetcher();
  const evidence = useFetcher();
  const suggestion = useFetcher();
  const id = contribution.postId;
  // Without JavaScript a form posts and the page reloads at this contribution; with it,
  // the action answers the fetcher with data and the lists revalidate in place.
  const via = <input type="hidden" name="via" value={useHydrated() ? "fetcher" : "form"} />;
  const coded = new Set(contribution.codes.map((code) => code.themeId));
  const fromSuggestion = new Set(
    contribution.codes.filter((code) => code.fromSuggestion).map((code) => code.themeId),
  );
  const saving = codes.state !== "idle" || evidence.state !== "idle" || suggestion.state !== "idle";
  const problem = [codes.data, evidence.data, suggestion.data]
    .map((data) =>
      data && typeof data === "object" && "formError" in data && typeof data.formError === "string"
        ? data.formError
        : null,
    )
    .find((message) => message !== null);
  // Remount the form when the codes change, so its boxes show the saved state.
  const codesKey = contribution.codes.map((code) => code.themeId).join("-");
  return (
    <li
      id={`contribution-${id}`}
      className={`contribution${contribution.withheld ? " contribution--withheld" : ""}`}
      tabIndex={-1}
      data-post-id={id}
      aria-labelledby={`contribution-${id}-label`}
      aria-busy={saving || undefined}
    >
      <p className="meta" id={`contribution-${id}-label`}>
        <strong>{contribution.respondent}</strong>
        {contribution.areaName ? ` · ${contribution.areaName}` : ""} ·{" "}
        {THREAD_KIND_LABEL[contribution.kind]} · {formatDate(new Date(contribution.createdAt))}
        {contribution.supports ? ` · ${contribution.supports} supports` : ""}
        {contribution.evidenceRich ? <span className="tag tag--answer">Evidence-rich</span> : null}
        {contribution.withheld ? (
          <span className="tag tag--held">Not public ({contribution.status})</span>
        ) : null}
      </p>
      <p className="contribution__thread">
        {contribution.opening ? "Started " : "In "}
        <a href={`/posts/${id}`}>“{contribution.threadTitle}”</a>
      </p>
      <div className="post__body" dangerouslySetInnerHTML={{ __html: contribution.bodyHtml }} />
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {suggestedTheme && contribution.suggestion ? (
        <suggestion.Form method="post" className="suggestion" data-suggestion>
          <input type="hidden" name="intent" value="suggestion" />
          {via}
          <input type="hidden" name="suggestionId" value={contribution.suggestion.id} />
          <p>
            Suggested theme: <strong>{suggestedTheme}</strong> (confidence{" "}
            {Math.round(contribution.suggestion.confidence * 100)}%)
          </p>
          <button type="submit" name="decision" value="accept" className="button button--secondary">
            Accept
            <span className="visually-hidden">
              {" "}
              “{suggestedTheme}” for {contribution.respondent}’s contribution
            </span>
          </button>{" "}
          <button type="submit" name="decision" value="reject" className="button button--secondary">
            Reject
            <span className="visually-hidden">
              {" "}
              “{suggestedTheme}” for {contribution.respondent}’s contribution
            </span>
          </button>
        </suggestion.Form>
      ) : null}
      {themes.length ? (
        <codes.Form method="post" key={codesKey} className="coding" data-coding>
          <input type="hidden" name="intent" value="code" />
          {via}
          <input type="hidden" name="postId" value={id} />
          {[...coded].map((themeId) => (
            <input key={themeId} type="hidden" name="shown" value={themeId} />
          ))}
          <fieldset>
            <legend>
              Themes
              <span className="visually-hidden"> for {contribution.respondent}’s contribution</span>
            </legend>
            <ul className="coding__themes">
              {themes.map((theme) => (
                <li key={theme.id}>
                  <input
                    type="checkbox"
                    id={`code-${id}-${theme.id}`}
                    name="theme"
                    value={theme.id}
                    defaultChecked={coded.has(theme.id)}
                    data-key={theme.key ?? undefined}
                  />
                  <label htmlFor={`code-${id}-${theme.id}`}>
                    {theme.key ? <kbd aria-hidden="true">{theme.key}</kbd> : null} {theme.name}
                    {fromSuggestion.has(theme.id) ? (
                      <span className="tag">accepted suggestion</span>
                    ) : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="button button--secondary">
            Save codes
            <span className="visually-hidden"> for {contribution.respondent}’s contribution</span>
          </button>
        </codes.Form>
      ) : null}
      <evidence.Form method="post" className="evidence" data-evidence>
        <input type="hidden" name="intent" value="evidence" />
        {via}
        <input type="hidden" name="postId" value={id} />
        <input type="hidden" name="evidenceRich" value={contribution.evidenceRich ? "no" : "yes"} />
        <button type="submit" className="button button--secondary">
          {contribution.evidenceRich ? "Unmark evidence-rich" : "Mark evidence-rich"}
          <span className="visually-hidden"> ({contribution.respondent}’s contribution)</span>
        </button>
      </evidence.Form>
    </li>
  );
}
