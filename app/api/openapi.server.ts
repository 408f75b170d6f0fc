/**
 * The API's OpenAPI 3.1 document, built from the same field definitions the datasets
 * are read with and the open-data page shows, so the three never disagree. The contract
 * test (e2e/api.spec.ts) validates every endpoint's real responses against it.
 */
import {
  DATASETS,
  type DatasetName,
  type FieldDefinition,
} from "../domain/open-data/datasets.server";
import { PERIODS } from "../domain/listening/periods";
import { LICENCE } from "../open-data-http.server";
import { OUTCOME_STATUSES, MODERATION_ITEM_STATUSES } from "../../db/schema";

export const API_PAGE_SIZE = { default: 50, max: 100 } as const;

type JsonSchema = Record<string, unknown>;

function fieldSchema(field: FieldDefinition): JsonSchema {
  const base: JsonSchema =
    field.type === "json"
      ? (field.schema ?? {})
      : field.type === "integer"
        ? { type: "integer" }
        : field.type === "boolean"
          ? { type: "boolean" }
          : field.type === "date-time"
            ? { type: "string", format: "date-time" }
            : field.type === "date"
              ? { type: "string", format: "date" }
              : field.type === "url"
                ? { type: "string", format: "uri" }
                : { type: "string" };
  const withNull =
    field.nullable && typeof base.type === "string" ? { ...base, type: [base.type, "null"] } : base;
  return { ...withNull, description: field.description };
}

function recordSchema(name: DatasetName): JsonSchema {
  const { fields, description } = DATASETS[name];
  return {
    type: "object",
    description,
    required: fields.map((f) => f.name),
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])),
  };
}

const nullableNumber = { type: ["number", "null"] };
const countsBy = (keys: readonly string[]) => ({
  type: "object",
  additionalProperties: false,
  properties: Object.fromEntries(keys.map((k) => [k, { type: "integer", minimum: 0 }])),
});
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: "object",
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

const listeningFiguresSchema = object({
  questions: object({
    asked: { type: "integer" },
    answered: { type: "integer" },
    shareAnswered: nullableNumber,
    medianHoursToAnswer: nullableNumber,
    unansweredAfterDays: { type: "integer" },
  }),
  consultations: object({
    closed: { type: "integer" },
    withOutcome: { type: "integer" },
    shareOnTime: nullableNumber,
    medianDaysToOutcome: nullableNumber,
    overdue: {
      type: "array",
      items: object({
        slug: { type: "string" },
        title: { type: "string" },
        closedAt: { type: "string", format: "date-time" },
        dueAt: { type: "string", format: "date-time" },
        daysLate: { type: "integer" },
      }),
    },
  }),
  outcomes: object({
    published: { type: "integer" },
    byStatus: countsBy(OUTCOME_STATUSES),
    averageProgress: nullableNumber,
  }),
  participation: object({
    people: { type: "integer" },
    newPeople: { type: "integer" },
    returningPeople: { type: "integer" },
    byMonth: {
      type: "array",
      items: object({
        month: { type: "string", pattern: "^\\d{4}-\\d{2}$" },
        posts: { type: "integer" },
        supports: { type: "integer" },
      }),
    },
    byArea: {
      type: "array",
      items: object({
        areaId: { type: "integer" },
        area: { type: "string" },
        posts: { type: "integer" },
        people: { type: "integer" },
      }),
    },
  }),
  moderation: object({
    postsWritten: { type: "integer" },
    postsHeld: { type: "integer" },
    shareHeld: nullableNumber,
    medianHoursInQueue: nullableNumber,
    decisions: countsBy(MODERATION_ITEM_STATUSES),
    appealsUpheld: { type: "integer" },
    appealsOverturned: { type: "integer" },
  }),
});

const page = (item: string): JsonSchema =>
  object({
    data: { type: "array", items: { $ref: `#/components/schemas/${item}` } },
    next_cursor: {
      type: ["string", "null"],
      description: "Pass as `cursor` for the next page; null on the last.",
    },
  });

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const commonResponses = {
  "400": errorResponse("A parameter is not valid; the message says which."),
  "429": errorResponse("Too many requests from this address; see Retry-After."),
};

const cursorParameters = [
  {
    name: "cursor",
    in: "query",
    required: false,
    schema: { type: "string" },
    description: "From the previous page's next_cursor.",
  },
  {
    name: "limit",
    in: "query",
    required: false,
    schema: {
      type: "integer",
      minimum: 1,
      maximum: API_PAGE_SIZE.max,
      default: API_PAGE_SIZE.default,
    },
  },
];

const idParameter = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "integer", minimum: 1 },
};

function listPath(summary: string, item: string, filters: JsonSchema[] = []) {
  return {
    get: {
      summary,
      parameters: [...filters, ...cursorParameters],
      responses: {
        "200": {
          description: "A page, oldest first (by id).",
          content: { "application/json": { schema: page(item) } },
        },
        "304": { description: "Not modified (If-None-Match matched the ETag)." },
        ...commonResponses,
      },
    },
  };
}

function itemPath(summary: string, item: string) {
  return {
    get: {
      summary,
      parameters: [idParameter],
      responses: {
        "200": {
          description: "Found, and public.",
          content: {
            "application/json": {
              schema: object({ data: { $ref: `#/components/schemas/${item}` } }),
            },
          },
        },
        "304": { description: "Not modified (If-None-Match matched the ETag)." },
        "404": errorResponse("No public item has this id."),
        ...commonResponses,
      },
    },
  };
}

const integerFilter = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "integer", minimum: 1 },
  description,
});

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley public API",
      version: "1.0.0",
      description:
        "Read-only JSON for everything public on Parley: areas, categories, issues, threads, posts, outcomes and the listening figures. Public content only; people appear as pseudonymous ids. Pages are cursor-based, oldest first. Every answer has an ETag (send it back in If-None-Match for a 304). Requests are limited per address per minute (429 with Retry-After). CORS allows GET from any site.",
      license: { name: LICENCE.name, url: LICENCE.url },
    },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      "/areas": listPath("The areas of Northbridge.", "Area"),
      "/categories": listPath("The topics issues are filed under.", "Category"),
      "/issues": listPath("Public issues (consultations).", "Issue", [
        {
          name: "area",
          in: "query",
          required: false,
          schema: { type: "string" },
          description: "Only this area's issues (its slug).",
        },
      ]),
      "/issues/{id}": itemPath("One public issue.", "Issue"),
      "/threads": listPath("Public threads.", "Thread", [
        integerFilter("issue_id", "Only this issue's threads."),
      ]),
      "/threads/{id}": itemPath("One public thread.", "Thread"),
      "/posts": listPath("Public posts.", "Post", [
        integerFilter("thread_id", "Only this thread's posts."),
      ]),
      "/posts/{id}": itemPath("One public post.", "Post"),
      "/outcomes": listPath("Published outcomes.", "Outcome", [
        integerFilter("issue_id", "Only this issue's outcomes."),
      ]),
      "/outcomes/{id}": itemPath("One published outcome.", "Outcome"),
      "/listening-figures": {
        get: {
          summary: "The listening figures for a period and area (as on How we listen).",
          parameters: [
            {
              name: "period",
              in: "query",
              required: false,
              schema: { type: "string", enum: Object.keys(PERIODS), default: "12m" },
            },
            {
              name: "area",
              in: "query",
              required: false,
              schema: { type: "string" },
              description: "An area's slug; all of Northbridge if absent.",
            },
          ],
          responses: {
            "200": {
              description: "The figures, and when they were counted.",
              content: {
                "application/json": {
                  schema: object({
                    period: object({
                      key: { type: "string" },
                      from: { type: "string", format: "date-time" },
                      to: { type: "string", format: "date-time" },
                    }),
                    area: {
                      oneOf: [
                        { type: "null" },
                        object({ slug: { type: "string" }, name: { type: "string" } }),
                      ],
                    },
                    computed_at: { type: "string", format: "date-time" },
                    figures: { $ref: "#/components/schemas/ListeningFigures" },
                  }),
                },
              },
            },
            "304": { description: "Not modified." },
            "404": errorResponse("No area has this slug."),
            ...commonResponses,
          },
        },
      },
    },
    components: {
      schemas: {
        Area: object({
          id: { type: "integer" },
          slug: { type: "string" },
          name: { type: "string" },
          description: { type: "string" },
          url: { type: "string", format: "uri" },
        }),
        Category: object({
          id: { type: "integer" },
          slug: { type: "string" },
          name: { type: "string" },
        }),
        Issue: recordSchema("issues"),
        Thread: recordSchema("threads"),
        Post: recordSchema("posts"),
        Outcome: recordSchema("outcomes"),
        ListeningFigures: listeningFiguresSchema,
        Error: object({
          error: object({ status: { type: "integer" }, message: { type: "string" } }),
        }),
      },
    },
  };
}
