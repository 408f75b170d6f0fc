/** Turns domain refusals into HTTP responses for loaders (actions use action-result). */
import { DomainError } from "./domain/errors";

/** Use as `.catch(throwDomainResponse)`: a DomainError becomes a thrown Response, anything else rethrows. */
export function throwDomainResponse(error: unknown): never {
  if (error instanceof DomainError) {
    throw new Response(error.message, { status: error.status, statusText: error.name });
  }
  throw error;
}

/** Route params that must be ids: anything else is a 404, not a database error. */
export function parseIdParam(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > 2_147_483_647) {
    throw new Response("We couldn't find that page.", { status: 404 });
  }
  return Number(value);
}
