import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { locatePost } from "~/domain/posts.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";

/** A post's permanent link: the page of its thread that starts with it, however long the thread. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const postId = parseIdParam(params.id);
  const { threadId } = await locatePost(context.services.db, postId, context.viewer).catch(
    throwDomainResponse,
  );
  return redirect(`/threads/${threadId}?after=${postId - 1}#post-${postId}`);
}
