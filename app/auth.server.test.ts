import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { makeUser } from "../scripts/test-harness/factories";
import { createAuth, safeRedirectPath } from "./auth.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

function tokenFrom(setCookie: string): string {
  const match = /^parley_session=([^;]*)/.exec(setCookie);
  if (!match?.[1]) throw new Error(`no session cookie in ${setCookie}`);
  return match[1];
}

const TIMEOUTS = { idleMs: 3_600_000, absoluteMs: 86_400_000 };

describe("sessions", () => {
  it("stores only a hash of the session token, and recognises the token", async () => {
    const auth = createAuth(t.db, { production: false, timeouts: TIMEOUTS });
    const user = await makeUser(t.db);
    const setCookie = await auth.startSession(user.id, null);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = tokenFrom(setCookie);

    const rows = await t.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(token);
    expect(rows[0]?.id).toBe(createHash("sha256").update(token).digest("hex"));

    const session = await auth.readSession(`parley_session=${token}`);
    expect(session.viewer?.id).toBe(user.id);
  });

  it("rotates the session on sign-in: the old token stops working", async () => {
    const auth = createAuth(t.db, { production: false, timeouts: TIMEOUTS });
    const user = await makeUser(t.db);
    const first = tokenFrom(await auth.startSession(user.id, null));
    const second = tokenFrom(await auth.startSession(user.id, first));
    expect((await auth.readSession(`parley_session=${first}`)).viewer).toBeNull();
    expect((await auth.readSession(`parley_session=${second}`)).viewer?.id).toBe(user.id);
  });

  it("ends a session on sign-out and clears the cookie", async () => {
    const auth = createAuth(t.db, { production: false, timeouts: TIMEOUTS });
    const user = await makeUser(t.db);
    const token = tokenFrom(await auth.startSession(user.id, null));
    const cleared = await auth.endSession(token);
    expect(cleared).toMatch(/parley_session=;/);
    expect((await auth.readSession(`parley_session=${token}`)).viewer).toBeNull();
  });

  it("treats a forged token as signed out and clears it", async () => {
    const auth = createAuth(t.db, { production: false, timeouts: TIMEOUTS });
    const session = await auth.readSession("parley_session=forged-token-value");
    expect(session.viewer).toBeNull();
    expect(session.setCookies[0]).toMatch(/parley_session=;/);
  });

  it("uses a Secure __Host- cookie in production", async () => {
    const auth = createAuth(t.db, { production: true, timeouts: TIMEOUTS });
    const user = await makeUser(t.db);
    const setCookie = await auth.startSession(user.id, null);
    expect(setCookie).toMatch(/^__Host-parley_session=/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/issues/mill-lane", "/issues/mill-lane"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["", "/"],
    [null, "/"],
    // Browsers drop tabs and newlines in URLs: "/\t/evil.example" would be "//evil.example".
    ["/\t/evil.example/phish", "/"],
    ["/\n/evil.example", "/"],
    ["/\r/evil.example", "/"],
    ["/ /evil.example", "/"],
    ["/\u0000", "/"],
    ["/\u3000/evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/threads/12?after=3#post-4", "/threads/12?after=3#post-4"],
  ])("sends %j to %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("reading a session from a hostile Cookie header", () => {
  it("treats a cookie that does not decode as no session, not an error", async () => {
    const auth = createAuth(t.db, {
      production: false,
      timeouts: { idleMs: 3_600_000, absoluteMs: 86_400_000 },
    });
    const session = await auth.readSession("parley_session=%ff%fe; other=%");
    expect(session.viewer).toBeNull();
  });
});
