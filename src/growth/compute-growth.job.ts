import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry, PermanentJobError } from 'src/jobs';
import { isSpotifyId } from 'src/spotify';
import { COMPUTE_GROWTH_JOB } from './growth-jobs';
import { GrowthService, RecomputeReport } from './growth.service';

export interface ComputeGrowthPayload {
  spotifyIds?: string[];
}

/** `growth.compute`: every day's metrics of the given (or every tracked) artist, recomputed from the snapshots. */
@Injectable()
export class ComputeGrowthJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly growth: GrowthService,
  ) {}

  onModuleInit(): void {
    this.registry.register<ComputeGrowthPayload, RecomputeReport, never>({
      kind: COMPUTE_GROWTH_JOB,
      handle: (payload) => {
        const bad = payload.spotifyIds?.find((id) => !isSpotifyId(id));
        if (bad !== undefined) throw new PermanentJobError(`"${bad}" is not a Spotify artist id`);
        return this.growth.recompute(payload.spotifyIds);
      },
    });
  }
}
