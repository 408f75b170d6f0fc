/** The pieces of a post on the thread page: its body (or placeholder) and its actions. */
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/components/format";
import type { PostView } from "~/domain/posts.server";

export function PostBody({
  post,
  answer,
  removed = false,
  replyToName,
}: {
  post: PostView;
  answer: boolean;
  removed?: boolean;
  replyToName?: string | null;
}) {
  if (removed) {
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

/** Quote, edit and delete: each link only where the page says the viewer may. */
export function PostActions({
  post,
}: {
  post: { id: number; authorName: string; canQuote: boolean; canEdit: boolean; canDelete: boolean };
}) {
  const links = [
    post.canQuote ? (
      <Link key="quote" to={`?quote=${post.id}#reply`}>
        Quote and reply<span className="visually-hidden"> to {post.authorName}</span>
      </Link>
    ) : null,
    post.canEdit ? (
      <Link key="edit" to={`/posts/${post.id}/edit`}>
        Edit<span className="visually-hidden"> your post</span>
      </Link>
    ) : null,
    post.canDelete ? (
      <Link key="delete" to={`/posts/${post.id}/delete`}>
        Delete<span className="visually-hidden"> your post</span>
      </Link>
    ) : null,
  ].filter((link) => link !== null);
  if (links.length === 0) return null;
  return (
    <p className="post__actions">
      {links.flatMap((link, index) => (index ? [" · ", link] : [link]))}
    </p>
  );
}
