import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';

export enum EnrichmentModeEnum {
  BACKFILL = 'BACKFILL',
  INCREMENTAL = 'INCREMENTAL',
}
registerEnumType(EnrichmentModeEnum, {
  name: 'EnrichmentMode',
  valuesMap: {
    BACKFILL: { description: 'every item that has no enrichment yet, or whose enrichment is stale' },
    INCREMENTAL: {
      description: 'items first seen in the last 7 days and not checked since',
    },
  },
});

@InputType()
export class EnrichInput {
  @Field(() => EnrichmentModeEnum) @IsEnum(EnrichmentModeEnum) mode!: EnrichmentModeEnum;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'fetch and write the audit file, change nothing in the database',
  })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;
}

@ObjectType()
export class TrackCoverage {
  @Field(() => Int) total!: number;
  @Field(() => Int) enriched!: number;
  @Field(() => Float, { description: '0..100, one decimal' }) percent!: number;
  @Field(() => Int, { description: 'enriched, and last checked longer ago than ENRICH_STALE_DAYS' })
  stale!: number;
}

@ObjectType()
export class ArtistCoverage extends TrackCoverage {
  @Field(() => Int, { description: "with a genre other than 'unclassified'" }) withGenres!: number;
}

@ObjectType()
export class EnrichmentCoverage {
  @Field(() => TrackCoverage) tracks!: TrackCoverage;
  @Field(() => ArtistCoverage) artists!: ArtistCoverage;
}
