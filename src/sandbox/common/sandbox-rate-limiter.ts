// A number of calls per rolling window per key (app / client id); above it the provider answers 429 with its own
// wait header. Uses the emulator's clock so tests can move time instead of sleeping.

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly waitSeconds: number };

export class RollingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** `limitName` is the option's name in the control API, used in validation messages. */
  constructor(
    private readonly windowMs: number,
    private readonly limitName: string,
    private limitValue: number | false,
    private readonly now: () => number,
  ) {}

  get limit(): number | false {
    return this.limitValue;
  }

  setLimit(limit: number | false): void {
    if (limit !== false && (!Number.isInteger(limit) || limit < 1)) {
      throw new Error(`${this.limitName} must be a positive integer or false`);
    }
    this.limitValue = limit;
  }

  /** Counts the request if allowed; refused requests do not extend the window. */
  hit(key: string): RateDecision {
    const limit = this.limitValue;
    if (limit === false) return { allowed: true };
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const oldest = recent[recent.length - limit];
      return { allowed: false, waitSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  reset(): void {
    this.hits.clear();
  }
}
