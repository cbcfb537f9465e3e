import { Injectable, OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderKey, LoaderRegistry } from 'src/common/loaders';
import type { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import type { PointsKey, StoredPoint } from './audience.repository';
import { SoundchartsService } from './soundcharts.service';

export type CascadeStepRow = { step: string; carriedOver: boolean; run: JobRunEntity };

/** A series' parts by calendar day. */
export type PartsByDay = ReadonlyMap<string, { identifier: string; value: number }[]>;

const pointsKeyOf = (k: PointsKey): string =>
  JSON.stringify([k.entityType, k.entityId, k.platform, k.metric, k.from, k.to]);

export const SOUNDCHARTS_LOADERS = {
  audiencePoints: new LoaderKey<PointsKey, StoredPoint[]>('soundcharts.audiencePoints'),
  /** Keyed like audiencePoints: every point of a series shares one load, every series of a request one query. */
  audienceParts: new LoaderKey<PointsKey, PartsByDay>('soundcharts.audienceParts'),
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
          cacheKeyFn: pointsKeyOf,
        }),
    );
    this.registry.register(
      SOUNDCHARTS_LOADERS.audienceParts,
      () =>
        new DataLoader<PointsKey, PartsByDay, string>(
          async (keys) =>
            (await this.soundcharts.audienceParts(keys)).map((parts) => {
              const byDay = new Map<string, { identifier: string; value: number }[]>();
              for (const p of parts) {
                const day = byDay.get(p.day);
                const part = { identifier: p.identifier, value: p.value };
                if (day) day.push(part);
                else byDay.set(p.day, [part]);
              }
              return byDay;
            }),
          { cacheKeyFn: pointsKeyOf },
        ),
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
