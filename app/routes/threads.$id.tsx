import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextArea } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { issuePhase } from "~/domain/issue-phase";
import { listPostsInThread, replyToThread } from "~/domain/posts.server";
import { getThread } from "~/domain/threads.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { replySchema } from "~/schemas/contributions";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} — Parley` : "Thread — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const threadId = parseIdParam(params.id);
  const db = context.services.db;
  const thread = await getThread(db, threadId, context.viewer).catch(throwDomainResponse);
  const after = new URL(request.url).searchParams.get("after");
  const afterId = after && /^\d{1,10}$/.test(after) ? Number(after) : null;
  const page = await listPostsInThread(db, threadId, afterId);
  return {
    thread,
    phase: issuePhase(thread.issue, new Date()),
    posts: page.posts,
    nextAfterId: page.nextAfterId,
    signedIn: context.viewer !== null,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const threadId = parseIdParam(params.id);
  const viewer = requireViewer(context, request);
  const form = parseForm(replySchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    const postId = await replyToThread(
      context.services.db,
      viewer,
      threadId,
      form.data,
      new Date(),
    );
    return redirect(`/threads/${threadId}?posted=${postId}#post-${postId}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const KIND_LABEL = {
  discussion: "Discussion",
  idea: "Idea",
  question: "Question to staff",
} as const;

export default function ThreadPage() {
  const { thread, phase, posts, nextAfterId, signedIn } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>
            <Link to={`/issues/${thread.issue.slug}`}>{thread.issue.title}</Link>
          </li>
        </ol>
      </nav>
      <p className="meta">
        <span className="tag">{KIND_LABEL[thread.kind]}</span>
      </p>
      <h1>{thread.title}</h1>
      <section aria-label="Posts">
        {posts.map((post) => (
          <article
            key={post.id}
            id={`post-${post.id}`}
            className={post.isStaff ? "post post--staff" : "post"}
            aria-labelledby={`post-${post.id}-by`}
          >
            <p className="post__byline" id={`post-${post.id}-by`}>
              <span className="post__author">{post.authorName}</span>
              {post.isStaff ? (
                <span className="tag tag--staff">
                  Staff{post.authorTeam ? ` · ${post.authorTeam}` : ""}
                </span>
              ) : null}
              <time dateTime={post.createdAt.toISOString()}>{formatDateTime(post.createdAt)}</time>
            </p>
            <div className="post__body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
          </article>
        ))}
      </section>
      {nextAfterId ? (
        <p className="pagination">
          <Link to={`?after=${nextAfterId}`}>Newer posts</Link>
        </p>
      ) : null}

      <h2>Reply</h2>
      {phase !== "open" ? (
        <p className="notice">This consultation is closed, so the thread takes no new replies.</p>
      ) : signedIn ? (
        <Form method="post" noValidate>
          <ErrorSummary
            formError={failure?.formError}
            fieldErrors={failure?.fieldErrors}
            labels={{ body: "Your reply" }}
          />
          <TextArea
            name="body"
            label="Your reply"
            hint="You can use Markdown: **bold**, *italic*, lists and links."
            error={failure?.fieldErrors.body}
            defaultValue={failure?.values.body}
          />
          <button type="submit" className="button" disabled={busy}>
            Post reply
          </button>
        </Form>
      ) : (
        <p>
          <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/threads/${thread.id}`)}`}>
            Sign in
          </Link>{" "}
          or <Link to="/register">register</Link> to reply.
        </p>
      )}
    </>
  );
}
