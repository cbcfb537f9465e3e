import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from 'src/auth/roles';
import { JobRunModel, JobsService, toJobRunModel } from 'src/jobs';
import { EnrichmentCoverage, EnrichInput } from './enrichment.models';
import { EnrichmentService } from './enrichment.service';

@Resolver()
export class EnrichmentResolver {
  constructor(
    private readonly enrichment: EnrichmentService,
    private readonly jobs: JobsService,
  ) {}

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'Popularity and ISRC of tracks from Spotify, with a CSV audit file',
  })
  async enrichTracks(@Args('input') input: EnrichInput): Promise<JobRunModel> {
    return toJobRunModel(await this.enrichment.enrichTracks(input.mode, input.dryRun));
  }

  @RequireRole('operator')
  @Mutation(() => JobRunModel, {
    description: 'Genres, popularity, followers and images of artists, with a JSONL file',
  })
  async enrichArtists(@Args('input') input: EnrichInput): Promise<JobRunModel> {
    return toJobRunModel(await this.enrichment.enrichArtists(input.mode, input.dryRun));
  }

  @RequireRole('admin')
  @Mutation(() => JobRunModel, {
    description:
      'Applies a reviewed track_id,spotify_id,spotify_popularity,isrc file from DATA_DIR; checked first',
  })
  async applyTrackEnrichment(@Args('file') file: string): Promise<JobRunModel> {
    const { kind, payload } = await this.enrichment.applyTrackFile(file);
    return toJobRunModel(await this.jobs.start(kind, payload));
  }

  @Query(() => EnrichmentCoverage)
  enrichmentCoverage(): Promise<EnrichmentCoverage> {
    return this.enrichment.coverage();
  }
}
