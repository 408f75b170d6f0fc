import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/components/format";
import { listPostRevisions } from "~/domain/post-edits.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Earlier versions of a post — Parley" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return listPostRevisions(context.services.db, parseIdParam(params.id)).catch(throwDomainResponse);
}

export default function PostHistoryPage() {
  const { threadId, current, earlier } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/threads/${threadId}`}>Back to the thread</Link>
      </p>
      <h1>Earlier versions of this post</h1>
      <section className="revision" aria-labelledby="current-version">
        <h2 id="current-version">Current version, {formatDateTime(current.writtenAt)}</h2>
        <div className="post__body" dangerouslySetInnerHTML={{ __html: current.bodyHtml }} />
      </section>
      {earlier.map((revision) => (
        <section
          className="revision"
          key={revision.version}
          aria-labelledby={`version-${revision.version}`}
        >
          <h2 id={`version-${revision.version}`}>
            Version {revision.version}, {formatDateTime(revision.writtenAt)}
          </h2>
          <div className="post__body" dangerouslySetInnerHTML={{ __html: revision.bodyHtml }} />
        </section>
      ))}
    </>
  );
}
