import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';

export enum InsightSourceEnum {
  SPOTIFY = 'SPOTIFY',
  SOUNDCHARTS = 'SOUNDCHARTS',
}
registerEnumType(InsightSourceEnum, {
  name: 'InsightSource',
  description: 'Where an audience figure came from',
});

@ObjectType('SkippedPart', {
  description: 'A part of a snapshot left out, and why (nothing is estimated instead)',
})
export class SkippedPartModel {
  @Field({
    description:
      'followers, popularity, genres, monthlyListeners, markets, topTracks, trackPopularity, audioProfile, relatedArtists or recommendations',
  })
  part!: string;
  @Field(() => String, { nullable: true, description: 'The Spotify capability it needs, when it is one' })
  capability!: string | null;
  @Field() reason!: string;
}

@ObjectType('MarketInsight')
export class MarketInsightModel {
  @Field() market!: string;
  @Field(() => Int, { description: 'Top tracks Spotify lists for the market (at most 10)' })
  topTracks!: number;
  @Field(() => Int, { description: 'Of those, playable in the market' }) available!: number;
  @Field(() => Float, { nullable: true, description: 'Mean popularity of the playable ones' })
  meanPopularity!: number | null;
}

@ObjectType('SnapshotTrack')
export class SnapshotTrackModel {
  @Field() spotifyId!: string;
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) popularity!: number | null;
  @Field(() => Int, { description: 'Tracked markets where it is among the playable top tracks' })
  markets!: number;
}

@ObjectType('AudioKeyCount')
export class AudioKeyCountModel {
  @Field({ description: 'C, C#, ... B, or unknown' }) key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('AudioProfile', { description: "Means of the top tracks' audio features" })
export class AudioProfileModel {
  @Field(() => Int) tracks!: number;
  @Field(() => Float) danceability!: number;
  @Field(() => Float) energy!: number;
  @Field(() => Float) valence!: number;
  @Field(() => Float, { description: 'BPM' }) tempo!: number;
  @Field(() => Float) acousticness!: number;
  @Field(() => Float) speechiness!: number;
  @Field(() => [AudioKeyCountModel], { description: 'Most frequent first' }) keys!: AudioKeyCountModel[];
}

@ObjectType('RelatedArtistInsight')
export class RelatedArtistInsightModel {
  @Field() spotifyId!: string;
  @Field() name!: string;
  @Field(() => Int, { nullable: true }) followers!: number | null;
  @Field(() => Int, { nullable: true }) popularity!: number | null;
}

@ObjectType('RelatedBenchmark', { description: 'The artist among its related artists (ranks: 1 = highest)' })
export class RelatedBenchmarkModel {
  @Field(() => Int) artists!: number;
  @Field(() => Float, { nullable: true }) medianFollowers!: number | null;
  @Field(() => Float, { nullable: true }) medianPopularity!: number | null;
  @Field(() => Int, { nullable: true }) followersRank!: number | null;
  @Field(() => Int, { nullable: true }) popularityRank!: number | null;
}

@ObjectType('RecommendedTrack')
export class RecommendedTrackModel {
  @Field() spotifyId!: string;
  @Field() name!: string;
  @Field(() => [String]) artists!: string[];
  @Field(() => Int, { nullable: true }) popularity!: number | null;
}

@ObjectType('ArtistSnapshot', {
  description:
    "One artist's insights on one UTC day; a part this app cannot have is null and listed in skipped",
})
export class ArtistSnapshotModel {
  @Field() spotifyId!: string;
  @Field() name!: string;
  @Field(() => DateScalar) date!: string;
  @Field() collectedAt!: Date;
  @Field(() => Int, { nullable: true }) followers!: number | null;
  @Field(() => InsightSourceEnum, { nullable: true }) followersSource!: InsightSourceEnum | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day the follower count is of' })
  followersAsOf!: string | null;
  @Field(() => Int, { nullable: true }) popularity!: number | null;
  @Field(() => [String], { nullable: true }) genres!: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Spotify monthly listeners, from Soundcharts' })
  monthlyListeners!: number | null;
  @Field(() => DateScalar, { nullable: true }) monthlyListenersAsOf!: string | null;
  @Field(() => [String], { description: 'INSIGHT_MARKETS when the snapshot was taken' })
  trackedMarkets!: string[];
  @Field(() => [String], { nullable: true, description: 'Tracked markets with a playable top track' })
  activeMarkets!: string[] | null;
  @Field(() => [MarketInsightModel], { nullable: true }) markets!: MarketInsightModel[] | null;
  @Field(() => [SnapshotTrackModel], { nullable: true, description: 'Best first, at most 10' })
  topTracks!: SnapshotTrackModel[] | null;
  @Field(() => AudioProfileModel, { nullable: true }) audioProfile!: AudioProfileModel | null;
  @Field(() => [RelatedArtistInsightModel], { nullable: true }) relatedArtists!:
    RelatedArtistInsightModel[] | null;
  @Field(() => RelatedBenchmarkModel, { nullable: true }) benchmark!: RelatedBenchmarkModel | null;
  @Field(() => [RecommendedTrackModel], { nullable: true, description: 'Seeded by the top tracks' })
  recommendations!: RecommendedTrackModel[] | null;
  @Field(() => [SkippedPartModel]) skipped!: SkippedPartModel[];
}
