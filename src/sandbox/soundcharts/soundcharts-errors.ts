// Soundcharts' error dialect: every response has a root `errors` array of `{key, code, message}` (facts §1.5); a
// real 404 reads `{"errors":[{"key":"access","code":404,"message":"Not found."}]}`.
import type { SoundchartsErrorJson } from './soundcharts-api.types';

export class SoundchartsApiError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    /** True when Soundcharts does not deduct the call from the quota (404 on a by-platform lookup). */
    readonly free = false,
  ) {
    super(message);
    this.name = 'SoundchartsApiError';
  }

  toJson(): SoundchartsErrorJson {
    return { errors: [{ key: this.key, code: this.status, message: this.message }] };
  }
}

/** Marker of the per-minute rate limit; the official SDK tells the two 429s apart by this phrase. */
export const RATE_LIMIT_PHRASE = 'maximum request count';

export const RATE_LIMIT_MESSAGE = `Too many requests: ${RATE_LIMIT_PHRASE} per minute reached, retry after x-ratelimit-reset seconds`;

/** The monthly quota's 429: deliberately without the rate-limit phrase. */
export const QUOTA_MESSAGE =
  'API quota exceeded: no requests left in your current term, reach out to help@soundcharts.com';

export const scErrors = {
  notLoggedIn: () => new SoundchartsApiError(401, 'access', 'You are not logged in'),
  notFound: (message = 'Not found.') => new SoundchartsApiError(404, 'access', message),
  /** Unknown id on a by-platform lookup: not deducted from the quota; Soundcharts ingests the song later. */
  byPlatformNotFound: () => new SoundchartsApiError(404, 'access', 'Song not found', {}, true),
  routeNotFound: () => new SoundchartsApiError(404, 'access', 'Not found.', {}, true),
  methodNotAllowed: () => new SoundchartsApiError(405, 'access', 'Method not allowed', {}, true),
  blacklistedIsrc: () =>
    new SoundchartsApiError(410, 'isrc', 'ISRC Blacklisted due to multiple tracks identified from DSP'),
  invalidPlatform: () => new SoundchartsApiError(400, 'platform', 'Invalid platform code'),
  invalidDate: (param: string) => new SoundchartsApiError(400, param, 'Invalid date provided'),
  invalidPeriod: (message: string) => new SoundchartsApiError(400, 'period', `Invalid period: ${message}`),
  invalidRequest: (param: string, message: string) =>
    new SoundchartsApiError(400, param, `Invalid request: ${message}`),
  rateLimited: (resetSeconds: number) =>
    new SoundchartsApiError(429, 'rate_limit', RATE_LIMIT_MESSAGE, {
      'x-ratelimit-reset': String(resetSeconds),
    }),
  quotaExceeded: () => new SoundchartsApiError(429, 'quota', QUOTA_MESSAGE),
} as const;
