import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, TextArea } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import { houseRuleHref } from "~/domain/house-rules.server";
import { ITEM_STATUS_LABEL } from "~/domain/moderation-labels";
import { appealDecision, getPostReview } from "~/domain/post-reviews.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { appealSchema } from "~/schemas/moderation";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Your post in moderation — Parley" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const review = await getPostReview(context.services.db, viewer, parseIdParam(params.id)).catch(
    throwDomainResponse,
  );
  return {
    ...review,
    ruleHref: review.review?.houseRule ? houseRuleHref(review.review.houseRule.id) : null,
    appealed: new URL(request.url).searchParams.has("appealed"),
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const postId = parseIdParam(params.id);
  // Whose post it is comes before what the form says: others learn nothing, not even "invalid".
  await getPostReview(context.services.db, viewer, postId).catch(throwDomainResponse);
  const form = parseForm(appealSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    await appealDecision(context.services.db, viewer, postId, form.data.note, new Date());
    return redirect(`/posts/${postId}/review?appealed`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const POST_STATUS_TEXT: Record<string, string> = {
  pending: "Waiting for a moderator. Only you and the moderators can see it.",
  published: "Public.",
  hidden: "Hidden. Only you and the moderators can see it.",
  rejected: "Not published. Only you and the moderators can see it.",
  deleted: "Deleted by you.",
};

export default function PostReviewPage() {
  const { post, review, appealable, appeal, ruleHref, appealed } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: `/threads/${post.threadId}`, label: post.threadTitle }]} />
      <h1>Your post in moderation</h1>
      {appealed ? (
        <p className="notice" role="status">
          Your appeal is with the moderators. A different moderator from the one who decided will
          look at it, and you will be told the outcome.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Written</dt>
        <dd>{formatDateTime(post.createdAt)}</dd>
        <dt>Status</dt>
        <dd>{POST_STATUS_TEXT[post.status] ?? post.status}</dd>
        {review ? (
          <>
            <dt>Moderation</dt>
            <dd>
              {ITEM_STATUS_LABEL[review.status]}
              {review.decidedAt ? ` on ${formatDateTime(review.decidedAt)}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      {review && review.explanations.length > 0 ? (
        <section aria-labelledby="why-heading">
          <h2 id="why-heading">Why it was held</h2>
          <ul>
            {review.explanations.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {review?.autoHidden && review.status === "open" ? (
        <p>
          Several residents flagged this post, so it is hidden until a moderator has checked it.
        </p>
      ) : null}
      {review?.houseRule && ruleHref ? (
        <section aria-labelledby="rule-heading">
          <h2 id="rule-heading">The house rule it breaks</h2>
          <p>
            <Link to={ruleHref}>{review.houseRule.title}</Link>
          </p>
        </section>
      ) : null}
      {review?.note ? (
        <section aria-labelledby="note-heading">
          <h2 id="note-heading">What the moderator said</h2>
          <blockquote className="summary">{review.note}</blockquote>
        </section>
      ) : null}
      <section aria-labelledby="post-heading">
        <h2 id="post-heading">Your post</h2>
        <blockquote className="summary" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </section>
      {appeal ? (
        <section aria-labelledby="appeal-heading">
          <h2 id="appeal-heading">Your appeal</h2>
          <p>
            {appeal.status === "open"
              ? "A moderator has not decided your appeal yet."
              : appeal.status === "rejected"
                ? "Your appeal was turned down. This decision is final."
                : "Your appeal succeeded and your post is public again. This decision is final."}
          </p>
          {appeal.note ? <blockquote className="summary">{appeal.note}</blockquote> : null}
        </section>
      ) : appealable ? (
        <section aria-labelledby="appeal-heading">
          <h2 id="appeal-heading">Appeal this decision</h2>
          <p>
            You can appeal once. A different moderator will look at it, and their decision is final.
          </p>
          <ErrorSummary
            formError={failure?.formError}
            fieldErrors={failure?.fieldErrors}
            labels={{ note: "Your appeal" }}
          />
          <Form method="post" noValidate>
            <TextArea
              name="note"
              label="Why should the decision change?"
              rows={5}
              defaultValue={failure?.values.note}
              error={failure?.fieldErrors.note}
            />
            <button type="submit" className="button" disabled={busy}>
              Send my appeal
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
