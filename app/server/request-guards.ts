/**
 * What every request must pass before it reaches Remix: an address that decodes, and,
 * for a request with a body, a body of at most MAX_BODY_BYTES (counted as it streams,
 * whatever the framing) that is a well-formed form. Anything else is answered here with
 * a 4xx and a sentence a person can act on, so no action ever meets a body it cannot parse.
 */
import getRawBody from "raw-body";
import type { Request as ExpressRequest } from "express";

/** Larger bodies are refused as soon as the count passes this; forms stay far below. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A refusal to answer before Remix: status, title and message for the plain page. */
export interface Refusal {
  status: 400 | 413 | 415 | 503;
  title: string;
  message: string;
}

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

const badAddress: Refusal = {
  status: 400,
  title: "That address isn't valid",
  message:
    "The web address contains characters that can't be read. Check it, or go back and follow a link instead.",
};

const badForm: Refusal = {
  status: 400,
  title: "What you sent couldn't be read",
  message:
    "The form arrived damaged or contains characters that can't be stored. Go back, check what you typed and send it again.",
};

/** Null when the path and query decode as UTF-8 without NUL bytes; else the refusal. */
export function checkRequestTarget(originalUrl: string): Refusal | null {
  try {
    // Form encoding writes spaces as "+"; that is not what makes an address unreadable.
    const decoded = decodeURIComponent(originalUrl.replace(/\+/g, " "));
    return decoded.includes("\u0000") ? badAddress : null;
  } catch {
    return badAddress;
  }
}

export type BodyResult =
  | { ok: true; body: Buffer | null }
  | {
      ok: false;
      refusal: Refusal;
      /**
       * The body stopped being read part-way (it grew past the limit as it streamed): the
       * connection must close after the answer, since the rest can't be skipped safely.
       */
      abandoned?: boolean;
    };

/**
 * Reads the body of a non-GET request: at most MAX_BODY_BYTES, counted as bytes arrive
 * (a chunked or lying Content-Length changes nothing), then checks that it is a form
 * Remix can parse. Bodies are small by construction, so holding one in memory is cheap.
 */
export async function readFormBody(req: ExpressRequest): Promise<BodyResult> {
  const contentType = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  // Declared too large: answered unread; Node discards the declared rest after the answer,
  // so the browser still reads the 413 instead of a reset connection.
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, refusal: tooLarge };
  let body: Buffer;
  try {
    body = await getRawBody(req, { limit: MAX_BODY_BYTES });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") return { ok: false, refusal: tooLarge, abandoned: true };
    return { ok: false, refusal: badForm };
  }
  if (body.length === 0 && !contentType) return { ok: true, body: null };
  if (!FORM_TYPES.has(contentType)) {
    return {
      ok: false,
      refusal: {
        status: 415,
        title: "Parley only accepts forms",
        message: "What was sent is not a form. Use the form on the page to send it.",
      },
    };
  }
  return (await isReadableForm(body, req.get("content-type") ?? ""))
    ? { ok: true, body }
    : { ok: false, refusal: badForm };
}

const tooLarge: Refusal = {
  status: 413,
  title: "That was too much to send",
  message: "What you sent was larger than 1 MB. Shorten it and try again.",
};

/** Parses the form the way Remix will, and refuses NUL bytes, which PostgreSQL cannot store. */
async function isReadableForm(body: Buffer, contentType: string): Promise<boolean> {
  try {
    const form = await new Request("http://parley.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(body),
    }).formData();
    for (const [name, value] of form) {
      if (name.includes("\u0000")) return false;
      if (typeof value === "string" && value.includes("\u0000")) return false;
    }
    return true;
  } catch {
    return false;
  }
}
