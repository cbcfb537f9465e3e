import { UpstreamUnavailableError } from 'src/common/domain-errors';
import { JobRescheduleError, PermanentJobError } from 'src/jobs/job-definition';

const PROVIDER = 'Spotify';

/**
 * Spotify asked us to wait longer than a job should sleep (or the app's quota is spent). Jobs reschedule themselves
 * after `delaySeconds`; in GraphQL the per-request loaders turn it into `SpotifyUnavailableError`.
 */
export class SpotifyRateLimitedError extends JobRescheduleError {
  constructor(
    delaySeconds: number,
    readonly quotaExceeded: boolean,
  ) {
    super(
      delaySeconds,
      quotaExceeded
        ? `Spotify quota exceeded; retry in ${Math.ceil(delaySeconds)} s`
        : `Spotify rate limit; retry in ${Math.ceil(delaySeconds)} s`,
    );
    this.name = 'SpotifyRateLimitedError';
  }
}

/** Spotify could not be reached or kept failing (5xx, network, timeouts) after every retry: UPSTREAM_UNAVAILABLE. */
export class SpotifyUnavailableError extends UpstreamUnavailableError {
  constructor(reason: string) {
    super(PROVIDER, reason);
  }
}

/** Spotify refused our app credentials, or a fresh token, so retrying cannot help until the operator acts. */
export class SpotifyAuthenticationError extends SpotifyUnavailableError {}

/** This Spotify app has no access to an endpoint or field (design §3); callers degrade instead of retrying. */
export class SpotifyCapabilityUnavailableError extends UpstreamUnavailableError {
  constructor(
    readonly capability: string,
    reason: string,
  ) {
    super(PROVIDER, `${capability} is not available to this Spotify app (${reason})`);
    Object.assign(this.details, { capability });
  }
}

/**
 * A 4xx that retrying cannot fix (400, 403, 404 where they mean "no", 405...). A job that meets one fails at once;
 * in GraphQL it is an internal error (we sent something Spotify rejects).
 */
export class SpotifyApiError extends PermanentJobError {
  constructor(
    readonly status: number,
    readonly endpoint: string,
    readonly spotifyMessage: string | undefined,
  ) {
    super(`Spotify ${endpoint} answered ${status}${spotifyMessage ? `: ${spotifyMessage}` : ''}`);
    this.name = 'SpotifyApiError';
  }
}

/** The listener's access token was refused (expired or revoked): refresh it, then call again. */
export class SpotifyUserTokenRejectedError extends SpotifyApiError {
  constructor(endpoint: string, message: string | undefined) {
    super(401, endpoint, message);
    this.name = 'SpotifyUserTokenRejectedError';
  }
}

/** RFC 6749 errors of the accounts service (`invalid_client`, `invalid_request`, ...). */
export class SpotifyOAuthError extends PermanentJobError {
  constructor(
    readonly code: string,
    readonly description: string | undefined,
  ) {
    super(`Spotify accounts service: ${code}${description ? ` (${description})` : ''}`);
    this.name = 'SpotifyOAuthError';
  }
}

/** The refresh token expired (6 months since 2026) or was revoked: the listener must authorize again. */
export class SpotifyInvalidGrantError extends SpotifyOAuthError {
  constructor(description: string | undefined) {
    super('invalid_grant', description);
    this.name = 'SpotifyInvalidGrantError';
  }
}
