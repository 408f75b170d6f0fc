/** One queue item at a glance: where, why, how long it has waited, and who wrote it. */
import { Link } from "@remix-run/react";
import { formatAge, formatDate, plural } from "~/components/format";
import { reasonLabel, SOURCE_LABEL } from "~/domain/moderation-labels";
import type { QueueItem } from "~/domain/moderation-queue.server";

export interface ItemSummaryProps {
  item: QueueItem;
  now: Date;
  headingLevel: "h2" | "h3";
}

export function ModerationItemSummary({ item, now, headingLevel: Heading }: ItemSummaryProps) {
  return (
    <>
      <Heading className="queue-item__title" id={`item-${item.id}-title`}>
        <Link to={`/moderation/items/${item.id}`}>
          {SOURCE_LABEL[item.source]}: {item.post.isOpening ? "new thread" : "reply"} in “
          {item.thread.title}”
        </Link>
      </Heading>
      <p className="meta">
        Waiting {formatAge(item.createdAt, now)} · {item.areaName} ·{" "}
        <Link to={`/issues/${item.issue.slug}`}>{item.issue.title}</Link>
      </p>
      <ul className="tag-list" aria-label="Reasons">
        {item.reasons.map((reason) => (
          <li key={reason} className="tag">
            {reasonLabel(reason)}
          </li>
        ))}
        {item.source === "flag" ? (
          <li className="tag">
            {plural(item.flagCount, "flag")} · weight {item.flagScore}
          </li>
        ) : null}
        {item.autoHidden ? <li className="tag tag--warning">Hidden by flags</li> : null}
        {item.claimedBy ? <li className="tag">Claimed by {item.claimedBy.name}</li> : null}
        {item.escalatedTo ? <li className="tag">Asked {item.escalatedTo}</li> : null}
      </ul>
      {item.excludedForViewer ? (
        <p className="notice notice--warning">
          You made the decision being appealed, so another moderator should decide this appeal.
        </p>
      ) : null}
      {item.appealNote ? (
        <p>
          <strong>The author’s appeal:</strong> {item.appealNote}
        </p>
      ) : null}
      <div
        className="post__body queue-item__body"
        dangerouslySetInnerHTML={{ __html: item.post.bodyHtml }}
      />
      <p className="meta">
        By <Link to={`/moderation/people/${item.author.id}`}>{item.author.name}</Link>: joined{" "}
        {formatDate(item.author.joinedAt)}, trust level {item.author.trustLevel},{" "}
        {plural(item.author.publishedPosts, "published post")},{" "}
        {plural(item.author.removedPosts, "post")} removed,{" "}
        {plural(item.author.sanctions, "sanction")}
      </p>
    </>
  );
}
