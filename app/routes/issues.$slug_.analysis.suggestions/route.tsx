import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
} from "@remix-run/react";
import { useEffect } from "react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireAnalyst } from "~/analysis-access.server";
import { AnalysisHeader } from "~/components/analysis-nav";
import { ErrorSummary } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import { decideSuggestedTheme, requestSuggestions } from "~/domain/analysis/suggestion-runs.server";
import { readSuggestions } from "~/domain/analysis/workspace.server";
import { throwDomainResponse } from "~/http.server";
import { themesActionSchema } from "~/schemas/analysis";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Suggestions: ${data?.issue.title ?? "issue"} — Parley` },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  return readSuggestions(context.services.db, viewer, params.slug ?? "").catch(throwDomainResponse);
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const slug = params.slug ?? "";
  const form = parseForm(themesActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const now = new Date();
  try {
    if (form.data.intent === "suggest") {
      await requestSuggestions(context.services.db, viewer, slug, now);
      return redirect(`/issues/${slug}/analysis/suggestions`, 303);
    }
    if (form.data.intent === "decide-theme") {
      await decideSuggestedTheme(
        context.services.db,
        viewer,
        slug,
        {
          suggestedThemeId: form.data.suggestedThemeId,
          accept: form.data.decision === "accept",
          name: form.data.name,
        },
        now,
      );
      return redirect(
        `/issues/${slug}/analysis/suggestions#candidate-${form.data.suggestedThemeId}`,
        303,
      );
    }
    return formFailure(400, {
      formError: "That action isn't available here.",
      values: form.values,
    });
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const STATUS_WORDS = {
  queued: "Waiting for the worker to start",
  running: "Running",
  done: "Finished",
  failed: "Failed",
} as const;

export default function SuggestionsPage() {
  const { issue, run, candidates, pendingCodes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const revalidator = useRevalidator();
  const working = run?.status === "queued" || run?.status === "running";
  // With JavaScript the page follows a run as it goes; without, the officer reloads it.
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2_000);
    return () => clearInterval(timer);
  }, [working, revalidator]);
  return (
    <>
      <AnalysisHeader issue={issue} title={`Suggestions: ${issue.title}`} />
      <p className="lede">
        Parley suggests themes and codes on this server, with no outside service, from the public
        contributions only. The same contributions always give the same suggestions. Nothing is
        applied until you accept it.
      </p>
      <ErrorSummary formError={failure?.formError} fieldErrors={failure?.fieldErrors} labels={{}} />
      <div role="status" className="run-status">
        {run ? (
          <p>
            {STATUS_WORDS[run.status]}
            {working && run.stepsTotal > 1 ? `: step ${run.stepsDone} of ${run.stepsTotal}` : ""}
            {run.status === "done" && run.finishedAt
              ? ` ${formatDateTime(new Date(run.finishedAt))}, over ${run.contributions.toLocaleString("en-GB")} contributions.`
              : "."}
            {working ? (
              <>
                {" "}
                <Link to=".">Refresh</Link>
              </>
            ) : null}
          </p>
        ) : (
          <p>No suggestions have been computed for this issue yet.</p>
        )}
      </div>
      {working && run ? (
        <progress
          max={Math.max(1, run.stepsTotal)}
          value={run.stepsDone}
          aria-label="Progress of the suggestions"
        />
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="suggest" />
        <button type="submit" className="button" disabled={busy || working}>
          {run ? "Suggest again" : "Suggest themes"}
        </button>
      </Form>
      {pendingCodes ? (
        <p>
          {pendingCodes.toLocaleString("en-GB")} suggested codes wait for a decision in the{" "}
          <Link to={`/issues/${issue.slug}/analysis?theme=uncoded`}>list of contributions</Link>.
        </p>
      ) : null}
      {run?.keyPhrases.length ? (
        <section aria-labelledby="key-phrases">
          <h2 id="key-phrases">Key phrases</h2>
          <p>Phrases this issue’s contributions use far more than the rest of the site.</p>
          <ul className="tag-list">
            {run.keyPhrases.map((phrase) => (
              <li key={phrase} className="tag">
                <Link to={`/issues/${issue.slug}/analysis?q=${encodeURIComponent(phrase)}`}>
                  {phrase}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {candidates.length ? (
        <section aria-labelledby="candidates">
          <h2 id="candidates">Candidate themes</h2>
          <p>
            Groups of contributions that use similar words. Accepting one creates the theme and
            suggests it for each contribution in the group, for you to accept or reject.
          </p>
          <ol className="card-list">
            {candidates.map((candidate) => (
              <li key={candidate.id} id={`candidate-${candidate.id}`}>
                <h3>{candidate.label}</h3>
                <p className="meta">
                  {candidate.size} contributions · phrases: {candidate.phrases.join(", ")}
                  {candidate.status !== "pending" ? ` · ${candidate.status}` : ""}
                </p>
                <ul>
                  {candidate.examples.map((example) => (
                    <li key={example.postId}>{example.excerpt}</li>
                  ))}
                </ul>
                {candidate.status === "pending" ? (
                  <Form method="post" className="bulk-actions">
                    <input type="hidden" name="intent" value="decide-theme" />
                    <input type="hidden" name="suggestedThemeId" value={candidate.id} />
                    <div className="field">
                      <label htmlFor={`candidate-${candidate.id}-name`} className="field__label">
                        Name it (stance-neutral)
                      </label>
                      <input
                        id={`candidate-${candidate.id}-name`}
                        name="name"
                        className="field__input"
                        defaultValue={
                          failure?.values.suggestedThemeId === String(candidate.id)
                            ? failure.values.name
                            : candidate.label
                        }
                      />
                    </div>
                    <button
                      type="submit"
                      name="decision"
                      value="accept"
                      className="button"
                      disabled={busy}
                    >
                      Accept<span className="visually-hidden"> “{candidate.label}”</span>
                    </button>
                    <button
                      type="submit"
                      name="decision"
                      value="reject"
                      className="button button--secondary"
                      disabled={busy}
                    >
                      Reject<span className="visually-hidden"> “{candidate.label}”</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
