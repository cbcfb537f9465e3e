import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DateScalar } from 'src/common/scalars';
import { AudienceEntityTypeModel } from '../models/audience.model';

export const CHART_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/i;

@InputType('ChartSyncScheduleInput')
export class ChartSyncScheduleInput {
  @Field()
  @Matches(CHART_SLUG_PATTERN, { message: 'must be a Soundcharts chart slug, e.g. global-28' })
  chartSlug!: string;

  @Field({ description: 'Five-field cron expression (six with seconds first), evaluated in `timezone`' })
  @IsString()
  cron!: string;

  @Field(() => String, { nullable: true, defaultValue: 'UTC' })
  @IsOptional()
  @IsString()
  timezone?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  autoCascade?: boolean;
}

@ArgsType()
export class ExportAudienceArgs {
  @Field(() => AudienceEntityTypeModel)
  @IsIn(Object.values(AudienceEntityTypeModel))
  entityType!: AudienceEntityTypeModel;

  @Field(() => [ID], { description: 'Our track or artist ids, at most 1000' })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  ids!: string[];

  @Field(() => [String], { description: 'Platforms to export (every metric of each), e.g. ["spotify"]' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  platforms!: string[];

  @Field(() => DateScalar, { nullable: true }) from?: string;
  @Field(() => DateScalar, { nullable: true }) to?: string;
}
