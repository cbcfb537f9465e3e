// Read-only view of the Soundcharts sandbox dataset with the lookups the handlers (and tests elsewhere) need:
// `emulator.data` returns it, so a test can pick a known uuid, slug or ISRC, or compute the series it expects.
import { SpotifyCatalog } from '../spotify';
import { atom, dayIndex, dayOf, dayString, pointDate } from './soundcharts-dates';
import { buildSoundchartsDataset, PARIS_OFFSET_AGE_DAYS } from './soundcharts-dataset.builder';
import type { ArtistAudiencePlatform, SongAudiencePlatform } from './soundcharts-data.static';
import type {
  SoundchartsArtistRecord,
  SoundchartsChartRecord,
  SoundchartsKnownIds,
  SoundchartsSongRecord,
} from './soundcharts-data.types';
import { ChartRankings, type RankingEntryRecord } from './soundcharts-rankings';
import {
  artistAudiencePoints,
  artistListeningPoints,
  songAudiencePoints,
  type ArtistAudiencePoint,
  type SongPlot,
} from './soundcharts-series';

export interface DatedSongPoint {
  readonly day: string;
  readonly date: string;
  readonly plots: readonly SongPlot[];
}

export type DatedArtistAudiencePoint = Omit<ArtistAudiencePoint, 'idx'> & {
  readonly day: string;
  readonly date: string;
};

export interface DatedValuePoint {
  readonly day: string;
  readonly date: string;
  readonly value: number;
}

export interface SoundchartsDatasetClock {
  /** The emulator's clock (ms): point dates older than its today minus `parisOffsetAgeDays` carry Paris offsets. */
  readonly now: () => number;
  readonly parisOffsetAgeDays: number;
}

export interface SoundchartsDatasetSummary {
  readonly songs: number;
  readonly artists: number;
  readonly charts: readonly { readonly slug: string; readonly platform: string; readonly size: number }[];
  readonly known: SoundchartsKnownIds;
}

export class SoundchartsDataset {
  readonly songs: readonly SoundchartsSongRecord[];
  readonly artists: readonly SoundchartsArtistRecord[];
  readonly charts: readonly SoundchartsChartRecord[];
  /** Songs that exist only once ingested (see `known.pendingSpotifyTrackId`). */
  readonly pendingSongs: readonly SoundchartsSongRecord[];
  readonly known: SoundchartsKnownIds;

  private readonly songsByUuid: Map<string, SoundchartsSongRecord>;
  private readonly songsByIsrc: Map<string, SoundchartsSongRecord>;
  private readonly songsByPlatformId: Map<string, SoundchartsSongRecord>;
  private readonly artistsByUuid: Map<string, SoundchartsArtistRecord>;
  private readonly artistsByPlatformId: Map<string, SoundchartsArtistRecord>;
  private readonly chartsBySlug: Map<string, SoundchartsChartRecord>;
  private readonly blacklisted: ReadonlyMap<string, readonly string[]>;
  private readonly blacklistedTrackIds: Set<string>;
  private readonly rankingsBySlug = new Map<string, ChartRankings>();

  constructor(
    readonly catalog: SpotifyCatalog = SpotifyCatalog.generate(),
    private readonly clock: SoundchartsDatasetClock = {
      now: Date.now,
      parisOffsetAgeDays: PARIS_OFFSET_AGE_DAYS,
    },
  ) {
    if (!Number.isInteger(clock.parisOffsetAgeDays) || clock.parisOffsetAgeDays < 0)
      throw new Error(`parisOffsetAgeDays must be a whole number of days: ${clock.parisOffsetAgeDays}`);
    const data = buildSoundchartsDataset(catalog, this.parisOffsetsBeforeIdx, clock.parisOffsetAgeDays);
    this.songs = data.songs;
    this.artists = data.artists;
    this.charts = data.charts;
    this.pendingSongs = data.pendingSongs;
    this.known = data.known;
    this.blacklisted = data.blacklisted;
    this.blacklistedTrackIds = new Set([...data.blacklisted.values()].flat());
    const all = [...data.songs, ...data.pendingSongs];
    this.songsByUuid = new Map(all.map((s) => [s.uuid, s]));
    this.songsByIsrc = new Map(all.map((s) => [s.isrc, s]));
    this.songsByPlatformId = new Map(
      all.flatMap((s) => s.identifiers.map((i) => [`${i.platform}:${i.identifier}`, s] as const)),
    );
    this.artistsByUuid = new Map(data.artists.map((a) => [a.uuid, a]));
    this.artistsByPlatformId = new Map(
      data.artists.flatMap((a) => a.identifiers.map((i) => [`${i.platform}:${i.identifier}`, a] as const)),
    );
    this.chartsBySlug = new Map(data.charts.map((c) => [c.slug, c]));
  }

  /** Any song record, pending ones included; the emulator hides pending songs until they are ingested. */
  songByUuid(uuid: string): SoundchartsSongRecord | undefined {
    return this.songsByUuid.get(uuid.toLowerCase());
  }

  songByIsrc(isrc: string): SoundchartsSongRecord | undefined {
    return this.songsByIsrc.get(isrc.replace(/-/g, '').toUpperCase());
  }

  songByPlatformId(platform: string, identifier: string): SoundchartsSongRecord | undefined {
    return this.songsByPlatformId.get(`${platform}:${identifier}`);
  }

  isPending(song: SoundchartsSongRecord): boolean {
    return this.pendingSongs.includes(song);
  }

  isBlacklistedIsrc(isrc: string): boolean {
    return this.blacklisted.has(isrc.replace(/-/g, '').toUpperCase());
  }

  isBlacklistedSpotifyTrack(trackId: string): boolean {
    return this.blacklistedTrackIds.has(trackId);
  }

  artistByUuid(uuid: string): SoundchartsArtistRecord | undefined {
    return this.artistsByUuid.get(uuid.toLowerCase());
  }

  artistBySpotifyId(spotifyId: string): SoundchartsArtistRecord | undefined {
    return this.artistsByPlatformId.get(`spotify:${spotifyId}`);
  }

  artistByPlatformId(platform: string, identifier: string): SoundchartsArtistRecord | undefined {
    return this.artistsByPlatformId.get(`${platform}:${identifier}`);
  }

  artistsOf(song: SoundchartsSongRecord): SoundchartsArtistRecord[] {
    return song.artistUuids.flatMap((uuid) => this.artistsByUuid.get(uuid) ?? []);
  }

  chartBySlug(slug: string): SoundchartsChartRecord | undefined {
    return this.chartsBySlug.get(slug);
  }

  rankings(chart: SoundchartsChartRecord): ChartRankings {
    let rankings = this.rankingsBySlug.get(chart.slug);
    if (!rankings) {
      rankings = new ChartRankings(chart, (uuid) => this.songByUuid(uuid)?.releaseDay ?? '1970-01-01');
      this.rankingsBySlug.set(chart.slug, rankings);
    }
    return rankings;
  }

  /** Ranking datetimes (ATOM, as available-rankings lists them) published at or before `nowMs`, newest first. */
  rankingDates(slug: string, nowMs: number): string[] {
    const chart = this.requireChart(slug);
    const rankings = this.rankings(chart);
    const out: string[] = [];
    for (let k = rankings.countUntil(nowMs) - 1; k >= 0; k--) out.push(atom(rankings.instantOf(k)));
    return out;
  }

  /** Entries of the ranking published at `datetime` (any ISO form of that instant), or undefined. */
  ranking(slug: string, datetime: string): readonly RankingEntryRecord[] | undefined {
    const rankings = this.rankings(this.requireChart(slug));
    const k = rankings.indexAt(Date.parse(datetime));
    return k === undefined ? undefined : rankings.entries(k);
  }

  /** What GET /api/v2/song/{uuid}/audience/{platform} serves for [startDay, endDay], missing days left out. */
  songAudience(
    uuid: string,
    platform: SongAudiencePlatform,
    startDay: string,
    endDay: string,
  ): DatedSongPoint[] {
    const song = this.requireSong(uuid);
    return songAudiencePoints(song, platform, dayIndex(startDay), dayIndex(endDay)).map((p) => ({
      ...this.dated(p.idx),
      plots: p.plots,
    }));
  }

  artistAudience(
    uuid: string,
    platform: ArtistAudiencePlatform,
    startDay: string,
    endDay: string,
  ): DatedArtistAudiencePoint[] {
    const artist = this.requireArtist(uuid);
    return artistAudiencePoints(artist, platform, dayIndex(startDay), dayIndex(endDay)).map(
      ({ idx, ...rest }) => ({
        ...this.dated(idx),
        ...rest,
      }),
    );
  }

  artistListening(
    uuid: string,
    platform: 'spotify' | 'youtube',
    startDay: string,
    endDay: string,
  ): DatedValuePoint[] {
    const artist = this.requireArtist(uuid);
    return artistListeningPoints(artist, platform, dayIndex(startDay), dayIndex(endDay)).map((p) => ({
      ...this.dated(p.idx),
      value: p.value,
    }));
  }

  /** Day index before which point dates carry Paris offsets now: the clock's today minus the offset age. */
  get parisOffsetsBeforeIdx(): number {
    return dayOf(this.clock.now()) - this.clock.parisOffsetAgeDays;
  }

  /** The `date` string of a point on that day, as served at the clock's current time. */
  pointDate(idx: number): string {
    return pointDate(idx, this.parisOffsetsBeforeIdx);
  }

  summary(): SoundchartsDatasetSummary {
    return {
      songs: this.songs.length,
      artists: this.artists.length,
      charts: this.charts.map((c) => ({ slug: c.slug, platform: c.platform, size: c.size })),
      known: this.known,
    };
  }

  private dated(idx: number): { day: string; date: string } {
    return { day: dayString(idx), date: this.pointDate(idx) };
  }

  private requireChart(slug: string): SoundchartsChartRecord {
    const chart = this.chartBySlug(slug);
    if (!chart) throw new Error(`Soundcharts sandbox: no chart ${slug}`);
    return chart;
  }

  private requireSong(uuid: string): SoundchartsSongRecord {
    const song = this.songByUuid(uuid);
    if (!song) throw new Error(`Soundcharts sandbox: no song ${uuid}`);
    return song;
  }

  private requireArtist(uuid: string): SoundchartsArtistRecord {
    const artist = this.artistByUuid(uuid);
    if (!artist) throw new Error(`Soundcharts sandbox: no artist ${uuid}`);
    return artist;
  }
}
