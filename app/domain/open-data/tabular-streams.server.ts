/**
 * Rows read batch by batch, streamed out as CSV (csv-stringify) or as a JSON document,
 * so that a million posts never sit in memory and the first bytes leave at once. Each
 * batch is read only when the client has taken the previous one (pull).
 */
import { stringify } from "csv-stringify";

export type Row = Record<string, string | number | boolean | null>;

const encoder = new TextEncoder();

export function streamCsv(
  columns: readonly string[],
  batches: AsyncIterator<Row[]>,
): ReadableStream<Uint8Array> {
  const csv = stringify({
    header: true,
    columns: [...columns],
    cast: { boolean: (b) => (b ? "true" : "false") },
  });
  const drain = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    let chunk: unknown;
    while ((chunk = csv.read()) !== null) controller.enqueue(encoder.encode(String(chunk)));
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        csv.end();
        for await (const chunk of csv) controller.enqueue(encoder.encode(String(chunk)));
        controller.close();
        return;
      }
      for (const row of next.value) csv.write(row);
      drain(controller);
    },
    async cancel() {
      await batches.return?.();
    },
  });
}

/**
 * `{ ...head, "<key>": [ rows… ] }`, written as the rows arrive. The head is written
 * first, so a reader learns the licence and the time of the data before the rows.
 */
export function streamJson(
  head: Record<string, unknown>,
  key: string,
  batches: AsyncIterator<unknown[]>,
): ReadableStream<Uint8Array> {
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const opening = JSON.stringify(head).slice(0, -1);
      controller.enqueue(
        encoder.encode(`${opening}${opening.length > 1 ? "," : ""}${JSON.stringify(key)}:[`),
      );
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.enqueue(encoder.encode("]}\n"));
        controller.close();
        return;
      }
      const text = next.value.map((row) => JSON.stringify(row)).join(",");
      if (text) {
        controller.enqueue(encoder.encode(`${first ? "" : ","}${text}`));
        first = false;
      }
    },
    async cancel() {
      await batches.return?.();
    },
  });
}
