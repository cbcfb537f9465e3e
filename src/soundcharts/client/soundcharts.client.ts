import { Injectable } from '@nestjs/common';
import type {
  ScArtist,
  ScDatedValue,
  ScIdentifier,
  ScLookup,
  ScRadioCount,
  ScRanking,
  ScRankingEntry,
  ScSong,
} from './soundcharts-api.types';
import { DayWindow, MAX_WINDOW_DAYS, daysBetween } from './soundcharts-dates';
import { SoundchartsApiError } from './soundcharts.errors';
import { ScHttpResponse, SoundchartsHttp } from './soundcharts-http';
import {
  CHART_SLUG,
  collectionOf,
  errorMessage,
  isRecord,
  objectOf,
  parseArtist,
  parseChart,
  parseDatedField,
  parseIdentifiers,
  parseRadioCounts,
  parseRankingEntry,
  parseSong,
  parseSongAudience,
  SC_UUID,
} from './soundcharts-json';

/** Pages hold at most 100 items (a larger `limit` is refused, not clamped). */
export const PAGE_LIMIT = 100;

type Query = Record<string, string | number | undefined>;

const PLATFORM = /^[a-z0-9-]{1,40}$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`not a Soundcharts ${what}: ${JSON.stringify(value)}`);
  return encodeURIComponent(value);
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function windowQuery(window: DayWindow): Query {
  if (daysBetween(window.start, window.end) >= MAX_WINDOW_DAYS || window.start > window.end)
    throw new Error(`a Soundcharts window covers 1..${MAX_WINDOW_DAYS} days: ${window.start}..${window.end}`);
  return { startDate: window.start, endDate: window.end };
}

/**
 * The only code that builds Soundcharts URLs (with the per-endpoint versions of design §4) and reads its answers.
 * Collections are followed page by page (`page.total`); lookups that may legitimately find nothing return a typed
 * `ScLookup`; any other refusal is a `SoundchartsApiError`. Every call goes through SoundchartsHttp's policy.
 */
@Injectable()
export class SoundchartsClient {
  constructor(private readonly http: SoundchartsHttp) {}

  /** The latest ranking of a chart, every page of it; null when the chart is unknown (404). */
  async latestRanking(slug: string): Promise<ScRanking | null> {
    const s = checked(slug, CHART_SLUG, 'chart slug');
    const endpoint = 'GET /api/v2.14/chart/song/{slug}/ranking/latest';
    const first = await this.get(
      endpoint,
      withQuery(`/api/v2.14/chart/song/${s}/ranking/latest`, {
        offset: 0,
        limit: PAGE_LIMIT,
      }),
      [404],
    );
    if (first.status === 404) return null;
    const body = collectionOf(first.data);
    const related = isRecord(body.related) ? body.related : {};
    const date = typeof related.date === 'string' ? related.date : undefined;
    if (!date) throw new SoundchartsApiError(first.status, endpoint, 'the ranking has no related.date');
    // Later pages ask for that ranking by its datetime: a ranking published meanwhile cannot mix into this one.
    const rest = await this.pagesAfter(
      'GET /api/v2.14/chart/song/{slug}/ranking/{datetime}',
      `/api/v2.14/chart/song/${s}/ranking/${encodeURIComponent(date)}`,
      {},
      body.items?.length ?? 0,
      body.page?.total,
    );
    const entries = [...(body.items ?? []), ...rest]
      .map(parseRankingEntry)
      .filter((e): e is ScRankingEntry => e !== undefined);
    return { chart: parseChart(related.chart, slug), date, entries };
  }

  async song(uuid: string): Promise<ScLookup<ScSong>> {
    const u = checked(uuid, SC_UUID, 'uuid');
    return this.songLookup('GET /api/v2.25/song/{uuid}', `/api/v2.25/song/${u}`);
  }

  async songByIsrc(isrc: string): Promise<ScLookup<ScSong>> {
    const i = checked(isrc, /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/, 'ISRC');
    return this.songLookup('GET /api/v2.25/song/by-isrc/{isrc}', `/api/v2.25/song/by-isrc/${i}`);
  }

  /** A 404 here costs nothing and makes Soundcharts ingest the song (it exists hours later). */
  async songByPlatform(platform: string, id: string): Promise<ScLookup<ScSong>> {
    const p = checked(platform, PLATFORM, 'platform code');
    const i = checked(id, /^[A-Za-z0-9_-]{1,100}$/, 'platform id');
    return this.songLookup(
      'GET /api/v2.25/song/by-platform/{platform}/{id}',
      `/api/v2.25/song/by-platform/${p}/${i}`,
    );
  }

  async songIdentifiers(uuid: string, platform?: string): Promise<ScIdentifier[]> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const items = await this.collection(
      'GET /api/v2/song/{uuid}/identifiers',
      `/api/v2/song/${u}/identifiers`,
      { platform },
    );
    return parseIdentifiers(items ?? []) ?? [];
  }

  async artist(uuid: string): Promise<ScLookup<ScArtist>> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const endpoint = 'GET /api/v2.9/artist/{uuid}';
    const res = await this.get(endpoint, `/api/v2.9/artist/${u}`, [404]);
    if (res.status === 404) return { status: 'not_found' };
    const artist = parseArtist(objectOf(res.data));
    if (!artist) throw new SoundchartsApiError(res.status, endpoint, 'the answer holds no artist');
    return { status: 'found', value: artist };
  }

  async artistIdentifiers(uuid: string, platform?: string): Promise<ScIdentifier[]> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const items = await this.collection(
      'GET /api/v2/artist/{uuid}/identifiers',
      `/api/v2/artist/${u}/identifiers`,
      { platform },
    );
    return parseIdentifiers(items ?? []) ?? [];
  }

  /** Streams, views, Shazam counts... of a song over one window (≤ 90 days); null when the song is unknown. */
  async songAudience(uuid: string, platform: string, window: DayWindow): Promise<ScDatedValue[] | null> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const p = checked(platform, PLATFORM, 'platform code');
    const items = await this.collection(
      'GET /api/v2/song/{uuid}/audience/{platform}',
      `/api/v2/song/${u}/audience/${p}`,
      windowQuery(window),
      [404],
    );
    return items && parseSongAudience(items);
  }

  /** Radio spins per radio over one window (≤ 90 days); null when the song is unknown. */
  async songRadioCounts(uuid: string, window: DayWindow): Promise<ScRadioCount[] | null> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const items = await this.collection(
      'GET /api/v2/song/{uuid}/broadcast-groups',
      `/api/v2/song/${u}/broadcast-groups`,
      windowQuery(window),
      [404],
    );
    return items && parseRadioCounts(items);
  }

  /** Followers on a platform over one window (`followerCount`); null when the artist is unknown. */
  async artistFollowers(uuid: string, platform: string, window: DayWindow): Promise<ScDatedValue[] | null> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const p = checked(platform, PLATFORM, 'platform code');
    const items = await this.collection(
      'GET /api/v2/artist/{uuid}/audience/{platform}',
      `/api/v2/artist/${u}/audience/${p}`,
      windowQuery(window),
      [404],
    );
    return items && parseDatedField(items, 'followerCount');
  }

  /** Monthly listeners (Spotify) or views (YouTube) over one window (`value`); null when the artist is unknown. */
  async artistListening(uuid: string, platform: string, window: DayWindow): Promise<ScDatedValue[] | null> {
    const u = checked(uuid, SC_UUID, 'uuid');
    const p = checked(platform, PLATFORM, 'platform code');
    const items = await this.collection(
      'GET /api/v2/artist/{uuid}/streaming/{platform}/listening',
      `/api/v2/artist/${u}/streaming/${p}/listening`,
      windowQuery(window),
      [404],
    );
    return items && parseDatedField(items, 'value');
  }

  /** Free: reads the quota header (the body's field names are not documented). */
  async usage(): Promise<void> {
    await this.get('GET /api/v2/team/usage', '/api/v2/team/usage');
  }

  private async songLookup(endpoint: string, path: string): Promise<ScLookup<ScSong>> {
    const res = await this.get(endpoint, path, [404, 410]);
    if (res.status === 404) return { status: 'not_found' };
    if (res.status === 410) return { status: 'blacklisted' };
    const song = parseSong(objectOf(res.data));
    if (!song) throw new SoundchartsApiError(res.status, endpoint, 'the answer holds no song');
    return { status: 'found', value: song };
  }

  /** Every page's items; null when the first page answers one of `nullOn` (e.g. 404: unknown entity). */
  private async collection(
    endpoint: string,
    path: string,
    query: Query,
    nullOn: number[] = [],
  ): Promise<unknown[] | null> {
    const first = await this.get(
      endpoint,
      withQuery(path, { ...query, offset: 0, limit: PAGE_LIMIT }),
      nullOn,
    );
    if (first.status !== 200 && nullOn.includes(first.status)) return null;
    const body = collectionOf(first.data);
    const items = body.items ?? [];
    return [...items, ...(await this.pagesAfter(endpoint, path, query, items.length, body.page?.total))];
  }

  /** Pages after the first, `offset += limit` until `page.total` (what the official SDK does). */
  private async pagesAfter(
    endpoint: string,
    path: string,
    query: Query,
    firstCount: number,
    total: number | undefined,
  ): Promise<unknown[]> {
    const out: unknown[] = [];
    let offset = firstCount;
    while (firstCount > 0 && total !== undefined && offset < total) {
      const res = await this.get(endpoint, withQuery(path, { ...query, offset, limit: PAGE_LIMIT }));
      const items = collectionOf(res.data).items ?? [];
      if (items.length === 0) break;
      out.push(...items);
      offset += items.length;
    }
    return out;
  }

  /** A 2xx, or one of the statuses the caller expects; any other answer is a SoundchartsApiError. */
  private async get(endpoint: string, path: string, expected: number[] = []): Promise<ScHttpResponse> {
    const res = await this.http.get({ endpoint, path });
    if ((res.status >= 200 && res.status < 300) || expected.includes(res.status)) return res;
    throw new SoundchartsApiError(res.status, endpoint, errorMessage(res.data));
  }
}
