/**
 * Classifies errors from PostgreSQL (pg or PGlite) so that callers can answer a fault
 * with the right thing: retry a deadlock, answer 503 to an outage, never a 500.
 */

/** SQLSTATEs a transaction may simply be run again after: the database rolled it back. */
const RETRYABLE_CODES = new Set([
  "40P01", // deadlock_detected
  "40001", // serialization_failure
]);

/** Node socket errors that mean the server is not there (restarting, stopped, unreachable). */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** pg's own messages for a connection that died or could not be had in time. */
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
  "Cannot use a pool after calling end",
];

function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** True for a deadlock or serialization failure: the transaction can be tried again. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/**
 * True when the database is unavailable rather than the query wrong: the server shut
 * down or is starting (class 57: 57P01–57P03), the connection failed (class 08), or the
 * socket could not be opened. Such a request fails with 503 and may be tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  const code = sqlState(error);
  if (code && (code.startsWith("57P") || code.startsWith("08") || SOCKET_CODES.has(code)))
    return true;
  const message = error instanceof Error ? error.message : "";
  if (CONNECTION_MESSAGES.some((text) => message.includes(text))) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}
