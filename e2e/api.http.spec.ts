/**
 * The public API's contract test: every endpoint's real responses (pages, items, the
 * figures, and errors) are validated with the OpenAPI 3.1 document the API serves, by
 * a JSON Schema 2020-12 validator. Then what an anonymous client must never see, ETags,
 * CORS and the open-data downloads.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { withE2eDatabase } from "./e2e-database";

type Json = Record<string, unknown>;
interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    { get: { responses: Record<string, { content?: { "application/json": { schema: Json } } }> } }
  >;
  components: { schemas: Record<string, Json> };
}

async function loadContract(request: APIRequestContext) {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as OpenApi;
  expect(document.openapi).toBe("3.1.0");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "parley", components: document.components });
  /** Validates a response body against the document's schema for that path and status. */
  return (path: string, status: number, body: unknown) => {
    const schema =
      document.paths[path]?.get.responses[String(status)]?.content?.["application/json"].schema;
    expect(schema, `the document describes ${status} for ${path}`).toBeDefined();
    const rewritten = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"parley#/components/'),
    ) as Json;
    const validate = ajv.compile(rewritten);
    const valid = validate(body);
    expect(valid, `${path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  };
}

test("every endpoint's responses match the OpenAPI document", async ({ request }) => {
  const check = await loadContract(request);
  const get = async (url: string, path: string, status = 200) => {
    const response = await request.get(url);
    expect(response.status(), url).toBe(status);
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    const body = (await response.json()) as Json;
    check(path, status, body);
    return body as { data: Json[] & Json; next_cursor: string | null };
  };

  for (const resource of ["areas", "categories", "issues", "threads", "posts", "outcomes"]) {
    const first = await get(`/api/v1/${resource}?limit=2`, `/${resource}`);
    expect(first.data.length, resource).toBeGreaterThan(0);
    if (first.next_cursor) {
      const second = await get(
        `/api/v1/${resource}?limit=2&cursor=${first.next_cursor}`,
        `/${resource}`,
      );
      // The next page starts after the first: no repeats.
      const ids = [...first.data, ...second.data].map((item) => item.id as number);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    if (!["areas", "categories"].includes(resource)) {
      const one = await get(
        `/api/v1/${resource}/${first.data[0]!.id as number}`,
        `/${resource}/{id}`,
      );
      expect(one.data).toEqual(first.data[0]);
      await get(`/api/v1/${resource}/2000000000`, `/${resource}/{id}`, 404);
      await get(`/api/v1/${resource}?cursor=not-a-cursor`, `/${resource}`, 400);
    }
  }
  // Filters narrow a list to one parent.
  const issues = await get("/api/v1/issues?area=riverside", "/issues");
  expect(issues.data.every((issue) => issue.area === "Riverside")).toBe(true);
  const threads = await get(`/api/v1/threads?issue_id=${issues.data[0]!.id as number}`, "/threads");
  expect(threads.data.every((thread) => thread.issue_id === issues.data[0]!.id)).toBe(true);
  await get("/api/v1/posts?thread_id=abc", "/posts", 400);
  await get("/api/v1/posts?limit=1000", "/posts", 400);

  for (const period of ["3m", "12m", "5y"])
    await get(`/api/v1/listening-figures?period=${period}`, "/listening-figures");
  await get("/api/v1/listening-figures?area=riverside", "/listening-figures");
  await get("/api/v1/listening-figures?period=1000y", "/listening-figures", 400);
  await get("/api/v1/listening-figures?area=atlantis", "/listening-figures", 404);
});

test("an anonymous client never sees held, hidden, rejected, deleted or draft content", async ({
  request,
}) => {
  const withheld = await withE2eDatabase(async (client) => {
    const posts = await client.query<{ id: number; body_md: string }>(
      `select posts.id, posts.body_md from posts join threads on threads.id = posts.thread_id
       join issues on issues.id = threads.issue_id
       where posts.status <> 'published' or threads.status <> 'published' or issues.status = 'draft'`,
    );
    const drafts = await client.query<{ id: number }>(
      "select id from issues where status = 'draft'",
    );
    return { posts: posts.rows, drafts: drafts.rows.map((r) => r.id) };
  });
  expect(withheld.posts.length).toBeGreaterThan(0);
  for (const post of withheld.posts.slice(0, 15))
    expect((await request.get(`/api/v1/posts/${post.id}`)).status()).toBe(404);
  for (const id of withheld.drafts)
    expect((await request.get(`/api/v1/issues/${id}`)).status()).toBe(404);
  const everything = await (await request.get("/open-data/posts.json")).json();
  const ids = new Set((everything as { data: { id: number }[] }).data.map((p) => p.id));
  for (const post of withheld.posts) expect(ids.has(post.id), `post ${post.id}`).toBe(false);
});

test("ETags answer 304; CORS lets any site read; writes are refused", async ({ request }) => {
  for (const url of [
    "/api/v1/issues?limit=3",
    "/open-data/issues.csv",
    "/open-data/listening-figures.json",
  ]) {
    const first = await request.get(url);
    const etag = first.headers()["etag"];
    expect(etag, url).toMatch(/^W\/".+"$/);
    const again = await request.get(url, { headers: { "If-None-Match": etag! } });
    expect(again.status(), url).toBe(304);
  }
  const preflight = await request.fetch("/api/v1/issues", {
    method: "OPTIONS",
    headers: { Origin: "https://data.example.org", "Access-Control-Request-Method": "GET" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-methods"]).toContain("GET");
  const write = await request.post("/api/v1/issues", {
    headers: { Origin: process.env.PARLEY_E2E_URL ?? "" },
  });
  expect(write.status()).toBe(405);
});

test("each open-data download parses, and CSV and JSON hold the same rows", async ({ request }) => {
  for (const dataset of ["issues", "threads", "posts", "outcomes"]) {
    const csv = await request.get(`/open-data/${dataset}.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["link"]).toContain("open-government-licence");
    expect(csv.headers()["last-modified"]).toBeTruthy();
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    const json = (await (await request.get(`/open-data/${dataset}.json`)).json()) as {
      licence: { name: string };
      fields: { name: string }[];
      data: Record<string, unknown>[];
    };
    expect(json.licence.name).toBe("Open Government Licence v3.0");
    expect(rows.length, dataset).toBe(json.data.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toEqual(json.fields.map((f) => f.name));
    expect(rows.map((r) => Number(r.id))).toEqual(json.data.map((r) => r.id));
    expect(JSON.stringify(json)).not.toMatch(/@northbridge\.example/);
  }
});
