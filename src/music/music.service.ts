import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { LoaderKey, LoaderRegistry, RequestLoaders } from 'src/common/loaders';
import { ArtistEntity } from './entities/artist.entity';
import { TrackEntity } from './entities/track.entity';
import { KeysetCursor } from 'src/common/pagination';
import { AttributesRepository } from './attributes.repository';
import {
  ApplyCheck,
  ApplyCounts,
  ArtistAttributes,
  ArtistFilterValues,
  EnrichmentSelection,
  TrackAttributes,
  TrackFilterValues,
} from './attributes.types';
import { ListingRepository } from './listing.repository';
import { MusicRepository } from './music.repository';
import {
  SoundchartsArtistInput,
  SoundchartsSongInput,
  SpotifyArtistInput,
  SpotifyTrackInput,
  TrackCredits,
  TrackMerge,
} from './music.types';
import { SoundchartsUpsertRepository } from './soundcharts-upsert.repository';

export const MUSIC_LOADERS = {
  isrcConflictByTrackId: new LoaderKey<string, boolean>('music.isrcConflictByTrackId'),
  trackById: new LoaderKey<string, TrackEntity | null>('music.trackById'),
  artistsByTrackId: new LoaderKey<string, ArtistEntity[]>('music.artistsByTrackId'),
  duplicatesByTrackId: new LoaderKey<string, TrackEntity[]>('music.duplicatesByTrackId'),
};

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The public face of tracks and artists: other modules upsert and read them through this service. */
@Injectable()
export class MusicService implements OnModuleInit {
  constructor(
    private readonly repo: MusicRepository,
    private readonly soundcharts: SoundchartsUpsertRepository,
    private readonly attributes: AttributesRepository,
    private readonly listing: ListingRepository,
    private readonly loaders: LoaderRegistry,
  ) {}

  // ---- enrichment: what needs it, and set-based application (the enrichment module orchestrates)

  tracksToEnrich(mode: EnrichmentSelection, staleDays: number, afterId: string | null, limit: number) {
    return this.attributes.tracksToEnrich(mode, staleDays, afterId, limit);
  }

  countTracksToEnrich(mode: EnrichmentSelection, staleDays: number) {
    return this.attributes.countTracksToEnrich(mode, staleDays);
  }

  /** `since`: a resumed run's start (database clock), so rows its interrupted attempt checked still page in. */
  artistsToEnrich(
    mode: EnrichmentSelection,
    staleDays: number,
    afterId: string | null,
    limit: number,
    since: string | null = null,
  ) {
    return this.attributes.artistsToEnrich(mode, staleDays, afterId, limit, since);
  }

  countArtistsToEnrich(mode: EnrichmentSelection, staleDays: number) {
    return this.attributes.countArtistsToEnrich(mode, staleDays);
  }

  /** The database's clock (which stamps when rows were checked). */
  databaseNow(): Promise<string> {
    return this.attributes.databaseNow();
  }

  /** Lines naming a track Soundgraph does not have, or another Spotify id than the track's; one query. */
  mismatchedTrackPairs(rows: readonly { line: number; trackId: string; spotifyId: string }[]) {
    return this.attributes.mismatchedTrackPairs(rows);
  }

  /**
   * Rows with unchanged values are not rewritten; a null value never replaces a stored one. Every row (an empty
   * one too) records that its track was checked. One transaction: `check` runs before it commits, a throw rolls
   * these rows back.
   */
  applyTrackAttributes(rows: TrackAttributes[], check?: ApplyCheck): Promise<ApplyCounts> {
    return this.attributes.applyTracks(rows, check);
  }

  /**
   * Spotify's genres replace anything, Soundcharts' anything but Spotify's, an inferred one only fills artists
   * with none (or another inference). `unknownIds` (not known to Spotify) are only recorded as checked. One
   * transaction: `check` runs before it commits, a throw rolls these rows back.
   */
  applyArtistAttributes(
    rows: ArtistAttributes[],
    unknownIds: readonly string[] = [],
    check?: ApplyCheck,
  ): Promise<ApplyCounts> {
    return this.attributes.applyArtists(rows, unknownIds, check);
  }

  enrichmentCoverage(staleDays: number) {
    return this.attributes.coverage(staleDays);
  }

  listTracks(filter: TrackFilterValues, limit: number, after?: KeysetCursor) {
    return this.listing.tracks(filter, limit, after);
  }

  listArtists(filter: ArtistFilterValues, staleDays: number, limit: number, after?: KeysetCursor) {
    return this.listing.artists(filter, staleDays, limit, after);
  }

  async artistsByIds(ids: readonly string[]): Promise<ArtistEntity[]> {
    return this.repo.artistsByIds(ids);
  }

  onModuleInit(): void {
    this.loaders.register(MUSIC_LOADERS.trackById, () => new DataLoader((ids) => this.tracksByIds(ids)));
    this.loaders.register(
      MUSIC_LOADERS.artistsByTrackId,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const byTrack = groupBy(await this.repo.artistsByTrackIds(ids), (a) => a.trackId);
          return ids.map((id) => byTrack.get(id) ?? []);
        }),
    );
    this.loaders.register(
      MUSIC_LOADERS.isrcConflictByTrackId,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const conflicts = await this.attributes.isrcConflicts(ids);
          return ids.map((id) => conflicts.has(id));
        }),
    );
    this.loaders.register(
      MUSIC_LOADERS.duplicatesByTrackId,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const byTrack = groupBy(await this.repo.duplicatesByTrackIds(ids), (t) => t.ofTrackId);
          return ids.map((id) => byTrack.get(id) ?? []);
        }),
    );
  }

  upsertSpotifyTracks(tracks: SpotifyTrackInput[]): Promise<Map<string, string>> {
    return this.repo.upsertSpotifyTracks(tracks);
  }

  /**
   * Spotify artists by id and name alone (an artist tracked or snapshotted before any track brought it, as in
   * development mode, where no multi-get fills it in): a new artist is created bare, a known one keeps every
   * value but takes Spotify's name; nothing is overwritten with null. Returns artist ids by Spotify id.
   */
  upsertSpotifyArtists(artists: SpotifyArtistInput[]): Promise<Map<string, string>> {
    return this.repo.upsertSpotifyArtists(artists);
  }

  /** Soundcharts songs → track ids by song uuid (an existing track of the song's Spotify id is reused). */
  upsertSoundchartsSongs(
    songs: SoundchartsSongInput[],
    manager?: EntityManager,
  ): Promise<Map<string, string>> {
    return this.soundcharts.upsertSongs(songs, manager);
  }

  /**
   * Folds each song's own row into the Spotify-side row holding one of its Spotify ids (see
   * SoundchartsUpsertRepository.mergeSongDuplicates); the caller re-points its own rows in the same transaction.
   */
  mergeSoundchartsSongDuplicates(
    songs: SoundchartsSongInput[],
    manager: EntityManager,
  ): Promise<TrackMerge[]> {
    return this.soundcharts.mergeSongDuplicates(songs, manager);
  }

  /** Soundcharts artists → artist ids by uuid (an existing artist with the same Spotify id is reused). */
  upsertSoundchartsArtists(artists: SoundchartsArtistInput[]): Promise<Map<string, string>> {
    return this.soundcharts.upsertArtists(artists);
  }

  /** Replaces the credits of the given tracks. */
  setTrackCredits(credits: TrackCredits[]): Promise<void> {
    return this.soundcharts.setCredits(credits);
  }

  /** One entry per id, in order; null where no such track. */
  async tracksByIds(ids: readonly string[]): Promise<(TrackEntity | null)[]> {
    const byId = new Map((await this.repo.tracksByIds(ids)).map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Credited artist names of each track, in credit order. */
  async artistNamesByTrackIds(trackIds: readonly string[]): Promise<Map<string, string[]>> {
    const byTrack = groupBy(await this.repo.artistsByTrackIds(trackIds), (a) => a.trackId);
    return new Map([...byTrack].map(([id, artists]) => [id, artists.map((a) => a.name)]));
  }

  async trackBySpotifyId(spotifyId: string): Promise<TrackEntity | null> {
    return (await this.repo.tracksBySpotifyIds([spotifyId]))[0] ?? null;
  }

  async artistBySpotifyId(spotifyId: string): Promise<ArtistEntity | null> {
    return (await this.repo.artistsBySpotifyIds([spotifyId]))[0] ?? null;
  }

  trackLoader(loaders: RequestLoaders) {
    return loaders.get(MUSIC_LOADERS.trackById);
  }
}
