// The request policy's pure parts (shared/providers/soundcharts-api.md §1.5, §7 "Retry policy"), tested alone.

/** A 429 whose message says this is the per-minute rate limit; any other 429 is the quota (the SDK's test). */
export const RATE_LIMIT_PHRASE = 'maximum request count';
/** Waits longer than this reschedule the calling job instead of sleeping in it. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
/** `x-ratelimit-reset` missing on a rate-limit 429: wait this long. */
export const DEFAULT_RATE_LIMIT_RESET_SECONDS = 10;
/** Attempts in total (first try included) for 502/503/504 and network errors. */
export const MAX_ATTEMPTS = 5;
export const MAX_BACKOFF_MS = 10_000;

export type Outcome =
  | 'success'
  | 'rate-limited'
  | 'quota-exceeded'
  /** 502/503/504: retried with backoff. */
  | 'retryable'
  /** 500, 401, 403: not retried. */
  | 'refused'
  /** Other 4xx (400, 404, 410...): the caller knows what they mean for its endpoint. */
  | 'answer';

export function classify(status: number, message: string | undefined): Outcome {
  if (status >= 200 && status < 300) return 'success';
  if (status === 429)
    return message?.toLowerCase().includes(RATE_LIMIT_PHRASE) ? 'rate-limited' : 'quota-exceeded';
  if (status === 502 || status === 503 || status === 504) return 'retryable';
  if (status >= 500 || status === 401 || status === 403) return 'refused';
  return 'answer';
}

/** `x-ratelimit-reset` in seconds; undefined when absent or not a number. */
export function parseReset(header: unknown): number | undefined {
  if (typeof header !== 'string' || !/^\d+(\.\d+)?$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** Full-jitter exponential backoff: uniform in [0, min(cap, base * 2^(failures-1))]. */
export function backoffDelay(failures: number, baseMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failures - 1)));
}
