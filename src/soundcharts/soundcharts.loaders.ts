import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderKey, LoaderRegistry } from 'src/common/loaders';
import type { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import type { PointsKey, StoredPoint } from './audience.repository';
import { SoundchartsService } from './soundcharts.service';

export type CascadeStepRow = { step: string; carriedOver: boolean; run: JobRunEntity };

export const SOUNDCHARTS_LOADERS = {
  audiencePoints: new LoaderKey<PointsKey, StoredPoint[]>('soundcharts.audiencePoints'),
  cascadeSteps: new LoaderKey<string, CascadeStepRow[]>('soundcharts.cascadeSteps'),
};

/** One query per GraphQL request for every track's and artist's audience, whatever the page size. */
@Injectable()
export class SoundchartsLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly soundcharts: SoundchartsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      SOUNDCHARTS_LOADERS.audiencePoints,
      () =>
        new DataLoader<PointsKey, StoredPoint[], string>((keys) => this.soundcharts.audiencePoints(keys), {
          cacheKeyFn: (k) => JSON.stringify([k.entityType, k.entityId, k.platform, k.metric, k.from, k.to]),
        }),
    );
    this.registry.register(
      SOUNDCHARTS_LOADERS.cascadeSteps,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const steps = await this.soundcharts.cascadeSteps(ids);
          return ids.map((id) => steps.get(id) ?? []);
        }),
    );
  }
}
