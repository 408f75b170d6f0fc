import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

// Classic ways to smuggle script into Markdown or HTML. Issue 7 grows this into a 300-payload corpus.
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<iframe src=javascript:alert(1)></iframe>",
  "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
  "<body onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  "[click](javascript:alert(1))",
  "[click](JAVASCRIPT:alert(1))",
  "[click](data:text/html,<script>alert(1)</script>)",
  "[click](&#x6A;avascript:alert(1))",
  "![x](javascript:alert(1))",
  "![x](https://tracker.example/pixel.gif)",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<style>body{display:none}</style>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  "<input autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<marquee onstart=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  "<link rel=stylesheet href=javascript:alert(1)>",
  '<p title="x" onclick="alert(1)">hi</p>',
  '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  "<textarea><script>alert(1)</script></textarea>",
  "`<script>alert(1)</script>`",
  "```\n<script>alert(1)</script>\n```",
  "<<script>script>alert(1)<</script>/script>",
  "<scr<script>ipt>alert(1)</script>",
  '<a href="//evil.example">protocol relative</a>',
];

const EXECUTABLE = [
  /<script/i,
  /\son\w+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:/i,
  /<iframe/i,
  /<svg/i,
  /<img/i,
  /<style/i,
  /<object/i,
  /<embed/i,
  /<form/i,
  /<input/i,
  /<meta/i,
  /<base/i,
  /<link/i,
  /style=/i,
];

describe("renderMarkdown", () => {
  it.each(PAYLOADS)("leaves nothing executable in %s", (payload) => {
    const html = renderMarkdown(payload);
    for (const pattern of EXECUTABLE) {
      // Escaped text (&lt;script&gt;) is fine: it shows as text. Only live markup counts.
      expect(html.replace(/&lt;[\s\S]*?&gt;/g, "")).not.toMatch(pattern);
    }
  });

  it("keeps ordinary formatting and safe links, marked as user content", () => {
    const html = renderMarkdown(
      "Hello **Mill Lane**, see [the plan](https://northbridge.example/plan).\n\n- one\n- two",
    );
    expect(html).toContain("<strong>Mill Lane</strong>");
    expect(html).toContain(
      '<a href="https://northbridge.example/plan" rel="nofollow ugc noopener noreferrer">the plan</a>',
    );
    expect(html).toContain("<li>one</li>");
  });

  it("demotes headings so user content never outranks the page's own", () => {
    expect(renderMarkdown("# Big\n\n## Smaller")).toBe("<h3>Big</h3>\n<h3>Smaller</h3>\n");
  });

  it("shows code as text", () => {
    expect(renderMarkdown("`<b>x</b>`")).toContain("<code>&lt;b&gt;x&lt;/b&gt;</code>");
  });
});
