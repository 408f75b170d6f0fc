/**
 * Open-data downloads: /open-data/<dataset>.csv|json (issues, threads, posts, outcomes)
 * and /open-data/listening-figures.csv|json?period=&area=. Streamed, with ETag and
 * Last-Modified, under the Open Government Licence; rate-limited per address.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DATASET_NAMES } from "~/domain/open-data/datasets.server";
import {
  prepareDatasetDownload,
  prepareFiguresDownload,
  type Download,
} from "~/domain/open-data/downloads.server";
import { listeningOptions, readListeningPage } from "~/domain/listening/listening-page.server";
import { throwDomainResponse } from "~/http.server";
import {
  clientHasCurrent,
  CORS_HEADERS,
  jsonError,
  LICENCE,
  notModified,
  refuseOverLimit,
  siteOrigin,
} from "~/open-data-http.server";
import { listeningQuerySchema } from "~/schemas/listening";
import { parseQuery } from "~/schemas/query";

const FILE = /^(issues|threads|posts|outcomes|listening-figures)\.(csv|json)$/;

const figuresQuery = listeningQuerySchema("12m");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const match = FILE.exec(params.file ?? "");
  if (!match)
    return jsonError(
      404,
      `There is no download called "${params.file ?? ""}". See /open-data for the list.`,
    );
  const limited = await refuseOverLimit(context);
  if (limited) return limited;
  const [, name, format] = match as unknown as [string, string, "csv" | "json"];
  const { config, db, secret } = context.services;
  const origin = siteOrigin(context, request);
  const meta = { licence: LICENCE, source: `${origin}/open-data` };
  let download: Download;
  if (name === "listening-figures") {
    const query = parseQuery(request, figuresQuery);
    const page = await readListeningPage(
      db,
      listeningOptions(config, { period: query.period, areaSlug: query.area ?? null }),
    ).catch(throwDomainResponse);
    download = prepareFiguresDownload(page, format, meta);
  } else {
    const dataset = DATASET_NAMES.find((candidate) => candidate === name)!;
    download = await prepareDatasetDownload(
      db,
      dataset,
      format,
      { secret, origin, now: new Date(), responseWeeks: config.responseWeeks },
      meta,
    );
  }
  const headers = {
    "Cache-Control": "public, max-age=60, must-revalidate",
    Link: `<${LICENCE.url}>; rel="license"`,
    ...(download.lastModified ? { "Last-Modified": download.lastModified.toUTCString() } : {}),
  };
  if (clientHasCurrent(request, download.etag)) return notModified(download.etag, headers);
  return new Response(download.body(), {
    headers: {
      ...CORS_HEADERS,
      ...headers,
      ETag: download.etag,
      "Content-Type": download.contentType,
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
    },
  });
}
