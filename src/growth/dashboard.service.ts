import { Inject, Injectable, Optional } from '@nestjs/common';
import { CatalogService } from 'src/catalog/catalog.service';
import { AppConfig } from 'src/config';
import { EnrichmentService } from 'src/enrichment';
import { addDays, daysBetween, InsightsService } from 'src/insights';
import { assertSpotifyId, MusicService } from 'src/music';
import { SpotifyService } from 'src/spotify';
import { actionItems, MARKETS_LOST_DAYS } from './action-items';
import { CHART_SYNC_HEALTH, ChartSyncHealthSource } from './chart-sync-health-source';
import { DashboardCatalog, DashboardTrend, DashboardView, TREND_DAYS, TrendMetric } from './dashboard.types';
import { marketsLost } from './growth';
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
    const lostFrom = addDays(today, -(MARKETS_LOST_DAYS - 1));
    const [enrichment, status, tracked, latest, window, recent, latestMetric, charts] = await Promise.all([
      this.enrichment.coverage(),
      this.spotify.status(),
      this.insights.trackedArtists(),
      this.insights.latest([spotifyId], today),
      this.growth.metrics(spotifyId, { from: trendsFrom, to: today }),
      this.insights.history([spotifyId], lostFrom, today),
      this.growth.latest(spotifyId),
      this.charts ? this.charts.health() : Promise.resolve(null),
    ]);
    const snapshot = latest.get(spotifyId) ?? null;
    const trackedArtist = tracked.find((t) => t.spotifyId === spotifyId);
    const name =
      snapshot?.name ?? trackedArtist?.name ?? (await this.music.artistBySpotifyId(spotifyId))?.name ?? null;
    const { catalog, unlinkedSample } = await this.catalogOf(name);
    const lost = marketsLost(recent);
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
      catalog,
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
        unlinkedWorks: catalog.unlinkedWorks,
        unlinkedSample,
        tracksNeverEnriched: enrichment.tracks.total - enrichment.tracks.enriched,
        tracksStale: enrichment.tracks.stale,
        artistsNeverEnriched: enrichment.artists.total - enrichment.artists.enriched,
        artistsStale: enrichment.artists.stale,
        unavailableCapabilities: unavailable.map((c) => c.name),
        followersFromSoundcharts: snapshot?.followersSource === 'SOUNDCHARTS',
        daysSinceSnapshot,
        lostMarkets: lost?.markets ?? [],
        lostAsOf: lost?.asOf ?? null,
        failingCharts: (chartViews ?? [])
          .filter((c) => c.status === 'FAILING')
          .map((c) => ({ chart: c.slug, error: c.lastError })),
      }),
    };
  }

  /**
   * The artist's works: those whose artist name is the artist's name, ignoring case (the catalog's own artist
   * filter). The catalog's artist names are free text, so a work credited otherwise ("X feat. Y", another spelling)
   * is not counted; with no name known for the artist, the whole catalog, labelled so (`artistName` null).
   */
  private async catalogOf(
    name: string | null,
  ): Promise<{ catalog: DashboardCatalog; unlinkedSample: string[] }> {
    if (name === null) {
      const [coverage, unlinked] = await Promise.all([
        this.catalog.coverage(),
        this.catalog.unlinkedWorks(UNLINKED_SAMPLE),
      ]);
      return {
        catalog: { artistName: null, ...coverage, unlinkedWorks: coverage.totalWorks - coverage.linkedWorks },
        unlinkedSample: unlinked.map((w) => w.title),
      };
    }
    const [[, totalWorks], [unlinked, unlinkedWorks]] = await Promise.all([
      this.catalog.listWorks({ artistName: name }, 1),
      this.catalog.listWorks({ artistName: name, linked: false }, UNLINKED_SAMPLE),
    ]);
    const linkedWorks = totalWorks - unlinkedWorks;
    return {
      catalog: {
        artistName: name,
        totalWorks,
        linkedWorks,
        coveragePercent: totalWorks === 0 ? 0 : Math.round((linkedWorks / totalWorks) * 1000) / 10,
        unlinkedWorks,
      },
      unlinkedSample: unlinked.map((w) => w.title),
    };
  }
}
