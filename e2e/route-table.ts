/**
 * The route table: every route of the app, with what a GET answers each kind of visitor
 * and which visitors a POST must refuse. The authorisation matrix checks the table
 * names every route the build serves and that each answers as it says; the layout
 * check visits every page the table says a visitor may see. A new page joins both.
 */

import { withE2eDatabase } from "./e2e-database";

export const VISITORS = [
  "anonymous",
  "resident",
  "owner",
  "suspended",
  "moderator",
  "officer",
  "admin",
  // An officer whose account has no second factor yet: until it sets one up, its session
  // is nobody's, so it gets what an anonymous visitor gets unless a row says otherwise.
  "unenrolled",
] as const;
export type Visitor = (typeof VISITORS)[number];

/** Objects the routes are asked about: the owner's thread, post and data export, and more. */
export interface Objects {
  ownerId: number;
  threadId: number;
  postId: number;
  exportId: number;
  itemId: number;
  outcomeId: number;
}

/** Status per visitor; `all` is the default for anyone not named. */
export type Expect = Partial<Record<Visitor | "all" | "signedIn" | "staff", number>>;

export interface RouteCase {
  /** The route's file name in app/routes, without extension. */
  route: string;
  url: (o: Objects) => string;
  get: Expect;
  /** Visitors whose POST must be refused, with the status they get; nothing may change. */
  postRefused?: Expect;
  /** What a GET serves when it is not an HTML page (a feed, a download): no layout to check. */
  serves?: "feed" | "download" | "status";
}

const SIGN_IN_FIRST = 303;
const signedInOnly: Expect = { anonymous: SIGN_IN_FIRST, all: 200 };
const forAdmins: Expect = { anonymous: SIGN_IN_FIRST, all: 403, admin: 200 };
const forModerators: Expect = { anonymous: SIGN_IN_FIRST, all: 403, moderator: 200, admin: 200 };
const forOfficers: Expect = { anonymous: SIGN_IN_FIRST, all: 403, officer: 200, admin: 200 };
/** Everyone signed in who lacks the role is refused; a stranger is sent to sign in. */
const refuseAllBut = (...allowed: Visitor[]): Expect =>
  Object.fromEntries(
    VISITORS.filter((v) => !allowed.includes(v) && v !== "admin").map((v) => [
      v,
      v === "anonymous" || v === "unenrolled" ? SIGN_IN_FIRST : 403,
    ]),
  );
const refuseNonAdmins = refuseAllBut();
const refuseNonOfficers = refuseAllBut("officer");
const refuseNonModerators = refuseAllBut("moderator");

export const ROUTES: RouteCase[] = [
  { route: "_index", url: () => "/", get: { all: 200 } },
  { route: "$", url: () => "/no-such-page", get: { all: 404 } },
  { route: "accessibility", url: () => "/accessibility", get: { all: 200 } },
  { route: "privacy", url: () => "/privacy", get: { all: 200 } },
  // The benchmark's floor page exists only with PARLEY_BENCH_FLOOR=on.
  { route: "bench-floor", url: () => "/bench-floor", get: { all: 404 } },
  { route: "house-rules", url: () => "/house-rules", get: { all: 200 } },
  { route: "how-we-listen._index", url: () => "/how-we-listen", get: { all: 200 } },
  { route: "how-we-listen.methods", url: () => "/how-we-listen/methods", get: { all: 200 } },
  { route: "open-data._index", url: () => "/open-data", get: { all: 200 } },
  {
    route: "open-data.$file",
    url: () => "/open-data/issues.csv",
    get: { all: 200 },
    serves: "download",
  },
  { route: "api.v1.$", url: () => "/api/v1/issues", get: { all: 200 }, serves: "status" },
  { route: "staff.listening", url: () => "/staff/listening", get: forOfficers },
  { route: "healthz", url: () => "/healthz", get: { all: 200 }, serves: "status" },
  { route: "announcements", url: () => "/announcements", get: { all: 200 } },
  { route: "areas.$slug", url: () => "/areas/castlegate", get: { all: 200 } },
  {
    route: "categories.$slug",
    url: () => "/categories/libraries-and-culture",
    get: { all: 200 },
  },
  { route: "search", url: () => "/search?q=library", get: { all: 200 } },
  {
    route: "feeds.$scope.$format",
    url: () => "/feeds/outcomes/rss",
    get: { all: 200 },
    serves: "feed",
  },
  { route: "outcomes._index", url: () => "/outcomes", get: { all: 200 } },
  { route: "outcomes.$id._index", url: (o) => `/outcomes/${o.outcomeId}`, get: { all: 200 } },
  { route: "account-deleted", url: () => "/account-deleted", get: { all: 200 } },
  {
    route: "issues.$slug",
    url: () => "/issues/library-opening-hours",
    get: { all: 200 },
  },
  { route: "threads.$id", url: (o) => `/threads/${o.threadId}`, get: { all: 200 } },
  { route: "people.$id", url: (o) => `/people/${o.ownerId}`, get: { all: 200 } },
  { route: "posts.$id._index", url: (o) => `/posts/${o.postId}`, get: { all: 302 } },
  { route: "posts.$id.history", url: (o) => `/posts/${o.postId}/history`, get: { all: 200 } },
  // Who you are decides what these show, not whether you may see them.
  { route: "sign-in", url: () => "/sign-in", get: { anonymous: 200, all: 302 } },
  // Only a session owing its code stays on the code page; everyone else is sent on.
  { route: "sign-in_.code", url: () => "/sign-in/code", get: { all: 302 } },
  {
    route: "account.authenticator",
    url: () => "/account/authenticator",
    // The one page an unenrolled staff sign-in reaches (besides signing out).
    get: { anonymous: SIGN_IN_FIRST, unenrolled: 200, all: 200 },
    // The unenrolled officer may post here: it is where they set up their factor.
    postRefused: { anonymous: SIGN_IN_FIRST, unenrolled: undefined },
  },
  { route: "account.two-factor", url: () => "/account/two-factor", get: signedInOnly },
  {
    route: "account.passkeys",
    url: () => "/account/passkeys",
    get: { anonymous: SIGN_IN_FIRST, unenrolled: 200, all: 200 },
  },
  // JSON for the passkey button: POST only.
  {
    route: "passkey-challenge",
    url: () => "/passkey-challenge",
    get: { all: 405 },
    serves: "status",
  },
  { route: "sign-in_.passkey", url: () => "/sign-in/passkey", get: { all: 302 } },
  // Single sign-on: the button POSTs (a GET is sent to the sign-in page); the provider
  // sends browsers back to the callback, which without an attempt's state is a refusal;
  // back-channel logout takes only the provider's POST.
  { route: "sign-in_.sso.$provider", url: () => "/sign-in/sso/council", get: { all: 302 } },
  {
    route: "sign-in_.sso.$provider_.callback",
    url: () => "/sign-in/sso/council/callback?code=x&state=not-one-of-ours",
    get: { all: 400 },
  },
  {
    route: "sign-in_.sso.$provider_.back-channel-logout",
    url: () => "/sign-in/sso/council/back-channel-logout",
    get: { all: 405 },
    serves: "status",
  },
  { route: "register", url: () => "/register", get: { anonymous: 200, all: 302 } },
  { route: "sign-out", url: () => "/sign-out", get: { all: 302 } },
  { route: "forgot-password", url: () => "/forgot-password", get: { all: 200 } },
  { route: "reset-password", url: () => "/reset-password", get: { all: 200 } },
  { route: "account.confirm-email", url: () => "/account/confirm-email", get: { all: 200 } },
  {
    route: "account.confirm-new-email",
    url: () => "/account/confirm-new-email",
    get: { all: 200 },
  },
  { route: "email.unsubscribe", url: () => "/email/unsubscribe", get: { all: 400 } },
  // Your own account.
  { route: "account._index", url: () => "/account", get: signedInOnly },
  { route: "account.profile", url: () => "/account/profile", get: signedInOnly },
  { route: "account.email", url: () => "/account/email", get: signedInOnly },
  { route: "account.password", url: () => "/account/password", get: signedInOnly },
  { route: "account.data", url: () => "/account/data", get: signedInOnly },
  { route: "account.delete", url: () => "/account/delete", get: signedInOnly },
  { route: "notifications", url: () => "/notifications", get: signedInOnly },
  {
    route: "notifications_.preferences",
    url: () => "/notifications/preferences",
    get: signedInOnly,
  },
  {
    route: "account.data.$id",
    url: (o) => `/account/data/${o.exportId}`,
    // Someone else's export does not exist, as far as anyone else can tell.
    get: { anonymous: SIGN_IN_FIRST, all: 404, owner: 200 },
    serves: "download",
  },
  // Contributing: any signed-in person reaches the form (a suspended one is told why).
  {
    route: "issues.$slug_.new-thread",
    url: () => "/issues/library-opening-hours/new-thread",
    get: signedInOnly,
  },
  {
    route: "posts.$id.flag",
    url: (o) => `/posts/${o.postId}/flag`,
    // Nobody flags their own post.
    get: { ...signedInOnly, owner: 403 },
  },
  // The author's own post.
  {
    route: "posts.$id.edit",
    url: (o) => `/posts/${o.postId}/edit`,
    get: { anonymous: SIGN_IN_FIRST, all: 403, owner: 200 },
    postRefused: { anonymous: SIGN_IN_FIRST, resident: 403, suspended: 403, officer: 403 },
  },
  {
    route: "posts.$id.delete",
    url: (o) => `/posts/${o.postId}/delete`,
    get: { anonymous: SIGN_IN_FIRST, all: 403, owner: 200 },
    postRefused: { anonymous: SIGN_IN_FIRST, resident: 403, suspended: 403, officer: 403 },
  },
  {
    route: "posts.$id.review",
    url: (o) => `/posts/${o.postId}/review`,
    get: { anonymous: SIGN_IN_FIRST, all: 404, owner: 200, moderator: 200, admin: 200 },
    postRefused: { anonymous: SIGN_IN_FIRST, resident: 404, suspended: 404, officer: 404 },
  },
  // Staff pages.
  { route: "issues.new", url: () => "/issues/new", get: forOfficers },
  {
    route: "issues.$slug_.edit",
    url: () => "/issues/library-opening-hours/edit",
    get: forOfficers,
    postRefused: refuseNonOfficers,
  },
  {
    route: "issues.$slug_.outcomes.new",
    url: () => "/issues/library-opening-hours/outcomes/new",
    get: forOfficers,
    postRefused: refuseNonOfficers,
  },
  {
    route: "outcomes.$id.edit",
    url: (o) => `/outcomes/${o.outcomeId}/edit`,
    get: forOfficers,
    postRefused: refuseNonOfficers,
  },
  {
    route: "issues.$slug_.analysis._index",
    url: () => "/issues/library-opening-hours/analysis",
    get: forOfficers,
    postRefused: refuseNonOfficers,
  },
  {
    route: "issues.$slug_.analysis.themes",
    url: () => "/issues/library-opening-hours/analysis/themes",
    get: forOfficers,
    postRefused: refuseNonOfficers,
  },
  {
    route: "issues.$slug_.analysis.suggestions",
    url: () => "/issues/library-opening-hours/analysis/suggestions",
    get: forOfficers,
    postRefused: refuseNonOfficers,
  },
  {
    route: "issues.$slug_.contributions[.]csv",
    url: () => "/issues/library-opening-hours/contributions.csv",
    get: { anonymous: SIGN_IN_FIRST, all: 403, moderator: 200, officer: 200, admin: 200 },
    serves: "download",
  },
  {
    route: "issues.$slug_.analysis.coding[.]csv",
    url: () => "/issues/library-opening-hours/analysis/coding.csv",
    get: forOfficers,
    serves: "download",
  },
  {
    route: "issues.$slug_.analysis.consult[.]json",
    url: () => "/issues/library-opening-hours/analysis/consult.json",
    get: forOfficers,
    serves: "download",
  },
  { route: "announcements_.new", url: () => "/announcements/new", get: forOfficers },
  { route: "staff.unanswered", url: () => "/staff/unanswered", get: forOfficers },
  { route: "staff.awaiting-outcome", url: () => "/staff/awaiting-outcome", get: forOfficers },
  { route: "moderation._index", url: () => "/moderation", get: forModerators },
  { route: "moderation.audit", url: () => "/moderation/audit", get: forModerators },
  {
    route: "moderation.items.$id",
    url: (o) => `/moderation/items/${o.itemId}`,
    // An item is not even said to exist to anyone who may not see it (an officer may,
    // once a moderator asks their advice on it).
    get: { anonymous: SIGN_IN_FIRST, all: 404, moderator: 200, admin: 200 },
    postRefused: refuseNonModerators,
  },
  {
    route: "moderation.people.$id",
    url: (o) => `/moderation/people/${o.ownerId}`,
    get: forModerators,
    postRefused: refuseNonModerators,
  },
  {
    route: "admin.areas-and-categories",
    url: () => "/admin/areas-and-categories",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
  {
    route: "admin.house-rules",
    url: () => "/admin/house-rules",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
  {
    route: "admin.users._index",
    url: () => "/admin/users",
    get: forAdmins,
  },
  {
    route: "admin.users.$id",
    url: (o) => `/admin/users/${o.ownerId}`,
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
  {
    route: "admin.sign-in",
    url: () => "/admin/sign-in",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
  {
    route: "admin.moderation-settings",
    url: () => "/admin/moderation-settings",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
];

/**
 * The objects the routes are asked about, read back after the owner has made theirs (a
 * thread and a data export) through the forms: the thread's opening post, the export,
 * and the demo's first moderation item and published outcome. A missing one reads 0.
 */
export function findRouteObjects(ownerId: number, threadId: number): Promise<Objects> {
  return withE2eDatabase(async (client) => {
    const one = async (query: string, values: unknown[] = []) =>
      Number((await client.query<{ id: number }>(query, values)).rows[0]?.id ?? 0);
    return {
      ownerId,
      threadId,
      postId: await one("select id from posts where thread_id = $1 order by id limit 1", [
        threadId,
      ]),
      exportId: await one("select id from data_exports where user_id = $1", [ownerId]),
      itemId: await one("select id from moderation_items order by id limit 1"),
      outcomeId: await one(
        "select id from outcomes where published_at is not null order by id limit 1",
      ),
    };
  });
}

export function expected(table: Expect, visitor: Visitor): number | undefined {
  // A row naming "unenrolled" (even as undefined: not refused) overrides the anonymous rule.
  if (visitor === "unenrolled") {
    return "unenrolled" in table ? table.unenrolled : (table.anonymous ?? table.all);
  }
  const staff = visitor === "moderator" || visitor === "officer" || visitor === "admin";
  return (
    table[visitor] ??
    (staff ? table.staff : undefined) ??
    (visitor !== "anonymous" ? table.signedIn : undefined) ??
    table.all
  );
}
