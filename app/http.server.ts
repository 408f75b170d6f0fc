/** Turns domain refusals into HTTP responses for loaders (actions use action-result). */
import { DomainError } from "./domain/errors";
import { parseDbId } from "./schemas/query";

/** Use as `.catch(throwDomainResponse)`: a DomainError becomes a thrown Response, anything else rethrows. */
export function throwDomainResponse(error: unknown): never {
  if (error instanceof DomainError) {
    throw new Response(error.message, { status: error.status, statusText: error.name });
  }
  throw error;
}

/** Route params that must be ids: anything else is a 404, not a database error. */
export function parseIdParam(value: string | undefined): number {
  const id = parseDbId(value);
  if (id === null) throw new Response("We couldn't find that page.", { status: 404 });
  return id;
}
