/**
 * RSS 2.0 and Atom 1.0 feeds of published outcomes, built with the `feed` library
 * (which escapes everything it writes).
 */
import { Feed } from "feed";
import type { OutcomeListItem } from "./domain/outcomes.server";
import { OUTCOME_STATUS_LABEL } from "./domain/outcome-labels";

export type FeedFormat = "rss" | "atom";

export function renderOutcomesFeed(
  outcomes: OutcomeListItem[],
  options: {
    title: string;
    description: string;
    origin: string;
    pagePath: string;
    feedPath: (format: FeedFormat) => string;
    format: FeedFormat;
  },
): string {
  const { origin } = options;
  const updated = outcomes[0]?.updatedAt ?? new Date(0);
  const feed = new Feed({
    title: options.title,
    description: options.description,
    id: `${origin}${options.pagePath}`,
    link: `${origin}${options.pagePath}`,
    language: "en-GB",
    copyright: "Northbridge Borough Council",
    updated,
    feedLinks: {
      rss: `${origin}${options.feedPath("rss")}`,
      atom: `${origin}${options.feedPath("atom")}`,
    },
  });
  for (const outcome of outcomes) {
    const link = `${origin}/outcomes/${outcome.id}`;
    feed.addItem({
      title: outcome.title,
      id: link,
      link,
      description: `${OUTCOME_STATUS_LABEL[outcome.status]} (${outcome.progress}%) — ${outcome.issueTitle}, ${outcome.areaName}`,
      content: outcome.weDidHtml,
      date: outcome.updatedAt,
      published: outcome.publishedAt,
      category: [{ name: outcome.categoryName }, { name: outcome.areaName }],
      author: [{ name: outcome.team }],
    });
  }
  return options.format === "rss" ? feed.rss2() : feed.atom1();
}
