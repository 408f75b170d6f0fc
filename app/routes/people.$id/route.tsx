import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "~/components/format";
import { getProfile, listProfilePosts } from "~/domain/profiles.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { queryId } from "~/schemas/query";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} — Parley` : "Profile — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const userId = parseIdParam(params.id);
  const db = context.services.db;
  const beforeId = queryId(new URL(request.url), "before");
  const [profile, page] = await Promise.all([
    getProfile(db, userId).catch(throwDomainResponse),
    listProfilePosts(db, userId, beforeId),
  ]);
  return { profile, ...page, own: context.viewer?.id === userId };
}

export default function ProfilePage() {
  const { profile, posts, nextBeforeId, own } = useLoaderData<typeof loader>();
  const staff = profile.role === "officer" || profile.role === "admin";
  return (
    <>
      <h1>{profile.displayName}</h1>
      <p className="meta">
        {staff ? (
          <span className="tag tag--staff">Staff{profile.team ? ` · ${profile.team}` : ""}</span>
        ) : null}{" "}
        Joined {formatDate(profile.joinedAt)}
      </p>
      {profile.bio ? <p className="lede">{profile.bio}</p> : null}
      {own ? (
        <p>
          <Link to="/account/profile">Edit your profile</Link>
        </p>
      ) : null}
      <h2>Recent posts</h2>
      {posts.length === 0 ? <p>No public posts yet.</p> : null}
      {posts.map((post) => (
        <article key={post.id} className="post" aria-labelledby={`profile-post-${post.id}`}>
          <p className="post__byline" id={`profile-post-${post.id}`}>
            <Link to={`/threads/${post.threadId}#post-${post.id}`}>{post.threadTitle}</Link>
            <span>in {post.issueTitle}</span>
            <time dateTime={post.createdAt.toISOString()}>{formatDateTime(post.createdAt)}</time>
          </p>
          <div className="post__body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        </article>
      ))}
      {nextBeforeId ? (
        <p className="pagination">
          <Link to={`?before=${nextBeforeId}`}>Older posts</Link>
        </p>
      ) : null}
    </>
  );
}
