import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { JobContext } from 'src/jobs';
import { fetchRange } from '../audience-range';
import { AudienceRepository, SeriesWrite, seriesKey } from '../audience.repository';
import { chunk, mapLimit } from '../concurrency';
import { AudienceEntityType, SeriesSpec } from '../soundcharts.constants';
import { SoundchartsClock } from '../soundcharts.clock';
import type { StepReport } from './cascade-step';
import { SeriesFetcher, SeriesTask } from './series-fetcher';

export interface AudienceEntity {
  id: string;
  uuid: string;
}

/** Entities per transaction and progress report. */
const ENTITIES_PER_CHUNK = 20;

/**
 * Brings every series of some entities up to today: only the days after what is stored (design §4), one request
 * per entity, series and 90-day window, `SOUNDCHARTS_CONCURRENCY` requests at a time, written per chunk.
 */
@Injectable()
export class AudienceRunner {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: SoundchartsClock,
    private readonly audience: AudienceRepository,
    private readonly fetcher: SeriesFetcher,
  ) {}

  async run(
    entityType: AudienceEntityType,
    entities: readonly AudienceEntity[],
    specs: readonly SeriesSpec[],
    ctx: JobContext,
  ): Promise<StepReport> {
    const today = this.clock.today();
    const report = {
      entities: entities.length,
      series: entities.length * specs.length,
      upToDate: 0,
      fetched: 0,
      empty: 0,
      unknown: 0,
      points: 0,
    };
    await ctx.progress(0, entities.length);
    let done = 0;
    for (const part of chunk(entities, ENTITIES_PER_CHUNK)) {
      const states = await this.audience.states(
        entityType,
        part.map((e) => e.id),
      );
      const tasks: SeriesTask[] = [];
      for (const entity of part)
        for (const spec of specs) {
          const state = states.get(seriesKey(entity.id, spec.platform, spec.metric));
          const range = fetchRange(
            state,
            today,
            this.config.soundcharts.historyDays,
            spec.kind === 'radio-counts',
          );
          if (range) tasks.push({ entityType, entityId: entity.id, uuid: entity.uuid, spec, range, state });
          else report.upToDate++;
        }
      const writes = await mapLimit(tasks, this.config.soundcharts.concurrency, (t) => this.fetcher.fetch(t));
      const stored = writes.filter((w): w is SeriesWrite => w !== null);
      report.points += await this.audience.save(stored);
      report.fetched += stored.length;
      report.empty += stored.filter((w) => w.points.length === 0).length;
      report.unknown += writes.length - stored.length;
      done += part.length;
      await ctx.progress(done, entities.length);
    }
    return report;
  }
}
