// Calendar days as integer indexes (days since 1970-01-01 UTC) and the date strings Soundcharts returns. Older points
// carry Paris offsets (`2025-06-10T00:00:00+02:00`): the calendar day is the first 10 characters, and converting
// such a value to UTC gives the previous day, which is exactly the mistake the sandbox wants to expose.

export const DAY_MS = 86_400_000;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-03-30" → day index, or undefined when the string is not a real calendar day. */
export function parseDay(day: string): number | undefined {
  if (!DAY_PATTERN.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  const idx = ms / DAY_MS;
  return dayString(idx) === day ? idx : undefined;
}

export function dayIndex(day: string): number {
  const idx = parseDay(day);
  if (idx === undefined) throw new Error(`not a calendar day: ${day}`);
  return idx;
}

export function dayString(idx: number): string {
  return new Date(idx * DAY_MS).toISOString().slice(0, 10);
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** ATOM / RFC 3339 with an explicit +00:00, as Soundcharts prints instants. */
export function atom(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

function lastSundayOf(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0) / DAY_MS;
  const weekday = new Date(lastDay * DAY_MS).getUTCDay();
  return lastDay - weekday;
}

/**
 * Paris' UTC offset at local midnight of the day: +02:00 strictly after the last Sunday of March (the switch
 * happens at 02:00 local, so that Sunday's midnight is still +01:00) up to and including the last Sunday of October.
 */
export function parisOffsetAtMidnight(idx: number): '+01:00' | '+02:00' {
  const year = new Date(idx * DAY_MS).getUTCFullYear();
  const summer = idx > lastSundayOf(year, 2) && idx <= lastSundayOf(year, 9);
  return summer ? '+02:00' : '+01:00';
}

/** The `date` of a time-series point: Paris offset before the cut-over day, +00:00 from it on. */
export function pointDate(idx: number, parisOffsetsBefore: number): string {
  const offset = idx < parisOffsetsBefore ? parisOffsetAtMidnight(idx) : '+00:00';
  return `${dayString(idx)}T00:00:00${offset}`;
}
