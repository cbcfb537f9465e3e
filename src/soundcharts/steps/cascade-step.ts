import type { JobContext } from 'src/jobs';
import type { CascadeScope } from '../cascade-plan';
import type { CascadeStep } from '../soundcharts.constants';

/** Counts a step reports in its JobRun result (and the cascade's), e.g. `{ songs: 200, fetched: 198 }`. */
export type StepReport = Record<string, number>;

export interface StepPayload {
  cascadeRunId: string;
  step: CascadeStep;
  scope: CascadeScope;
}

/** One cascade step: reads its inputs from the database (so a retry or a re-run does only what is missing). */
export interface CascadeStepHandler {
  readonly step: CascadeStep;
  run(scope: CascadeScope, ctx: JobContext): Promise<StepReport>;
}

/** Entities handled per transaction and progress report. */
export const STEP_CHUNK = 25;
