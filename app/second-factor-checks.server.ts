/**
 * Taking a second factor from a form: at sign-in, and again before a sensitive change
 * (removing a factor, changing roles or sign-in settings, banning). Wrong codes are
 * counted per account (five per quarter hour), logged, and refused with the field named.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { SecondFactorMethod } from "../db/schema";
import { DomainError, InvalidInputError } from "./domain/errors";
import { spendSecondFactor } from "./domain/second-factors/authenticator.server";
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

/**
 * Uses up the code typed into `field` (an authenticator code or a recovery code) for
 * this account, or throws: InvalidInputError naming the field, or SecondFactorLimitedError.
 */
export async function takeSecondFactor(
  context: AppLoadContext,
  userId: number,
  typed: string,
  field = "code",
): Promise<Extract<SecondFactorMethod, "totp" | "recovery_code">> {
  const { rateLimits, db, secret } = context.services;
  const key = String(userId);
  const limit = await rateLimits.secondFactorPerAccount.check(key);
  if (!limit.allowed) {
    logSecurityEvent(context, "second_factor_limited", { userId });
    throw new SecondFactorLimitedError(limit.retryAfterSeconds);
  }
  const method = typed.trim()
    ? await spendSecondFactor(db, secret, userId, typed, new Date())
    : null;
  if (!method) {
    await rateLimits.secondFactorPerAccount.take(key);
    logSecurityEvent(context, "second_factor_failed", { userId });
    const refusal = typed.trim()
      ? "The code is not right, or it has been used. Type the code your app shows now, or an unused recovery code"
      : "Enter the code from your authenticator app, or a recovery code";
    throw new InvalidInputError(`${refusal}.`, { [field]: refusal });
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
