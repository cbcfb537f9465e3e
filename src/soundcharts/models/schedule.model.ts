import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONScalar } from 'src/common/scalars';
import { JobStatus } from 'src/jobs';
import { ChartModel } from './chart.model';

@ObjectType('ChartSyncSchedule')
export class ChartSyncScheduleModel {
  @Field(() => ID) id!: string;
  @Field() chartSlug!: string;
  @Field({ description: 'Cron expression evaluated in `timezone`' }) cron!: string;
  @Field() timezone!: string;
  @Field() autoCascade!: boolean;
  @Field(() => Date, { nullable: true }) lastRunAt!: Date | null;
  @Field(() => JobStatus, { nullable: true, description: 'Status of the last sync this schedule started' })
  lastStatus!: JobStatus | null;
}

export enum ChartSyncHealthStatus {
  HEALTHY = 'HEALTHY',
  DEGRADED = 'DEGRADED',
  FAILING = 'FAILING',
  NEVER_SYNCED = 'NEVER_SYNCED',
}

registerEnumType(ChartSyncHealthStatus, {
  name: 'ChartSyncHealthStatus',
  description:
    'FAILING: the last sync failed; DEGRADED: it succeeded but another of the last 30 failed; HEALTHY: all succeeded',
});

@ObjectType('ChartSyncHealth')
export class ChartSyncHealthModel {
  @Field(() => ChartModel) chart!: ChartModel;
  @Field(() => Int, { description: 'Sync runs looked at (the last 30)' }) runs!: number;
  @Field(() => Date, { nullable: true }) lastSyncAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastSuccessAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'Succeeded runs / runs, 0..1' }) successRate!:
    number | null;
  @Field(() => Int) errorCount!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => ChartSyncHealthStatus) status!: ChartSyncHealthStatus;
}

@ObjectType('SoundchartsStatus')
export class SoundchartsStatusModel {
  @Field(() => Int, { nullable: true, description: 'x-quota-remaining of the last answer; null before any' })
  quotaRemaining!: number | null;
  @Field(() => Date, { nullable: true }) lastCheckedAt!: Date | null;
  @Field({ description: 'True when the built-in Soundcharts emulator serves Soundcharts' }) sandbox!: boolean;
  @Field(() => Date, { nullable: true, description: 'This process waits for a rate limit until then' })
  rateLimitedUntil!: Date | null;
}

@ObjectType('CascadeStep')
export class CascadeStepModel {
  @Field({ description: 'resolve-songs, song-metadata, artist-metadata, song-audience, artist-audience' })
  step!: string;
  @Field(() => ID) jobRunId!: string;
  @Field(() => JobStatus) status!: JobStatus;
  @Field(() => Float) progress!: number;
  @Field(() => Int, { nullable: true }) processed!: number | null;
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field({ description: "True when a retry kept the retried cascade's successful step" })
  carriedOver!: boolean;
  @Field(() => JSONScalar, { nullable: true, description: "The step's counts (songs, fetched, requests...)" })
  result!: unknown;
}
