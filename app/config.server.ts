/** Reads Parley's configuration from the environment, once, with documented defaults. */
import path from "node:path";

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
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new Error(`${name} must be a number of 0 or more, not "${value}"`);
  return number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    dataDir: path.resolve(env.PARLEY_DATA_DIR ?? "data"),
    databaseUrl: env.DATABASE_URL || undefined,
    meiliUrl: env.MEILI_URL || undefined,
    meiliMasterKey: env.MEILI_MASTER_KEY || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    production: env.NODE_ENV === "production",
    publicOrigin: env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).origin : undefined,
    trustProxyHops: positiveNumber(env.PARLEY_TRUST_PROXY_HOPS, 0, "PARLEY_TRUST_PROXY_HOPS"),
    editWindowMinutes: positiveNumber(
      env.PARLEY_EDIT_WINDOW_MINUTES,
      30,
      "PARLEY_EDIT_WINDOW_MINUTES",
    ),
    unansweredAfterDays: positiveNumber(env.PARLEY_UNANSWERED_DAYS, 5, "PARLEY_UNANSWERED_DAYS"),
    responseWeeks: positiveNumber(env.PARLEY_RESPONSE_WEEKS, 12, "PARLEY_RESPONSE_WEEKS"),
    sessionIdleHours: positiveNumber(
      env.PARLEY_SESSION_IDLE_HOURS,
      7 * 24,
      "PARLEY_SESSION_IDLE_HOURS",
    ),
    sessionMaxDays: positiveNumber(env.PARLEY_SESSION_MAX_DAYS, 30, "PARLEY_SESSION_MAX_DAYS"),
    secret: env.PARLEY_SECRET || undefined,
    mailFrom: env.MAIL_FROM || "Parley <no-reply@parley.localhost>",
    registrationsPerIpHour: positiveNumber(
      env.PARLEY_REGISTRATIONS_PER_IP_HOUR,
      10,
      "PARLEY_REGISTRATIONS_PER_IP_HOUR",
    ),
    signInsPerIp: positiveNumber(env.PARLEY_SIGN_INS_PER_IP, 100, "PARLEY_SIGN_INS_PER_IP"),
    searchesPerMinute: positiveNumber(
      env.PARLEY_SEARCHES_PER_MINUTE,
      60,
      "PARLEY_SEARCHES_PER_MINUTE",
    ),
  };
}
