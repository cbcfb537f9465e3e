// Calendar days as Soundcharts means them. A returned date's day is its first 10 characters: older points carry
// Paris offsets (`2025-06-02T00:00:00+02:00`), and converting those to UTC would give the previous day.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Requests cover at most this many calendar days (`startDate` and `endDate` included): the API's 90-day cap. */
export const MAX_WINDOW_DAYS = 90;

export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** "2025-06-02T00:00:00+02:00" → "2025-06-02"; undefined when the first 10 characters are not a calendar day. */
export function calendarDay(date: unknown): string | undefined {
  if (typeof date !== 'string') return undefined;
  const day = date.slice(0, 10);
  return isDay(day) ? day : undefined;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface DayWindow {
  start: string;
  end: string;
}

/** [start, end] cut into consecutive windows of at most `maxDays` calendar days, oldest first. */
export function splitWindows(range: DayWindow, maxDays = MAX_WINDOW_DAYS): DayWindow[] {
  const windows: DayWindow[] = [];
  for (let start = range.start; start <= range.end; start = addDays(start, maxDays)) {
    const end = addDays(start, maxDays - 1);
    windows.push({ start, end: end < range.end ? end : range.end });
  }
  return windows;
}

/** Windows needed for `days` calendar days. */
export const windowCount = (days: number): number => (days <= 0 ? 0 : Math.ceil(days / MAX_WINDOW_DAYS));
