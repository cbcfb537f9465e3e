import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { MusicService } from 'src/music';
import { fetchRange } from './audience-range';
import { AudienceRepository, seriesKey } from './audience.repository';
import { CascadeScope, creditedNames, estimateRequests, quotaRefusal } from './cascade-plan';
import { CascadeScopeService } from './cascade-scope.service';
import { daysBetween, windowCount } from './client/soundcharts-dates';
import { SoundchartsClient } from './client/soundcharts.client';
import { SoundchartsQuotaTracker } from './client/soundcharts-quota';
import { MetadataRepository } from './metadata.repository';
import {
  AudienceEntityType,
  artistSeries,
  CascadeStep,
  SeriesSpec,
  songSeries,
} from './soundcharts.constants';
import { SoundchartsClock } from './soundcharts.clock';

export interface CascadeEstimate {
  requests: number;
  byStep: Partial<Record<CascadeStep, number>>;
  /** Songs (or tracks) and artists each step will look at, for progress before the step starts. */
  items: Partial<Record<CascadeStep, number>>;
  quotaRemaining: number | null;
  quotaCheckedAt: string | null;
  reserve: number;
  /** Set when the cascade must not start. */
  refusal: string | null;
}

/**
 * Estimates a cascade's Soundcharts requests from what is stored (what is missing, which days each series lacks)
 * and checks it against the quota: design §4 / issue 7's reserve. Artists of songs not fetched yet are unknown, so
 * they are guessed from the ranking's display credits (names not known yet), erring on the side of more.
 */
@Injectable()
export class CascadeEstimator {
  private readonly logger = new Logger(CascadeEstimator.name);

  constructor(
    private readonly config: AppConfig,
    private readonly clock: SoundchartsClock,
    private readonly scope: CascadeScopeService,
    private readonly metadata: MetadataRepository,
    private readonly audience: AudienceRepository,
    private readonly music: MusicService,
    private readonly quota: SoundchartsQuotaTracker,
    private readonly client: SoundchartsClient,
  ) {}

  async estimate(scope: CascadeScope, steps: readonly CascadeStep[]): Promise<CascadeEstimate> {
    const { metadataMaxAgeDays, trackPlatforms, airplay, artistPlatforms } = this.config.soundcharts;
    const songs = await this.scope.songs(scope);
    const trackIds = songs.map((s) => s.trackId);
    const unresolved =
      'trackIds' in scope
        ? (await this.music.tracksByIds(scope.trackIds)).filter((t) => t && !t.soundchartsUuid).length
        : 0;
    const songsStale = await this.metadata.songsNeedingMetadata(trackIds, metadataMaxAgeDays);
    const credits = await this.metadata.credits(trackIds);
    const creditedTracks = new Set(credits.map((c) => c.trackId));
    const knownArtists = [...new Set(credits.map((c) => c.artistUuid))];
    const artistsStale = await this.metadata.artistsNeedingMetadata(knownArtists, metadataMaxAgeDays);
    const storedSpotifyIds = await this.metadata.artistSpotifyIds([...artistsStale]);
    // Artists of songs not fetched yet are unknown: guessed from the ranking's display credits, less the names
    // already known; a song without a credit (or a track to resolve) counts as one new artist.
    const knownNames = new Set(credits.map((c) => c.name.toLowerCase()));
    const guessedNames = new Set<string>();
    let uncredited = unresolved;
    for (const s of songs) {
      if (!songsStale.has(s.trackId) || creditedTracks.has(s.trackId)) continue;
      const names = creditedNames(s.creditName);
      if (names.length === 0) uncredited++;
      for (const name of names) if (!knownNames.has(name)) guessedNames.add(name);
    }
    const elsewhere = await this.metadata.foundArtistsByName([...guessedNames]);
    const guessedNewArtists = guessedNames.size - new Set(elsewhere.map((a) => a.name)).size + uncredited;
    const credited = await this.metadata.foundArtists(knownArtists);
    const found = [...new Set([...credited.map((a) => a.artistId), ...elsewhere.map((a) => a.artistId)])];
    const fullHistory = windowCount(this.config.soundcharts.historyDays);
    const songSpecs = songSeries(trackPlatforms, airplay);
    const artistSpecs = artistSeries(artistPlatforms);
    const gone = await this.metadata.songsNotFound(trackIds);
    const songWindows =
      (await this.windows(
        'track',
        trackIds.filter((id) => !gone.has(id)),
        songSpecs,
      )) +
      unresolved * songSpecs.length * fullHistory;
    const unfetchedArtists = knownArtists.length - credited.length;
    const artistWindows =
      (await this.windows('artist', found, artistSpecs)) +
      (unfetchedArtists + guessedNewArtists) * artistSpecs.length * fullHistory;
    const { total, byStep } = estimateRequests({
      steps,
      tracksToResolve: unresolved,
      songsNeedingMetadata: songsStale.size,
      knownArtistsNeedingMetadata: artistsStale.size,
      guessedNewArtists,
      artistsNeedingSpotifyId: artistsStale.size - storedSpotifyIds.size + guessedNewArtists,
      songWindows,
      artistWindows,
    });
    const reading = await this.quotaReading();
    const reserve = this.config.soundcharts.quotaReserve;
    const artistCount = knownArtists.length + guessedNewArtists;
    return {
      requests: total,
      byStep,
      items: {
        'resolve-songs': unresolved,
        'song-metadata': songsStale.size,
        'artist-metadata': artistsStale.size + guessedNewArtists,
        'song-audience': songs.length + unresolved,
        'artist-audience': artistCount,
      },
      quotaRemaining: reading?.remaining ?? null,
      quotaCheckedAt: reading?.checkedAt.toISOString() ?? null,
      reserve,
      refusal: quotaRefusal(total, reading?.remaining ?? null, reserve),
    };
  }

  /** Requests the stored series of these entities need to reach today. */
  private async windows(
    entityType: AudienceEntityType,
    ids: readonly string[],
    specs: readonly SeriesSpec[],
  ): Promise<number> {
    const today = this.clock.today();
    const states = await this.audience.states(entityType, ids);
    let n = 0;
    for (const id of ids)
      for (const spec of specs) {
        const range = fetchRange(
          states.get(seriesKey(id, spec.platform, spec.metric)),
          today,
          this.config.soundcharts.historyDays,
          spec.kind === 'radio-counts',
        );
        if (range) n += windowCount(daysBetween(range.start, range.end) + 1);
      }
    return n;
  }

  /**
   * The quota now: GET /api/v2/team/usage costs nothing and answers with `x-quota-remaining`, so the check never
   * relies on a reading another process (or a month turning) has made stale. Falls back to the last reading.
   */
  private async quotaReading() {
    try {
      await this.client.usage();
    } catch (error) {
      this.logger.warn(`could not read the Soundcharts quota: ${(error as Error).message}`);
    }
    return this.quota.latest();
  }
}
