/**
 * The XSS corpus through the real app: a display name, a thread title, posts, a reply,
 * outcome text and search queries written through the forms, then every output that
 * shows them scanned as a browser would parse it: thread, profile, notifications, the
 * moderation queue, item and audit log, the outcome page and list, RSS and Atom feeds,
 * search results with highlights, and the notification email.
 */
import { staffStorageState } from "./second-factors";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { buildXssCorpus } from "../scripts/test-harness/xss-corpus";
import { findScriptVectors } from "../scripts/test-harness/xss-scan";
import { registerThroughForm, withE2eDatabase } from "./e2e-database";
import { receivedMail } from "./fixtures";

const origin = () => process.env.PARLEY_E2E_URL ?? "";
const headers = () => ({ Origin: origin() });
const corpus = buildXssCorpus();
const NAME = "<img src=x onerror=alert(1)>";
const TITLE = '"><svg onload=alert(1)> <script>x</script>';

async function signedIn(request: APIRequestContext, email: string, password: string) {
  const response = await request.post("/sign-in", {
    form: { email, password },
    headers: headers(),
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}

/** Our own tags: scripts carrying this response's nonce, and the two meta tags of the layout. */
function scan(html: string, nonce: string | null): string[] {
  return findScriptVectors(html, {
    allow: (tag, attributes) =>
      (tag === "script" && nonce !== null && attributes.nonce === nonce) ||
      (tag === "meta" && ("charset" in attributes || attributes.name === "viewport")),
  });
}

/** The output shows the hostile text (so the check means something) and none of it runs. */
async function expectInert(response: APIResponse, what: string) {
  expect(response.status(), what).toBeLessThan(400);
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const html = await response.text();
  expect(html, `${what} shows the hostile text`).toMatch(/alert\(1\)|msgbox\(1\)|base64/i);
  expect(scan(html, nonce ?? null), what).toEqual([]);
}

/** Posts the corpus in as few posts as the length limit allows. */
function chunks(payloads: string[], limit = 19_000): string[] {
  const result: string[] = [];
  let current = "";
  for (const payload of payloads) {
    if (current.length + payload.length + 2 > limit) {
      result.push(current);
      current = "";
    }
    current += `${payload}\n\n`;
  }
  if (current) result.push(current);
  return result;
}

test("every output stays inert when people write the XSS corpus into every field", async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  // Staff sign in on the browser the staff setup remembered for them (second-factors.ts).
  const open = (staffEmail?: string) =>
    playwright.request.newContext({
      baseURL: origin(),
      storageState: staffEmail ? staffStorageState(staffEmail) : undefined,
    });
  const [attacker, victim, moderator, officer, anonymous] = await Promise.all([
    open(),
    open(),
    open("moderator@northbridge.example"),
    open("officer@northbridge.example"),
    open(),
  ]);
  try {
    // A brand-new account: its first posts wait in the moderation queue.
    await registerThroughForm(attacker, { name: NAME, trustLevel: 0 });
    const { email: victimEmail } = await registerThroughForm(victim, {
      name: "Victim Resident",
      trustLevel: 2,
    });
    await signedIn(moderator, "moderator@northbridge.example", "parley-moderator-demo");
    await signedIn(officer, "officer@northbridge.example", "parley-officer-demo");

    // An issue of this test's own: publishing its outcome closes it to new threads.
    const { areaId, categoryId } = await withE2eDatabase(async (c) => {
      const { rows } = await c.query<{ areaId: number; categoryId: number }>(
        `select (select id from areas order by id limit 1) as "areaId",
                (select id from categories order by id limit 1) as "categoryId"`,
      );
      return rows[0]!;
    });
    const issue = await officer.post("/issues/new", {
      form: {
        title: `Hostile input check ${Date.now()}`,
        summary: "An issue for the XSS corpus.",
        areaId: String(areaId),
        categoryId: String(categoryId),
        closesOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        team: "",
        publish: "now",
      },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(issue.status()).toBe(303);
    const slug = (issue.headers().location ?? "").replace(/^\/issues\//, "");

    // The victim starts a thread; the attacker answers it (a reply email to the victim).
    const victimThread = await victim.post(`/issues/${slug}/new-thread`, {
      form: { kind: "discussion", title: "Quiet study space", body: "Could we have one?" },
      headers: headers(),
      maxRedirects: 0,
    });
    const victimThreadPath = victimThread.headers().location ?? "";
    expect(victimThreadPath).toMatch(/^\/threads\/\d+/);

    // What the rules hold goes through the moderators' queue and is approved there.
    let queueSeen = false;
    let edited = false;
    const approveHeld = async () => {
      const held = await withE2eDatabase(async (c) => {
        const { rows } = await c.query<{ id: number; version: number }>(
          `select i.id, i.version from moderation_items i join posts p on p.id = i.post_id
             join users u on u.id = p.author_id where u.display_name = $1 and i.status = 'open'`,
          [NAME],
        );
        return rows;
      });
      if (held.length > 0 && !queueSeen) {
        await expectInert(await moderator.get("/moderation"), "the moderation queue");
        queueSeen = true;
      }
      for (const item of held) {
        await expectInert(await moderator.get(`/moderation/items/${item.id}`), "a moderation item");
        // One is edited before approval, so the audit log holds the hostile original.
        const edit = !edited;
        edited = true;
        const approved = await moderator.post(`/moderation/items/${item.id}`, {
          form: edit
            ? {
                intent: "edit-approve",
                version: String(item.version),
                body: `Edited by a moderator. ${corpus.slice(0, 30).join("\n\n")}`,
              }
            : { intent: "approve", version: String(item.version) },
          headers: headers(),
          maxRedirects: 0,
        });
        expect(approved.status()).toBe(303);
      }
    };

    // The attacker's thread: a hostile title, the corpus as its posts.
    const [first, ...rest] = chunks(corpus);
    const started = await attacker.post(`/issues/${slug}/new-thread`, {
      form: { kind: "idea", title: TITLE, body: first! },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(started.status()).toBe(303);
    const threadPath = (started.headers().location ?? "").replace(/\?.*$/, "");
    await approveHeld();
    for (const body of rest) {
      const reply = await attacker.post(threadPath, {
        form: { intent: "reply", body },
        headers: headers(),
        maxRedirects: 0,
      });
      expect(reply.status()).toBe(303);
      await approveHeld();
    }
    const replied = await attacker.post(victimThreadPath, {
      form: { intent: "reply", body: corpus.slice(0, 40).join("\n\n") },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(replied.status()).toBe(303);
    await approveHeld();
    expect(queueSeen, "the new account's posts went through the queue").toBe(true);

    await expectInert(await moderator.get("/moderation/audit"), "the audit log");

    // An outcome quoting the corpus, citing the attacker's opening post.
    const openingPost = await withE2eDatabase(async (c) => {
      const { rows } = await c.query<{ id: number }>(
        "select p.id from posts p join threads t on t.id = p.thread_id where t.title = $1 order by p.id limit 1",
        [TITLE],
      );
      return rows[0]!.id;
    });
    const drafted = await officer.post(`/issues/${slug}/outcomes/new`, {
      form: {
        title: TITLE,
        youSaid: chunks(corpus)[0]!,
        weDid: corpus.slice(100, 200).join("\n\n"),
        status: "in_progress",
        progress: "40",
        nextSteps: "",
        team: NAME,
        cite: String(openingPost),
      },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(drafted.status()).toBe(303);
    const outcomePath = (drafted.headers().location ?? "").replace(/\?.*$/, "");
    const published = await officer.post(outcomePath, { headers: headers(), maxRedirects: 0 });
    expect(published.status()).toBe(303);

    // Every page, feed and search that shows any of it.
    const attackerId = await withE2eDatabase(async (c) => {
      const { rows } = await c.query<{ id: number }>(
        "select id from users where display_name = $1 order by id desc limit 1",
        [NAME],
      );
      return rows[0]!.id;
    });
    for (const [what, path] of [
      ["the attacker's thread", threadPath],
      ["the victim's thread", victimThreadPath],
      ["the attacker's profile", `/people/${attackerId}`],
      ["the issue page", `/issues/${slug}`],
      ["the outcome page", outcomePath],
      ["the outcomes list", "/outcomes"],
      ["the home page", "/"],
      ["the site RSS feed", "/feeds/outcomes/rss"],
      ["the site Atom feed", "/feeds/outcomes/atom"],
      ["the issue's RSS feed", `/feeds/issue-${slug}/rss`],
    ] as const) {
      await expectInert(await anonymous.get(path), what);
    }
    // Notifications are fanned out by the worker after commit: wait for the reply's.
    await expect
      .poll(async () => (await victim.get("/notifications")).text(), { timeout: 15_000 })
      .toContain("alert(1)");
    await expectInert(await victim.get("/notifications"), "the victim's notifications");

    await expect
      .poll(async () => (await anonymous.get("/search?q=onerror+alert")).text(), {
        timeout: 15_000,
      })
      .toContain("<mark>");
    await expectInert(await anonymous.get("/search?q=onerror+alert"), "search highlights");
    for (const query of corpus.filter((_, index) => index % 10 === 0)) {
      const response = await anonymous.get(`/search?q=${encodeURIComponent(query.slice(0, 200))}`);
      await expectInert(response, `a search for ${query}`);
    }

    const mail = await receivedMail(victimEmail, /replied/);
    expect(mail.html).toBeTruthy();
    expect(scan(String(mail.html), null).filter((p) => p !== "<meta>")).toEqual([]);
    expect(mail.subject).toContain(NAME);
  } finally {
    for (const context of [attacker, victim, moderator, officer, anonymous])
      await context.dispose();
  }
});
