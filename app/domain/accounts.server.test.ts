/**
 * The account lifecycle end to end below HTTP: real PostgreSQL, mail through nodemailer
 * to a real SMTP server in this process, the outbox worker in between.
 */
import { createHash } from "node:crypto";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import {
  linkIn,
  startTestMailServer,
  type TestMailServer,
} from "../../scripts/test-harness/mail-server";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import { createAuth } from "../auth.server";
import { createOutboxHandlers } from "../jobs/handlers.server";
import { drainOutbox } from "../jobs/outbox-worker.server";
import { createMailer } from "../mail/mailer.server";
import { readUnsubscribeToken } from "../mail/unsubscribe-tokens.server";
import { passwordProblem } from "../password-policy.server";
import { deleteAccount, FORMER_PARTICIPANT } from "./account-deletion.server";
import { endOwnSession, listSessions } from "./account-sessions.server";
import {
  changePassword,
  confirmEmailChange,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  verifyEmail,
} from "./account-lifecycle.server";
import { readDataExport, requestDataExport } from "./data-export.server";
import { listEmailedKinds } from "./email-preferences.server";
import { NotFoundError } from "./errors";
import { supportIdea } from "./supports.server";
import { registerResident, verifyCredentials } from "./users.server";

const SECRET = "test-secret-for-unsubscribe-links";
let t: TestDatabase;
let smtp: TestMailServer;
beforeAll(async () => {
  t = await openTestDatabase();
  smtp = await startTestMailServer();
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

const handlers = () =>
  createOutboxHandlers({
    search: null,
    mail: {
      mailer: createMailer({ smtpUrl: smtp.url, dataDir: "unused", from: "Parley <p@test>" }),
      siteUrl: "https://parley.test",
      secret: SECRET,
    },
  });
const drain = (now?: Date) => drainOutbox(t.db, handlers(), now ? { now: () => now } : undefined);
const auth = () =>
  createAuth(t.db, {
    production: false,
    timeouts: { idleMs: 2 * 3_600_000, absoluteMs: 24 * 3_600_000 },
  });
let counter = 0;
const uniqueEmail = () => `person-${Date.now()}-${++counter}@example.test`;
const GOOD_PASSWORD = "lantern-otter-meadow";

async function registered() {
  const email = uniqueEmail();
  const result = await registerResident(t.db, {
    email,
    displayName: "Robin Example",
    password: GOOD_PASSWORD,
  });
  if (!result.created) throw new Error("a unique address was taken");
  return { id: result.userId, email };
}

describe("confirming an email address", () => {
  it("mails a link on registration whose token confirms the address once", async () => {
    const { id, email } = await registered();
    const session = await auth().startSession(id, null);
    const cookie = session.split(";")[0];
    expect((await auth().readSession(cookie)).viewer?.mustVerifyEmail).toBe(true);

    await drain();
    const [mail] = smtp.to(email);
    expect(mail?.subject).toBe("Confirm your email address for Parley");
    const { url, token } = linkIn(mail!, "/account/confirm-email");
    expect(url.origin).toBe("https://parley.test");
    // Only the token's hash is stored.
    const stored = await t.db.selectFrom("account_tokens").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).toContain(
      createHash("sha256").update(token).digest("hex"),
    );
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    await verifyEmail(t.db, token, new Date());
    expect((await auth().readSession(cookie)).viewer?.mustVerifyEmail).toBe(false);
    await expect(verifyEmail(t.db, token, new Date())).rejects.toThrow(
      /expired or has already been used/,
    );
  });

  it("answers a registration for a taken address like any other, and mails its holder", async () => {
    const { email } = await registered();
    await drain();
    const before = smtp.to(email).length;
    const again = await registerResident(t.db, {
      email: email.toUpperCase(),
      displayName: "Someone Else",
      password: "another-long-password",
    });
    expect(again).toEqual({ created: false });
    await drain();
    const mails = smtp.to(email).slice(before);
    expect(mails.map((m) => m.subject)).toEqual([
      "Someone tried to register with your email address",
    ]);
    // Nothing the stranger typed reaches the holder's inbox.
    expect(mails[0]!.text).not.toContain("Someone Else");
    expect(mails[0]!.text).toContain("/forgot-password");
  });

  it("keeps unconfirmed accounts from posting unless the setting allows it", async () => {
    const { id } = await registered();
    const cookie = (await auth().startSession(id, null)).split(";")[0];
    const viewer = (await auth().readSession(cookie)).viewer!;
    const issue = await makeIssue(t.db);
    const attempt = () =>
      postThread(
        t.db,
        viewer,
        issue.slug,
        { kind: "discussion", title: "Bus shelter", body: "Please" },
        new Date(),
      );
    await expect(attempt()).rejects.toThrow(/Confirm your email address/);

    await t.db.updateTable("moderation_settings").set({ unverified_may_post: true }).execute();
    try {
      const allowed = (await auth().readSession(cookie)).viewer!;
      expect(allowed.mustVerifyEmail).toBe(false);
    } finally {
      await t.db.updateTable("moderation_settings").set({ unverified_may_post: false }).execute();
    }
  });
});

describe("resetting a forgotten password", () => {
  it("mails a single-use link that expires in an hour and ends every session", async () => {
    const { id, email } = await registered();
    const cookie = (await auth().startSession(id, null)).split(";")[0];
    await requestPasswordReset(t.db, email.toUpperCase());
    await drain();
    const mail = smtp.to(email).find((m) => m.subject === "Reset your Parley password");
    const { token } = linkIn(mail!, "/reset-password");

    const later = new Date(Date.now() + 61 * 60_000);
    await expect(
      resetPassword(t.db, { token, password: "a-new-long-password" }, later),
    ).rejects.toThrow(/expired/);
    await expect(resetPassword(t.db, { token, password: "password1" }, new Date())).rejects.toThrow(
      /most common/,
    );
    await resetPassword(t.db, { token, password: "a-new-long-password" }, new Date());
    expect((await auth().readSession(cookie)).viewer).toBeNull();
    expect(await verifyCredentials(t.db, email, "a-new-long-password")).toBe(id);
    expect(await verifyCredentials(t.db, email, GOOD_PASSWORD)).toBeNull();
    await expect(
      resetPassword(t.db, { token, password: "another-long-password" }, new Date()),
    ).rejects.toThrow(/already been used/);
    await drain();
    expect(smtp.to(email).at(-1)?.subject).toBe("Your Parley account was changed");
  });

  it("says nothing and sends nothing for an address with no account", async () => {
    const before = smtp.delivered.length;
    await requestPasswordReset(t.db, "nobody-here@example.test");
    await drain();
    expect(smtp.delivered.length).toBe(before);
  });
});

describe("changing password and email", () => {
  it("changes the password and signs out every other session, keeping this one", async () => {
    const { id, email } = await registered();
    const here = (await auth().startSession(id, null)).split(";")[0]!;
    const elsewhere = (await auth().startSession(id, null)).split(";")[0]!;
    const hereId = (await auth().readSession(here)).sessionId;
    await expect(
      changePassword(t.db, {
        userId: id,
        currentPassword: "wrong",
        newPassword: "x-long-new-pass",
        sessionId: hereId,
      }),
    ).rejects.toThrow(/current password is not right/);
    await changePassword(t.db, {
      userId: id,
      currentPassword: GOOD_PASSWORD,
      newPassword: "x-long-new-pass",
      sessionId: hereId,
    });
    expect((await auth().readSession(here)).viewer?.id).toBe(id);
    expect((await auth().readSession(elsewhere)).viewer).toBeNull();
    expect(await verifyCredentials(t.db, email, "x-long-new-pass")).toBe(id);
  });

  it("moves to a new address only once the link sent there is followed", async () => {
    const { id, email } = await registered();
    const elsewhere = (await auth().startSession(id, null)).split(";")[0]!;
    const newEmail = uniqueEmail();
    await requestEmailChange(t.db, { userId: id, currentPassword: GOOD_PASSWORD, newEmail });
    await drain();
    expect(await verifyCredentials(t.db, email, GOOD_PASSWORD)).toBe(id);
    const { token } = linkIn(smtp.to(newEmail)[0]!, "/account/confirm-new-email");
    await confirmEmailChange(t.db, { token, sessionId: null }, new Date());
    expect(await verifyCredentials(t.db, newEmail, GOOD_PASSWORD)).toBe(id);
    expect(await verifyCredentials(t.db, email, GOOD_PASSWORD)).toBeNull();
    expect((await auth().readSession(elsewhere)).viewer).toBeNull();
    await drain();
    // The old address hears of it, in case it was not them.
    expect(smtp.to(email).at(-1)?.text).toContain(`changed to ${newEmail}`);
  });
});

describe("sessions", () => {
  it("end after the idle timeout and after the absolute timeout", async () => {
    const user = await makeUser(t.db);
    const idle = (await auth().startSession(user.id, null)).split(";")[0]!;
    const old = (await auth().startSession(user.id, null)).split(";")[0]!;
    await t.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - 3 * 3_600_000) })
      .where("id", "=", createHash("sha256").update(idle.split("=")[1]!).digest("hex"))
      .execute();
    await t.db
      .updateTable("sessions")
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000) } as never)
      .where("id", "=", createHash("sha256").update(old.split("=")[1]!).digest("hex"))
      .execute();
    expect((await auth().readSession(idle)).viewer).toBeNull();
    expect((await auth().readSession(old)).viewer).toBeNull();
  });
});

describe("where you are signed in", () => {
  it("lists your sessions with their browsers, and ends one of yours but never someone else's", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const firefox =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0";
    const here = (await auth().startSession(user.id, null, firefox)).split(";")[0]!;
    const phone = (
      await auth().startSession(
        user.id,
        null,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      )
    ).split(";")[0]!;
    const theirs = (await auth().startSession(other.id, null, null)).split(";")[0]!;
    const hereId = (await auth().readSession(here)).sessionId;
    const sessions = await listSessions(t.db, user.id, hereId, new Date());
    expect(sessions.map((s) => [s.device, s.current])).toEqual([
      ["Firefox on Windows", true],
      ["Safari on iOS", false],
    ]);
    const otherKey = (await listSessions(t.db, other.id, null, new Date()))[0]!.key;
    expect(await endOwnSession(t.db, user.id, otherKey)).toBe(false);
    expect((await auth().readSession(theirs)).viewer?.id).toBe(other.id);
    expect(await endOwnSession(t.db, user.id, sessions[1]!.key)).toBe(true);
    expect((await auth().readSession(phone)).viewer).toBeNull();
    expect((await auth().readSession(here)).viewer?.id).toBe(user.id);
  });
});

describe("passwords", () => {
  it("refuses common passwords and lengths outside 8 to 64, accepting anything else", () => {
    expect(passwordProblem("password")).toMatch(/most common/);
    expect(passwordProblem("Qwertyuiop")).toMatch(/most common/);
    expect(passwordProblem("short")).toMatch(/at least 8/);
    expect(passwordProblem("x".repeat(65))).toMatch(/at most 64/);
    expect(passwordProblem("same@example.test", "same@example.test")).toMatch(/email/);
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("ünïcödé-pässwörd ✓")).toBeNull();
  });
});

describe("notification email", () => {
  it("mails a reply with a one-click unsubscribe link whose signature cannot be forged", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Library hours", body: "Open later?" },
      new Date(),
    );
    await drain();
    const address = (
      await t.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", author.id)
        .executeTakeFirstOrThrow()
    ).email;
    await postReply(t.db, replier, threadId, { body: "Agreed", replyToId: null }, new Date());
    await drain();
    const [mail] = smtp.to(address);
    expect(mail?.subject).toContain("replied");
    const headerLine = (key: string) =>
      mail?.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, "") ?? "";
    const header = headerLine("list-unsubscribe");
    expect(headerLine("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const token = new URL(/<([^>]+)>/.exec(header)![1]!).searchParams.get("token")!;
    expect(readUnsubscribeToken(SECRET, token)).toEqual({ userId: author.id, kind: "reply" });
    expect(readUnsubscribeToken("another-secret", token)).toBeNull();
    expect(
      readUnsubscribeToken(SECRET, token.replace(`${author.id}.`, `${replier.id}.`)),
    ).toBeNull();
  });

  it("sends nothing for a kind switched off, and nothing to unconfirmed addresses", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    const unconfirmed = await makeUser(t.db);
    const replier = await makeUser(t.db);
    await t.db
      .insertInto("email_preferences")
      .values({ user_id: author.id, kind: "reply", enabled: false })
      .execute();
    expect(await listEmailedKinds(t.db, author.id)).toEqual([
      "official_answer",
      "outcome",
      "considered",
    ]);
    const one = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Parking", body: "More?" },
      new Date(),
    );
    const two = await postThread(
      t.db,
      unconfirmed,
      issue.slug,
      { kind: "discussion", title: "Parking two", body: "Less?" },
      new Date(),
    );
    await t.db
      .updateTable("users")
      .set({ email_verified_at: null })
      .where("id", "=", unconfirmed.id)
      .execute();
    await drain();
    const before = smtp.delivered.length;
    await postReply(t.db, replier, one, { body: "Yes", replyToId: null }, new Date());
    await postReply(t.db, replier, two, { body: "No", replyToId: null }, new Date());
    await drain();
    expect(smtp.delivered.length).toBe(before);
  });

  it("keeps a mail through an SMTP outage and sends it when the server is back", async () => {
    const { email } = await registered();
    smtp.setRefusing(true);
    try {
      const outcome = await drain();
      expect(outcome.failed).toBeGreaterThan(0);
    } finally {
      smtp.setRefusing(false);
    }
    expect(smtp.to(email)).toHaveLength(0);
    await drain(new Date(Date.now() + 60 * 60_000));
    expect(smtp.to(email).map((m) => m.subject)).toEqual(["Confirm your email address for Parley"]);
  });
});

describe("download my data", () => {
  it("zips profile, posts, supports and flags as JSON and CSV for the owner only, until it expires", async () => {
    const issue = await makeIssue(t.db);
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      owner,
      issue.slug,
      { kind: "idea", title: "Swings in the park", body: "For the little ones, please" },
      new Date(),
    );
    await supportIdea(t.db, other, threadId, new Date());
    const exportId = await requestDataExport(t.db, owner.id, new Date());
    await expect(readDataExport(t.db, { exportId, userId: owner.id }, new Date())).rejects.toThrow(
      NotFoundError,
    );
    await drain();
    const zip = unzipSync(await readDataExport(t.db, { exportId, userId: owner.id }, new Date()));
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining([
        "profile.json",
        "profile.csv",
        "posts.json",
        "posts.csv",
        "supports.csv",
        "flags.csv",
        "moderationDecisions.json",
        "README.txt",
      ]),
    );
    expect(JSON.parse(strFromU8(zip["posts.json"]!))[0].text).toBe("For the little ones, please");
    expect(strFromU8(zip["threads.csv"]!)).toContain("Swings in the park");
    await expect(readDataExport(t.db, { exportId, userId: other.id }, new Date())).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      readDataExport(t.db, { exportId, userId: owner.id }, new Date(Date.now() + 8 * 86_400_000)),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("deleting an account", () => {
  it("removes personal data and sessions, keeping posts under “Former participant” when asked", async () => {
    const { id, email } = await registered();
    await verifyEmail(
      t.db,
      linkIn((await drain(), smtp.to(email)[0]!), "/account/confirm-email").token,
      new Date(),
    );
    const cookie = (await auth().startSession(id, null)).split(";")[0]!;
    const viewer = (await auth().readSession(cookie)).viewer!;
    const issue = await makeIssue(t.db);
    const threadId = await postThread(
      t.db,
      viewer,
      issue.slug,
      { kind: "discussion", title: "Street lights", body: "Too dim on Elm Road" },
      new Date(),
    );
    await expect(
      deleteAccount(t.db, { userId: id, password: "wrong", contributions: "keep" }, new Date()),
    ).rejects.toThrow(/not right/);
    await deleteAccount(
      t.db,
      { userId: id, password: GOOD_PASSWORD, contributions: "keep" },
      new Date(),
    );

    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe(FORMER_PARTICIPANT);
    expect(user.email).not.toContain(email);
    expect(user.password_hash).toBeNull();
    expect((await auth().readSession(cookie)).viewer).toBeNull();
    expect(await verifyCredentials(t.db, email, GOOD_PASSWORD)).toBeNull();
    const post = await t.db
      .selectFrom("posts")
      .select(["body_md", "status"])
      .where("thread_id", "=", threadId)
      .executeTakeFirstOrThrow();
    // New accounts' first posts wait for a moderator; either way the text stays.
    expect(post.body_md).toBe("Too dim on Elm Road");
    // The address is free again for a new account.
    expect(
      await registerResident(t.db, { email, displayName: "Robin Again", password: GOOD_PASSWORD }),
    ).toMatchObject({ created: true });
  });

  it("removes what they wrote when they choose, earlier versions included", async () => {
    const owner = await makeUser(t.db);
    await t.db
      .updateTable("users")
      .set({
        password_hash: await (await import("../passwords.server")).hashPassword(GOOD_PASSWORD),
      })
      .where("id", "=", owner.id)
      .execute();
    const issue = await makeIssue(t.db);
    const threadId = await postThread(
      t.db,
      owner,
      issue.slug,
      { kind: "discussion", title: "My private worry", body: "Something personal" },
      new Date(),
    );
    await deleteAccount(
      t.db,
      { userId: owner.id, password: GOOD_PASSWORD, contributions: "remove" },
      new Date(),
    );
    const thread = await t.db
      .selectFrom("threads")
      .select("title")
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    expect(thread.title).not.toContain("private worry");
    const posts = await t.db
      .selectFrom("posts")
      .select(["body_md", "status"])
      .where("author_id", "=", owner.id)
      .execute();
    expect(posts).toEqual([{ body_md: "", status: "deleted" }]);
    const outbox = await t.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "search.sync")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(outbox.payload).toEqual({ kind: "author", id: owner.id });
  });
});
