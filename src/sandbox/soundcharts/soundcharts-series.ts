// Time series in closed form: every value depends only on (entity, platform, day), so any window can be served
// without state and two emulators agree. Cumulative metrics (streams, views, Shazams) rise every day; followers
// grow with the artist's growth level; monthly listeners wave around their trend. About one day in twenty is
// missing, as Soundcharts warns ("we may miss a day or two").
import { dayIndex } from './soundcharts-dates';
import {
  GROWTH_PER_YEAR,
  RADIOS,
  type ArtistAudiencePlatform,
  type RadioSpec,
  type SongAudiencePlatform,
} from './soundcharts-data.static';
import type { SoundchartsArtistRecord, SoundchartsSongRecord } from './soundcharts-data.types';
import { hashUnit } from '../common';
import { hashBetween } from './soundcharts-prng';

export const SERIES_START = '2025-01-01';
export const SERIES_START_IDX = dayIndex(SERIES_START);
/** Day on which an artist's Spotify followers equal the Spotify sandbox's `followers`. */
const REFERENCE_IDX = dayIndex('2026-01-01');
const MISSING_RATE = 0.05;

export function isMissingDay(entityUuid: string, platform: string, idx: number, firstIdx: number): boolean {
  if (idx === firstIdx) return false;
  return hashUnit(`missing|${entityUuid}|${platform}|${idx}`) < MISSING_RATE;
}

export interface SongPlot {
  readonly identifier: string;
  readonly value: number;
}

export interface SongAudiencePoint {
  readonly idx: number;
  readonly plots: readonly SongPlot[];
}

export interface ArtistAudiencePoint {
  readonly idx: number;
  readonly followerCount: number | null;
  readonly likeCount: number | null;
  readonly followingCount: number | null;
  readonly postCount: number | null;
  readonly viewCount: number | null;
}

export interface ListeningPoint {
  readonly idx: number;
  readonly value: number;
}

/** Daily streams of the whole song on Spotify, from its popularity (100 → ~590k a day, 30 → ~2.1k). */
function dailyStreams(song: SoundchartsSongRecord): number {
  return 10 ** (2.2 + song.popularity / 28);
}

interface CumulativeSpec {
  readonly key: string;
  /** Units per day on average. */
  readonly rate: number;
  /** First day of the plot. */
  readonly startIdx: number;
  /** Value on startIdx before the daily growth. */
  readonly base: number;
}

/**
 * base + ∫ rate·(1 + 0.25·sin(φ + 2πt/P)) dt + 0.2·rate·noise: the daily gain stays above 0.55·rate, so the series
 * never decreases, yet each day's value is distinct enough to tell a one-day shift apart.
 */
function cumulativeValue(spec: CumulativeSpec, idx: number): number {
  const rate = Math.max(4, spec.rate);
  const period = hashBetween(`${spec.key}|period`, 45, 200);
  const phase = hashBetween(`${spec.key}|phase`, 0, 2 * Math.PI);
  const t = idx - spec.startIdx;
  const wave =
    ((0.25 * period) / (2 * Math.PI)) *
    (Math.cos(phase + (2 * Math.PI * spec.startIdx) / period) -
      Math.cos(phase + (2 * Math.PI * idx) / period));
  const noise = 0.2 * hashUnit(`${spec.key}|noise|${idx}`);
  return Math.round(spec.base + rate * (t + wave + noise));
}

function startOf(releaseDay: string): number {
  return Math.max(SERIES_START_IDX, dayIndex(releaseDay));
}

/** Accumulated before the series starts (catalog songs released years ago already have big counts). */
function backlog(rate: number, releaseDay: string): number {
  const days = SERIES_START_IDX - dayIndex(releaseDay);
  return days > 0 ? Math.round(rate * 0.8 * days) : 0;
}

function songPlotSpecs(song: SoundchartsSongRecord, platform: SongAudiencePlatform): CumulativeSpec[] {
  const total = dailyStreams(song);
  const key = `${song.uuid}|${platform}`;
  switch (platform) {
    case 'spotify': {
      const n = song.spotifyTracks.length;
      return song.spotifyTracks.map((track) => {
        const isDefault = track.id === song.defaultSpotifyTrackId;
        const share = n === 1 ? 1 : isDefault ? 0.6 : 0.4 / (n - 1);
        const rate = total * share;
        return {
          key: `${key}|${track.id}`,
          rate,
          startIdx: startOf(track.releaseDay),
          base: backlog(rate, track.releaseDay),
        };
      });
    }
    case 'youtube': {
      const rate = total * hashBetween(`${key}|factor`, 0.15, 0.9);
      return [{ key, rate, startIdx: startOf(song.releaseDay), base: backlog(rate, song.releaseDay) }];
    }
    case 'shazam': {
      const rate = total * 0.012;
      return [{ key, rate, startIdx: startOf(song.releaseDay), base: backlog(rate, song.releaseDay) }];
    }
    case 'tiktok': {
      const rate = total * 0.002;
      return [{ key, rate, startIdx: startOf(song.releaseDay), base: backlog(rate, song.releaseDay) }];
    }
  }
}

function songPlotIdentifier(song: SoundchartsSongRecord, platform: SongAudiencePlatform, i: number): string {
  switch (platform) {
    case 'spotify':
      return song.spotifyTracks[i].id;
    case 'youtube':
      return song.youtubeId ?? '';
    case 'shazam':
      return song.shazamId;
    case 'tiktok':
      return song.tiktokId ?? '';
  }
}

/** Points of [fromIdx, toIdx] (inclusive), oldest first; `identifier` restricts the plots to one platform id. */
export function songAudiencePoints(
  song: SoundchartsSongRecord,
  platform: SongAudiencePlatform,
  fromIdx: number,
  toIdx: number,
  identifier?: string,
): SongAudiencePoint[] {
  if (!song.platforms.includes(platform)) return [];
  const specs = songPlotSpecs(song, platform);
  const firstIdx = Math.min(...specs.map((s) => s.startIdx));
  const points: SongAudiencePoint[] = [];
  for (let idx = Math.max(fromIdx, firstIdx); idx <= toIdx; idx++) {
    if (isMissingDay(song.uuid, platform, idx, firstIdx)) continue;
    const plots: SongPlot[] = [];
    specs.forEach((spec, i) => {
      const id = songPlotIdentifier(song, platform, i);
      if (idx < spec.startIdx || (identifier !== undefined && id !== identifier)) return;
      plots.push({ identifier: id, value: cumulativeValue(spec, idx) });
    });
    if (plots.length > 0) points.push({ idx, plots });
  }
  return points;
}

function growthFactor(artist: SoundchartsArtistRecord, idx: number, floor: number): number {
  const g = Math.max(floor, GROWTH_PER_YEAR[artist.growthLevel]);
  return (1 + g) ** ((idx - REFERENCE_IDX) / 365);
}

function jitter(key: string, amplitude: number): number {
  return 1 + amplitude * (hashUnit(key) - 0.5);
}

function artistAudienceAt(
  artist: SoundchartsArtistRecord,
  platform: ArtistAudiencePlatform,
  idx: number,
): Omit<ArtistAudiencePoint, 'idx'> {
  const key = `${artist.uuid}|${platform}`;
  const grown = artist.spotifyFollowers * growthFactor(artist, idx, 0.02) * jitter(`${key}|${idx}`, 0.0004);
  const empty = {
    followerCount: null,
    likeCount: null,
    followingCount: null,
    postCount: null,
    viewCount: null,
  };
  switch (platform) {
    case 'spotify':
      return { ...empty, followerCount: Math.round(grown) };
    case 'youtube': {
      const subscribers = grown * hashBetween(`${key}|factor`, 0.2, 0.9);
      return {
        ...empty,
        followerCount: Math.round(subscribers),
        viewCount: Math.round(subscribers * hashBetween(`${key}|views`, 120, 260)),
      };
    }
    case 'instagram':
      return {
        ...empty,
        followerCount: Math.round(grown * hashBetween(`${key}|factor`, 0.3, 1.4)),
        followingCount: Math.round(hashBetween(`${key}|following`, 150, 900)),
        postCount: Math.round(hashBetween(`${key}|posts`, 120, 900) + (idx - SERIES_START_IDX) / 3.2),
      };
    case 'tiktok': {
      const followers = grown * hashBetween(`${key}|factor`, 0.1, 1.0);
      return { ...empty, followerCount: Math.round(followers), likeCount: Math.round(followers * 14.5) };
    }
    case 'deezer':
      return { ...empty, followerCount: Math.round(grown * 0.08) };
  }
}

export function artistAudiencePoints(
  artist: SoundchartsArtistRecord,
  platform: ArtistAudiencePlatform,
  fromIdx: number,
  toIdx: number,
): ArtistAudiencePoint[] {
  if (!artist.platforms.includes(platform)) return [];
  const points: ArtistAudiencePoint[] = [];
  for (let idx = Math.max(fromIdx, SERIES_START_IDX); idx <= toIdx; idx++) {
    if (isMissingDay(artist.uuid, platform, idx, SERIES_START_IDX)) continue;
    points.push({ idx, ...artistAudienceAt(artist, platform, idx) });
  }
  return points;
}

function listeningAt(artist: SoundchartsArtistRecord, platform: 'spotify' | 'youtube', idx: number): number {
  const key = `${artist.uuid}|listening|${platform}`;
  if (platform === 'youtube') {
    const views =
      artist.spotifyFollowers * hashBetween(`${key}|factor`, 20, 90) * growthFactor(artist, idx, 0.03);
    return Math.round(views * jitter(`${key}|${idx}`, 0.002));
  }
  const trend =
    artist.spotifyFollowers * hashBetween(`${key}|factor`, 1.3, 3.5) * growthFactor(artist, idx, -1);
  const wave = 1 + 0.07 * Math.sin(hashBetween(`${key}|phase`, 0, 2 * Math.PI) + (2 * Math.PI * idx) / 28);
  return Math.round(trend * wave * jitter(`${key}|${idx}`, 0.04));
}

export function artistListeningPoints(
  artist: SoundchartsArtistRecord,
  platform: 'spotify' | 'youtube',
  fromIdx: number,
  toIdx: number,
): ListeningPoint[] {
  const audiencePlatform: ArtistAudiencePlatform = platform;
  if (!artist.platforms.includes(audiencePlatform)) return [];
  const points: ListeningPoint[] = [];
  for (let idx = Math.max(fromIdx, SERIES_START_IDX); idx <= toIdx; idx++) {
    if (isMissingDay(artist.uuid, `listening-${platform}`, idx, SERIES_START_IDX)) continue;
    points.push({ idx, value: listeningAt(artist, platform, idx) });
  }
  return points;
}

export interface BroadcastGroup {
  readonly radio: RadioSpec;
  readonly playCount: number;
}

/** Radio spins per radio over [fromIdx, toIdx]; radios that did not play the song are left out. */
export function broadcastGroups(
  song: SoundchartsSongRecord,
  artistCountry: string,
  fromIdx: number,
  toIdx: number,
  filter: { readonly radioSlugs?: readonly string[]; readonly countryCode?: string } = {},
): BroadcastGroup[] {
  const popularity = Math.max(0, (song.popularity - 45) / 55) ** 1.5;
  if (popularity === 0) return [];
  const first = Math.max(fromIdx, dayIndex(song.releaseDay), SERIES_START_IDX);
  const groups: BroadcastGroup[] = [];
  for (const radio of RADIOS) {
    if (filter.radioSlugs && !filter.radioSlugs.includes(radio.slug)) continue;
    if (filter.countryCode !== undefined && radio.countryCode !== filter.countryCode) continue;
    const rate = radio.dailyRotation * popularity * (radio.countryCode === artistCountry ? 1 : 0.25);
    let playCount = 0;
    for (let idx = first; idx <= toIdx; idx++) {
      playCount += Math.floor(rate * 2 * hashUnit(`spins|${song.uuid}|${radio.slug}|${idx}`));
    }
    if (playCount > 0) groups.push({ radio, playCount });
  }
  return groups.sort((a, b) => b.playCount - a.playCount || a.radio.slug.localeCompare(b.radio.slug));
}
