// Reads Soundcharts answers defensively: every field may be missing (shared/providers/soundcharts-api.md §4), so
// each reader takes `unknown` and keeps only well-formed values. Pure functions, unit-tested.
import type {
  ScArtist,
  ScChart,
  ScCollection,
  ScDatedValue,
  ScIdentifier,
  ScRadioCount,
  ScRankingEntry,
  ScSong,
} from './soundcharts-api.types';
import { calendarDay } from './soundcharts-dates';

/** Soundcharts uuids are 8-4-4-4-12 hex, not always RFC 4122 v4. */
export const SC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const CHART_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/i;

type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const int = (value: unknown): number | null => {
  const n = num(value);
  return n === null ? null : Math.trunc(n);
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);

/** `errors[0].message` of an error body, when there is one. */
export function errorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body !== '' ? body.slice(0, 200) : undefined;
  const first = list(body.errors)[0];
  return isRecord(first) ? (str(first.message) ?? undefined) : undefined;
}

export function collectionOf(body: unknown): ScCollection {
  return isRecord(body) ? body : {};
}

/** `object` of a single-object envelope, or undefined. */
export function objectOf(body: unknown): Json | undefined {
  return isRecord(body) && isRecord(body.object) ? body.object : undefined;
}

export function parseChart(value: unknown, slug: string): ScChart {
  const c = isRecord(value) ? value : {};
  const metric = isRecord(c.metric) ? c.metric : {};
  return {
    slug: str(c.slug) ?? slug,
    name: str(c.name),
    platform: str(c.platform),
    countryCode: str(c.countryCode),
    frequency: str(c.frequency),
    metricType: str(metric.type),
  };
}

export function parseRankingEntry(value: unknown): ScRankingEntry | undefined {
  if (!isRecord(value) || !isRecord(value.song)) return undefined;
  const uuid = str(value.song.uuid);
  const position = int(value.position);
  if (!uuid || !SC_UUID.test(uuid) || position === null) return undefined;
  // Seen as an object `{name}` in some collections (facts §7): keep the string form only.
  const creditName = str(value.song.creditName);
  return {
    songUuid: uuid.toLowerCase(),
    songName: str(value.song.name) ?? uuid,
    creditName,
    position,
    positionEvolution: int(value.positionEvolution),
    oldPosition: int(value.oldPosition),
    metric: num(value.metric),
    entryState: str(value.entryState),
    entryDate: str(value.entryDate),
    timeOnChart: int(value.timeOnChart),
    timeOnChartUnit: str(value.timeOnChartUnit),
  };
}

export function parseIdentifiers(value: unknown): ScIdentifier[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ScIdentifier[] = [];
  for (const item of value as unknown[]) {
    if (!isRecord(item)) continue;
    const platform = str(item.platformCode) ?? str(item.platform);
    const identifier = str(item.identifier);
    if (platform && identifier) out.push({ platform, identifier, isDefault: item.default === true });
  }
  return out;
}

/** Spotify track ids of a song, its default one first. */
export function spotifyIdsOf(identifiers: readonly ScIdentifier[]): string[] {
  const spotify = identifiers.filter(
    (i) => i.platform === 'spotify' && /^[0-9A-Za-z]{22}$/.test(i.identifier),
  );
  const ordered = [...spotify.filter((i) => i.isDefault), ...spotify.filter((i) => !i.isDefault)];
  return [...new Set(ordered.map((i) => i.identifier))];
}

export function parseSong(object: Json | undefined): ScSong | undefined {
  const uuid = str(object?.uuid);
  if (!object || !uuid || !SC_UUID.test(uuid)) return undefined;
  const isrcValue = isRecord(object.isrc) ? str(object.isrc.value) : str(object.isrc);
  const isrc = isrcValue?.replace(/-/g, '').toUpperCase() ?? null;
  return {
    uuid: uuid.toLowerCase(),
    name: str(object.name) ?? uuid,
    creditName: str(object.creditName),
    isrc: isrc && /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/.test(isrc) ? isrc : null,
    duration: num(object.duration),
    releaseDate: calendarDay(object.releaseDate) ?? null,
    explicit: typeof object.explicit === 'boolean' ? object.explicit : null,
    genres: list(object.genres).flatMap((g) =>
      isRecord(g) && str(g.root)
        ? [{ root: str(g.root)!, sub: list(g.sub).filter((s): s is string => typeof s === 'string') }]
        : [],
    ),
    labels: list(object.labels).flatMap((l) =>
      isRecord(l) && str(l.name) ? [{ name: str(l.name)!, type: str(l.type) }] : [],
    ),
    imageUrl: str(object.imageUrl),
    artists: list(object.artists).flatMap((a) => {
      const artistUuid = isRecord(a) ? str(a.uuid) : null;
      return artistUuid && SC_UUID.test(artistUuid)
        ? [{ uuid: artistUuid.toLowerCase(), name: str((a as Json).name) ?? artistUuid }]
        : [];
    }),
    identifiers: parseIdentifiers(object.identifiers),
  };
}

export function parseArtist(object: Json | undefined): ScArtist | undefined {
  const uuid = str(object?.uuid);
  if (!object || !uuid || !SC_UUID.test(uuid)) return undefined;
  return {
    uuid: uuid.toLowerCase(),
    name: str(object.name) ?? uuid,
    countryCode: str(object.countryCode),
    careerStage: str(object.careerStage),
    growthLevel: str(object.growthLevel),
    genres: [...new Set(list(object.genres).filter((g): g is string => typeof g === 'string' && g !== ''))],
    imageUrl: str(object.imageUrl),
    cityName: str(object.cityName),
    identifiers: parseIdentifiers(object.identifiers),
  };
}

/**
 * Song audience items: `{date, plots: [{identifier, value}]}`. A song with several ids on the platform (several
 * Spotify tracks of one recording) has one plot per id: the day's value is their sum, and each id's value is kept
 * as a part.
 */
export function parseSongAudience(items: readonly unknown[]): ScDatedValue[] {
  return items.flatMap((item) => {
    if (!isRecord(item)) return [];
    const day = calendarDay(item.date);
    const parts = list(item.plots).flatMap((p) => {
      const value = isRecord(p) ? num(p.value) : null;
      return value === null ? [] : [{ identifier: str((p as Json).identifier) ?? '', value }];
    });
    if (!day || parts.length === 0) return [];
    const value = parts.reduce((sum, p) => sum + p.value, 0);
    // One id: the point is its value, nothing to keep beside it.
    return [parts.length > 1 ? { day, value, parts } : { day, value }];
  });
}

/** `{date, <field>}` items (artist followers: `followerCount`; monthly listeners: `value`); nulls are skipped. */
export function parseDatedField(items: readonly unknown[], field: string): ScDatedValue[] {
  return items.flatMap((item) => {
    if (!isRecord(item)) return [];
    const day = calendarDay(item.date);
    const value = num(item[field]);
    return day && value !== null ? [{ day, value }] : [];
  });
}

/** broadcast-groups items: spins per radio over the requested window. */
export function parseRadioCounts(items: readonly unknown[]): ScRadioCount[] {
  return items.flatMap((item) => {
    if (!isRecord(item)) return [];
    const radio = isRecord(item.radio) ? item.radio : {};
    const playCount = num(item.playCount) ?? num(item.count) ?? num(item.spins);
    return playCount === null ? [] : [{ radioSlug: str(radio.slug) ?? str(radio.name) ?? '', playCount }];
  });
}
