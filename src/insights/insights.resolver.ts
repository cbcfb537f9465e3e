import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { DateScalar } from 'src/common/scalars';
import { JobRunModel, toJobRunModel } from 'src/jobs';
import { assertSpotifyId } from 'src/music';
import { toRequestError } from 'src/spotify';
import { InsightsService } from './insights.service';
import { toArtistSnapshotModel, toTrackedArtistModel } from './insights.mapper';
import { ArtistSnapshotModel } from './models/artist-snapshot.model';
import { TrackedArtistModel } from './models/tracked-artist.model';

@Resolver()
export class InsightsResolver {
  constructor(private readonly insights: InsightsService) {}

  @Query(() => [TrackedArtistModel], { description: 'Artists whose insights are collected every day' })
  async trackedArtists(): Promise<TrackedArtistModel[]> {
    return (await this.insights.trackedArtists()).map(toTrackedArtistModel);
  }

  @Query(() => ArtistSnapshotModel, {
    nullable: true,
    description: "The artist's latest snapshot, or its latest on or before `date`",
  })
  async artistSnapshot(
    @Args('spotifyId') spotifyId: string,
    @Args('date', { type: () => DateScalar, nullable: true }) date?: string | null,
  ): Promise<ArtistSnapshotModel | null> {
    const id = assertSpotifyId(spotifyId, 'spotifyId');
    const snapshot = (await this.insights.latest([id], date ?? undefined)).get(id);
    return snapshot ? toArtistSnapshotModel(snapshot) : null;
  }

  @RequireRole('operator')
  @Mutation(() => TrackedArtistModel, {
    description: 'Collect this artist every day (checked on Spotify first)',
  })
  async trackArtist(@Args('spotifyId') spotifyId: string): Promise<TrackedArtistModel> {
    try {
      return toTrackedArtistModel(await this.insights.trackArtist(spotifyId));
    } catch (error) {
      // a long Spotify rate limit is an outage here (UPSTREAM_UNAVAILABLE), not a reason to reschedule
      throw toRequestError(error);
    }
  }

  @RequireRole('operator')
  @Mutation(() => Boolean, {
    description: 'Stop the daily collection; snapshots and metrics stay. False: not tracked',
  })
  untrackArtist(@Args('spotifyId') spotifyId: string): Promise<boolean> {
    return this.insights.untrackArtist(spotifyId);
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description:
      "Today's snapshot of the artist (replacing an earlier one of today), then its growth metrics",
  })
  async collectArtistInsights(@Args('spotifyId') spotifyId: string): Promise<JobRunModel> {
    return toJobRunModel(await this.insights.collect(spotifyId));
  }
}
