/**
 * Taking a second factor from a form: at sign-in, and again before a sensitive change
 * (removing a factor, changing roles or sign-in settings, banning). Wrong codes are
 * counted per account (five per quarter hour), logged, and refused with the field named.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { SecondFactorMethod } from "../db/schema";
import { DomainError, InvalidInputError } from "./domain/errors";
import { spendSecondFactor } from "./domain/second-factors/authenticator.server";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { finishPasskeyCheck, type RelyingParty } from "./domain/second-factors/passkeys.server";
import { describeWait, limitedFormFailure } from "./rate-limit-responses.server";
import { domainFailure } from "./action-result.server";
import type { FormValues } from "./schemas/parse-form";
import { logSecurityEvent } from "./security-log.server";

/** Too many wrong codes: answered 429 with Retry-After. */
export class SecondFactorLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `There have been too many wrong codes. Please wait ${describeWait(retryAfterSeconds)} and try again.`,
      400,
    );
  }
}

/** A passkey's answer, sent with a form by the passkey button (components/passkeys.tsx). */
export interface PasskeyProof {
  challengeId: string;
  response: AuthenticationResponseJSON;
}

const passkeyProofShape = z.object({
  challengeId: z.string().min(1).max(100),
  response: z
    .object({ id: z.string().min(1).max(1_000), type: z.literal("public-key") })
    .passthrough(),
});

/** The passkey answer a form carries, if any (a malformed one reads as none). */
export function passkeyProofOf(formData: FormData): PasskeyProof | null {
  const raw = formData.get("passkeyResponse");
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 20_000) return null;
  try {
    const parsed = passkeyProofShape.safeParse({
      challengeId: formData.get("passkeyChallengeId"),
      response: JSON.parse(raw) as unknown,
    });
    return parsed.success ? (parsed.data as unknown as PasskeyProof) : null;
  } catch {
    return null;
  }
}

/** This site as passkeys know it: its origin and host name. */
export function relyingParty(context: AppLoadContext, request: Request): RelyingParty {
  const origin = context.services.config.publicOrigin ?? new URL(request.url).origin;
  return { origin, id: new URL(origin).hostname, name: "Parley" };
}

/** How a form gave its second factor: a typed code, or a passkey's answer. */
export interface SecondFactorProof {
  code: string;
  passkey: PasskeyProof | null;
}

/** The proof a form carries: its code field and any passkey answer. */
export function secondFactorProofOf(formData: FormData, codeField: string): SecondFactorProof {
  const code = formData.get(codeField);
  return { code: typeof code === "string" ? code : "", passkey: passkeyProofOf(formData) };
}

/**
 * Uses up the second factor given for this account: a passkey's answer to this
 * purpose's challenge, or the code typed into `field` (an authenticator code or a
 * recovery code). Throws InvalidInputError naming the field, or SecondFactorLimitedError.
 */
export async function takeSecondFactor(
  context: AppLoadContext,
  request: Request,
  userId: number,
  proof: SecondFactorProof,
  options: { field: string; purpose: "sign-in" | "confirm" },
): Promise<Extract<SecondFactorMethod, "totp" | "recovery_code" | "passkey">> {
  const { rateLimits, db, secret } = context.services;
  const key = String(userId);
  const limit = await rateLimits.secondFactorPerAccount.check(key);
  if (!limit.allowed) {
    logSecurityEvent(context, "second_factor_limited", { userId });
    throw new SecondFactorLimitedError(limit.retryAfterSeconds);
  }
  const refuse = async (refusal: string, method: string) => {
    await rateLimits.secondFactorPerAccount.take(key);
    logSecurityEvent(context, "second_factor_failed", { userId, method });
    return new InvalidInputError(`${refusal}.`, { [options.field]: refusal });
  };
  if (proof.passkey) {
    try {
      await finishPasskeyCheck(
        db,
        relyingParty(context, request),
        {
          userId,
          purpose: options.purpose,
          challengeId: proof.passkey.challengeId,
          response: proof.passkey.response,
        },
        new Date(),
      );
    } catch (error) {
      if (error instanceof InvalidInputError) {
        throw await refuse(error.message.replace(/\.$/, ""), "passkey");
      }
      throw error;
    }
    await rateLimits.secondFactorPerAccount.reset(key);
    logSecurityEvent(context, "second_factor_given", { userId, method: "passkey" });
    return "passkey";
  }
  const typed = proof.code.trim();
  if (!typed) {
    throw new InvalidInputError("Enter a code.", {
      [options.field]: "Enter the code from your authenticator app, or a recovery code",
    });
  }
  const method = await spendSecondFactor(db, secret, userId, typed, new Date());
  if (!method) {
    throw await refuse(
      "The code is not right, or it has been used. Type the code your app shows now, or an unused recovery code",
      "code",
    );
  }
  await rateLimits.secondFactorPerAccount.reset(key);
  logSecurityEvent(context, "second_factor_given", { userId, method });
  return method;
}

/** A refused code as a form failure: 429 with Retry-After when limited, else 400. */
export function secondFactorFailure(error: unknown, values: FormValues) {
  if (error instanceof SecondFactorLimitedError) {
    return limitedFormFailure(
      values,
      "There have been too many wrong codes.",
      error.retryAfterSeconds,
    );
  }
  return domainFailure(error, values);
}

/**
 * The fresh second factor asked before a sensitive change (removing a factor, a role
 * change, a ban…): the form's "confirmationCode" or its passkey answer. Null when it was
 * given; otherwise the form failure to answer with, keeping `values`.
 */
export async function checkFreshSecondFactor(
  context: AppLoadContext,
  request: Request,
  userId: number,
  formData: FormData,
  values: FormValues,
) {
  try {
    await takeSecondFactor(
      context,
      request,
      userId,
      secondFactorProofOf(formData, "confirmationCode"),
      { field: "confirmationCode", purpose: "confirm" },
    );
    return null;
  } catch (error) {
    return secondFactorFailure(error, values);
  }
}
