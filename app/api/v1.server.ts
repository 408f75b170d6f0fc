/**
 * The public read-only JSON API, /api/v1/…: areas, categories, issues, threads, posts,
 * outcomes and the listening figures. Lists are pages after an opaque cursor, oldest
 * first; everything is public content only (the datasets read through the policy
 * module); every answer has an ETag, CORS for GET, and counts against the per-address
 * limit. Errors are JSON: { error: { status, message } }.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { listeningOptions, readListeningPage } from "../domain/listening/listening-page.server";
import { PERIODS, type PeriodKey } from "../domain/listening/periods";
import {
  DATASETS,
  type Dataset,
  type DatasetContext,
  type DatasetFilter,
  type DatasetName,
} from "../domain/open-data/datasets.server";
import { DomainError, NotFoundError } from "../domain/errors";
import { MAX_DB_ID } from "../schemas/query";
import {
  clientHasCurrent,
  CORS_HEADERS,
  jsonError,
  notModified,
  refuseOverLimit,
  siteOrigin,
} from "../open-data-http.server";
import type { RequestContext } from "../services.server";
import { API_PAGE_SIZE, openApiDocument } from "./openapi.server";

class BadRequest extends Error {}

const idText = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "must be a positive whole number")
  .transform(Number)
  .refine((id) => id <= MAX_DB_ID, "is too large");

/** Cursors are opaque to clients: the last id of the page, base64url-encoded. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`after:${lastId}`).toString("base64url");
}

function decodeCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor)
    ? Buffer.from(cursor, "base64url").toString()
    : "";
  const id = idText.safeParse(/^after:(.*)$/.exec(text)?.[1] ?? "");
  if (!id.success)
    throw new BadRequest("The cursor is not one this API gave out. Start again without it.");
  return id.data;
}

function integerParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  const parsed = idText.safeParse(value);
  if (!parsed.success)
    throw new BadRequest(
      `The ${name} parameter ${parsed.error.issues[0]?.message ?? "is not valid"}.`,
    );
  return parsed.data;
}

function pageSize(url: URL): number {
  const value = url.searchParams.get("limit");
  if (value === null) return API_PAGE_SIZE.default;
  const n = /^[0-9]{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= API_PAGE_SIZE.max))
    throw new BadRequest(
      `The limit parameter must be a whole number from 1 to ${API_PAGE_SIZE.max}.`,
    );
  return n;
}

/** The body with its ETag (a hash of the bytes), or a 304 when the client has it. */
function jsonAnswer(
  request: Request,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  const text = JSON.stringify(body);
  const etag = `W/"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  const cache = { "Cache-Control": "public, max-age=60, must-revalidate", ...headers };
  if (clientHasCurrent(request, etag)) return notModified(etag, cache);
  return new Response(text, {
    headers: {
      ...CORS_HEADERS,
      ...cache,
      ETag: etag,
      "Content-Type": "application/json; charset=utf-8",
    },
  });
}

function listAnswer<R extends { id: number }>(
  request: Request,
  url: URL,
  rows: R[],
  limit: number,
  more: boolean,
) {
  const next = more && rows.length ? encodeCursor(rows.at(-1)!.id) : null;
  const nextUrl = next ? new URL(url) : null;
  nextUrl?.searchParams.set("cursor", next!);
  return jsonAnswer(
    request,
    { data: rows.slice(0, limit), next_cursor: next },
    nextUrl ? { Link: `<${nextUrl.toString()}>; rel="next"` } : {},
  );
}

async function readPage(
  context: RequestContext,
  dataset: Dataset<{ id: number }>,
  datasetContext: DatasetContext,
  url: URL,
  filter: DatasetFilter,
) {
  const limit = pageSize(url);
  const afterId = decodeCursor(url.searchParams.get("cursor"));
  // One more than asked: whether there is a next page, without counting.
  const rows = await dataset.read(context.services.db, datasetContext, {
    afterId,
    limit: limit + 1,
    filter,
  });
  return { rows: rows.slice(0, limit), limit, more: rows.length > limit };
}

async function readOne(
  context: RequestContext,
  name: DatasetName,
  datasetContext: DatasetContext,
  idPart: string,
) {
  const id = idText.safeParse(idPart);
  if (!id.success) throw new NotFoundError(`There is no ${name.slice(0, -1)} ${idPart}.`);
  const dataset: Dataset<{ id: number }> = DATASETS[name];
  const [row] = await dataset.read(context.services.db, datasetContext, {
    afterId: id.data - 1,
    limit: 1,
  });
  if (!row || row.id !== id.data)
    throw new NotFoundError(`There is no public ${name.slice(0, -1)} ${id.data}.`);
  return row;
}

async function answer(request: Request, context: RequestContext, path: string): Promise<Response> {
  const url = new URL(request.url);
  const { db, config, secret } = context.services;
  const origin = siteOrigin(context, request);
  const datasetContext: DatasetContext = {
    secret,
    origin,
    now: new Date(),
    responseWeeks: config.responseWeeks,
  };
  const parts = path.split("/").filter(Boolean);
  const [resource, id, ...rest] = parts;
  if (rest.length)
    throw new NotFoundError("There is no such address in this API. See /api/v1/openapi.json.");

  if (resource === undefined)
    return jsonAnswer(request, {
      openapi: `${origin}/api/v1/openapi.json`,
      resources: [
        "areas",
        "categories",
        "issues",
        "threads",
        "posts",
        "outcomes",
        "listening-figures",
      ].map((r) => `${origin}/api/v1/${r}`),
    });
  if (resource === "openapi.json" && id === undefined)
    return jsonAnswer(request, openApiDocument(origin));

  if ((resource === "areas" || resource === "categories") && id === undefined) {
    const limit = pageSize(url);
    const afterId = decodeCursor(url.searchParams.get("cursor"));
    const rows =
      resource === "areas"
        ? (
            await db
              .selectFrom("areas")
              .select(["id", "slug", "name", "description"])
              .where("id", ">", afterId)
              .orderBy("id")
              .limit(limit + 1)
              .execute()
          ).map((a) => ({ ...a, url: `${origin}/areas/${a.slug}` }))
        : await db
            .selectFrom("categories")
            .select(["id", "slug", "name"])
            .where("id", ">", afterId)
            .orderBy("id")
            .limit(limit + 1)
            .execute();
    return listAnswer(request, url, rows.slice(0, limit), limit, rows.length > limit);
  }

  if (resource === "listening-figures" && id === undefined) {
    const period = url.searchParams.get("period") ?? "12m";
    if (!(period in PERIODS))
      throw new BadRequest(
        `The period parameter must be one of ${Object.keys(PERIODS).join(", ")}.`,
      );
    const area = url.searchParams.get("area");
    if (area !== null && !/^[a-z0-9-]{1,80}$/.test(area))
      throw new NotFoundError("No area has that slug.");
    const page = await readListeningPage(
      db,
      listeningOptions(config, { period: period as PeriodKey, areaSlug: area }),
    );
    return jsonAnswer(request, {
      period: {
        key: page.period.key,
        from: page.period.from.toISOString(),
        to: page.period.to.toISOString(),
      },
      area: page.area ? { slug: page.area.slug, name: page.area.name } : null,
      computed_at: page.computedAt.toISOString(),
      figures: page.figures,
    });
  }

  const name = (["issues", "threads", "posts", "outcomes"] as const).find((n) => n === resource);
  if (!name)
    throw new NotFoundError("There is no such address in this API. See /api/v1/openapi.json.");
  if (id !== undefined)
    return jsonAnswer(request, { data: await readOne(context, name, datasetContext, id) });

  const filter: DatasetFilter = {};
  if (name === "issues") {
    const areaSlug = url.searchParams.get("area");
    if (areaSlug !== null) {
      const area = await db
        .selectFrom("areas")
        .select("id")
        .where("slug", "=", areaSlug.slice(0, 80))
        .executeTakeFirst();
      if (!area) throw new BadRequest(`No area has the slug "${areaSlug.slice(0, 80)}".`);
      filter.areaId = area.id;
    }
  }
  if (name === "threads" || name === "outcomes") filter.issueId = integerParam(url, "issue_id");
  if (name === "posts") filter.threadId = integerParam(url, "thread_id");
  const { rows, limit, more } = await readPage(
    context,
    DATASETS[name],
    datasetContext,
    url,
    filter,
  );
  return listAnswer(request, url, rows, limit, more);
}

/** Answers one API request: limited, then routed; every failure is a JSON 4xx. */
export async function answerApiRequest(
  request: Request,
  context: RequestContext,
  path: string,
): Promise<Response> {
  const limited = await refuseOverLimit(context);
  if (limited) return limited;
  try {
    return await answer(request, context, path);
  } catch (error) {
    if (error instanceof BadRequest) return jsonError(400, error.message);
    if (error instanceof NotFoundError) return jsonError(404, error.message);
    if (error instanceof DomainError) return jsonError(400, error.message);
    throw error;
  }
}
