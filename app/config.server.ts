/**
 * Parley's configuration: every environment variable it reads, in one zod schema, with
 * its default (README "Configuration" lists the same). A bad value stops the process at
 * start with every problem named, rather than surfacing as odd behaviour later.
 */
import path from "node:path";
import { z } from "zod";
import {
  parseSingleSignOnProviders,
  type SingleSignOnProvider,
} from "./domain/single-sign-on/providers";

export interface AppConfig {
  host: string;
  port: number;
  /** Where embedded defaults keep their files: PGlite, Meilisearch, mail. */
  dataDir: string;
  databaseUrl: string | undefined;
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  smtpUrl: string | undefined;
  /** Secure cookies and a `__Host-` cookie prefix; on when NODE_ENV=production. */
  production: boolean;
  /**
   * The origin browsers use to reach the site (e.g. https://parley.example.gov.uk).
   * Non-GET requests must carry it; when unset, the request's own Host is trusted.
   */
  publicOrigin: string | undefined;
  /** Proxies in front whose X-Forwarded-For is believed (0: use the socket's address). */
  trustProxyHops: number;
  /** How long after posting an author may still edit, in minutes (PARLEY_EDIT_WINDOW_MINUTES). */
  editWindowMinutes: number;
  /** Weeks after closing by which a consultation's outcome is due (UK practice: 12). */
  responseWeeks: number;
  /** Searches allowed per IP address per minute. */
  searchesPerMinute: number;
  /** Requests to the public JSON API and open data allowed per IP address per minute. */
  apiRequestsPerMinute: number;
  /**
   * How old the listening figures may be before the worker recomputes them, in minutes
   * (PARLEY_FIGURES_MAX_AGE_MINUTES, default 15). 0: compute them on every request.
   */
  figuresMaxAgeMinutes: number;
  /** Registrations allowed per IP address per hour (PARLEY_REGISTRATIONS_PER_IP_HOUR). */
  registrationsPerIpHour: number;
  /** Sign-in attempts allowed per IP address per 15 minutes (PARLEY_SIGN_INS_PER_IP). */
  signInsPerIp: number;
  /** Questions without an official answer after this many days are listed for officers. */
  unansweredAfterDays: number;
  /** Signed out after this many hours without a visit (PARLEY_SESSION_IDLE_HOURS). */
  sessionIdleHours: number;
  /** Signed out this many days after signing in, however active (PARLEY_SESSION_MAX_DAYS). */
  sessionMaxDays: number;
  /**
   * Signs one-click unsubscribe links. PARLEY_SECRET in production; otherwise one is
   * generated once into the data directory by the start script.
   */
  secret: string | undefined;
  /** The sender of Parley's email (MAIL_FROM). */
  mailFrom: string;
  /** Seed the demo council into an empty database at start (PARLEY_DEMO=off: don't). */
  seedDemo: boolean;
  /** Run the outbox worker inside the web process (PARLEY_WORKER=off: run it apart). */
  runWorker: boolean;
  /**
   * The Meilisearch index Parley keeps (PARLEY_SEARCH_INDEX, default "content"): several
   * sites, or a test, can share one Meilisearch.
   */
  searchIndex: string;
  /** Serves /bench-floor, the benchmark's layout-only page (PARLEY_BENCH_FLOOR=on). */
  benchFloor: boolean;
  /** Bearer token for Prometheus at /metrics (PARLEY_METRICS_TOKEN); unset: no /metrics. */
  metricsToken: string | undefined;
  /** Identity providers staff sign in through (PARLEY_OIDC_PROVIDERS, a JSON array). */
  singleSignOnProviders: SingleSignOnProvider[];
}

/** Blank counts as unset, as in most deployment tools' env editors. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));
const count = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const number = Number(value);
      if (Number.isFinite(number) && number >= 0) return number;
      ctx.addIssue({ code: "custom", message: `must be a number of 0 or more, not "${value}"` });
      return z.NEVER;
    });
const onUnlessOff = z
  .string()
  .optional()
  .transform((value) => value !== "off");

const offUnlessOn = z
  .string()
  .optional()
  .transform((value) => value === "on");

const environmentSchema = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z
    .string()
    .default("3000")
    .refine((value) => /^\d{1,5}$/.test(value) && Number(value) <= 65535, {
      message: "must be a whole number from 0 to 65535",
    })
    .transform(Number),
  NODE_ENV: z.string().optional(),
  PARLEY_DATA_DIR: z.string().default("data"),
  DATABASE_URL: optionalText,
  MEILI_URL: optionalText,
  MEILI_MASTER_KEY: optionalText,
  SMTP_URL: optionalText,
  PUBLIC_ORIGIN: optionalText.refine((value) => value === undefined || URL.canParse(value), {
    message: "must be an absolute URL, such as https://parley.example.gov.uk",
  }),
  PARLEY_TRUST_PROXY_HOPS: count(0),
  PARLEY_EDIT_WINDOW_MINUTES: count(30),
  PARLEY_UNANSWERED_DAYS: count(5),
  PARLEY_RESPONSE_WEEKS: count(12),
  PARLEY_SESSION_IDLE_HOURS: count(7 * 24),
  PARLEY_SESSION_MAX_DAYS: count(30),
  PARLEY_SECRET: optionalText,
  MAIL_FROM: optionalText,
  PARLEY_REGISTRATIONS_PER_IP_HOUR: count(10),
  PARLEY_SIGN_INS_PER_IP: count(100),
  PARLEY_SEARCHES_PER_MINUTE: count(60),
  PARLEY_API_REQUESTS_PER_MINUTE: count(120),
  PARLEY_FIGURES_MAX_AGE_MINUTES: count(15),
  PARLEY_DEMO: onUnlessOff,
  PARLEY_WORKER: onUnlessOff,
  PARLEY_SEARCH_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, "must be letters, digits, - or _ (a Meilisearch index uid)")
    .default("content"),
  PARLEY_BENCH_FLOOR: offUnlessOn,
  PARLEY_METRICS_TOKEN: optionalText.refine(
    (token) => token === undefined || token.length >= 16,
    "must be at least 16 characters (it guards operational figures)",
  ),
  PARLEY_OIDC_PROVIDERS: z
    .string()
    .optional()
    .transform((json, ctx) => {
      const parsed = parseSingleSignOnProviders(json);
      if (parsed.ok) return parsed.providers;
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }),
});

/** Thrown at start when the environment holds values Parley cannot use. */
export class ConfigurationError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(
      `Parley's configuration has ${issues.length === 1 ? "a problem" : "problems"}:\n` +
        issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`).join("\n"),
    );
    this.name = "ConfigurationError";
  }
}

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigurationError(parsed.error.issues);
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.PARLEY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    meiliUrl: e.MEILI_URL,
    meiliMasterKey: e.MEILI_MASTER_KEY,
    smtpUrl: e.SMTP_URL,
    production: e.NODE_ENV === "production",
    publicOrigin: e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : undefined,
    trustProxyHops: e.PARLEY_TRUST_PROXY_HOPS,
    editWindowMinutes: e.PARLEY_EDIT_WINDOW_MINUTES,
    unansweredAfterDays: e.PARLEY_UNANSWERED_DAYS,
    responseWeeks: e.PARLEY_RESPONSE_WEEKS,
    sessionIdleHours: e.PARLEY_SESSION_IDLE_HOURS,
    sessionMaxDays: e.PARLEY_SESSION_MAX_DAYS,
    secret: e.PARLEY_SECRET,
    mailFrom: e.MAIL_FROM ?? "Parley <no-reply@parley.localhost>",
    registrationsPerIpHour: e.PARLEY_REGISTRATIONS_PER_IP_HOUR,
    signInsPerIp: e.PARLEY_SIGN_INS_PER_IP,
    searchesPerMinute: e.PARLEY_SEARCHES_PER_MINUTE,
    apiRequestsPerMinute: e.PARLEY_API_REQUESTS_PER_MINUTE,
    figuresMaxAgeMinutes: e.PARLEY_FIGURES_MAX_AGE_MINUTES,
    seedDemo: e.PARLEY_DEMO,
    runWorker: e.PARLEY_WORKER,
    metricsToken: e.PARLEY_METRICS_TOKEN,
    searchIndex: e.PARLEY_SEARCH_INDEX,
    benchFloor: e.PARLEY_BENCH_FLOOR,
    singleSignOnProviders: e.PARLEY_OIDC_PROVIDERS,
  };
}
