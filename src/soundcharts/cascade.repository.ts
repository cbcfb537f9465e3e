import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SoundchartsCascadeStepEntity } from './entities/cascade-step.entity';
import { SoundchartsCascadeEntity } from './entities/cascade.entity';
import type { CascadeStep } from './soundcharts.constants';

/** Cascade runs and their steps' JobRuns. */
@Injectable()
export class CascadeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(cascade: {
    jobRunId: string;
    chartId: string | null;
    rankingId: string | null;
    trackIds: string[] | null;
    retryOf: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO soundcharts_cascade (job_run_id, chart_id, ranking_id, track_ids, retry_of)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_run_id) DO NOTHING`,
      [cascade.jobRunId, cascade.chartId, cascade.rankingId, cascade.trackIds, cascade.retryOf],
    );
  }

  get(jobRunId: string): Promise<SoundchartsCascadeEntity | null> {
    return this.dataSource.getRepository(SoundchartsCascadeEntity).findOneBy({ jobRunId });
  }

  async setEstimate(jobRunId: string, estimate: object): Promise<void> {
    await this.dataSource.query('UPDATE soundcharts_cascade SET estimate = $2 WHERE job_run_id = $1', [
      jobRunId,
      JSON.stringify(estimate),
    ]);
  }

  async setStep(
    cascadeRunId: string,
    step: CascadeStep,
    jobRunId: string | null,
    carriedOver = false,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO soundcharts_cascade_step (cascade_run_id, step, job_run_id, carried_over) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cascade_run_id, step) DO UPDATE SET job_run_id = EXCLUDED.job_run_id,
         carried_over = EXCLUDED.carried_over`,
      [cascadeRunId, step, jobRunId, carriedOver],
    );
  }

  async steps(cascadeRunIds: readonly string[]): Promise<SoundchartsCascadeStepEntity[]> {
    return this.dataSource
      .getRepository(SoundchartsCascadeStepEntity)
      .createQueryBuilder('s')
      .where('s.cascade_run_id = ANY(:ids)', { ids: [...cascadeRunIds] })
      .getMany();
  }
}
