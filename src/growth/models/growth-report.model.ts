import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';

@ObjectType('GrowthReport', { description: "The artist's latest growth metrics" })
export class GrowthReportModel {
  @Field(() => DateScalar, { description: 'The day of the metrics' }) date!: string;
  @Field(() => Int, { nullable: true }) currentFollowers!: number | null;
  @Field(() => String, { nullable: true, description: 'SPOTIFY or SOUNDCHARTS' }) followersSource!:
    string | null;
  @Field(() => Int, { nullable: true, description: 'Against the nearest snapshot at or before 7 days ago' })
  weeklyFollowerGrowth!: number | null;
  @Field(() => Int, { nullable: true, description: 'Against the nearest snapshot at or before 30 days ago' })
  monthlyFollowerGrowth!: number | null;
  @Field(() => Int, { nullable: true }) currentPopularity!: number | null;
  @Field(() => Int, { nullable: true }) weeklyPopularityChange!: number | null;
  @Field(() => Int, { nullable: true }) monthlyPopularityChange!: number | null;
  @Field(() => [String], { description: 'Active markets; empty when unknown (see marketsKnown)' })
  currentMarkets!: string[];
  @Field({ description: "false when the day's snapshot could not see markets (no top tracks for this app)" })
  marketsKnown!: boolean;
  @Field(() => [String], { description: 'Active now, not in the previous snapshot that knew its markets' })
  newMarkets!: string[];
  @Field(() => [String]) lostMarkets!: string[];
}
