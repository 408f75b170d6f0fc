/**
 * The only user of marked and sanitize-html. Markdown is rendered and sanitised once,
 * at write time; the stored HTML is what pages show. The allowlist is deliberately
 * small: text formatting, lists, quotes, code and http(s)/mailto links. No images
 * (they track readers), no raw HTML, no attributes but href/title/rel on links.
 */
import { InvalidInputError } from "./domain/errors";
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: true, async: false });

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  // `rel` must be allowed here or the rel added by transformTags is silently dropped.
  allowedAttributes: { a: ["href", "title", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
  ],
  transformTags: {
    // A page's own headings are h1/h2; user content starts at h3 so the outline stays sound.
    h1: "h3",
    h2: "h3",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "nofollow ugc noopener noreferrer" },
    }),
  },
};

/** Renders user Markdown to HTML that is safe to insert into a page as it is. */
export function renderMarkdown(markdown: string): string {
  try {
    const html = marked.parse(markdown) as string;
    return sanitizeHtml(html, SANITIZE_OPTIONS);
  } catch (error) {
    // Forms refuse deep nesting first; this is the net under every other caller.
    if (error instanceof RangeError) {
      throw new InvalidInputError(
        "This text is nested too deeply to show. Simplify it and try again.",
        {
          body: "This text is nested too deeply to show. Simplify it and try again",
        },
      );
    }
    throw error;
  }
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&#x27;": "'",
  "&nbsp;": " ",
};

/** The words of stored (already sanitised) HTML, for search: tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d|\/blockquote)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t]+/g, " ")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
