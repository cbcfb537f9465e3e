// The monthly request quota behind `x-quota-remaining`. Which answers cost a unit (facts §1.4/§1.5: "1 call = 1
// request; failed server responses are not counted"; a by-platform 404 "is not deducted"):
//   billed: 2xx answers, 404 on uuid / ISRC lookups, 410 on a blacklisted ISRC;
//   free:   404 on by-platform lookups, 400 (refused parameters), 401, 405, 429 (rate limit or quota), 5xx,
//           injected faults, unknown routes, GET /api/v2/team/usage, and everything under /__sandbox/.

export function isBillable(status: number, free: boolean): boolean {
  if (free) return false;
  return (status >= 200 && status < 300) || status === 404 || status === 410;
}

export class SoundchartsQuota {
  private remainingUnits: number;

  constructor(private readonly initial: number) {
    SoundchartsQuota.check(initial);
    this.remainingUnits = initial;
  }

  private static check(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new Error('quota must be a non-negative integer');
  }

  get remaining(): number {
    return this.remainingUnits;
  }

  get initialRemaining(): number {
    return this.initial;
  }

  set(remaining: number): void {
    SoundchartsQuota.check(remaining);
    this.remainingUnits = remaining;
  }

  /** Takes one unit; false when none is left (the caller answers the quota 429 instead). */
  consume(): boolean {
    if (this.remainingUnits <= 0) return false;
    this.remainingUnits--;
    return true;
  }

  reset(): void {
    this.remainingUnits = this.initial;
  }
}
