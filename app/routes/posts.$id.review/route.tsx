import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, TextArea } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import { PostModerationNote } from "~/components/post-moderation-note";
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
    own: review.post.authorId === viewer.id,
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

export default function PostReviewPage() {
  const { post, moderation, own, appealable, appealed } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { state, decision, appeal } = moderation;
  return (
    <>
      <Breadcrumbs trail={[{ to: `/threads/${post.threadId}`, label: post.threadTitle }]} />
      <h1>{own ? "Your post in moderation" : "A post in moderation"}</h1>
      {appealed ? (
        <p className="notice" role="status">
          Your appeal is with the moderators. A different moderator from the one who decided will
          look at it, and you will be told the outcome.
        </p>
      ) : null}
      {state ? (
        <PostModerationNote state={state} own={own} />
      ) : (
        <p>This post is public, and no moderator has had to look at it.</p>
      )}
      <dl className="facts">
        <dt>Written</dt>
        <dd>{formatDateTime(post.createdAt)}</dd>
        {decision?.decidedAt ? (
          <>
            <dt>Decided</dt>
            <dd>{formatDateTime(decision.decidedAt)}</dd>
          </>
        ) : null}
        {appeal?.decidedAt ? (
          <>
            <dt>Appeal decided</dt>
            <dd>{formatDateTime(appeal.decidedAt)}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="post-heading">
        <h2 id="post-heading">Your post</h2>
        <blockquote className="summary" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </section>
      {appealable ? (
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
