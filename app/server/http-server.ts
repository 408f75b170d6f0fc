/**
 * The Express server around the Remix build: static files, security headers, the
 * Origin check on every state-changing request, body limits, request logs, and the
 * per-request context (services + the signed-in viewer) that loaders receive.
 */
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import type { AppServices } from "../services.server";
import { isDatabaseUnavailable } from "../../db/errors";
import {
  createRequestHandler,
  DATABASE_OUTAGE_MESSAGE,
  OUTAGE_RETRY_AFTER_SECONDS,
} from "./remix-bridge";
import { checkRequestTarget, type Refusal } from "./request-guards";
import { createMetrics, metricsEndpoint } from "./metrics";
import { runTimed } from "./request-timing";
import type { PoolUse } from "../../db/connect";
import { CORS_HEADERS } from "../open-data-http.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one action a foreign origin may POST to: RFC 8058 one-click unsubscribe, which
 * mail providers send from their own servers. It acts only on a signed token, and only
 * ever turns an email off, so forging it gains nothing.
 */
const CROSS_ORIGIN_ACTIONS = new Set(["/email/unsubscribe"]);
/**
 * And an identity provider's back-channel logout, sent from its server with no browser:
 * it acts only on a logout token signed by that provider, and only ever ends sessions.
 */
const BACK_CHANNEL_LOGOUT = /^\/sign-in\/sso\/[a-z0-9-]+\/back-channel-logout$/;

export async function loadServerBuild(buildDir = "build"): Promise<ServerBuild> {
  const entry = pathToFileURL(path.resolve(buildDir, "index.js")).href;
  return (await import(entry)) as ServerBuild;
}

function plainPage(title: string, message: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Parley</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Go to the home page</a></p></main></body></html>`;
}

function refuse(res: Response, refusal: Refusal) {
  res.status(refusal.status).type("html").send(plainPage(refusal.title, refusal.message));
}

/** Cross-site request forgery defence: a non-GET must come from our own origin. */
function requireSameOrigin(services: AppServices) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (
      req.method === "POST" &&
      (CROSS_ORIGIN_ACTIONS.has(req.path) || BACK_CHANNEL_LOGOUT.test(req.path))
    ) {
      // Remix refuses an action whose Origin differs from Host; this one is meant to.
      delete req.headers.origin;
      return next();
    }
    const expected = services.config.publicOrigin ?? `${req.protocol}://${req.get("host")}`;
    const origin = req.get("origin");
    if (origin && origin === expected) return next();
    services.log.warn(
      { method: req.method, path: req.path, origin: origin ?? null },
      "refused cross-origin request",
    );
    res
      .status(403)
      .type("html")
      .send(
        plainPage(
          "This request was refused",
          "It did not come from a Parley page. If you were filling in a form, go back, reload the page and try again.",
        ),
      );
  };
}

/**
 * The content security policy: scripts only from this origin or carrying this
 * response's nonce (Remix's inline hydration scripts get it), no inline styles, no
 * plugins, no framing, forms only to this origin and the identity providers' (a sign-in
 * button's POST is answered with a redirect to the provider, which form-action governs).
 */
export function contentSecurityPolicy(
  nonce: string,
  production: boolean,
  formTargets: readonly string[] = [],
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
    ...(production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Pages that show or change account details: never stored by browsers or proxies. */
const PRIVATE_PATHS =
  /^\/(account|sign-in|register|forgot-password|reset-password|email|notifications|moderation|admin|staff)(\/|$)/;

function securityHeaders(production: boolean, formTargets: readonly string[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, production, formTargets));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (production)
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

export function createHttpApp(
  services: AppServices,
  build: ServerBuild,
  options: { poolUse?: () => PoolUse | null } = {},
) {
  const app = express();
  const token = services.config.metricsToken;
  const metrics = token ? createMetrics(services, build, options.poolUse) : null;
  app.disable("x-powered-by");
  // Per-IP rate limits key on req.ip: behind N proxies, believe exactly N forwarded hops.
  if (services.config.trustProxyHops > 0) app.set("trust proxy", services.config.trustProxyHops);
  const providerOrigins = services.config.singleSignOnProviders.map(
    (provider) => provider.issuer.origin,
  );
  app.use(securityHeaders(services.config.production, providerOrigins));
  // Everything after this runs with the request's timing record (Server-Timing).
  app.use((_req, _res, next) => runTimed(next));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // A proxy's id is kept so one request can be followed through every log.
    const requestId = req.get("x-request-id")?.slice(0, 100) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics?.observeRequest(req.method, req.path, res.statusCode, ms / 1000);
      services.log.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    });
    next();
  });
  // An address that cannot be decoded is refused before anything tries to route it.
  app.use((req, res, next) => {
    const refusal = checkRequestTarget(req.originalUrl);
    if (refusal) return refuse(res, refusal);
    next();
  });
  if (metrics && token) app.get("/metrics", metricsEndpoint(metrics, token));
  // Fingerprinted build assets never change; other public files may.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Other public files (favicon.ico…) all have an extension and no page has one: asking
  // the disk only for those spares every page request a failed stat.
  const publicFiles = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  // CORS preflight for the public API and open data, which any site may read.
  app.options(["/api/*", "/open-data/*"], (_req, res) => {
    res.status(204).set(CORS_HEADERS).end();
  });
  app.use(requireSameOrigin(services));

  app.all(
    "*",
    createRequestHandler({
      build,
      refuse,
      async getLoadContext(req, res): Promise<AppLoadContext> {
        const session = await services.auth.readSession(req.get("cookie"));
        for (const cookie of session.setCookies) res.append("Set-Cookie", cookie);
        // Whatever a signed-in person sees is theirs; account pages are private to anyone.
        if (session.viewer || session.pending || PRIVATE_PATHS.test(req.path)) {
          res.setHeader("Cache-Control", "no-store");
        }
        return {
          services,
          viewer: session.viewer,
          pendingSignIn: session.pending,
          sessionId: session.sessionId,
          requestId: String(res.locals.requestId),
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
          cspNonce: String(res.locals.cspNonce),
        };
      },
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (isDatabaseUnavailable(error)) {
      // Reading the session needs the database too: same answer as a loader during an outage.
      services.log.warn({ err: error, requestId: res.locals.requestId }, "database unavailable");
      if (res.headersSent) return;
      res.setHeader("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
      res.setHeader("Cache-Control", "no-store");
      refuse(res, {
        status: 503,
        title: "Parley is unavailable for a moment",
        message: DATABASE_OUTAGE_MESSAGE,
      });
      return;
    }
    // Express and its static server mark what they refuse (e.g. an undecodable path) 4xx.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500 && !res.headersSent) {
      refuse(res, {
        status: 400,
        title: "We couldn't do that",
        message: "The request couldn't be read. Check the address and try again.",
      });
      return;
    }
    services.log.error(
      { err: error, requestId: res.locals.requestId, path: req.path },
      "unhandled error",
    );
    if (res.headersSent) return;
    res
      .status(500)
      .type("html")
      .send(plainPage("Sorry, something went wrong", "Please try again in a few minutes."));
  });
  return app;
}
