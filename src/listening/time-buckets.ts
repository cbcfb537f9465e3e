// Local time of a play, in the listener's time zone. Analytics bucket in PostgreSQL (`played_at AT TIME ZONE tz`);
// these are the same rules in TypeScript, for reports and the listener's "today", and they pin down what the SQL
// must agree with: a local calendar day of 23 or 25 hours around a DST change, the hour as the wall clock shows it.

export type TimeOfDay = 'MORNING' | 'AFTERNOON' | 'EVENING' | 'NIGHT';

/** Morning 05–12, afternoon 12–17, evening 17–21, night 21–05 (local hours; the end hour is excluded). */
export function timeOfDay(hour: number): TimeOfDay {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour ${hour} is not 0..23`);
  if (hour >= 5 && hour < 12) return 'MORNING';
  if (hour >= 12 && hour < 17) return 'AFTERNOON';
  if (hour >= 17 && hour < 21) return 'EVENING';
  return 'NIGHT';
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isWeekend = (isoWeekday: number): boolean => isoWeekday === 6 || isoWeekday === 7;

/** ISO weekday of a calendar date `YYYY-MM-DD` (a date has no time zone). */
export function isoWeekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export interface LocalTime {
  /** `YYYY-MM-DD` on the listener's wall calendar. */
  date: string;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of `instant` in `timeZone` (IANA), DST included. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    isoWeekday: isoWeekdayOf(date),
  };
}

export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Whole days from `from` to `to` inclusive (calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const DAY_MS = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
function nextMonth(first: string): string {
  const [y, m] = first.split('-').map(Number);
  return toDate(Date.UTC(y, m, 1));
}

/**
 * A range of days as the whole months inside it plus the days left at either end, so a query can read monthly
 * rows for the middle and daily rows only for the edges: 2026-01-15..2026-04-10 → months 2026-02..2026-03 (first
 * days), days 2026-01-15..2026-01-31 and 2026-04-01..2026-04-10.
 */
export function splitIntoMonths(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const firstFull = from.endsWith('-01') ? from : nextMonth(monthStart(from));
  const afterTo = toDate(dayMs(to) + DAY_MS);
  // the last whole month ends on `to` exactly when the day after `to` is a first
  const lastFull = afterTo.endsWith('-01')
    ? monthStart(to)
    : toDate(dayMs(monthStart(to)) - DAY_MS).slice(0, 7) + '-01';
  if (firstFull > lastFull) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < firstFull) days.push([from, toDate(dayMs(firstFull) - DAY_MS)]);
  const afterMonths = nextMonth(lastFull);
  if (afterMonths <= to) days.push([afterMonths, to]);
  return { months: [firstFull, lastFull], days };
}
