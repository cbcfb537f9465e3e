import type { SnapshotTrack } from 'src/insights';
import type { ActionItem } from './action-items';

/**
 * The artist's works: those whose artist name is the artist's (ignoring case), as `works(filter: {artistName})`
 * matches them; the whole catalog when the artist's name is unknown (`artistName` null).
 */
export interface DashboardCatalog {
  /** The name works were matched by; null: every work of the catalog is counted. */
  artistName: string | null;
  totalWorks: number;
  linkedWorks: number;
  /** 0..100, one decimal. */
  coveragePercent: number;
  unlinkedWorks: number;
}

export interface DashboardEnrichment {
  tracksTotal: number;
  tracksEnriched: number;
  tracksStale: number;
  artistsTotal: number;
  artistsEnriched: number;
  artistsStale: number;
}

export interface DashboardCapability {
  name: string;
  reason: string | null;
}

/** Spotify as of the latest snapshot, and what this app can see. */
export interface DashboardSpotify {
  /** EXTENDED, DEVELOPMENT or AUTO (not learned yet). */
  mode: string;
  snapshotDate: string | null;
  /** Days from the latest snapshot to today; null without one. */
  daysSinceSnapshot: number | null;
  followers: number | null;
  followersSource: string | null;
  popularity: number | null;
  monthlyListeners: number | null;
  genres: string[];
  activeMarkets: string[] | null;
  trackedMarkets: string[];
  unavailableCapabilities: DashboardCapability[];
}

export interface DashboardVisibility {
  date: string;
  score: number;
  followerScore: number | null;
  popularityScore: number | null;
  marketScore: number | null;
  trackScore: number | null;
  formulaVersion: string;
  complete: boolean;
}

export interface DashboardGrowth {
  date: string;
  weeklyFollowerGrowth: number | null;
  monthlyFollowerGrowth: number | null;
  weeklyPopularityChange: number | null;
  monthlyPopularityChange: number | null;
  newMarkets: string[];
  lostMarkets: string[];
}

export type TrendMetric = 'followers' | 'popularity' | 'visibility' | 'markets';

/** One value per day of the window (null: no snapshot, or the value was unavailable). */
export interface DashboardTrend {
  metric: TrendMetric;
  values: (number | null)[];
  /** The latest known value of the window. */
  latest: number | null;
}

export interface DashboardChart {
  slug: string;
  name: string | null;
  status: string;
  lastSyncAt: Date | null;
  successRate: number | null;
  lastError: string | null;
}

export interface DashboardView {
  spotifyId: string;
  name: string | null;
  tracked: boolean;
  today: string;
  catalog: DashboardCatalog;
  enrichment: DashboardEnrichment;
  spotify: DashboardSpotify;
  visibility: DashboardVisibility | null;
  growth: DashboardGrowth | null;
  /** First day of the trend window (TREND_DAYS days ending today). */
  trendsFrom: string;
  trends: DashboardTrend[];
  topTracks: SnapshotTrack[];
  /** Null when chart sync health is not available in this deployment. */
  charts: DashboardChart[] | null;
  actionItems: ActionItem[];
}

export const TREND_DAYS = 30;
