/**
 * Typed failures that domain functions throw and routes turn into HTTP answers:
 * NotFound 404, Forbidden 403, Conflict 409, Invalid 400 (with messages per field).
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = "We couldn't find that page.") {
    super(message, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "You don't have permission to do that.") {
    super(message, 403);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** A rule about the input was broken; `fieldErrors` says which field and why. */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message, 400);
  }
}
