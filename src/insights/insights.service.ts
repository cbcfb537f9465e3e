import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { BadUserInputError } from 'src/common/domain-errors';
import { AppConfig } from 'src/config';
import { JobScheduler, JobsService } from 'src/jobs';
import { assertSpotifyId, MusicService } from 'src/music';
import { SpotifyService } from 'src/spotify';
import { InsightsClock } from './insights.clock';
import { COLLECT_INSIGHTS_JOB, COLLECT_TRACKED_JOB, SANDBOX_TRACKED_ARTIST } from './insights-jobs';
import type { ArtistSnapshot, TrackedArtist } from './insights.types';
import { SnapshotCollector } from './snapshot-collector.service';
import { SnapshotsRepository } from './snapshots.repository';
import { TrackedArtistsRepository } from './tracked-artists.repository';

/** Called after a snapshot is stored (the growth module recomputes the artist's metrics). */
export type SnapshotListener = (spotifyIds: string[]) => Promise<void>;

export const DAILY_SCHEDULE = `${COLLECT_TRACKED_JOB}.daily`;

/** The public face of insights: tracked artists, snapshots (collected by jobs), the daily schedule. */
@Injectable()
export class InsightsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(InsightsService.name);
  private readonly listeners: SnapshotListener[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly scheduler: JobScheduler,
    private readonly spotify: SpotifyService,
    private readonly music: MusicService,
    private readonly tracked: TrackedArtistsRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly collector: SnapshotCollector,
    private readonly clock: InsightsClock,
  ) {}

  onModuleInit(): void {
    const cron = this.config.insights.cron;
    if (cron) {
      this.scheduler.upsert({ name: DAILY_SCHEDULE, cron, timeZone: 'UTC', kind: COLLECT_TRACKED_JOB });
    }
  }

  /** In sandbox mode the emulator's artist is tracked, unless an operator untracked it. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.spotify.sandboxed) return;
    const seeded = await this.tracked.seed(
      SANDBOX_TRACKED_ARTIST.spotifyId,
      SANDBOX_TRACKED_ARTIST.name,
      'SANDBOX',
    );
    if (!seeded) {
      this.logger.log('tracked_artist does not exist yet: the sandbox artist is not tracked');
      return;
    }
    // a tracked artist is an artist Soundgraph knows (`artist(spotifyId)`), even before its first snapshot
    if ((await this.tracked.tracked([SANDBOX_TRACKED_ARTIST.spotifyId])).size > 0) {
      await this.music.upsertSpotifyArtists([
        { spotifyId: SANDBOX_TRACKED_ARTIST.spotifyId, name: SANDBOX_TRACKED_ARTIST.name },
      ]);
    }
  }

  onSnapshot(listener: SnapshotListener): void {
    this.listeners.push(listener);
  }

  // ---- tracked artists

  /**
   * Checks the artist exists on Spotify (for its name), makes it an artist Soundgraph knows (bare: id and name,
   * so `artist(spotifyId)` answers before any track or Soundcharts brings it), then tracks it.
   */
  async trackArtist(spotifyId: string): Promise<TrackedArtist> {
    assertSpotifyId(spotifyId, 'spotifyId');
    const artist = await this.spotify.forJob().artist(spotifyId);
    if (!artist) throw new BadUserInputError('spotifyId', 'Spotify knows no such artist');
    await this.music.upsertSpotifyArtists([{ spotifyId, name: artist.name }]);
    return this.tracked.track(spotifyId, artist.name, 'USER');
  }

  /** True when the artist was tracked; its snapshots and metrics stay. */
  untrackArtist(spotifyId: string): Promise<boolean> {
    return this.tracked.untrack(assertSpotifyId(spotifyId, 'spotifyId'));
  }

  trackedArtists(): Promise<TrackedArtist[]> {
    return this.tracked.list();
  }

  isTracked(spotifyIds: readonly string[]): Promise<Set<string>> {
    return this.tracked.tracked(spotifyIds);
  }

  // ---- snapshots

  /** Queues a snapshot of the artist (returns the JobRun at once). */
  collect(spotifyId: string) {
    return this.jobs.start(COLLECT_INSIGHTS_JOB, { spotifyId: assertSpotifyId(spotifyId, 'spotifyId') });
  }

  /** Collects and stores today's snapshot now (the job's work), then tells the listeners. */
  async collectNow(spotifyId: string): Promise<{ snapshot: ArtistSnapshot; replaced: boolean }> {
    const snapshot = await this.collector.collect(spotifyId);
    const { replaced } = await this.snapshots.upsert(snapshot);
    await this.notify([spotifyId]);
    return { snapshot, replaced };
  }

  /**
   * Stores snapshots as given (imports of history kept elsewhere, tests simulating past days), then tells the
   * listeners once per artist.
   */
  async recordSnapshots(snapshots: ArtistSnapshot[]): Promise<void> {
    await this.snapshots.upsertMany(snapshots);
    await this.notify([...new Set(snapshots.map((s) => s.spotifyId))]);
  }

  /** Oldest first, optionally within [from, to]. */
  history(spotifyIds: readonly string[], from?: string, to?: string): Promise<ArtistSnapshot[]> {
    return this.snapshots.history(spotifyIds, from, to);
  }

  /** Each artist's latest snapshot (on or before `onOrBefore`), by Spotify id. */
  async latest(spotifyIds: readonly string[], onOrBefore?: string): Promise<Map<string, ArtistSnapshot>> {
    return new Map((await this.snapshots.latest(spotifyIds, onOrBefore)).map((s) => [s.spotifyId, s]));
  }

  today(): string {
    return this.clock.today();
  }

  private async notify(spotifyIds: string[]): Promise<void> {
    for (const listener of this.listeners) await listener(spotifyIds);
  }
}
