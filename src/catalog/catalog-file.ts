import { parse } from 'csv-parse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FieldProblem, RawWork, validateWork, ValidWork } from './work-input';

export const CSV_COLUMNS = ['title', 'artist_name', 'isrc', 'duration_ms', 'external_id'] as const;
const REQUIRED_COLUMNS = ['title', 'artist_name'];
const FIELD_OF: Record<(typeof CSV_COLUMNS)[number], keyof RawWork> = {
  title: 'title',
  artist_name: 'artistName',
  isrc: 'isrc',
  duration_ms: 'durationMs',
  external_id: 'externalId',
};

export interface CatalogFileRow {
  /** 1-based line of a CSV row, or the line where a JSON array item starts. */
  line: number;
  /** JSON only: the 1-based position of the item in the array. */
  item?: number;
  raw: RawWork;
}

export interface ParsedCatalogFile {
  valid: { line: number; item?: number; work: ValidWork }[];
  invalid: { line: number; item?: number; problems: FieldProblem[] }[];
}

/** A file problem that is not about one row (no header, not JSON, unreadable). */
export class CatalogFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFileError';
  }
}

async function* csvRows(file: string): AsyncGenerator<CatalogFileRow> {
  const parser = fs
    .createReadStream(file)
    .pipe(parse({ bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }));
  let header: string[] | undefined;
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = record.record.map((h) => h.toLowerCase());
      const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
      const missing = REQUIRED_COLUMNS.filter((c) => !header!.includes(c));
      if (unknown.length || missing.length) {
        throw new CatalogFileError(
          `line 1: the header must be ${CSV_COLUMNS.join(',')} (only title and artist_name are required)` +
            (missing.length ? `; missing ${missing.join(', ')}` : '') +
            (unknown.length ? `; unknown ${unknown.join(', ')}` : ''),
        );
      }
      continue;
    }
    const raw: RawWork = {};
    header.forEach((column, i) => {
      raw[FIELD_OF[column as (typeof CSV_COLUMNS)[number]]] = record.record[i] ?? '';
    });
    yield { line: record.info.lines, raw };
  }
  if (!header) throw new CatalogFileError('the file is empty: expected a header line');
}

/**
 * The 1-based line where each element of a JSON array starts, in order. `text` must already parse as a JSON array:
 * the scan only tracks strings (with their escapes) and nesting, so a `[`, `,` or quote inside a string is not
 * taken for structure. JSON strings cannot hold a raw line break, so every line break outside them counts.
 */
export function jsonArrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (depth === 1 && expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectElement = true;
    }
  }
  return lines;
}

async function* jsonRows(file: string): AsyncGenerator<CatalogFileRow> {
  // Read whole: JSON.parse needs it all anyway, and catalog files are small.
  const text = (await fs.promises.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new CatalogFileError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(items)) throw new CatalogFileError('a JSON catalog must be an array of works');
  const lines = jsonArrayElementLines(text);
  for (const [index, item] of items.entries()) {
    const raw = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    yield {
      line: lines[index] ?? 1,
      item: index + 1,
      raw: {
        title: raw.title,
        artistName: raw.artistName ?? raw.artist_name,
        isrc: raw.isrc,
        durationMs: raw.durationMs ?? raw.duration_ms,
        externalId: raw.externalId ?? raw.external_id,
      },
    };
  }
}

/** Reads a catalog file (CSV with a header, or a JSON array) and validates every row. */
export async function parseCatalogFile(file: string): Promise<ParsedCatalogFile> {
  if (!fs.existsSync(file)) throw new CatalogFileError(`no such file: ${file}`);
  const rows = path.extname(file).toLowerCase() === '.json' ? jsonRows(file) : csvRows(file);
  const parsed: ParsedCatalogFile = { valid: [], invalid: [] };
  for await (const { line, item, raw } of rows) {
    const result = validateWork(raw);
    if ('work' in result) parsed.valid.push({ line, item, work: result.work });
    else parsed.invalid.push({ line, item, problems: result.problems });
  }
  return parsed;
}

/** `line 3: title is required` (CSV), `line 7 (item 3): title is required` (JSON: the line where the item starts). */
export const describeInvalid = (invalid: ParsedCatalogFile['invalid']): string[] =>
  invalid.map(
    ({ line, item, problems }) =>
      `line ${line}${item === undefined ? '' : ` (item ${item})`}: ${problems
        .map((p) => `${p.field} ${p.reason}`)
        .join('; ')}`,
  );
