/**
 * Prometheus metrics at /metrics, off unless PARLEY_METRICS_TOKEN is set, and then only
 * for a request bearing it. Request durations are labelled by Remix route id, never by
 * path, so the number of series stays fixed however many issues and threads exist.
 */
import { timingSafeEqual } from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { readOperationalFigures } from "../domain/operational-figures.server";
import type { AppServices } from "../services.server";
import type { PoolUse } from "../../db/connect";

export interface Metrics {
  registry: Registry;
  /** Records one finished request. */
  observeRequest(method: string, path: string, status: number, seconds: number): void;
}

export function createMetrics(
  services: AppServices,
  build: ServerBuild,
  poolUse: () => PoolUse | null = () => null,
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const routeOf = routeMatcher(build);

  const requestDuration = new Histogram({
    name: "parley_http_request_duration_seconds",
    help: "Time from a request arriving to its response finishing, by Remix route.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const collectFailures = new Counter({
    name: "parley_metrics_collect_failures_total",
    help: "Scrapes where a figure could not be read (its gauge then reads NaN).",
    registers: [registry],
  });

  // One read of the database per scrape, shared by the four gauges that need it.
  let figures: ReturnType<typeof readOperationalFigures> | null = null;
  const readFigures = () => {
    figures ??= readOperationalFigures(services.db, new Date()).finally(() => {
      setTimeout(() => (figures = null), 0);
    });
    return figures;
  };
  const figureGauge = (
    name: string,
    help: string,
    pick: (f: Awaited<ReturnType<typeof readOperationalFigures>>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        try {
          this.set(pick(await readFigures()));
        } catch {
          collectFailures.inc();
          this.set(Number.NaN);
        }
      },
    });
  figureGauge(
    "parley_outbox_waiting_events",
    "Outbox events not yet handled (search, mail, notifications), including retries.",
    (f) => f.outboxWaiting,
  );
  figureGauge(
    "parley_outbox_lag_seconds",
    "How long the oldest due outbox event has waited for the worker.",
    (f) => f.outboxLagSeconds,
  );
  figureGauge("parley_moderation_queue_items", "Moderation items open now.", (f) => f.queueOpen);
  figureGauge(
    "parley_moderation_queue_oldest_seconds",
    "Age of the oldest open moderation item.",
    (f) => f.queueOldestSeconds,
  );
  new Gauge({
    name: "parley_search_available",
    help: "1 when Meilisearch answers its health check, 0 when search runs in its limited mode.",
    registers: [registry],
    async collect() {
      this.set(services.search && (await services.search.checkHealth()) === "ok" ? 1 : 0);
    },
  });
  new Gauge({
    name: "parley_db_pool_connections",
    help: "PostgreSQL connections in the app's pool, by state (absent with embedded PGlite).",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const use = poolUse();
      if (!use) return;
      this.set({ state: "total" }, use.total);
      this.set({ state: "idle" }, use.idle);
      this.set({ state: "waiting" }, use.waiting);
    },
  });

  return {
    registry,
    observeRequest(method, path, status, seconds) {
      requestDuration.observe({ method, route: routeOf(path), status: String(status) }, seconds);
    },
  };
}

/** Serves the registry to a request bearing the token; to anyone else, nothing. */
export function metricsEndpoint(metrics: Metrics, token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req: Request, res: Response, next: NextFunction) => {
    const given = Buffer.from(req.get("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      res.status(401).type("text").send("A metrics token is required.\n");
      return;
    }
    try {
      res.setHeader("Cache-Control", "no-store");
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The Remix route id that serves a path, from the build's own route table: static
 * segments beat dynamic ones, as in Remix's ranking. Anything else is "unmatched";
 * fingerprinted assets are "static".
 */
export function routeMatcher(build: ServerBuild): (path: string) => string {
  const fullPath = (id: string): string => {
    const route = build.routes[id];
    if (!route) return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  const patterns = Object.values(build.routes)
    .filter((route) => route.id !== "root" && (route.index || route.path))
    .map((route) => {
      const segments = fullPath(route.id).split("/").filter(Boolean);
      const source = segments
        .map((segment) =>
          segment === "*"
            ? "(?:/.*)?"
            : segment.startsWith(":")
              ? "/[^/]+"
              : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
        )
        .join("");
      return {
        id: route.id.replace(/^routes\//, ""),
        regex: new RegExp(`^${source}/?$`),
        rank: [
          segments.filter((s) => !s.startsWith(":") && s !== "*").length,
          -segments.filter((s) => s === "*").length,
        ] as const,
      };
    })
    .sort((a, b) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1]);
  return (path) => {
    if (path.startsWith("/build/")) return "static";
    return patterns.find((pattern) => pattern.regex.test(path))?.id ?? "unmatched";
  };
}
