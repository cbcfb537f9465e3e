/** The `extensions.code` values of the contract. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UPSTREAM_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** An error whose message is safe to show to API clients; mapped to `extensions.code` in one place. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(field: string, reason: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', `${field}: ${reason}`, { field, ...details });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'an API key is required: send Authorization: Bearer <key>') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(required: string) {
    super('FORBIDDEN', `this operation needs the ${required} role`, { requiredRole: required });
  }
}

export class UpstreamUnavailableError extends DomainError {
  constructor(provider: string, reason: string) {
    super('UPSTREAM_UNAVAILABLE', `${provider} is unavailable: ${reason}`, { provider });
  }
}
