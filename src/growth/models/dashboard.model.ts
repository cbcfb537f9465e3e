import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';
import { SnapshotTrackModel } from 'src/insights';

export enum ActionItemKindEnum {
  NOT_TRACKED = 'NOT_TRACKED',
  NO_RECENT_SNAPSHOT = 'NO_RECENT_SNAPSHOT',
  WORKS_TO_LINK = 'WORKS_TO_LINK',
  STALE_ENRICHMENT = 'STALE_ENRICHMENT',
  MISSING_CAPABILITY = 'MISSING_CAPABILITY',
  MARKETS_LOST = 'MARKETS_LOST',
  CHART_SYNC_FAILING = 'CHART_SYNC_FAILING',
}
registerEnumType(ActionItemKindEnum, { name: 'ActionItemKind' });

@ObjectType('ActionItem', { description: 'Something to do, computed from the data' })
export class ActionItemModel {
  @Field(() => ActionItemKindEnum) kind!: ActionItemKindEnum;
  @Field() message!: string;
  @Field({ description: 'What to run or change' }) hint!: string;
}

@ObjectType('DashboardCatalog', {
  description:
    "The artist's works: those whose artist name equals the artist's name, ignoring case (as works(filter: " +
    '{artistName}) matches them; a work credited otherwise, e.g. "X feat. Y", is not counted). The whole catalog ' +
    "when the artist's name is unknown (artistName null)",
})
export class DashboardCatalogModel {
  @Field(() => String, {
    nullable: true,
    description: 'The artist name works were matched by; null: every work of the catalog is counted',
  })
  artistName!: string | null;
  @Field(() => Int) totalWorks!: number;
  @Field(() => Int) linkedWorks!: number;
  @Field(() => Float, { description: '0..100, one decimal' }) coveragePercent!: number;
  @Field(() => Int) unlinkedWorks!: number;
}

@ObjectType('DashboardEnrichment', {
  description: "Every track and artist Soundgraph knows, not only this artist's",
})
export class DashboardEnrichmentModel {
  @Field(() => Int) tracksTotal!: number;
  @Field(() => Int) tracksEnriched!: number;
  @Field(() => Int) tracksStale!: number;
  @Field(() => Int) artistsTotal!: number;
  @Field(() => Int) artistsEnriched!: number;
  @Field(() => Int) artistsStale!: number;
}

@ObjectType('DashboardCapability', { description: 'A capability this Spotify app lacks' })
export class DashboardCapabilityModel {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('DashboardSpotify', {
  description: 'Spotify as of the latest snapshot, and what this app can see',
})
export class DashboardSpotifyModel {
  @Field({ description: 'EXTENDED, DEVELOPMENT or AUTO (not learned yet)' }) mode!: string;
  @Field(() => DateScalar, { nullable: true }) snapshotDate!: string | null;
  @Field(() => Int, { nullable: true }) daysSinceSnapshot!: number | null;
  @Field(() => Int, { nullable: true }) followers!: number | null;
  @Field(() => String, { nullable: true }) followersSource!: string | null;
  @Field(() => Int, { nullable: true }) popularity!: number | null;
  @Field(() => Int, { nullable: true }) monthlyListeners!: number | null;
  @Field(() => [String]) genres!: string[];
  @Field(() => [String], { nullable: true }) activeMarkets!: string[] | null;
  @Field(() => [String]) trackedMarkets!: string[];
  @Field(() => [DashboardCapabilityModel]) unavailableCapabilities!: DashboardCapabilityModel[];
}

@ObjectType('DashboardVisibility')
export class DashboardVisibilityModel {
  @Field(() => DateScalar) date!: string;
  @Field(() => Float) score!: number;
  @Field(() => Float, { nullable: true }) followerScore!: number | null;
  @Field(() => Float, { nullable: true }) popularityScore!: number | null;
  @Field(() => Float, { nullable: true }) marketScore!: number | null;
  @Field(() => Float, { nullable: true }) trackScore!: number | null;
  @Field() formulaVersion!: string;
  @Field() complete!: boolean;
}

@ObjectType('DashboardGrowth')
export class DashboardGrowthModel {
  @Field(() => DateScalar) date!: string;
  @Field(() => Int, { nullable: true }) weeklyFollowerGrowth!: number | null;
  @Field(() => Int, { nullable: true }) monthlyFollowerGrowth!: number | null;
  @Field(() => Int, { nullable: true }) weeklyPopularityChange!: number | null;
  @Field(() => Int, { nullable: true }) monthlyPopularityChange!: number | null;
  @Field(() => [String]) newMarkets!: string[];
  @Field(() => [String]) lostMarkets!: string[];
}

@ObjectType('DashboardTrend', {
  description: 'One value per day of the window; null: no snapshot or unavailable',
})
export class DashboardTrendModel {
  @Field({ description: 'followers, popularity, visibility or markets' }) metric!: string;
  @Field(() => [Float], { nullable: 'items' }) values!: (number | null)[];
  @Field(() => Float, { nullable: true }) latest!: number | null;
}

@ObjectType('DashboardChart')
export class DashboardChartModel {
  @Field() slug!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field({ description: 'HEALTHY, DEGRADED, FAILING or NEVER_SYNCED' }) status!: string;
  @Field(() => Date, { nullable: true }) lastSyncAt!: Date | null;
  @Field(() => Float, { nullable: true }) successRate!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
}

@ObjectType('Dashboard')
export class DashboardModel {
  @Field() spotifyId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field() tracked!: boolean;
  @Field(() => DateScalar) today!: string;
  @Field(() => DashboardCatalogModel) catalog!: DashboardCatalogModel;
  @Field(() => DashboardEnrichmentModel) enrichment!: DashboardEnrichmentModel;
  @Field(() => DashboardSpotifyModel) spotify!: DashboardSpotifyModel;
  @Field(() => DashboardVisibilityModel, { nullable: true }) visibility!: DashboardVisibilityModel | null;
  @Field(() => DashboardGrowthModel, { nullable: true }) growth!: DashboardGrowthModel | null;
  @Field(() => DateScalar, { description: 'First day of the 30-day trend window' }) trendsFrom!: string;
  @Field(() => [DashboardTrendModel]) trends!: DashboardTrendModel[];
  @Field(() => [SnapshotTrackModel]) topTracks!: SnapshotTrackModel[];
  @Field(() => [DashboardChartModel], { nullable: true, description: 'Null without chart sync health' })
  charts!: DashboardChartModel[] | null;
  @Field(() => [ActionItemModel]) actionItems!: ActionItemModel[];
}
