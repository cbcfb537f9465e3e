import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PaginationArgs } from 'src/common/pagination';
import { Difficulty } from '../difficulty';

@InputType()
export class TrackFilter {
  @Field(() => Difficulty, { nullable: true }) @IsOptional() @IsEnum(Difficulty) difficulty?: Difficulty;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(100) minPopularity?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(100) maxPopularity?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) isrc?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() enriched?: boolean;
}

@ArgsType()
export class TracksArgs extends PaginationArgs {
  @Field(() => TrackFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackFilter)
  filter?: TrackFilter;
}

@InputType()
export class ArtistFilter {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Never checked by enrichment, or last checked longer ago than staleDays (as a backfill selects)',
  })
  @IsOptional()
  @IsBoolean()
  needsEnrichment?: boolean;
  @Field(() => Int, { nullable: true, description: 'Default ENRICH_STALE_DAYS' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  staleDays?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) genre?: string;
}

@ArgsType()
export class ArtistsArgs extends PaginationArgs {
  @Field(() => ArtistFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ArtistFilter)
  filter?: ArtistFilter;
}
