/** The one shape every form action answers with when it refuses input. */
import { data } from "@remix-run/node";
import { DomainError, InvalidInputError } from "./domain/errors";
import type { FieldErrors, FormValues } from "./schemas/parse-form";

export interface FormFailure {
  /** A message for the whole form, shown in the error summary. */
  formError: string | null;
  fieldErrors: FieldErrors;
  /** What the user typed, to fill the form in again. */
  values: FormValues;
}

export function formFailure(
  status: number,
  failure: Partial<FormFailure> & { values: FormValues },
) {
  const body: FormFailure = {
    formError: failure.formError ?? null,
    fieldErrors: failure.fieldErrors ?? {},
    values: failure.values,
  };
  return data(body, { status });
}

/** Turns a domain refusal into a form failure with its status; anything else is rethrown. */
export function domainFailure(error: unknown, values: FormValues) {
  if (error instanceof InvalidInputError) {
    const perField = Object.keys(error.fieldErrors).length > 0;
    return formFailure(400, {
      formError: perField ? null : error.message,
      fieldErrors: error.fieldErrors,
      values,
    });
  }
  if (error instanceof DomainError) {
    return formFailure(error.status, { formError: error.message, values });
  }
  throw error;
}

/** A refusal that also carries something the form needs back (e.g. ticked boxes). */
export function withExtra<E extends object>(refusal: ReturnType<typeof formFailure>, extra: E) {
  return data({ ...refusal.data, ...extra }, refusal.init ?? undefined);
}
