/**
 * The open-data downloads: each dataset as CSV or JSON, streamed, with the version of
 * the content it was read at; and the listening figures of a period and area.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { FIGURE_ROW_COLUMNS, listeningFigureRows } from "../listening/figure-rows";
import type { ListeningPage } from "../listening/listening-page.server";
import {
  DATASETS,
  readAllRows,
  type Dataset,
  type DatasetContext,
  type DatasetName,
  type FieldDefinition,
} from "./datasets.server";
import { readContentVersion } from "./open-data-version.server";
import { streamCsv, streamJson, type Row } from "./tabular-streams.server";

export type DownloadFormat = "csv" | "json";

export interface Download {
  fileName: string;
  contentType: string;
  etag: string;
  lastModified: Date | null;
  /** Called only when the client does not already have this version. */
  body(): ReadableStream<Uint8Array>;
}

const CONTENT_TYPE: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** JSON lists and objects go into one CSV cell as JSON text. */
function csvCell(value: unknown): Row[string] {
  if (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean"
  )
    return value;
  return JSON.stringify(value);
}

async function* asCsvRows(
  batches: AsyncIterable<Record<string, unknown>[]>,
): AsyncGenerator<Row[]> {
  for await (const batch of batches)
    yield batch.map((record) =>
      Object.fromEntries(Object.entries(record).map(([k, v]) => [k, csvCell(v)])),
    );
}

export function datasetHead(
  name: DatasetName,
  meta: { licence: { name: string; url: string }; generatedAt: Date; source: string },
) {
  const dataset = DATASETS[name];
  return {
    dataset: name,
    title: dataset.title,
    description: dataset.description,
    licence: meta.licence,
    source: meta.source,
    generated_at: meta.generatedAt.toISOString(),
    fields: dataset.fields satisfies FieldDefinition[],
  };
}

export async function prepareDatasetDownload(
  db: Kysely<Database>,
  name: DatasetName,
  format: DownloadFormat,
  context: DatasetContext,
  meta: { licence: { name: string; url: string }; source: string },
): Promise<Download> {
  const version = await readContentVersion(db, context.now);
  const dataset: Dataset<{ id: number }> = DATASETS[name];
  return {
    fileName: `parley-${name}.${format}`,
    contentType: CONTENT_TYPE[format],
    etag: `W/"${name}.${format}-${version.tag}"`,
    lastModified: version.lastModified,
    body() {
      const batches = readAllRows(db, dataset, context);
      return format === "csv"
        ? streamCsv(
            dataset.fields.map((field) => field.name),
            asCsvRows(batches),
          )
        : streamJson(datasetHead(name, { ...meta, generatedAt: context.now }), "data", batches);
    },
  };
}

/** The figures of one period and area as a download: the page's numbers, as data. */
export function prepareFiguresDownload(
  page: ListeningPage,
  format: DownloadFormat,
  meta: { licence: { name: string; url: string }; source: string },
): Download {
  const scope = `${page.period.key}-${page.area?.slug ?? "all"}`;
  // A weak tag over the figures themselves: the same numbers for the same scope are the
  // same download, whenever they were counted (the period's ends move with the clock).
  const version = createHash("sha256")
    .update(`${scope}:${JSON.stringify(page.figures)}`)
    .digest("base64url")
    .slice(0, 22);
  const rows = listeningFigureRows(page.figures);
  return {
    fileName: `parley-listening-figures-${scope}.${format}`,
    contentType: CONTENT_TYPE[format],
    etag: `W/"listening-figures.${format}-${version}"`,
    lastModified: page.computedAt,
    body() {
      const text =
        format === "json"
          ? `${JSON.stringify({
              dataset: "listening-figures",
              title: "How we listen: the listening figures",
              licence: meta.licence,
              source: meta.source,
              period: {
                key: page.period.key,
                label: page.period.label,
                from: page.period.from.toISOString(),
                to: page.period.to.toISOString(),
              },
              area: page.area ? { slug: page.area.slug, name: page.area.name } : null,
              computed_at: page.computedAt.toISOString(),
              figures: page.figures,
            })}\n`
          : null;
      if (text !== null) return new Blob([text]).stream();
      async function* once() {
        yield rows;
      }
      return streamCsv(FIGURE_ROW_COLUMNS, once());
    },
  };
}
