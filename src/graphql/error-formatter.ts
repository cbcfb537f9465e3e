import { GraphQLFormattedError } from 'graphql';
import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from 'src/common/domain-errors';
import { currentLogger } from 'src/common/logger';

// Codes graphql-js and Apollo attach to errors that are the client's doing; their messages are safe to show.
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UPSTREAM_UNAVAILABLE',
]);

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

function validationField(exception: HttpException): { message: string; field?: string } {
  const response = exception.getResponse();
  const messages =
    typeof response === 'object' && response && 'message' in response ? response.message : undefined;
  const first = Array.isArray(messages)
    ? String(messages[0])
    : typeof messages === 'string'
      ? messages
      : exception.message;
  const field = /^([\w.[\]]+) /.exec(first)?.[1];
  return { message: field ? `${field}: ${first.slice(field.length + 1)}` : first, field };
}

/**
 * The one place errors become `extensions.code`. Domain and client errors keep their message; anything else is
 * logged with a correlation id and masked.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof HttpException) {
    const code = HTTP_CODES[original.getStatus()];
    if (code) {
      const { message, field } = validationField(original);
      return { ...base, message, extensions: { code, ...(field ? { field } : {}) } };
    }
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  const correlationId = randomUUID();
  // the request's logger: the line carries the request id beside the correlation id
  currentLogger().error(
    { correlationId, err: original, path: formatted.path },
    'internal error in a GraphQL request',
  );
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
  };
}
