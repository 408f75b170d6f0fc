import { renderMarkdown } from "../app/markdown.server";

/** Renders each distinct text once: generated content repeats the same texts many times. */
const renderCache = new Map<string, string>();

export function renderOnce(markdown: string): string {
  let html = renderCache.get(markdown);
  if (html === undefined) {
    html = renderMarkdown(markdown);
    renderCache.set(markdown, html);
  }
  return html;
}
