/**
 * Express → Remix, written here rather than taken from @remix-run/express because the
 * adapter hands Remix the raw request stream: a chunked body then bypasses any limit
 * and a body that is not a form reaches actions. This bridge gives Remix only a body
 * that passed `readFormBody`, and turns a database outage in any loader or action into
 * a 503 that says what happened.
 */
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { Readable } from "node:stream";
import { isDatabaseUnavailable } from "../../db/errors";
import { readFormBody, type Refusal } from "./request-guards";
import { serverTimingHeader } from "./request-timing";

/** Seconds a client is asked to wait before trying again while the database is away. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_OUTAGE_MESSAGE =
  "Parley can't reach its database just now, so nothing was changed. Please try again in a minute.";

// Loaders and actions take one argument; `any` here only so any route's types fit.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DataFunction = (args: any) => unknown;

/** Wraps a loader or action so that an unreachable database becomes a thrown 503. */
function answerOutageWith503<F extends DataFunction>(fn: F): F {
  const wrapped = async (args: Parameters<F>[0]) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      throw new Response(DATABASE_OUTAGE_MESSAGE, {
        status: 503,
        statusText: "Service Unavailable",
        headers: { "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS) },
      });
    }
  };
  return wrapped as unknown as F;
}

/** The same build with every loader and action answering a database outage with 503. */
export function withOutageResponses(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module };
    if (module.loader) module.loader = answerOutageWith503(module.loader);
    if (module.action) module.action = answerOutageWith503(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}

/** How long the rest of a refused stream is read (and thrown away) before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * The rest of an over-long stream is not wanted, but cutting the connection at once
 * makes the kernel reset it with the client's bytes unread, and a client still sending
 * may then lose the 413 before reading it. So, as nginx's lingering close does, what is
 * still in flight is read and thrown away while the client takes in the answer and
 * stops; a client that keeps sending is cut off after LINGER_MS.
 */
function lingerThenClose(req: Request, res: Response): void {
  res.on("finish", () => {
    if (req.complete) return;
    const cutOff = setTimeout(() => req.socket.destroy(), LINGER_MS);
    cutOff.unref();
    req.once("end", () => clearTimeout(cutOff));
    req.once("close", () => clearTimeout(cutOff));
    req.resume();
  });
}

export function createRequestHandler(options: {
  build: ServerBuild;
  getLoadContext(req: Request, res: Response): Promise<AppLoadContext>;
  refuse(res: Response, refusal: Refusal): void;
}) {
  // Always "production": error details stay in the server log, never in a page.
  const handleRequest = createRemixHandler(withOutageResponses(options.build), "production");
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      let body: Buffer | null = null;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const read = await readFormBody(req);
        if (!read.ok) {
          if (read.abandoned) lingerThenClose(req, res);
          return options.refuse(res, read.refusal);
        }
        body = read.body;
      }
      const url = requestUrl(req);
      if (!url) {
        return options.refuse(res, {
          status: 400,
          title: "That address isn't valid",
          message: "The request named a host or address that can't be read.",
        });
      }
      const controller = new AbortController();
      let finished = false;
      res.on("finish", () => (finished = true));
      // The client went away before the answer: let loaders and actions stop early.
      res.on("close", () => finished || controller.abort());
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const one of Array.isArray(value) ? value : value ? [value] : [])
          headers.append(name, one);
      }
      headers.set("x-request-id", String(res.locals.requestId));
      const request = new Request(url, {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(body
          ? { body: createReadableStreamFromReadable(Readable.from(body)), duplex: "half" }
          : {}),
      } as RequestInit);
      const loadContext = await options.getLoadContext(req, res);
      const response = await handleRequest(request, loadContext);
      // However a route's error page was rendered, a 503 tells clients when to come back.
      if (response.status === 503 && !response.headers.has("Retry-After")) {
        response.headers.set("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS));
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      const timing = serverTimingHeader();
      if (timing) res.setHeader("Server-Timing", timing);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** The request's absolute URL, honouring "trust proxy" for the host; null if unreadable. */
function requestUrl(req: Request): string | null {
  const port = /:(\d{1,5})$/.exec(req.get("x-forwarded-host") ?? req.get("host") ?? "")?.[1];
  try {
    return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`)
      .href;
  } catch {
    return null;
  }
}
