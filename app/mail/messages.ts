/**
 * What each email says, as plain text and as simple HTML. Every value that came from a
 * person is escaped in the HTML part; the text part is plain text by nature.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

interface Layout {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string[];
}

function compose({ subject, greeting, paragraphs, action, footer }: Layout): MailContent {
  const text = [
    greeting,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    "--",
    ...footer,
  ].join("\n");
  const html = [
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    action
      ? `<p><a href="${escapeHtml(action.url)}" style="color: #1d70b8">${escapeHtml(action.label)}</a></p>`
      : "",
    `<hr><p style="font-size: 14px; color: #505a5f">${footer.map(escapeHtml).join("<br>")}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

const SIGN_OFF = ["Parley, Northbridge community consultations"];
const NOT_YOU =
  "If this was not you, you can ignore this email: nothing changes until the link is used.";

/**
 * Sent to an address not yet proven to be the account holder's: it carries nothing the
 * requester chose (no display name), so it cannot be turned into a message to a stranger.
 */
export function verifyEmailMessage(_name: string, url: string): MailContent {
  return compose({
    subject: "Confirm your email address for Parley",
    greeting: "Hello,",
    paragraphs: [
      "Thank you for registering with Parley. Confirm your email address so you can start threads, reply and support ideas.",
      "The link works for 24 hours.",
      NOT_YOU,
    ],
    action: { label: "Confirm your email address", url },
    footer: SIGN_OFF,
  });
}

export function resetPasswordMessage(name: string, url: string): MailContent {
  return compose({
    subject: "Reset your Parley password",
    greeting: `Hello ${name},`,
    paragraphs: [
      "Someone asked to reset the password of your Parley account. Use the link to choose a new one; it works once, for one hour.",
      "Resetting your password signs you out everywhere else.",
      NOT_YOU,
    ],
    action: { label: "Choose a new password", url },
    footer: SIGN_OFF,
  });
}

/**
 * Sent to an address not yet proven to be the account holder's: it carries nothing the
 * requester chose (no display name), so it cannot be turned into a message to a stranger.
 */
export function changeEmailMessage(_name: string, url: string): MailContent {
  return compose({
    subject: "Confirm your new email address for Parley",
    greeting: "Hello,",
    paragraphs: [
      "You asked to use this email address for your Parley account. Confirm it with the link; it works for 24 hours.",
      NOT_YOU,
    ],
    action: { label: "Confirm your new email address", url },
    footer: SIGN_OFF,
  });
}

/**
 * Sent to an account's address when someone registers with it: registration answers the
 * same whether or not an address is taken, so the holder hears of it here instead.
 */
export function registrationAttemptMessage(
  name: string,
  signInUrl: string,
  resetUrl: string,
): MailContent {
  return compose({
    subject: "Someone tried to register with your email address",
    greeting: `Hello ${name},`,
    paragraphs: [
      "Someone tried to register a new Parley account with this email address. It already has an account, so no new one was made.",
      `If it was you, sign in instead: ${signInUrl}. If you have forgotten your password, you can choose a new one: ${resetUrl}.`,
      "If it was not you, you do not need to do anything: your account is unchanged.",
    ],
    action: { label: "Sign in to Parley", url: signInUrl },
    footer: SIGN_OFF,
  });
}

/** Sent to the old address (password or email changed): the owner hears of it either way. */
export function accountChangedMessage(
  name: string,
  change: string,
  signInUrl: string,
): MailContent {
  return compose({
    subject: "Your Parley account was changed",
    greeting: `Hello ${name},`,
    paragraphs: [
      `${change} You have been signed out everywhere else.`,
      "If you did not do this, reset your password straight away and tell the council.",
    ],
    action: { label: "Sign in to Parley", url: signInUrl },
    footer: SIGN_OFF,
  });
}

/** Sent when a second factor, the recovery codes or the role of an account changed. */
export function securityChangedMessage(
  name: string,
  change: string,
  accountUrl: string,
): MailContent {
  return compose({
    subject: "How you sign in to Parley has changed",
    greeting: `Hello ${name},`,
    paragraphs: [
      change,
      "If this was not you or someone at the council you expected, reset your password straight away and tell the council.",
    ],
    action: { label: "See how you sign in", url: accountUrl },
    footer: SIGN_OFF,
  });
}

export function notificationMessage(input: {
  name: string;
  text: string;
  url: string;
  kindLabel: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}): MailContent {
  return compose({
    subject: input.text,
    greeting: `Hello ${input.name},`,
    paragraphs: [`${input.text}.`],
    action: { label: "Read it on Parley", url: input.url },
    footer: [
      ...SIGN_OFF,
      `You get this email because of your setting “${input.kindLabel}”.`,
      `Stop these emails: ${input.unsubscribeUrl}`,
      `All email settings: ${input.preferencesUrl}`,
    ],
  });
}
