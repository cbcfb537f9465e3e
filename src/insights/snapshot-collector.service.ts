import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { PermanentJobError } from 'src/jobs';
import { MusicService } from 'src/music';
import {
  SpotifyArtist,
  SpotifyCapabilityUnavailableError,
  SpotifyLookups,
  SpotifyService,
  SpotifyTrack,
} from 'src/spotify';
import {
  ARTIST_AUDIENCE_REFRESH,
  ARTIST_AUDIENCE_SOURCE,
  ArtistAudienceRefresh,
  ArtistAudienceSource,
  LatestAudiencePoint,
} from './artist-audience-source';
import { audioProfile } from './audio-profile';
import { daysBetween, InsightsClock } from './insights.clock';
import type {
  ArtistSnapshot,
  AudienceSource,
  RecommendedTrack,
  RelatedArtistInsight,
  SkippedPart,
  SnapshotTrack,
} from './insights.types';
import { summarizeMarkets } from './market-insights';
import { relatedBenchmark } from './related-benchmark';
import { TrackedArtistsRepository } from './tracked-artists.repository';

/** A Soundcharts point older than this (days before the snapshot's day) is not used as that day's value. */
export const AUDIENCE_MAX_AGE_DAYS = 7;
/** Recommendations are seeded by this many top tracks (Spotify takes at most 5 seeds). */
const RECOMMENDATION_SEEDS = 5;
const RECOMMENDATIONS = 20;

interface AudienceAnswer {
  point: LatestAudiencePoint | null;
  missing: string;
}

const absent = (field: string) =>
  `${field} absent from GET /artists/{id}: not given to this Spotify app (development mode)`;

/** The part is unavailable to this app: record why and carry on; anything else (outage, rate limit) propagates. */
async function unlessUnavailable<T>(
  call: () => Promise<T>,
  onUnavailable: (error: SpotifyCapabilityUnavailableError) => void,
): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof SpotifyCapabilityUnavailableError)) throw error;
    onUnavailable(error);
    return null;
  }
}

/**
 * Collects one artist's snapshot from Spotify (and Soundcharts' stored audience when that source is wired): the
 * profile, the top tracks of every tracked market, the audio profile of the top tracks, related artists as a
 * benchmark, and recommendations seeded by the top tracks. A part the app cannot have is left null and listed in
 * `skipped` with its capability and reason; nothing is estimated in its place.
 */
@Injectable()
export class SnapshotCollector {
  private readonly logger = new Logger(SnapshotCollector.name);

  constructor(
    private readonly config: AppConfig,
    private readonly spotify: SpotifyService,
    private readonly music: MusicService,
    private readonly clock: InsightsClock,
    private readonly tracked: TrackedArtistsRepository,
    @Optional() @Inject(ARTIST_AUDIENCE_SOURCE) private readonly audience?: ArtistAudienceSource,
    @Optional() @Inject(ARTIST_AUDIENCE_REFRESH) private readonly refresh?: ArtistAudienceRefresh,
  ) {}

  async collect(spotifyId: string): Promise<ArtistSnapshot> {
    const collectedAt = this.clock.now();
    const day = this.clock.today();
    const lookups = this.spotify.forJob();
    const artist = await lookups.artist(spotifyId);
    if (!artist) throw new PermanentJobError(`Spotify knows no artist ${spotifyId}`);
    const skipped: SkippedPart[] = [];
    const skip = (part: SkippedPart['part'], capability: string | null, reason: string) =>
      skipped.push({ part, capability, reason });

    let followers: number | null = artist.followers?.total ?? null;
    let followersSource: AudienceSource | null = followers === null ? null : 'SPOTIFY';
    let followersAsOf: string | null = followers === null ? null : day;
    if (artist.popularity === undefined) skip('popularity', 'artist.popularity', absent('popularity'));
    if (artist.genres === undefined) skip('genres', 'artist.genres', absent('genres'));

    const trackedMarkets = [...this.config.insights.markets];
    const topByMarket = await unlessUnavailable(
      () => this.topTracks(spotifyId, trackedMarkets),
      (e) => {
        skip('topTracks', e.capability, e.message);
        skip('markets', e.capability, `active markets come from the top tracks: ${e.message}`);
      },
    );
    const summary = topByMarket ? summarizeMarkets(trackedMarkets, topByMarket) : null;
    if (summary && summary.topTracks.length > 0 && !summary.popularityKnown) {
      skip(
        'trackPopularity',
        'track.popularity',
        'popularity absent from the top tracks (not given to this app)',
      );
    }
    if (topByMarket) await this.rememberTracks(topByMarket, summary!.topTracks);
    // The artist itself is known from now on, even when no top track brought it (development mode).
    const artistId =
      (await this.music.upsertSpotifyArtists([{ spotifyId, name: artist.name }])).get(spotifyId) ?? null;

    // Soundcharts fills what Spotify does not give (followers), and gives what Spotify never does (monthly listeners).
    let [scFollowers, scListeners] = await this.audiencePoints(artistId, day, followers === null);
    if (followers === null && !scFollowers.point && artistId) {
      // Nothing recent stored (no chart cascade brought the artist in): ask Soundcharts, once a day at most.
      const refresh = await this.refreshAudience(spotifyId, artistId, day);
      if (refresh.refreshed) [scFollowers, scListeners] = await this.audiencePoints(artistId, day, true);
      if (refresh.note) {
        const withNote = (a: AudienceAnswer) =>
          a.point ? a : { point: null, missing: `${a.missing}; ${refresh.note}` };
        scFollowers = withNote(scFollowers);
        scListeners = withNote(scListeners);
      }
    }
    if (followers === null) {
      if (scFollowers.point) {
        followers = Math.round(scFollowers.point.value);
        followersSource = 'SOUNDCHARTS';
        followersAsOf = scFollowers.point.date;
      } else {
        skip('followers', 'artist.followers', `${absent('followers')}; Soundcharts: ${scFollowers.missing}`);
      }
    }
    if (!scListeners.point) skip('monthlyListeners', null, `Soundcharts: ${scListeners.missing}`);

    const topTracks = summary?.topTracks ?? null;
    const profile = await this.audioProfileOf(lookups, topTracks, skip);
    const related = await unlessUnavailable(
      () => this.relatedArtists(spotifyId),
      (e) => skip('relatedArtists', e.capability, e.message),
    );
    const recommendations = await unlessUnavailable(
      () => this.recommendations(spotifyId, topTracks),
      (e) => skip('recommendations', e.capability, e.message),
    );

    return {
      spotifyId,
      artistId,
      name: artist.name,
      day,
      collectedAt,
      followers,
      followersSource,
      followersAsOf,
      popularity: artist.popularity ?? null,
      genres: artist.genres ?? null,
      monthlyListeners: scListeners.point ? Math.round(scListeners.point.value) : null,
      monthlyListenersAsOf: scListeners.point?.date ?? null,
      trackedMarkets,
      markets: summary?.markets ?? null,
      activeMarkets: summary?.activeMarkets ?? null,
      topTracks,
      audioProfile: profile,
      relatedArtists: related,
      benchmark: related
        ? relatedBenchmark({ followers, popularity: artist.popularity ?? null }, related)
        : null,
      recommendations,
      skipped,
    };
  }

  /** The first market alone (it teaches the capability), then the others together. */
  private async topTracks(spotifyId: string, markets: string[]): Promise<Map<string, SpotifyTrack[]>> {
    const byMarket = new Map<string, SpotifyTrack[]>();
    const [first, ...rest] = markets;
    byMarket.set(first, (await this.spotify.artistTopTracks(spotifyId, first)) ?? []);
    const others = await Promise.all(rest.map((m) => this.spotify.artistTopTracks(spotifyId, m)));
    rest.forEach((m, i) => byMarket.set(m, others[i] ?? []));
    return byMarket;
  }

  /** The kept top tracks become tracks Soundgraph knows (with their artists, so the artist is known too). */
  private async rememberTracks(byMarket: Map<string, SpotifyTrack[]>, kept: SnapshotTrack[]): Promise<void> {
    const all = new Map([...byMarket.values()].flat().map((t) => [t.id, t]));
    const tracks = kept.flatMap((k) => all.get(k.spotifyId) ?? []);
    await this.music.upsertSpotifyTracks(
      tracks.map((t) => ({
        spotifyId: t.id,
        name: t.name,
        isrc: t.external_ids?.isrc,
        durationMs: t.duration_ms,
        albumName: t.album?.name,
        artists: t.artists.map((a) => ({ spotifyId: a.id, name: a.name })),
      })),
    );
  }

  /**
   * Brings a tracked artist's Soundcharts followers and monthly listeners up to `day` (lookup by Spotify id), at
   * most once per artist and day (the quota), and says what happened. A Soundcharts failure does not fail the
   * snapshot: it becomes the reason the values are missing, and the next day tries again.
   */
  private async refreshAudience(
    spotifyId: string,
    artistId: string,
    day: string,
  ): Promise<{ refreshed: boolean; note: string }> {
    if (!this.refresh || !this.audience) return { refreshed: false, note: '' };
    const claim = await this.tracked.claimAudienceLookup(spotifyId, day);
    if (!claim.claimed) {
      return {
        refreshed: false,
        note: claim.tracked
          ? `looked up on Soundcharts already on ${day} (${claim.note ?? 'no outcome recorded'}); next lookup tomorrow`
          : 'Soundcharts is asked only for tracked artists',
      };
    }
    let outcome: { refreshed: boolean; note: string };
    try {
      const answer = await this.refresh.refreshSpotifyAudience(artistId, spotifyId, day);
      outcome =
        answer.status === 'refreshed'
          ? {
              refreshed: true,
              note: `looked up on Soundcharts on ${day}: artist ${answer.soundchartsUuid}`,
            }
          : {
              refreshed: false,
              note: `Soundcharts knows no artist with Spotify id ${spotifyId} (looked up on ${day})`,
            };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Soundcharts audience of ${spotifyId} not refreshed: ${message}`);
      outcome = { refreshed: false, note: `Soundcharts lookup failed on ${day}: ${message}` };
    }
    await this.tracked.recordAudienceLookup(spotifyId, outcome.note);
    return outcome;
  }

  /** [followers (asked for only when `needFollowers`), monthly listeners], each usable for `day` or why not. */
  private async audiencePoints(
    artistId: string | null,
    day: string,
    needFollowers: boolean,
  ): Promise<AudienceAnswer[]> {
    const none = (missing: string) => [
      { point: null, missing },
      { point: null, missing },
    ];
    if (!this.audience) return none('not connected to insights in this deployment');
    if (!artistId) return none('Soundgraph has no artist record to look the artist up by');
    const source = this.audience;
    const answers = await Promise.all(
      ['followers', 'monthly_listeners'].map((metric) =>
        metric === 'followers' && !needFollowers
          ? Promise.resolve(new Map<string, LatestAudiencePoint>())
          : source.latestAudience('artist', [artistId], 'spotify', metric),
      ),
    );
    return answers.map((byId, i) => {
      const metric = i === 0 ? 'followers' : 'monthly listeners';
      const point = byId.get(artistId);
      if (!point) return { point: null, missing: `no ${metric} stored for this artist` };
      const age = daysBetween(point.date, day);
      if (age < 0 || age > AUDIENCE_MAX_AGE_DAYS) {
        return {
          point: null,
          missing: `latest ${metric} point is of ${point.date}, more than ${AUDIENCE_MAX_AGE_DAYS} days before ${day}`,
        };
      }
      return { point, missing: '' };
    });
  }

  private async audioProfileOf(
    lookups: SpotifyLookups,
    topTracks: SnapshotTrack[] | null,
    skip: (part: SkippedPart['part'], capability: string | null, reason: string) => void,
  ) {
    if (topTracks === null) {
      skip(
        'audioProfile',
        'artists.topTracks',
        'the audio profile is of the top tracks, which are unavailable',
      );
      return null;
    }
    if (topTracks.length === 0) {
      skip('audioProfile', null, 'no top track in any tracked market: there is nothing to profile');
      return null;
    }
    const features = await unlessUnavailable(
      () => lookups.audioFeaturesOf(topTracks.map((t) => t.spotifyId)),
      (e) => skip('audioProfile', e.capability, e.message),
    );
    if (!features) return null;
    const known = features.filter((f) => f !== null);
    if (known.length === 0) {
      skip(
        'audioProfile',
        null,
        `Spotify has no audio features for any of the ${topTracks.length} top tracks`,
      );
      return null;
    }
    return audioProfile(known);
  }

  private async relatedArtists(spotifyId: string): Promise<RelatedArtistInsight[]> {
    const related: SpotifyArtist[] = (await this.spotify.relatedArtists(spotifyId)) ?? [];
    return related.map((a) => ({
      spotifyId: a.id,
      name: a.name,
      followers: a.followers?.total ?? null,
      popularity: a.popularity ?? null,
    }));
  }

  /** Seeded by the top tracks; by the artist when its top tracks are unknown. */
  private async recommendations(
    spotifyId: string,
    topTracks: SnapshotTrack[] | null,
  ): Promise<RecommendedTrack[]> {
    const seedTracks = (topTracks ?? []).slice(0, RECOMMENDATION_SEEDS).map((t) => t.spotifyId);
    const answer = await this.spotify.recommendations(
      seedTracks.length
        ? { seedTracks, limit: RECOMMENDATIONS }
        : { seedArtists: [spotifyId], limit: RECOMMENDATIONS },
    );
    return answer.tracks.map((t) => ({
      spotifyId: t.id,
      name: t.name,
      artists: t.artists.map((a) => a.name),
      popularity: t.popularity ?? null,
    }));
  }
}
