import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';
import { GrowthReportModel } from './growth-report.model';
import { VisibilityGapModel, VisibilityScoreModel } from './visibility-score.model';

@ObjectType('GrowthMetric', { description: "One artist's growth record for one day" })
export class GrowthMetricModel {
  @Field({ description: '<spotifyId>_<YYYY-MM-DD>' }) metricId!: string;
  @Field() spotifyId!: string;
  @Field(() => DateScalar) date!: string;
  @Field() formulaVersion!: string;
  @Field(() => GrowthReportModel, { description: 'Followers, popularity and market expansion of the day' })
  growth!: GrowthReportModel;
  @Field(() => VisibilityScoreModel, { nullable: true, description: 'Null when no component was available' })
  visibility!: VisibilityScoreModel | null;
  @Field(() => [VisibilityGapModel], {
    description: 'Visibility components left out and why (also when no score could be computed at all)',
  })
  missing!: VisibilityGapModel[];
}
