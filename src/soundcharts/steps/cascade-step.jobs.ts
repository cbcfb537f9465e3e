import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry, PermanentJobError } from 'src/jobs';
import { countRequests } from '../client/request-counter';
import { SoundchartsQuotaTracker } from '../client/soundcharts-quota';
import { CASCADE_STEP_JOB, CascadeStep } from '../soundcharts.constants';
import { ArtistAudienceStep } from './artist-audience.step';
import { ArtistMetadataStep } from './artist-metadata.step';
import { CascadeStepHandler, StepPayload, StepReport } from './cascade-step';
import { ResolveSongsStep } from './resolve-songs.step';
import { SongAudienceStep } from './song-audience.step';
import { SongMetadataStep } from './song-metadata.step';

/**
 * Registers the cascade steps' job kind (`soundcharts.cascade-step`): each step of each cascade is its own run,
 * retried on its own. Two run at once per worker process, so a cascade's independent steps (song audience beside
 * artist metadata) overlap.
 */
@Injectable()
export class CascadeStepJobs implements OnModuleInit {
  private readonly handlers: ReadonlyMap<CascadeStep, CascadeStepHandler>;

  constructor(
    private readonly registry: JobRegistry,
    private readonly quota: SoundchartsQuotaTracker,
    resolveSongs: ResolveSongsStep,
    songMetadata: SongMetadataStep,
    artistMetadata: ArtistMetadataStep,
    songAudience: SongAudienceStep,
    artistAudience: ArtistAudienceStep,
  ) {
    this.handlers = new Map(
      [resolveSongs, songMetadata, artistMetadata, songAudience, artistAudience].map((h) => [h.step, h]),
    );
  }

  onModuleInit(): void {
    this.registry.register<StepPayload, StepReport, unknown>({
      kind: CASCADE_STEP_JOB,
      retryLimit: 2,
      retryDelaySeconds: 5,
      expireInSeconds: 4 * 3600,
      concurrency: 2,
      handle: async (payload, ctx) => {
        const handler = this.handlers.get(payload.step);
        if (!handler) throw new PermanentJobError(`unknown cascade step ${JSON.stringify(payload.step)}`);
        const count = { requests: 0 };
        try {
          const report = await countRequests(count, () => handler.run(payload.scope, ctx));
          return { ...report, requests: count.requests };
        } finally {
          await this.quota.flush().catch(() => undefined);
        }
      },
    });
  }
}
