/**
 * Reads HTML the way a browser would (htmlparser2) and reports anything that could run
 * script: a script, iframe, object, embed, svg, math, style, base, meta or form tag that
 * is not ours, an on* attribute, or a URL attribute whose scheme is not http, https,
 * mailto or relative (after decoding entities and dropping whitespace and controls).
 */
import { Parser } from "htmlparser2";

const DANGEROUS_TAGS = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "style",
  "base",
  "meta",
  "frame",
  "frameset",
  "applet",
  "template",
]);
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "data",
  "srcdoc",
]);

function unsafeUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  return scheme !== undefined && !["http", "https", "mailto"].includes(scheme);
}

export interface ScanOptions {
  /** Tags the page itself is allowed (e.g. our own <script nonce> and <meta charset>). */
  allow?: (tag: string, attributes: Record<string, string>) => boolean;
}

export function findScriptVectors(html: string, options: ScanOptions = {}): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (options.allow?.(name, attributes)) return;
        if (DANGEROUS_TAGS.has(name)) problems.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) problems.push(`<${name} ${attribute}>`);
          if (URL_ATTRIBUTES.has(attribute) && unsafeUrl(value))
            problems.push(`<${name} ${attribute}="${value}">`);
          if (attribute === "style" && /url\s*\(|expression/i.test(value))
            problems.push(`<${name} style>`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}
