import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { ErrorSummary } from "~/components/form-fields";
import { deleteOwnPost, getOwnPost } from "~/domain/post-edits.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Delete your post — Parley" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const post = await getOwnPost(context.services.db, viewer, parseIdParam(params.id)).catch(
    throwDomainResponse,
  );
  return { post };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const postId = parseIdParam(params.id);
  try {
    const { threadId } = await deleteOwnPost(context.services.db, viewer, postId, new Date());
    return redirect(`/threads/${threadId}#post-${postId}`, 303);
  } catch (error) {
    return domainFailure(error, {});
  }
}

export default function DeletePostPage() {
  const { post } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Delete your post?</h1>
      <ErrorSummary formError={failure?.formError} />
      <p>
        Your post in <Link to={`/threads/${post.threadId}`}>{post.threadTitle}</Link> will show as
        “removed by its author”. Replies to it stay.
      </p>
      <blockquote className="summary">{post.bodyMd}</blockquote>
      <Form method="post">
        <button type="submit" className="button button--warning" disabled={busy}>
          Delete my post
        </button>{" "}
        <Link to={`/threads/${post.threadId}#post-${post.id}`}>Keep it</Link>
      </Form>
    </>
  );
}
