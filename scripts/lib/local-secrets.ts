/** Secrets a local install makes once and keeps in its data folder (mode 600). */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppConfig } from "../../app/config.server";
import { createMailer } from "../../app/mail/mailer.server";
import type { MailDelivery } from "../../app/jobs/mail-delivery.server";

export function readOrCreateSecretFile(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(24).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** PARLEY_SECRET, or one made once for this data folder. */
export function siteSecret(config: AppConfig): string {
  return config.secret ?? readOrCreateSecretFile(config.dataDir, "site-secret");
}

/** Mail for the worker: SMTP_URL or .eml files, links to the public origin (or `fallbackUrl`). */
export function createMailDelivery(config: AppConfig, fallbackUrl: string): MailDelivery {
  return {
    mailer: createMailer({
      smtpUrl: config.smtpUrl,
      dataDir: config.dataDir,
      from: config.mailFrom,
    }),
    siteUrl: config.publicOrigin ?? fallbackUrl,
    secret: siteSecret(config),
  };
}
