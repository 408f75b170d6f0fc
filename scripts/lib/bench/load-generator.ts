/**
 * Load over HTTP for the page benchmark. wrk when the machine has it: written in C, it
 * does not saturate a core before the server does. Otherwise autocannon with worker
 * threads, which spreads its own JavaScript over the cores. Which one ran is reported.
 */
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Failed connections, timeouts and answers other than 2xx/3xx. */
  errors: number;
  requests: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** A JSON body to POST instead of a GET. */
  jsonBody?: string;
}

export type LoadTool = "wrk" | "autocannon (worker threads)";

export function chooseLoadTool(): LoadTool {
  return spawnSync("wrk", ["--version"]).error ? "autocannon (worker threads)" : "wrk";
}

/** wrk prints its summary through this script, as one JSON line. */
const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

export async function runLoad(tool: LoadTool, options: LoadOptions): Promise<LoadResult> {
  return tool === "wrk" ? runWrk(options) : runAutocannon(options);
}

async function runWrk(options: LoadOptions): Promise<LoadResult> {
  const script = path.join(os.tmpdir(), `parley-wrk-${process.pid}.lua`);
  const post = options.jsonBody
    ? `wrk.method = "POST"\nwrk.body = ${JSON.stringify(options.jsonBody)}\nwrk.headers["Content-Type"] = "application/json"\n`
    : "";
  writeFileSync(script, post + WRK_REPORT);
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => [
    "-H",
    `${name}: ${value}`,
  ]);
  const threads = Math.min(options.connections, Math.max(1, os.cpus().length));
  const args = [
    `-t${threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    "10s",
    "-s",
    script,
    ...headerArgs,
    options.url,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`)),
    );
  });
  const line = output.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (!line) throw new Error(`wrk printed no summary:\n${output}`);
  const report = JSON.parse(line.slice("WRK_JSON ".length)) as {
    requests: number;
    duration_us: number;
    errors: number;
    p50_us: number;
    p99_us: number;
  };
  return {
    requestsPerSecond: report.requests / (report.duration_us / 1e6),
    p50Ms: report.p50_us / 1000,
    p99Ms: report.p99_us / 1000,
    errors: report.errors,
    requests: report.requests,
  };
}

async function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const { default: autocannon } = await import("autocannon");
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    workers: Math.max(1, os.cpus().length - 1),
    headers: options.jsonBody
      ? { ...options.headers, "Content-Type": "application/json" }
      : options.headers,
    ...(options.jsonBody ? { method: "POST" as const, body: options.jsonBody } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}
