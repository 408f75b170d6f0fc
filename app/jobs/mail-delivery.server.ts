/** What mail handlers need: a mailer, the site's address for links, and the signing secret. */
import type { Mailer } from "../mail/mailer.server";

export interface MailDelivery {
  mailer: Mailer;
  /** e.g. https://parley.northbridge.gov.uk — links in mail are absolute. */
  siteUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
}

export function siteLink(delivery: MailDelivery, path: string): string {
  return new URL(path, delivery.siteUrl).toString();
}
