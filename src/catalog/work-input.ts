import { normalizeIsrc } from 'src/spotify';

/** A work as it arrives (GraphQL input, a CSV row, a JSON object), before validation. */
export interface RawWork {
  title?: unknown;
  artistName?: unknown;
  isrc?: unknown;
  durationMs?: unknown;
  externalId?: unknown;
}

export interface ValidWork {
  title: string;
  artistName: string;
  isrc: string | null;
  durationMs: number | null;
  externalId: string | null;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

const MAX_TEXT = 500;
// Longer than any recording we have heard of (about 6 hours): a typo in seconds vs ms, most likely.
const MAX_DURATION_MS = 6 * 3600 * 1000;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** One set of rules for every way works arrive: the first problem of each field, by name. */
export function validateWork(raw: RawWork): { work: ValidWork } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const title = text(raw.title);
  const artistName = text(raw.artistName);
  if (!title) problems.push({ field: 'title', reason: 'is required' });
  else if (title.length > MAX_TEXT)
    problems.push({ field: 'title', reason: `is longer than ${MAX_TEXT} characters` });
  if (!artistName) problems.push({ field: 'artistName', reason: 'is required' });
  else if (artistName.length > MAX_TEXT) {
    problems.push({ field: 'artistName', reason: `is longer than ${MAX_TEXT} characters` });
  }

  let isrc: string | null = null;
  const rawIsrc = text(raw.isrc);
  if (rawIsrc !== undefined) {
    isrc = normalizeIsrc(rawIsrc) ?? null;
    if (!isrc)
      problems.push({
        field: 'isrc',
        reason: `"${rawIsrc}" is not an ISRC (12 characters, CC-XXX-YY-NNNNN)`,
      });
  }

  let durationMs: number | null = null;
  if (raw.durationMs !== undefined && raw.durationMs !== null && raw.durationMs !== '') {
    const n = typeof raw.durationMs === 'string' ? Number(raw.durationMs.trim()) : raw.durationMs;
    if (typeof n !== 'number' || !Number.isInteger(n))
      problems.push({ field: 'durationMs', reason: 'is not a whole number' });
    else if (n < 0) problems.push({ field: 'durationMs', reason: 'must not be negative' });
    else if (n > MAX_DURATION_MS)
      problems.push({ field: 'durationMs', reason: `must not exceed ${MAX_DURATION_MS}` });
    else durationMs = n;
  }

  let externalId: string | null = null;
  if (raw.externalId !== undefined && raw.externalId !== null && raw.externalId !== '') {
    const id = typeof raw.externalId === 'number' ? String(raw.externalId) : text(raw.externalId);
    if (!id) problems.push({ field: 'externalId', reason: 'must be a non-empty string' });
    else if (id.length > 200) problems.push({ field: 'externalId', reason: 'is longer than 200 characters' });
    else externalId = id;
  }

  if (problems.length) return { problems };
  return { work: { title: title!, artistName: artistName!, isrc, durationMs, externalId } };
}
