import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesHref from "./styles/app.css";
import { listUrgentBanners } from "./domain/announcements.server";
import { countOpenItems } from "./domain/moderation-queue.server";
import { countUnread } from "./domain/notifications.server";
import { restrictionOf } from "./domain/participation.server";
import { can } from "./permissions";
import { useNonce } from "./components/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export const meta: MetaFunction = () => [{ title: "Parley — Northbridge community consultations" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const viewer = context.viewer;
  return {
    banners: await listUrgentBanners(context.services.db),
    viewer: viewer
      ? {
          id: viewer.id,
          displayName: viewer.displayName,
          role: viewer.role,
          unreadNotifications: await countUnread(context.services.db, viewer.id),
          queueCount: can(viewer, "moderate:post:any")
            ? await countOpenItems(context.services.db)
            : null,
          restriction: restrictionOf(viewer, new Date()),
          mustVerifyEmail: viewer.mustVerifyEmail,
        }
      : null,
    // A right password whose second factor is still to come: where to finish signing in.
    finishSignIn: context.pendingSignIn
      ? context.pendingSignIn.stage === "verify"
        ? "/sign-in/code"
        : "/account/authenticator"
      : null,
  };
}

/** A suspended or banned person sees why, and until when, on every page. */
function RestrictionBanner() {
  const viewer = useViewer();
  const restriction = viewer?.restriction;
  if (!restriction) return null;
  return (
    <div className="restriction-banner" role="region" aria-label="Your account">
      <p>
        {restriction}{" "}
        {viewer?.mustVerifyEmail ? (
          <Link to="/account/confirm-email">Send the email again</Link>
        ) : (
          <Link to="/house-rules">Read the house rules</Link>
        )}
      </p>
    </div>
  );
}

function UrgentBanner() {
  const banners = useRouteLoaderData<typeof loader>("root")?.banners ?? [];
  if (banners.length === 0) return null;
  return (
    <div className="urgent-banner" role="region" aria-label="Urgent announcements">
      <div className="urgent-banner__inner">
        {banners.map((banner) => (
          <p key={banner.id}>
            <strong>Urgent: {banner.title}.</strong> <Link to="/announcements">Read more</Link>
          </p>
        ))}
      </div>
    </div>
  );
}

export function useViewer() {
  return useRouteLoaderData<typeof loader>("root")?.viewer ?? null;
}

function SignOutButton() {
  return (
    <Form method="post" action="/sign-out">
      <button type="submit" className="link-button">
        Sign out
      </button>
    </Form>
  );
}

function SiteHeader() {
  const viewer = useViewer();
  const finishSignIn = useRouteLoaderData<typeof loader>("root")?.finishSignIn ?? null;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          Parley <span className="site-header__org">Northbridge Borough Council</span>
        </Link>
        <Form
          method="get"
          action="/search"
          role="search"
          aria-label="Site search"
          className="site-search"
        >
          <label htmlFor="site-search-q" className="visually-hidden">
            Search Parley
          </label>
          <input
            id="site-search-q"
            type="search"
            name="q"
            className="site-search__input"
            placeholder="Search issues and posts"
            maxLength={200}
          />
          <button type="submit" className="site-search__button">
            Search
          </button>
        </Form>
        <nav aria-label="Account" className="site-header__nav">
          <ul>
            {viewer?.queueCount !== null && viewer?.queueCount !== undefined ? (
              <li>
                <Link to="/moderation">
                  Moderation
                  {viewer.queueCount > 0 ? (
                    <span className="badge">
                      {viewer.queueCount}
                      <span className="visually-hidden"> waiting</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ) : null}
            {viewer && can(viewer, "manage:taxonomy:any") ? (
              <>
                <li>
                  <Link to="/admin/areas-and-categories">Areas</Link>
                </li>
                <li>
                  <Link to="/admin/moderation-settings">Settings</Link>
                </li>
                <li>
                  <Link to="/admin/users">Accounts</Link>
                </li>
              </>
            ) : null}
            {viewer && can(viewer, "create:issue:any") ? (
              <>
                <li>
                  <Link to="/issues/new">New issue</Link>
                </li>
                <li>
                  <Link to="/staff/unanswered">Unanswered</Link>
                </li>
                <li>
                  <Link to="/staff/awaiting-outcome">Awaiting outcome</Link>
                </li>
                <li>
                  <Link to="/staff/listening">Dashboard</Link>
                </li>
              </>
            ) : null}
            {viewer ? (
              <>
                <li className="site-header__who">
                  Signed in as <Link to={`/people/${viewer.id}`}>{viewer.displayName}</Link>
                </li>
                <li>
                  <Link to="/notifications">
                    Notifications
                    {viewer.unreadNotifications > 0 ? (
                      <span className="badge">
                        {viewer.unreadNotifications}
                        <span className="visually-hidden"> unread</span>
                      </span>
                    ) : null}
                  </Link>
                </li>
                <li>
                  <Link to="/account">Your account</Link>
                </li>
                <li>
                  <SignOutButton />
                </li>
              </>
            ) : finishSignIn ? (
              <>
                <li>
                  <Link to={finishSignIn}>Finish signing in</Link>
                </li>
                <li>
                  <SignOutButton />
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to="/sign-in">Sign in</Link>
                </li>
                <li>
                  <Link to="/register">Register</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader />
        <UrgentBanner />
        <RestrictionBanner />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            <Link to="/announcements">Announcements</Link> ·{" "}
            <Link to="/outcomes">You said, we did</Link> ·{" "}
            <Link to="/how-we-listen">How we listen</Link> · <Link to="/open-data">Open data</Link>{" "}
            · <Link to="/house-rules">House rules</Link> · <Link to="/privacy">Privacy</Link> ·{" "}
            <Link to="/accessibility">Accessibility</Link>
          </p>
          <p>
            Parley is where Northbridge residents and the council talk about specific local issues,
            and where the council says what it did about them.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Every unhandled failure ends here: a plain explanation and a way back, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Sorry, something went wrong";
  let message =
    "We couldn't show this page. Please try again in a few minutes. If it keeps happening, contact the council.";
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const detail = typeof error.data === "string" && error.data ? error.data : null;
    if (status === 404) {
      title = "Page not found";
      message = detail ?? "If you typed the web address, check it is correct.";
    } else if (status === 403) {
      title = "You can't do that";
      message = detail ?? "You don't have permission to see this page.";
    } else if (status === 405) {
      title = "That doesn't work here";
      message = "This address can't be used that way.";
    } else if (status === 413) {
      title = "That was too much to send";
      message = detail ?? "What you sent was too large. Shorten it and try again.";
    } else if (status === 429) {
      title = "Please slow down a little";
      message =
        detail ??
        "There have been a lot of requests from you just now. Wait a minute and try again.";
    } else if (status === 503) {
      title = "Parley is unavailable for a moment";
      message = detail ?? "Nothing was changed. Please try again in a minute.";
    } else if (status < 500) {
      title = "We couldn't do that";
      message = detail ?? message;
    }
  }
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p className="error-page__status">Error code: {status}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
