// Public face of the insights module: what other modules may import.
export { InsightsModule } from './insights.module';
export { InsightsService } from './insights.service';
export type { SnapshotListener } from './insights.service';
export { InsightsClock, addDays, daysBetween, utcDay } from './insights.clock';
export { COLLECT_INSIGHTS_JOB, COLLECT_TRACKED_JOB, SANDBOX_TRACKED_ARTIST } from './insights-jobs';
export { ARTIST_AUDIENCE_SOURCE } from './artist-audience-source';
export type { ArtistAudienceSource, LatestAudiencePoint } from './artist-audience-source';
export type * from './insights.types';
export { SnapshotTrackModel, InsightSourceEnum } from './models/artist-snapshot.model';
export type { CollectInsightsReport } from './collect-insights.job';
