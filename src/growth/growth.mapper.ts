import type { GrowthMetric } from './growth-metrics';
import { GrowthMetricModel } from './models/growth-metric.model';
import { GrowthReportModel } from './models/growth-report.model';
import { VisibilityScoreModel } from './models/visibility-score.model';

export function toVisibilityScoreModel(m: GrowthMetric): VisibilityScoreModel | null {
  if (m.score === null) return null;
  return {
    date: m.day,
    score: m.score,
    followerScore: m.followerScore,
    popularityScore: m.popularityScore,
    marketScore: m.marketScore,
    trackScore: m.trackScore,
    formulaVersion: m.formulaVersion,
    complete: m.complete,
    missing: m.missing,
  };
}

export function toGrowthReportModel(m: GrowthMetric): GrowthReportModel {
  return {
    date: m.day,
    currentFollowers: m.currentFollowers,
    followersSource: m.followersSource,
    weeklyFollowerGrowth: m.weeklyFollowerGrowth,
    monthlyFollowerGrowth: m.monthlyFollowerGrowth,
    currentPopularity: m.currentPopularity,
    weeklyPopularityChange: m.weeklyPopularityChange,
    monthlyPopularityChange: m.monthlyPopularityChange,
    currentMarkets: m.currentMarkets ?? [],
    marketsKnown: m.currentMarkets !== null,
    newMarkets: m.newMarkets,
    lostMarkets: m.lostMarkets,
  };
}

export function toGrowthMetricModel(m: GrowthMetric): GrowthMetricModel {
  return {
    metricId: m.metricId,
    spotifyId: m.spotifyId,
    date: m.day,
    formulaVersion: m.formulaVersion,
    growth: toGrowthReportModel(m),
    visibility: toVisibilityScoreModel(m),
    missing: m.missing,
  };
}
