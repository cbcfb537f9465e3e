// Query parameters shared by the endpoints: offset/limit pagination (at most 100 a page) and YYYY-MM-DD windows
// (at most 90 days a request), plus the collection envelope with `page.next` / `page.previous` as relative URLs.
import type { SoundchartsCollectionJson, SoundchartsPageJson } from './soundcharts-api.types';
import { parseDay } from './soundcharts-dates';
import { isPlatformCode } from './soundcharts-data.static';
import { scErrors } from './soundcharts-errors';
import type { EmulatorRequest } from '../common';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 100;
export const MAX_PERIOD_DAYS = 90;
/** Without startDate, the window starts this many days before endDate (current docs). */
export const DEFAULT_PERIOD_DAYS = 30;

export interface PageParams {
  readonly offset: number;
  readonly limit: number;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw scErrors.invalidRequest(name, `${name} must be an integer`);
  return Number(raw);
}

/** limit above 100 (or below 1) is refused with a 400, never clamped: a client asking for more would miss items. */
export function pageParams(query: URLSearchParams): PageParams {
  const offset = intParam(query, 'offset') ?? 0;
  const limit = intParam(query, 'limit') ?? DEFAULT_LIMIT;
  if (offset < 0) throw scErrors.invalidRequest('offset', 'offset must be 0 or more');
  if (limit < 1 || limit > MAX_LIMIT)
    throw scErrors.invalidRequest('limit', `limit must be between 1 and ${MAX_LIMIT}`);
  return { offset, limit };
}

function pageUrl(req: EmulatorRequest, offset: number, limit: number): string {
  const query = new URLSearchParams(req.query);
  query.set('offset', String(offset));
  query.set('limit', String(limit));
  return `${req.pathname}?${query.toString()}`;
}

export function collection<T, R>(
  req: EmulatorRequest,
  all: readonly T[],
  related: R,
  page: PageParams = pageParams(req.query),
): SoundchartsCollectionJson<T, R> {
  const { offset, limit } = page;
  const total = all.length;
  const pageJson: SoundchartsPageJson = {
    offset,
    limit,
    total,
    next: offset + limit < total ? pageUrl(req, offset + limit, limit) : null,
    previous: offset > 0 ? pageUrl(req, Math.max(0, offset - limit), limit) : null,
  };
  return { related, items: all.slice(offset, offset + limit), page: pageJson, errors: [] };
}

export interface DayWindow {
  readonly startIdx: number;
  readonly endIdx: number;
}

function dayParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const idx = parseDay(raw);
  if (idx === undefined) throw scErrors.invalidDate(name);
  return idx;
}

/** startDate/endDate (YYYY-MM-DD): endDate defaults to today, startDate to 30 days before endDate; ≤ 90 days apart. */
export function dayWindow(query: URLSearchParams, todayIdx: number): DayWindow {
  const endIdx = dayParam(query, 'endDate') ?? todayIdx;
  const startIdx = dayParam(query, 'startDate') ?? endIdx - DEFAULT_PERIOD_DAYS;
  if (startIdx > endIdx) throw scErrors.invalidPeriod('startDate must not be after endDate');
  if (endIdx - startIdx > MAX_PERIOD_DAYS)
    throw scErrors.invalidPeriod(`the period cannot exceed ${MAX_PERIOD_DAYS} days`);
  return { startIdx, endIdx };
}

export function platformParam(code: string): string {
  if (!isPlatformCode(code)) throw scErrors.invalidPlatform();
  return code;
}
