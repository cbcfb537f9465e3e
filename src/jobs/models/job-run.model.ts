import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from 'src/common/scalars';
import { ConnectionType } from 'src/common/pagination';
import { JobStatus } from '../job-status';

@ObjectType('JobRun')
export class JobRunModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'e.g. catalog.auto-link, spotify.enrich-tracks, soundcharts.cascade' }) kind!: string;
  @Field(() => JobStatus) status!: JobStatus;
  @Field(() => Float, { description: '0..1' }) progress!: number;
  @Field(() => Int, { nullable: true }) processed!: number | null;
  @Field(() => Int, { nullable: true }) total!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => JSONScalar, { nullable: true, description: "The job's report (counts, files written, ...)" })
  result!: unknown;
  @Field(() => Int, { description: 'Attempts made so far' }) attempts!: number;
  @Field(() => Int) maxAttempts!: number;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

export const JobRunConnection = ConnectionType(JobRunModel, 'JobRun');
