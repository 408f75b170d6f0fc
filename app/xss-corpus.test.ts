/**
 * The XSS corpus through every renderer that turns what people write into HTML: post
 * Markdown, email HTML (names, notification text), and search highlighting. The
 * HTTP-level pass (pages, feeds, the moderation queue) is in e2e/http.spec.ts.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildXssCorpus } from "../scripts/test-harness/xss-corpus";
import { findScriptVectors } from "../scripts/test-harness/xss-scan";
import { SearchHighlight } from "./components/search-highlight";
import { notificationMessage, verifyEmailMessage } from "./mail/messages";
import { renderMarkdown } from "./markdown.server";

const corpus = buildXssCorpus();

/** The email's own <meta charset="utf-8">, the one meta tag it may carry. */
const isOwnCharsetMeta = (tag: string, attributes: Record<string, string>) =>
  tag === "meta" && Object.keys(attributes).join() === "charset";

describe("the XSS corpus", () => {
  it("has at least 300 distinct payloads", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it("the scanner catches what it should (it can fail)", () => {
    expect(findScriptVectors('<a href="JaVa&#09;ScRiPt:alert(1)">x</a>')).not.toEqual([]);
    expect(findScriptVectors("<img src=x onerror=alert(1)>")).not.toEqual([]);
    expect(findScriptVectors("<svg></svg>")).not.toEqual([]);
    expect(findScriptVectors('<a href="https://example.com">ok</a><p>&lt;script&gt;</p>')).toEqual(
      [],
    );
  });

  it.each(corpus.map((payload, index) => [index, payload]))(
    "Markdown #%i renders inert",
    (_index, payload) => {
      expect(findScriptVectors(renderMarkdown(String(payload)))).toEqual([]);
    },
  );

  it("email HTML escapes names and notification text", () => {
    for (const payload of corpus) {
      const mails = [
        verifyEmailMessage(payload, "https://parley.test/account/confirm-email?token=x"),
        notificationMessage({
          name: payload,
          text: `${payload} replied in “${payload}”`,
          url: "https://parley.test/threads/1",
          kindLabel: "Replies",
          unsubscribeUrl: "https://parley.test/email/unsubscribe?token=x",
          preferencesUrl: "https://parley.test/notifications/preferences",
        }),
      ];
      for (const mail of mails) {
        expect(findScriptVectors(mail.html, { allow: isOwnCharsetMeta }), payload).toEqual([]);
      }
    }
  });

  it("search highlights keep only the marks, with every user character escaped", () => {
    for (const payload of corpus) {
      const html = renderToStaticMarkup(
        SearchHighlight({
          parts: [
            { text: payload, match: false },
            { text: payload, match: true },
          ],
        }),
      );
      expect(findScriptVectors(html), payload).toEqual([]);
    }
  });
});
