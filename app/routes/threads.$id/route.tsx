import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer, type Viewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, TextArea } from "~/components/form-fields";
import { FollowForm } from "~/components/follow-form";
import { plural } from "~/components/format";
import { THREAD_KIND_LABEL } from "~/components/thread-kind";
import { clearOfficialAnswer, markOfficialAnswer } from "~/domain/answers.server";
import { follow, unfollow } from "~/domain/follows.server";
import { getThreadPage } from "~/domain/pages/thread-page.server";
import { PostModerationNote } from "~/components/post-moderation-note";
import { PostActions, PostBody } from "./post-parts";
import { replyToThread } from "~/domain/posts.server";
import { supportIdea, withdrawSupport } from "~/domain/supports.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import {
  CONTRIBUTION_REFUSAL,
  limitedFormFailure,
  takeContribution,
} from "~/rate-limit-responses.server";
import type { ContributionKind } from "~/rate-limits.server";
import { passRetryAfter } from "~/retry-after-headers";
import { threadActionSchema, type ThreadAction } from "~/schemas/contributions";
import { parseForm } from "~/schemas/parse-form";
import { optionalQueryId, parseQuery } from "~/schemas/query";
import type { AppServices } from "~/services.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} — Parley` : "Thread — Parley" },
];

const threadQuerySchema = z.object({
  before: optionalQueryId,
  after: optionalQueryId,
  quote: optionalQueryId,
  // What the flag page sent the reader back to say; anything else is ignored.
  notice: z.enum(["flagged", "flag-hid"]).optional().catch(undefined),
});

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const threadId = parseIdParam(params.id);
  const query = parseQuery(request, threadQuerySchema);
  const page = await getThreadPage(
    context.services.db,
    context.viewer,
    {
      threadId,
      window: query.before !== null ? { before: query.before } : { after: query.after },
      quoteId: query.quote,
    },
    { now: new Date(), editWindowMinutes: context.services.config.editWindowMinutes },
  ).catch(throwDomainResponse);
  context.services.pageViews.count({
    issueId: page.thread.issue.id,
    threadId,
    userAgent: request.headers.get("User-Agent"),
  });
  return { ...page, notice: query.notice ?? null };
}

/** Intents that count against a person's hourly limits. */
const LIMITED_INTENTS: Partial<Record<ThreadAction["intent"], ContributionKind>> = {
  reply: "post",
  support: "support",
};

function perform(services: AppServices, viewer: Viewer, threadId: number, action: ThreadAction) {
  const now = new Date();
  switch (action.intent) {
    case "reply":
      return replyToThread(
        services.db,
        viewer,
        threadId,
        { body: action.body, replyToId: action.replyToId },
        now,
      ).then(({ postId }) => `/threads/${threadId}?posted=${postId}#post-${postId}`);
    case "support":
      return supportIdea(services.db, viewer, threadId, now).then(
        () => `/threads/${threadId}#support`,
      );
    case "withdraw-support":
      return withdrawSupport(services.db, viewer, threadId, now).then(
        () => `/threads/${threadId}#support`,
      );
    case "mark-answer":
      return markOfficialAnswer(services.db, viewer, threadId, action.postId).then(
        () => `/threads/${threadId}#answer`,
      );
    case "clear-answer":
      return clearOfficialAnswer(services.db, viewer, threadId).then(() => `/threads/${threadId}`);
    case "follow-thread":
      return follow(services.db, viewer, { kind: "thread", id: threadId }).then(
        () => `/threads/${threadId}`,
      );
    case "unfollow-thread":
      return unfollow(services.db, viewer, { kind: "thread", id: threadId }).then(
        () => `/threads/${threadId}`,
      );
  }
}

export const headers = passRetryAfter;

export async function action({ params, context, request }: ActionFunctionArgs) {
  const threadId = parseIdParam(params.id);
  const viewer = requireViewer(context, request);
  const form = parseForm(threadActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const limited = LIMITED_INTENTS[form.data.intent];
  if (limited) {
    const limit = await takeContribution(context.services, viewer, limited);
    if (!limit.allowed)
      return limitedFormFailure(
        form.values,
        CONTRIBUTION_REFUSAL[limited],
        limit.retryAfterSeconds,
      );
  }
  try {
    return redirect(await perform(context.services, viewer, threadId, form.data), 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function ThreadPage() {
  const {
    thread,
    posts,
    nextAfterId,
    previousBeforeId,
    answer,
    signedIn,
    supported,
    following,
    support,
    reply,
    quote,
    restriction,
    notice,
    moderator,
  } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const replyFailure = failure?.values.intent === "reply" ? failure : undefined;
  const otherFailure = failure && failure.values.intent !== "reply" ? failure : undefined;
  const signInPath = `/sign-in?redirectTo=${encodeURIComponent(`/threads/${thread.id}`)}`;
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/", label: "Home" },
          { to: `/issues/${thread.issue.slug}`, label: thread.issue.title },
        ]}
      />
      <p className="meta">
        <span className="tag">{THREAD_KIND_LABEL[thread.kind]}</span>
      </p>
      <h1>{thread.title}</h1>
      {thread.withheld ? (
        <p className="notice notice--warning" role="status">
          {thread.withheld === "pending"
            ? "This thread is waiting for a moderator. Until it is approved only you and the moderators can see it."
            : "This thread is not public. Only its author and the moderators can see it."}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice === "flag-hid"
            ? "Thank you. With your flag the post is now hidden until a moderator has checked it."
            : "Thank you for flagging this post. A moderator will check it, and you will hear what they decide."}
        </p>
      ) : null}
      {signedIn ? <FollowForm following={following} what="thread" /> : null}
      <ErrorSummary formError={otherFailure?.formError} fieldErrors={otherFailure?.fieldErrors} />

      {thread.kind === "idea" ? (
        <section className="support-box" id="support" aria-label="Support for this idea">
          <p className="support-box__count">{plural(thread.supportCount, "supporter")}</p>
          {support === "sign-in" ? (
            <p>
              <Link to={signInPath}>Sign in</Link> to support this idea.
            </p>
          ) : support === "own-idea" ? (
            <p>You proposed this idea.</p>
          ) : support === "not-public" ? (
            <p>Supports open once a moderator has approved this idea.</p>
          ) : support === "closed" ? (
            <p>Supports closed with the consultation.</p>
          ) : (
            <Form method="post">
              <input
                type="hidden"
                name="intent"
                value={supported ? "withdraw-support" : "support"}
              />
              {supported ? <p className="support-box__yours">You support this idea.</p> : null}
              <button
                type="submit"
                className={supported ? "button button--secondary" : "button"}
                disabled={busy}
              >
                {supported ? "Withdraw my support" : "Support this idea"}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {answer ? (
        <section className="answer" id="answer" aria-labelledby="answer-title">
          <h2 className="answer__title" id="answer-title">
            Official answer
          </h2>
          <PostBody post={answer} answer={false} />
        </section>
      ) : null}

      {previousBeforeId ? (
        <p className="pagination">
          <Link to={`?before=${previousBeforeId}`}>Earlier posts</Link>
        </p>
      ) : null}
      <section aria-label="Posts">
        {posts.map((post) => (
          <article
            key={post.id}
            id={`post-${post.id}`}
            className={[
              "post",
              post.isStaff ? "post--staff" : "",
              post.moderation?.state ? "post--held" : "",
            ]
              .filter(Boolean)
              .join(" ")}
            aria-labelledby={`post-${post.id}-by`}
          >
            {post.moderation?.state ? (
              <PostModerationNote
                state={post.moderation.state}
                own={post.own}
                reviewHref={`/posts/${post.id}/review`}
              />
            ) : null}
            {moderator && !post.own && post.moderation?.itemId ? (
              <p className="post__actions">
                <Link to={`/moderation/items/${post.moderation.itemId}`}>
                  Open the moderation item
                </Link>
              </p>
            ) : null}
            <PostBody
              post={post}
              answer={post.isAnswer}
              removed={post.removed}
              replyToName={post.replyToName}
            />
            {post.citedIn.length ? (
              <p className="post__cited">
                Cited in{" "}
                {post.citedIn.map((outcome, index) => (
                  <span key={outcome.id}>
                    {index ? ", " : ""}
                    <Link to={`/outcomes/${outcome.id}`}>outcome “{outcome.title}”</Link>
                  </span>
                ))}
              </p>
            ) : null}
            {post.canFlag ? (
              <p className="post__actions post__actions--flag">
                <Link to={`/posts/${post.id}/flag`}>
                  Flag<span className="visually-hidden"> the post by {post.authorName}</span>
                </Link>
              </p>
            ) : null}
            <PostActions post={post} />
            {post.canMarkAnswer ? (
              <Form method="post" className="post__actions">
                {post.isAnswer ? (
                  <>
                    <input type="hidden" name="intent" value="clear-answer" />
                    <button type="submit" className="link-button" disabled={busy}>
                      Remove as official answer
                    </button>
                  </>
                ) : (
                  <>
                    <input type="hidden" name="intent" value="mark-answer" />
                    <input type="hidden" name="postId" value={post.id} />
                    <button type="submit" className="link-button" disabled={busy}>
                      Mark as official answer
                    </button>
                  </>
                )}
              </Form>
            ) : null}
          </article>
        ))}
      </section>
      {nextAfterId ? (
        <p className="pagination">
          <Link to={`?after=${nextAfterId}`}>Newer posts</Link>
        </p>
      ) : null}

      <h2 id="reply" tabIndex={-1}>
        Reply
      </h2>
      {reply === "closed" ? (
        <p className="notice">This consultation is closed, so the thread takes no new replies.</p>
      ) : reply === "restricted" ? (
        <p className="notice notice--warning">{restriction}</p>
      ) : reply === "not-public" ? (
        <p className="notice">Replies open once a moderator has approved this thread.</p>
      ) : reply === "open" ? (
        <Form method="post" noValidate>
          <ErrorSummary
            formError={replyFailure?.formError}
            fieldErrors={replyFailure?.fieldErrors}
            labels={{ body: "Your reply" }}
          />
          <input type="hidden" name="intent" value="reply" />
          <input
            type="hidden"
            name="replyToId"
            value={replyFailure?.values.replyToId ?? (quote ? String(quote.id) : "")}
          />
          <TextArea
            key={quote?.id ?? "reply"}
            name="body"
            label="Your reply"
            hint="You can use Markdown: **bold**, *italic*, lists and links."
            error={replyFailure?.fieldErrors.body}
            defaultValue={replyFailure?.values.body ?? quote?.markdown}
          />
          <button type="submit" className="button" disabled={busy}>
            Post reply
          </button>
        </Form>
      ) : (
        <p>
          <Link to={signInPath}>Sign in</Link> or <Link to="/register">register</Link> to reply.
        </p>
      )}
    </>
  );
}
