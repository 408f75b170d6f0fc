/**
 * The one way a query parameter, path id or cursor becomes a value: ids are bounded to
 * PostgreSQL's integer, dates to years it can store, and a value that does not parse is
 * a 400 with the parameter's name, never a database error.
 */
import { z } from "zod";

/** PostgreSQL's `integer` holds up to 2^31 − 1; every id column is one. */
export const MAX_DB_ID = 2_147_483_647;

/** A database id written as text: a positive whole number that fits `integer`. */
export const dbIdText = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .refine((id) => id <= MAX_DB_ID);

/** The id in `text`, or null if it is not one. */
export function parseDbId(text: string | null | undefined): number | null {
  const result = dbIdText.safeParse(text ?? "");
  return result.success ? result.data : null;
}

/** A timestamp in a cursor: ISO-like, and within the years PostgreSQL and JavaScript share. */
export function parseCursorDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Keyset cursors are "<sort key>_<id>": readable in a URL, checked before use. */
export function parseKeysetCursor(
  cursor: string | null | undefined,
): { key: string; id: number } | null {
  const match = cursor ? /^(.{1,64})_([0-9]{1,10})$/.exec(cursor) : null;
  const id = parseDbId(match?.[2]);
  return match?.[1] && id !== null ? { key: match[1], id } : null;
}

/** A cursor whose key is a timestamp (most lists): null when absent or unreadable. */
export function parseDateCursor(
  cursor: string | null | undefined,
): { at: Date; id: number } | null {
  const parsed = parseKeysetCursor(cursor);
  const at = parsed ? parseCursorDate(parsed.key) : null;
  return parsed && at ? { at, id: parsed.id } : null;
}

/** The refusal for a query parameter that does not parse. */
export function badQueryParameter(name: string): Response {
  return new Response(
    `The link has a "${name}" value that isn't valid. Go back and follow a link on the page.`,
    { status: 400, statusText: "Bad Request" },
  );
}

/**
 * The id in query parameter `name`: null when absent or empty, a 400 thrown when
 * present but not an id (too large for the database, not a number).
 */
export function queryId(url: URL, name: string): number | null {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return null;
  const id = parseDbId(text);
  if (id === null) throw badQueryParameter(name);
  return id;
}

/** An optional id in a query string: absent or empty is null; anything else must be an id. */
export const optionalQueryId = z
  .union([z.literal(""), dbIdText])
  .optional()
  .transform((id) => (typeof id === "number" ? id : null));

/**
 * A page's query string through its zod schema: the parsed values, or a 400 naming the
 * first parameter that does not parse. (A repeated parameter counts once: its last value.)
 */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const url = new URL(request.url);
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  if (result.success) return result.data;
  throw badQueryParameter(String(result.error.issues[0]?.path[0] ?? "query"));
}

/** An area's or category's issue list: every public issue, or those open now; and a page. */
export const issueListQuerySchema = z.object({
  // An unknown view falls back to the default, as links from older pages may carry one.
  view: z.enum(["all", "open"]).catch("all"),
  after: z.string().max(100).optional().catch(undefined),
});

/** A list that only pages: the cursor of the next page, if any. */
export const pageQuerySchema = z.object({
  after: z.string().max(100).optional().catch(undefined),
});
