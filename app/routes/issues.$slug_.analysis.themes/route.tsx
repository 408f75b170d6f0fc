import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireAnalyst } from "~/analysis-access.server";
import { AnalysisHeader } from "~/components/analysis-nav";
import { ErrorSummary, TextArea, TextField } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import {
  createTheme,
  mergeThemes,
  pinQuote,
  splitTheme,
  updateTheme,
} from "~/domain/analysis/coding.server";
import { summariseThemes } from "~/domain/analysis/theme-summary.server";
import { throwDomainResponse } from "~/http.server";
import { idsFrom, themesActionSchema } from "~/schemas/analysis";
import { parseForm } from "~/schemas/parse-form";
import { ThemeSummarySection } from "./theme-summary-section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Themes: ${data?.issue.title ?? "issue"} — Parley` },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const includeWithheld = new URL(request.url).searchParams.get("withheld") === "1";
  const { issue, themes, activity } = await summariseThemes(
    context.services,
    viewer,
    params.slug ?? "",
    { includeWithheld },
  ).catch(throwDomainResponse);
  return { issue, themes, activity, includeWithheld };
}

const ACTION_WORDS: Record<string, string> = {
  "theme.created": "Created a theme",
  "theme.updated": "Edited a theme",
  "theme.merged": "Merged themes",
  "theme.split": "Split a theme",
  "code.added": "Coded",
  "code.removed": "Uncoded",
  "suggestion.accepted": "Accepted suggested codes",
  "suggestion.rejected": "Rejected a suggested code",
  "suggested_theme.accepted": "Accepted a suggested theme",
  "suggested_theme.rejected": "Rejected a suggested theme",
  "suggestions.requested": "Asked for suggestions",
  "evidence.marked": "Marked evidence-rich",
  "evidence.unmarked": "Unmarked evidence-rich",
  "quote.pinned": "Pinned a quote",
  "quote.unpinned": "Unpinned a quote",
};

export const THEME_FIELD_LABELS = {
  name: "Name",
  description: "What residents said about it, in your words",
  targetId: "Merge into",
  sourceIds: "Themes to merge",
  postIds: "Contributions for the new theme",
};

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const form = parseForm(themesActionSchema, formData);
  if (!form.ok) return formFailure(400, form);
  const { db } = context.services;
  const now = new Date();
  const url = new URL(request.url);
  try {
    let anchor = "";
    switch (form.data.intent) {
      case "create": {
        const id = await createTheme(db, viewer, slug, form.data, now);
        anchor = `#theme-${id}`;
        break;
      }
      case "update":
        await updateTheme(db, viewer, slug, form.data, now);
        anchor = `#theme-${form.data.themeId}`;
        break;
      case "merge":
        await mergeThemes(
          db,
          viewer,
          slug,
          { targetId: form.data.targetId, sourceIds: idsFrom(formData, "sourceIds") },
          now,
        );
        anchor = `#theme-${form.data.targetId}`;
        break;
      case "split": {
        const id = await splitTheme(
          db,
          viewer,
          slug,
          { ...form.data, postIds: idsFrom(formData, "postIds") },
          now,
        );
        anchor = `#theme-${id}`;
        break;
      }
      case "pin":
        await pinQuote(
          db,
          viewer,
          slug,
          {
            themeId: form.data.themeId,
            postId: form.data.postId,
            pinned: form.data.pinned === "yes",
          },
          now,
        );
        anchor = `#theme-${form.data.themeId}`;
        break;
      case "decide-theme":
      case "suggest":
        return formFailure(400, {
          formError: "That action isn't available here.",
          values: form.values,
        });
    }
    return redirect(`${url.pathname}${url.search}${anchor}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function ThemesPage() {
  const { issue, themes, activity, includeWithheld } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  const intent = values.intent;
  return (
    <>
      <AnalysisHeader issue={issue} title={`Themes: ${issue.title}`} />
      <ErrorSummary
        formError={failure?.formError}
        fieldErrors={failure?.fieldErrors}
        labels={THEME_FIELD_LABELS}
      />
      <p>
        {includeWithheld ? (
          <>
            Counting held and hidden contributions too (marked).{" "}
            <Link to="?">Count public contributions only</Link>
          </>
        ) : (
          <>
            Counting public contributions only.{" "}
            <Link to="?withheld=1">Include held and hidden ones</Link>
          </>
        )}
      </p>
      <section aria-labelledby="new-theme">
        <h2 id="new-theme">New theme</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField
            name="name"
            id="new-theme-name"
            label="Name"
            hint="Stance-neutral: “Parking near the school”, not “Parking is a disaster”."
            defaultValue={intent === "create" ? values.name : undefined}
            error={intent === "create" ? failure?.fieldErrors.name : undefined}
          />
          <TextArea
            name="description"
            id="new-theme-description"
            label={THEME_FIELD_LABELS.description}
            rows={3}
            defaultValue={intent === "create" ? values.description : undefined}
            error={intent === "create" ? failure?.fieldErrors.description : undefined}
          />
          <button type="submit" className="button" disabled={busy}>
            Create theme
          </button>
        </Form>
      </section>
      {themes.length > 1 ? (
        <section aria-labelledby="merge-themes">
          <h2 id="merge-themes">Merge themes</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="merge" />
            <fieldset className="field">
              <legend className="field__label">{THEME_FIELD_LABELS.sourceIds}</legend>
              <ul className="checkbox-list">
                {themes.map((theme) => (
                  <li key={theme.id}>
                    <input
                      type="checkbox"
                      id={`merge-${theme.id}`}
                      name="sourceIds"
                      value={theme.id}
                    />
                    <label htmlFor={`merge-${theme.id}`}>
                      {theme.name} ({theme.contributions})
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div className="field">
              <label htmlFor="merge-target" className="field__label">
                {THEME_FIELD_LABELS.targetId}
              </label>
              <select id="merge-target" name="targetId" className="field__input" defaultValue="">
                <option value="">Choose the theme to keep</option>
                {themes.map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {theme.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary" disabled={busy}>
              Merge
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="theme-summaries">
        <h2 id="theme-summaries">{themes.length ? "Themes" : "No themes yet"}</h2>
        {themes.length ? (
          <p>
            <Link
              to={`/issues/${issue.slug}/outcomes/new?${themes.map((t) => `themes=${t.id}`).join("&")}`}
            >
              Write an outcome from these themes
            </Link>
          </p>
        ) : null}
        {themes.map((theme) => (
          <ThemeSummarySection key={theme.id} theme={theme} failure={failure} busy={busy} />
        ))}
      </section>
      {activity.length ? (
        <section aria-labelledby="coding-activity">
          <h2 id="coding-activity">Recent coding</h2>
          <div className="table-scroll" role="region" aria-label="Recent coding" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Theme</th>
                  <th scope="col">Contributions</th>
                </tr>
              </thead>
              <tbody>
                {activity.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(new Date(event.at))}</td>
                    <td>{event.actor}</td>
                    <td>
                      {ACTION_WORDS[event.action] ?? event.action}
                      {event.detail ? `: ${event.detail}` : ""}
                    </td>
                    <td>{event.themeName ?? "—"}</td>
                    <td>{event.contributions || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
