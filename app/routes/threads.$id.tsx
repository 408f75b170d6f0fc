import { passRetryAfter } from "~/retry-after-headers";
import {
  CONTRIBUTION_REFUSAL,
  limitedFormFailure,
  takeContribution,
} from "~/rate-limit-responses.server";
import type { ContributionKind } from "~/rate-limits.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer, type Viewer } from "~/auth.server";
import { ErrorSummary, TextArea } from "~/components/form-fields";
import { FollowForm } from "~/components/follow-form";
import { formatDateTime, plural } from "~/components/format";
import { THREAD_KIND_LABEL } from "~/components/thread-kind";
import { clearOfficialAnswer, markOfficialAnswer } from "~/domain/answers.server";
import { issuePhase } from "~/domain/policy";
import {
  findPublishedPost,
  getQuote,
  listPostsInThread,
  quoteAsMarkdown,
  replyToThread,
  type PostView,
} from "~/domain/posts.server";
import { hasSupported, supportIdea, withdrawSupport } from "~/domain/supports.server";
import { follow, isFollowing, unfollow } from "~/domain/follows.server";
import { getThread } from "~/domain/threads.server";
import { citationsOfPosts } from "~/domain/outcomes.server";
import { restrictionOf } from "~/domain/participation.server";
import { summarizeReviews } from "~/domain/post-reviews.server";
import { ITEM_STATUS_LABEL } from "~/domain/moderation-labels";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { can, isStaff } from "~/permissions";
import { threadActionSchema, type ThreadAction } from "~/schemas/contributions";
import { parseForm } from "~/schemas/parse-form";
import type { AppServices } from "~/services.server";
import { queryId } from "~/schemas/query";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} — Parley` : "Thread — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const threadId = parseIdParam(params.id);
  const db = context.services.db;
  const viewer = context.viewer;
  const thread = await getThread(db, threadId, viewer).catch(throwDomainResponse);
  const url = new URL(request.url);
  const before = queryId(url, "before");
  const window = before !== null ? { before } : { after: queryId(url, "after") };
  const quoteId = queryId(url, "quote");
  const [page, answer, supported, following, quote] = await Promise.all([
    listPostsInThread(db, threadId, window, viewer),
    thread.answeredPostId ? findPublishedPost(db, threadId, thread.answeredPostId) : null,
    viewer && thread.kind === "idea" ? hasSupported(db, threadId, viewer.id) : false,
    viewer ? isFollowing(db, viewer.id, { kind: "thread", id: threadId }) : false,
    viewer && quoteId ? getQuote(db, threadId, quoteId) : null,
  ]);
  const now = new Date();
  const phase = issuePhase(thread.issue, now);
  // Why a post is not public: only loaded for the posts this viewer may see that way.
  const reviews = await summarizeReviews(
    db,
    page.posts
      .filter((post) => post.status !== "published" && post.status !== "deleted")
      .map((post) => post.id),
  );
  const notice = url.searchParams.get("notice");
  const citedIn = await citationsOfPosts(
    db,
    page.posts.map((post) => post.id),
  );
  const editWindowMs = context.services.config.editWindowMinutes * 60_000;
  const authorNames = new Map(page.posts.map((post) => [post.id, post.authorName]));
  return {
    thread,
    phase,
    posts: page.posts.map((post) => ({
      ...post,
      own: viewer?.id === post.authorId,
      canEdit:
        viewer?.id === post.authorId &&
        post.status === "published" &&
        phase === "open" &&
        now.getTime() - post.createdAt.getTime() < editWindowMs,
      replyToName: post.replyToId ? (authorNames.get(post.replyToId) ?? null) : null,
      review: reviews.get(post.id) ?? null,
      citedIn: citedIn.get(post.id) ?? [],
    })),
    restriction: viewer ? restrictionOf(viewer, now) : null,
    notice: notice === "flagged" || notice === "flag-hid" ? notice : null,
    moderator: can(viewer, "moderate:post:any"),
    quote: quote ? { id: quote.id, markdown: quoteAsMarkdown(quote) } : null,
    nextAfterId: page.nextAfterId,
    previousBeforeId: page.previousBeforeId,
    answer,
    viewer: viewer ? { id: viewer.id, isStaff: isStaff(viewer) } : null,
    supported,
    following,
  };
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

function PostBody({
  post,
  answer,
  replyToName,
}: {
  post: PostView;
  answer: boolean;
  replyToName?: string | null;
}) {
  if (post.status === "deleted") {
    return (
      <p className="post__removed" id={`post-${post.id}-by`}>
        This post was removed by its author.
      </p>
    );
  }
  return (
    <>
      <p className="post__byline" id={`post-${post.id}-by`}>
        <Link to={`/people/${post.authorId}`} className="post__author">
          {post.authorName}
        </Link>
        {post.isStaff ? (
          <span className="tag tag--staff">
            Staff{post.authorTeam ? ` · ${post.authorTeam}` : ""}
          </span>
        ) : null}
        {answer ? <span className="tag tag--answer">Official answer</span> : null}
        <time dateTime={post.createdAt.toISOString()}>{formatDateTime(post.createdAt)}</time>
        {post.editedAt ? (
          <Link to={`/posts/${post.id}/history`} className="post__edited">
            edited<span className="visually-hidden"> — see earlier versions</span>
          </Link>
        ) : null}
      </p>
      {post.replyToId && replyToName ? (
        <p className="meta">
          In reply to <a href={`#post-${post.replyToId}`}>{replyToName}</a>
        </p>
      ) : null}
      <div className="post__body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
    </>
  );
}

export default function ThreadPage() {
  const {
    thread,
    phase,
    posts,
    nextAfterId,
    previousBeforeId,
    answer,
    viewer,
    supported,
    following,
    quote,
    restriction,
    notice,
    moderator,
  } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const open = phase === "open";
  const replyFailure = failure?.values.intent === "reply" ? failure : undefined;
  const otherFailure = failure && failure.values.intent !== "reply" ? failure : undefined;
  const canMarkAnswers = thread.kind === "question" && viewer?.isStaff === true;
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
      {thread.status !== "published" ? (
        <p className="notice notice--warning" role="status">
          {thread.status === "pending"
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
      {viewer ? <FollowForm following={following} what="thread" /> : null}
      <ErrorSummary formError={otherFailure?.formError} fieldErrors={otherFailure?.fieldErrors} />

      {thread.kind === "idea" ? (
        <section className="support-box" id="support" aria-label="Support for this idea">
          <p className="support-box__count">{plural(thread.supportCount, "supporter")}</p>
          {!viewer ? (
            <p>
              <Link to={signInPath}>Sign in</Link> to support this idea.
            </p>
          ) : viewer.id === thread.authorId ? (
            <p>You proposed this idea.</p>
          ) : !open ? (
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
              post.review || post.status === "pending" ? "post--held" : "",
            ]
              .filter(Boolean)
              .join(" ")}
            aria-labelledby={`post-${post.id}-by`}
          >
            {post.status === "pending" || post.status === "hidden" || post.status === "rejected" ? (
              <div className="moderation-note">
                <p>
                  <strong>
                    {post.status === "pending"
                      ? "Awaiting moderation"
                      : post.status === "hidden"
                        ? "Hidden"
                        : "Not published"}
                    {post.own ? ": only you and the moderators can see this post." : "."}
                  </strong>
                </p>
                {post.own && post.review?.explanations.length ? (
                  <p>{post.review.explanations.join(" ")}</p>
                ) : null}
                {post.review?.houseRule ? <p>House rule: {post.review.houseRule.title}</p> : null}
                <p>
                  {post.own ? (
                    <Link to={`/posts/${post.id}/review`}>
                      What happened{post.status === "pending" ? "" : ", and how to appeal"}
                    </Link>
                  ) : moderator && post.review ? (
                    <Link to={`/moderation/items/${post.review.itemId}`}>
                      {ITEM_STATUS_LABEL[post.review.status]}: open the moderation item
                    </Link>
                  ) : null}
                </p>
              </div>
            ) : null}
            <PostBody
              post={post}
              answer={post.id === thread.answeredPostId}
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
            {post.status === "published" && viewer && !post.own && thread.status === "published" ? (
              <p className="post__actions post__actions--flag">
                <Link to={`/posts/${post.id}/flag`}>
                  Flag<span className="visually-hidden"> the post by {post.authorName}</span>
                </Link>
              </p>
            ) : null}
            {post.status === "published" && viewer && open ? (
              <p className="post__actions">
                <Link to={`?quote=${post.id}#reply`}>
                  Quote and reply<span className="visually-hidden"> to {post.authorName}</span>
                </Link>
                {post.canEdit ? (
                  <>
                    {" · "}
                    <Link to={`/posts/${post.id}/edit`}>
                      Edit<span className="visually-hidden"> your post</span>
                    </Link>
                  </>
                ) : null}
                {post.own ? (
                  <>
                    {" · "}
                    <Link to={`/posts/${post.id}/delete`}>
                      Delete<span className="visually-hidden"> your post</span>
                    </Link>
                  </>
                ) : null}
              </p>
            ) : null}
            {canMarkAnswers && post.isStaff ? (
              <Form method="post" className="post__actions">
                {post.id === thread.answeredPostId ? (
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
      {!open ? (
        <p className="notice">This consultation is closed, so the thread takes no new replies.</p>
      ) : restriction ? (
        <p className="notice notice--warning">{restriction}</p>
      ) : thread.status !== "published" ? (
        <p className="notice">Replies open once a moderator has approved this thread.</p>
      ) : viewer ? (
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
