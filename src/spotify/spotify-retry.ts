// Pure pieces of the request policy, kept apart so they can be tested without HTTP.

/** Retry-After when Spotify sends none: one rolling rate window. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** Waits longer than this reschedule the calling job instead of sleeping in it. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Attempts in total (first try included) for 5xx and network errors. */
export const MAX_ATTEMPTS = 5;

export const MAX_BACKOFF_MS = 10_000;

/**
 * Full-jitter exponential backoff: a uniform delay in [0, min(cap, base * 2^(failures-1))], so many clients that
 * failed together do not retry together.
 */
export function fullJitterDelay(
  failures: number,
  baseMs: number,
  random: () => number = Math.random,
  capMs = MAX_BACKOFF_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After in seconds (Spotify sends delta-seconds; an HTTP date is accepted too); undefined when absent. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

export type ResponseClass = 'success' | 'rate-limited' | 'retryable' | 'final';

export function classifyStatus(status: number): ResponseClass {
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'retryable';
  if (status >= 200 && status < 300) return 'success';
  return 'final';
}
