import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Chart')
export class ChartModel {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) platform!: string | null;
  @Field(() => String, { nullable: true }) countryCode!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. daily, weekly' }) frequency!: string | null;
  @Field(() => String, { nullable: true, description: 'What an entry metric counts (streams, spins...)' })
  metricType!: string | null;
  @Field(() => Date, { nullable: true }) lastSyncedAt!: Date | null;
}

@ObjectType('ChartEntry')
export class ChartEntryModel {
  @Field(() => Int) position!: number;
  @Field(() => Int, { nullable: true, description: '+ up / - down against the previous ranking' })
  positionEvolution!: number | null;
  @Field(() => Int, { nullable: true }) oldPosition!: number | null;
  @Field(() => Int, { nullable: true, description: 'Days (DOC) or weeks (WOC) on the chart' })
  timeOnChart!: number | null;
  @Field(() => String, { nullable: true }) timeOnChartUnit!: string | null;
  @Field(() => Float, { nullable: true, description: "The chart's metric for this entry" })
  metric!: number | null;
  @Field(() => String, { nullable: true, description: 'NEW, RE_ENTRY or empty' }) entryState!: string | null;
  @Field() songUuid!: string;
  /** `track` is resolved through the music module's per-request track loader. */
  trackId!: string;
}

@ObjectType('ChartRanking')
export class ChartRankingModel {
  @Field(() => Date) rankedAt!: Date;
  @Field(() => [ChartEntryModel], { description: 'By position' }) entries!: ChartEntryModel[];
}
