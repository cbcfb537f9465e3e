import { Inject, Injectable, Optional } from '@nestjs/common';
import { CatalogService } from 'src/catalog/catalog.service';
import { AppConfig } from 'src/config';
import { EnrichmentService } from 'src/enrichment';
import { addDays, daysBetween, InsightsService } from 'src/insights';
import { assertSpotifyId, MusicService } from 'src/music';
import { SpotifyService } from 'src/spotify';
import { actionItems } from './action-items';
import { CHART_SYNC_HEALTH, ChartSyncHealthSource } from './chart-sync-health-source';
import { DashboardTrend, DashboardView, TREND_DAYS, TrendMetric } from './dashboard.types';
import type { GrowthMetric } from './growth-metrics';
import { GrowthService } from './growth.service';
import { dailyValues } from './sparkline';

/** Unlinked works named in the action item. */
const UNLINKED_SAMPLE = 3;

const TREND_VALUES: Record<TrendMetric, (m: GrowthMetric) => number | null> = {
  followers: (m) => m.currentFollowers,
  popularity: (m) => m.currentPopularity,
  visibility: (m) => m.score,
  markets: (m) => (m.currentMarkets === null ? null : m.currentMarkets.length),
};

/** One artist's dashboard: catalog, Spotify status, visibility, growth, 30-day trends, top tracks, action items. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly config: AppConfig,
    private readonly catalog: CatalogService,
    private readonly enrichment: EnrichmentService,
    private readonly spotify: SpotifyService,
    private readonly music: MusicService,
    private readonly insights: InsightsService,
    private readonly growth: GrowthService,
    @Optional() @Inject(CHART_SYNC_HEALTH) private readonly charts?: ChartSyncHealthSource,
  ) {}

  async build(spotifyId: string): Promise<DashboardView> {
    assertSpotifyId(spotifyId, 'spotifyId');
    const today = this.insights.today();
    const trendsFrom = addDays(today, -(TREND_DAYS - 1));
    const [coverage, unlinked, enrichment, status, tracked, latest, window, latestMetric, charts] =
      await Promise.all([
        this.catalog.coverage(),
        this.catalog.unlinkedWorks(UNLINKED_SAMPLE),
        this.enrichment.coverage(),
        this.spotify.status(),
        this.insights.trackedArtists(),
        this.insights.latest([spotifyId], today),
        this.growth.metrics(spotifyId, { from: trendsFrom, to: today }),
        this.growth.latest(spotifyId),
        this.charts ? this.charts.health() : Promise.resolve(null),
      ]);
    const snapshot = latest.get(spotifyId) ?? null;
    const trackedArtist = tracked.find((t) => t.spotifyId === spotifyId);
    const name =
      snapshot?.name ?? trackedArtist?.name ?? (await this.music.artistBySpotifyId(spotifyId))?.name ?? null;
    const unavailable = status.capabilities
      .filter((c) => c.available === false)
      .map((c) => ({ name: c.name, reason: c.reason }));
    const daysSinceSnapshot = snapshot ? daysBetween(snapshot.day, today) : null;
    const metric = latestMetric && latestMetric.day <= today ? latestMetric : null;
    const trends: DashboardTrend[] = (Object.keys(TREND_VALUES) as TrendMetric[]).map((m) => {
      const values = dailyValues(
        window.map((x) => ({ day: x.day, value: TREND_VALUES[m](x) })),
        today,
        TREND_DAYS,
      );
      return { metric: m, values, latest: [...values].reverse().find((x) => x !== null) ?? null };
    });
    const chartViews =
      charts?.map((c) => ({
        slug: c.chart.slug,
        name: c.chart.name ?? null,
        status: c.health.status,
        lastSyncAt: c.health.lastSyncAt,
        successRate: c.health.successRate,
        lastError: c.health.lastError,
      })) ?? null;
    return {
      spotifyId,
      name,
      tracked: trackedArtist !== undefined,
      today,
      catalog: { ...coverage, unlinkedWorks: coverage.totalWorks - coverage.linkedWorks },
      enrichment: {
        tracksTotal: enrichment.tracks.total,
        tracksEnriched: enrichment.tracks.enriched,
        tracksStale: enrichment.tracks.stale,
        artistsTotal: enrichment.artists.total,
        artistsEnriched: enrichment.artists.enriched,
        artistsStale: enrichment.artists.stale,
      },
      spotify: {
        mode: status.mode,
        snapshotDate: snapshot?.day ?? null,
        daysSinceSnapshot,
        followers: snapshot?.followers ?? null,
        followersSource: snapshot?.followersSource ?? null,
        popularity: snapshot?.popularity ?? null,
        monthlyListeners: snapshot?.monthlyListeners ?? null,
        genres: snapshot?.genres ?? [],
        activeMarkets: snapshot?.activeMarkets ?? null,
        trackedMarkets: snapshot?.trackedMarkets ?? this.config.insights.markets,
        unavailableCapabilities: unavailable,
      },
      visibility:
        metric && metric.score !== null
          ? {
              date: metric.day,
              score: metric.score,
              followerScore: metric.followerScore,
              popularityScore: metric.popularityScore,
              marketScore: metric.marketScore,
              trackScore: metric.trackScore,
              formulaVersion: metric.formulaVersion,
              complete: metric.complete,
            }
          : null,
      growth: metric
        ? {
            date: metric.day,
            weeklyFollowerGrowth: metric.weeklyFollowerGrowth,
            monthlyFollowerGrowth: metric.monthlyFollowerGrowth,
            weeklyPopularityChange: metric.weeklyPopularityChange,
            monthlyPopularityChange: metric.monthlyPopularityChange,
            newMarkets: metric.newMarkets,
            lostMarkets: metric.lostMarkets,
          }
        : null,
      trendsFrom,
      trends,
      topTracks: snapshot?.topTracks ?? [],
      charts: chartViews,
      actionItems: actionItems({
        spotifyId,
        tracked: trackedArtist !== undefined,
        unlinkedWorks: coverage.totalWorks - coverage.linkedWorks,
        unlinkedSample: unlinked.map((w) => w.title),
        tracksNeverEnriched: enrichment.tracks.total - enrichment.tracks.enriched,
        tracksStale: enrichment.tracks.stale,
        artistsNeverEnriched: enrichment.artists.total - enrichment.artists.enriched,
        artistsStale: enrichment.artists.stale,
        unavailableCapabilities: unavailable.map((c) => c.name),
        followersFromSoundcharts: snapshot?.followersSource === 'SOUNDCHARTS',
        daysSinceSnapshot,
        lostMarkets: metric?.lostMarkets ?? [],
        lostOn: metric?.lostMarkets.length ? metric.day : null,
        failingCharts: (chartViews ?? [])
          .filter((c) => c.status === 'FAILING')
          .map((c) => ({ chart: c.slug, error: c.lastError })),
      }),
    };
  }
}
