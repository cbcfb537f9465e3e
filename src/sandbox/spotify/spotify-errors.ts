// The two error dialects Spotify speaks: the Web API's `{"error":{"status","message"}}` and the accounts service's
// RFC 6749 `{"error":"invalid_grant","error_description":"..."}`.
import type { SpotifyAuthErrorJson, SpotifyErrorJson } from './spotify-api.types';

export class SpotifyApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'SpotifyApiError';
  }

  toJson(): SpotifyErrorJson {
    // Some Spotify 403s carry no message at all (audio features); an empty message reproduces that.
    const error: SpotifyErrorJson['error'] = { status: this.status };
    if (this.message !== '') error.message = this.message;
    if (this.reason !== undefined) error.reason = this.reason;
    return { error };
  }
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export class SpotifyAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
    this.name = 'SpotifyAuthError';
  }

  toJson(): SpotifyAuthErrorJson {
    return { error: this.code, error_description: this.description };
  }
}

/** Messages as Spotify words them (see shared/providers/spotify-api.md §2.2); tests compare them verbatim. */
export const apiErrors = {
  noToken: () =>
    new SpotifyApiError(401, 'No token provided', { 'WWW-Authenticate': 'Bearer realm="spotify"' }),
  invalidToken: () =>
    new SpotifyApiError(401, 'Invalid access token', {
      'WWW-Authenticate':
        'Bearer realm="spotify", error="invalid_token", error_description="Invalid access token"',
    }),
  expiredToken: () =>
    new SpotifyApiError(401, 'The access token expired', {
      'WWW-Authenticate':
        'Bearer realm="spotify", error="invalid_token", error_description="The access token expired"',
    }),
  notBearer: () => new SpotifyApiError(400, 'Only valid bearer authentication supported'),
  insufficientScope: () => new SpotifyApiError(403, 'Insufficient client scope'),
  forbidden: () => new SpotifyApiError(403, 'Forbidden'),
  forbiddenWithoutMessage: () => new SpotifyApiError(403, ''),
  serviceNotFound: () => new SpotifyApiError(404, 'Service not found'),
  methodNotAllowed: () => new SpotifyApiError(405, 'Method not allowed'),
  invalidId: () => new SpotifyApiError(400, 'invalid id'),
  nonExistingId: () => new SpotifyApiError(404, 'non existing id'),
  tooManyIds: () => new SpotifyApiError(400, 'Too many ids requested'),
  missingIds: () => new SpotifyApiError(400, 'invalid request'),
  invalidLimit: () => new SpotifyApiError(400, 'Invalid limit'),
  invalidOffset: () => new SpotifyApiError(400, 'Invalid offset'),
  invalidMarket: () => new SpotifyApiError(400, 'Invalid market code'),
  missingMarket: () => new SpotifyApiError(400, 'missing country parameter'),
  badRequest: (message: string) => new SpotifyApiError(400, message),
  rateLimited: (retryAfterSeconds: number) =>
    new SpotifyApiError(429, 'API rate limit exceeded', { 'Retry-After': String(retryAfterSeconds) }),
} as const;
