/**
 * A real SMTP server inside the test process (smtp-server), so mail tests go through
 * nodemailer's SMTP transport and check what was actually delivered, parsed back with
 * mailparser.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestMailServer {
  url: string;
  delivered: ParsedMail[];
  /** Messages to one address, oldest first. */
  to(address: string): ParsedMail[];
  /** Refuse every message from now on (a mail outage), or accept again. */
  setRefusing(refusing: boolean): void;
  close(): Promise<void>;
}

export async function startTestMailServer(): Promise<TestMailServer> {
  const delivered: ParsedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      if (refusing) {
        stream.resume();
        stream.on("end", () => callback(new Error("451 mailbox unavailable, try later")));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          delivered.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    to: (address) =>
      delivered.filter((mail) =>
        [mail.to]
          .flat()
          .some((to) => to?.value.some((v) => v.address?.toLowerCase() === address.toLowerCase())),
      ),
    setRefusing: (value) => (refusing = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that goes to `path`, and its token. */
export function linkIn(mail: ParsedMail, path: string): { url: URL; token: string } {
  const match = new RegExp(`https?://\\S+${path.replace(/[/.]/g, "\\$&")}\\?token=\\S+`).exec(
    mail.text ?? "",
  );
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  const url = new URL(match[0]);
  return { url, token: url.searchParams.get("token") ?? "" };
}
