import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobContext, JobRegistry, JobsService, PermanentJobError } from 'src/jobs';
import { isSpotifyId } from 'src/spotify';
import { InsightsClock } from './insights.clock';
import { COLLECT_INSIGHTS_JOB, COLLECT_TRACKED_JOB } from './insights-jobs';
import type { SkippedPart } from './insights.types';
import { InsightsService } from './insights.service';

export interface CollectInsightsPayload {
  spotifyId: string;
}

export interface CollectInsightsReport {
  spotifyId: string;
  name: string;
  day: string;
  /** True when the day's earlier snapshot was replaced. */
  replaced: boolean;
  followers: number | null;
  followersSource: string | null;
  popularity: number | null;
  activeMarkets: number | null;
  trackedMarkets: number;
  topTracks: number | null;
  relatedArtists: number | null;
  recommendations: number | null;
  skipped: SkippedPart[];
}

export interface CollectTrackedReport {
  day: string;
  tracked: number;
  enqueued: number;
  /** Already enqueued for this day by another tick or process. */
  alreadyEnqueued: number;
}

/**
 * `insights.collect`: one artist's snapshot for today (replacing today's earlier one), then the listeners (growth
 * metrics). `insights.collect-tracked`: what the daily tick enqueues; one `insights.collect` per tracked artist,
 * at most once per artist and day whatever the number of ticks or processes.
 */
@Injectable()
export class CollectInsightsJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly jobs: JobsService,
    private readonly insights: InsightsService,
    private readonly clock: InsightsClock,
  ) {}

  onModuleInit(): void {
    this.registry.register<CollectInsightsPayload, CollectInsightsReport, never>({
      kind: COLLECT_INSIGHTS_JOB,
      expireInSeconds: 1800,
      handle: (payload) => this.collect(payload),
    });
    this.registry.register<Record<string, never>, CollectTrackedReport, never>({
      kind: COLLECT_TRACKED_JOB,
      handle: (_payload, ctx) => this.collectTracked(ctx),
    });
  }

  async collect(payload: CollectInsightsPayload): Promise<CollectInsightsReport> {
    if (!isSpotifyId(payload.spotifyId)) {
      throw new PermanentJobError(`"${payload.spotifyId}" is not a Spotify artist id`);
    }
    const { snapshot, replaced } = await this.insights.collectNow(payload.spotifyId);
    return {
      spotifyId: snapshot.spotifyId,
      name: snapshot.name,
      day: snapshot.day,
      replaced,
      followers: snapshot.followers,
      followersSource: snapshot.followersSource,
      popularity: snapshot.popularity,
      activeMarkets: snapshot.activeMarkets?.length ?? null,
      trackedMarkets: snapshot.trackedMarkets.length,
      topTracks: snapshot.topTracks?.length ?? null,
      relatedArtists: snapshot.relatedArtists?.length ?? null,
      recommendations: snapshot.recommendations?.length ?? null,
      skipped: snapshot.skipped,
    };
  }

  private async collectTracked(ctx: JobContext): Promise<CollectTrackedReport> {
    const day = this.clock.today();
    const tracked = await this.insights.trackedArtists();
    let enqueued = 0;
    for (const [i, artist] of tracked.entries()) {
      const run = await this.jobs.enqueue(
        COLLECT_INSIGHTS_JOB,
        { spotifyId: artist.spotifyId },
        { dedupeKey: `${COLLECT_INSIGHTS_JOB}:${artist.spotifyId}:${day}` },
      );
      if (run) enqueued++;
      await ctx.progress(i + 1, tracked.length);
    }
    return { day, tracked: tracked.length, enqueued, alreadyEnqueued: tracked.length - enqueued };
  }
}
