/**
 * Sends mail with nodemailer: to SMTP_URL when it is set, otherwise into .eml files
 * under $PARLEY_DATA_DIR/mail, so a local install needs no mail server and every
 * message can be opened in a mail client.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for the start-up banner and logs. */
  destination: string;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  dataDir: string;
  from: string;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      destination: `SMTP ${new URL(options.smtpUrl).host}`,
      async send(message) {
        await transport.sendMail({ from: options.from, ...message });
      },
    };
  }
  const directory = path.join(options.dataDir, "mail");
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
  });
  return {
    destination: `files in ${directory}`,
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      await mkdir(directory, { recursive: true });
      // Sortable by time; the random part keeps two messages in one millisecond apart.
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}.eml`;
      await writeFile(path.join(directory, name), info.message as Buffer);
    },
  };
}
