import { addDays, DayWindow } from './client/soundcharts-dates';

/** Days before the last fetch that a re-run looks at again when the series stopped short (late crawls). */
export const RECHECK_DAYS = 7;

/** What is stored of one series (entity, platform, metric). */
export interface SeriesState {
  /** The `endDate` of the last successful fetch. */
  fetchedThrough: string | null;
  /** The last day with a stored point. */
  lastDay: string | null;
}

/**
 * The days a run must fetch for one series: the first run goes `historyDays` back; a re-run fetches only the days
 * after the last stored point. A series that stopped (a day or two missing at the end, as Soundcharts warns) is
 * looked at again for at most RECHECK_DAYS; one with nothing stored resumes after the last fetch. Additive series
 * (radio spins counted per window) always resume right after the last fetch, so no spin is counted twice.
 */
export function fetchRange(
  state: SeriesState | undefined,
  today: string,
  historyDays: number,
  additive = false,
): DayWindow | null {
  let start: string;
  if (!state?.fetchedThrough) start = addDays(today, 1 - historyDays);
  else if (additive || !state.lastDay || state.lastDay < addDays(state.fetchedThrough, -RECHECK_DAYS))
    start = addDays(state.fetchedThrough, 1);
  else start = addDays(state.lastDay, 1);
  return start > today ? null : { start, end: today };
}
