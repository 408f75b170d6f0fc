import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/form-fields";
import { formatDate, formatDateTime } from "~/components/format";
import { OUTCOME_STATUS_LABEL } from "~/domain/outcome-labels";
import { getOutcome, publishOutcome } from "~/domain/outcomes.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { can } from "~/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.outcome.title} — You said, we did — Parley` : "Outcome — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const outcome = await getOutcome(
    context.services.db,
    context.viewer,
    parseIdParam(params.id),
  ).catch(throwDomainResponse);
  return {
    outcome,
    canEdit: can(context.viewer, "create:issue:any"),
    saved: new URL(request.url).searchParams.has("saved"),
    published: new URL(request.url).searchParams.has("published"),
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can publish outcomes.",
  );
  const id = parseIdParam(params.id);
  try {
    await publishOutcome(context.services.db, viewer, id, new Date());
    return redirect(`/outcomes/${id}?published`, 303);
  } catch (error) {
    return domainFailure(error, {});
  }
}

export default function OutcomePage() {
  const { outcome, canEdit, saved, published } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const draft = outcome.publishedAt === null;
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/outcomes", label: "You said, we did" },
          { to: `/issues/${outcome.issue.slug}`, label: outcome.issue.title },
        ]}
      />
      {draft ? (
        <div className="notice notice--warning" role="status">
          <p>
            <strong>Preview of a draft.</strong> Only officers can see this page until it is
            published. {saved ? "Your draft is saved." : ""}
          </p>
        </div>
      ) : null}
      {published ? (
        <p className="notice" role="status">
          Published. Everyone who follows or took part in this issue is being told.
        </p>
      ) : null}
      <ErrorSummary formError={failure?.formError} />
      <p className="meta">
        <span className={`tag tag--outcome-${outcome.status}`}>
          {OUTCOME_STATUS_LABEL[outcome.status]}
        </span>{" "}
        {outcome.issue.areaName} · {outcome.team}
        {outcome.publishedAt ? ` · published ${formatDate(outcome.publishedAt)}` : ""}
      </p>
      <h1>{outcome.title}</h1>
      <p>
        The council’s response on{" "}
        <Link to={`/issues/${outcome.issue.slug}`}>{outcome.issue.title}</Link>
        {outcome.thread === "unavailable" ? (
          <>, about an idea that is no longer available</>
        ) : outcome.thread ? (
          <>
            , about the idea{" "}
            <Link to={`/threads/${outcome.thread.id}`}>{outcome.thread.title}</Link>
          </>
        ) : null}
        .
      </p>
      <div className="progress-block">
        <label htmlFor="outcome-progress">Progress: {outcome.progress}%</label>
        <progress id="outcome-progress" max={100} value={outcome.progress}>
          {outcome.progress}%
        </progress>
      </div>
      {outcome.statusReason ? (
        <p>
          <strong>Why:</strong> {outcome.statusReason}
        </p>
      ) : null}

      <section aria-labelledby="you-said">
        <h2 id="you-said">You said</h2>
        <div className="post__body" dangerouslySetInnerHTML={{ __html: outcome.youSaidHtml }} />
        {outcome.themes.length ? (
          <table className="outcome-themes">
            <caption>The themes this outcome answers</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Contributions</th>
                <th scope="col">People</th>
              </tr>
            </thead>
            <tbody>
              {outcome.themes.map((theme) => (
                <tr key={theme.themeId}>
                  <th scope="row">{theme.name}</th>
                  <td>{draft ? "counted when published" : theme.contributions}</td>
                  <td>{draft ? "counted when published" : theme.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {outcome.citations.length ? (
          <ul className="citations-list" aria-label="Contributions cited">
            {outcome.citations.map((citation) => (
              <li key={citation.postId}>
                {citation.post ? (
                  <blockquote className="citation">
                    <div dangerouslySetInnerHTML={{ __html: citation.post.bodyHtml }} />
                    <footer>
                      — {citation.post.authorName},{" "}
                      <Link to={`/posts/${citation.postId}`}>in “{citation.post.threadTitle}”</Link>
                    </footer>
                  </blockquote>
                ) : (
                  <p className="citation citation--gone">
                    This contribution is no longer available.
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="we-did">
        <h2 id="we-did">We did</h2>
        <div className="post__body" dangerouslySetInnerHTML={{ __html: outcome.weDidHtml }} />
      </section>
      {outcome.nextSteps.length ? (
        <section aria-labelledby="next-steps">
          <h2 id="next-steps">Next steps</h2>
          <ul>
            {outcome.nextSteps.map((step, index) => (
              <li key={index}>
                {step.text}
                {step.due ? ` — by ${formatDate(new Date(`${step.due}T12:00:00Z`))}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {outcome.participation ? (
        <p className="meta">
          When this was published, {outcome.participation.people} people had taken part:{" "}
          {outcome.participation.threads} threads, {outcome.participation.posts} posts and{" "}
          {outcome.participation.supports} supports.
        </p>
      ) : null}
      {canEdit ? (
        <p className="actions">
          <Link to={`/outcomes/${outcome.id}/edit`} className="button button--secondary">
            {draft ? "Edit the draft" : "Update status or progress"}
          </Link>
        </p>
      ) : null}
      {draft && canEdit ? (
        <Form method="post">
          <button type="submit" className="button" disabled={busy}>
            Publish this outcome
          </button>
        </Form>
      ) : null}
      {!draft ? (
        <section aria-labelledby="changelog">
          <h2 id="changelog">Changelog</h2>
          <ol className="changelog">
            {outcome.revisions.map((revision, index) => (
              <li key={index}>
                <time dateTime={revision.createdAt.toISOString()}>
                  {formatDateTime(revision.createdAt)}
                </time>{" "}
                · {revision.team}: {revision.summary}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
