/** Structured JSON logs (pino). One logger per process; requests get a child with their id. */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app: "parley" } });
}
