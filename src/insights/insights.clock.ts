import { Injectable } from '@nestjs/common';

/** The UTC calendar day of an instant. */
export const utcDay = (at: number | Date): string => new Date(at).toISOString().slice(0, 10);

/** `day` moved by `days` (negative: back), both YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * "Now" for insights and growth: which day a snapshot belongs to, how old the last one is, where a trend ends. The
 * wall clock in production; tests move it to simulate days (`useSource`).
 */
@Injectable()
export class InsightsClock {
  private source: () => number = Date.now;

  now(): Date {
    return new Date(this.source());
  }

  /** Today as a UTC calendar day. */
  today(): string {
    return utcDay(this.source());
  }

  /** Test seam: read time from elsewhere. */
  useSource(source: () => number): void {
    this.source = source;
  }
}
