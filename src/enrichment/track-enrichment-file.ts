import { parse } from 'csv-parse';
import { stringify as stringifySync } from 'csv-stringify/sync';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { isUuid } from 'src/common/uuid';
import { isSpotifyId, normalizeIsrc } from 'src/spotify';

/** The audit file's header, kept from the original process (seed 001) so downstream users keep working. */
export const TRACK_CSV_HEADER = ['track_id', 'spotify_id', 'spotify_popularity', 'isrc'] as const;

export interface TrackEnrichmentRow {
  trackId: string;
  spotifyId: string;
  popularity: number | null;
  isrc: string | null;
}

export const trackEnrichmentFileName = (at: Date): string => {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}_${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
  return `spotify_enrichment_${stamp}.csv`;
};

/** Appends rows to the CSV (empty cell = unknown); resumes an interrupted file at its last checkpointed size. */
export class TrackEnrichmentWriter {
  private constructor(
    private readonly out: fs.WriteStream,
    private bytes: number,
  ) {}

  static async open(file: string, resumeAtBytes?: number): Promise<TrackEnrichmentWriter> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (resumeAtBytes !== undefined && fs.existsSync(file)) {
      // Rows written after the last checkpoint are dropped: they are fetched again.
      fs.truncateSync(file, resumeAtBytes);
      return new TrackEnrichmentWriter(fs.createWriteStream(file, { flags: 'a' }), resumeAtBytes);
    }
    const writer = new TrackEnrichmentWriter(fs.createWriteStream(file, { flags: 'w' }), 0);
    await writer.append(stringifySync([[...TRACK_CSV_HEADER]]));
    return writer;
  }

  /** Resolves once the rows are in the file; returns the file's size then (the resume point). */
  async write(rows: TrackEnrichmentRow[]): Promise<number> {
    if (rows.length) {
      await this.append(
        stringifySync(rows.map((r) => [r.trackId, r.spotifyId, r.popularity ?? '', r.isrc ?? ''])),
      );
    }
    return this.bytes;
  }

  private append(text: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.out.write(text, (error) => {
        if (error) return reject(error);
        this.bytes += Buffer.byteLength(text);
        resolve();
      }),
    );
  }

  async close(): Promise<number> {
    this.out.end();
    await once(this.out, 'finish');
    return this.bytes;
  }
}

export interface LineProblem {
  line: number;
  reason: string;
}

/** A row read back from a file, with its line (1 = the header). */
export interface TrackEnrichmentLine extends TrackEnrichmentRow {
  line: number;
}

/** Parses one data line; a reason when it is not valid. */
function parseRow(record: string[], line: number): TrackEnrichmentLine | LineProblem {
  const [trackId = '', spotifyId = '', popularity = '', isrc = ''] = record;
  if (record.length !== TRACK_CSV_HEADER.length)
    return { line, reason: `expected 4 cells, found ${record.length}` };
  if (!isUuid(trackId)) return { line, reason: `track_id "${trackId}" is not a track id` };
  if (!isSpotifyId(spotifyId)) return { line, reason: `spotify_id "${spotifyId}" is not a Spotify id` };
  let pop: number | null = null;
  if (popularity !== '') {
    pop = Number(popularity);
    if (!/^\d{1,3}$/.test(popularity) || pop > 100)
      return { line, reason: `spotify_popularity "${popularity}" is not 0-100` };
  }
  let code: string | null = null;
  if (isrc !== '') {
    code = normalizeIsrc(isrc) ?? null;
    if (!code) return { line, reason: `isrc "${isrc}" is not an ISRC` };
  }
  return { line, trackId, spotifyId, popularity: pop, isrc: code };
}

/**
 * Reads the file in chunks of `chunkSize` rows (streamed: memory does not grow with the file). With
 * `validateOnly`, reads everything and returns every problem (with its line) without yielding rows.
 */
export async function* readTrackEnrichmentFile(
  file: string,
  chunkSize: number,
  problems: LineProblem[],
  skipRows = 0,
): AsyncGenerator<TrackEnrichmentLine[]> {
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, info: true }));
  let chunk: TrackEnrichmentLine[] = [];
  let seen = 0;
  let header = true;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (header) {
      header = false;
      if (record.join(',') !== TRACK_CSV_HEADER.join(',')) {
        problems.push({ line: 1, reason: `the header must be ${TRACK_CSV_HEADER.join(',')}` });
        return;
      }
      continue;
    }
    const parsed = parseRow(record, info.lines);
    if ('reason' in parsed) {
      problems.push(parsed);
      continue;
    }
    if (seen++ < skipRows) continue;
    chunk.push(parsed);
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (header) problems.push({ line: 1, reason: 'the file is empty' });
  if (chunk.length) yield chunk;
}

/**
 * Every problem of a file, without applying anything: each line on its own, and a track_id on more than one line
 * (the apply keeps one row per track, so the file would not mean one thing). Returns the identity of each valid
 * row (first occurrences), for the caller to check against the database.
 */
export async function validateTrackEnrichmentFile(
  file: string,
): Promise<{ rows: { line: number; trackId: string; spotifyId: string }[]; problems: LineProblem[] }> {
  const problems: LineProblem[] = [];
  const rows: { line: number; trackId: string; spotifyId: string }[] = [];
  const firstLine = new Map<string, number>();
  for await (const chunk of readTrackEnrichmentFile(file, 10_000, problems)) {
    for (const { line, trackId, spotifyId } of chunk) {
      const first = firstLine.get(trackId);
      if (first !== undefined) {
        problems.push({ line, reason: `track_id "${trackId}" repeats line ${first}` });
        continue;
      }
      firstLine.set(trackId, line);
      rows.push({ line, trackId, spotifyId });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}
