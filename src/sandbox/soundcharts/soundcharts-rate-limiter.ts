// Soundcharts' technical rate limit: a number of calls per rolling minute per app; above it, 429 "maximum request
// count" with `x-ratelimit-reset` in seconds. Uses the emulator's clock so tests can move time instead of sleeping.

export const RATE_WINDOW_MS = 60_000;

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly resetSeconds: number };

export class RollingMinuteRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private limit: number | false,
    private readonly now: () => number,
  ) {
    this.setLimit(limit);
  }

  get requestsPerMinute(): number | false {
    return this.limit;
  }

  setLimit(limit: number | false): void {
    if (limit !== false && (!Number.isInteger(limit) || limit < 1)) {
      throw new Error('requestsPerMinute must be a positive integer or false');
    }
    this.limit = limit;
  }

  /** Counts the request if allowed; refused requests do not extend the window. */
  hit(key: string): RateDecision {
    if (this.limit === false) return { allowed: true };
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - RATE_WINDOW_MS);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[recent.length - this.limit];
      return { allowed: false, resetSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  reset(): void {
    this.hits.clear();
  }
}
