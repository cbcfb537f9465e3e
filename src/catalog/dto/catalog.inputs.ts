import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PaginationArgs } from 'src/common/pagination';

@InputType()
export class CreateWorkInput {
  // Field rules live in validateWork (shared with file imports); here only the GraphQL shape.
  @Field() title!: string;
  @Field() artistName!: string;
  @Field(() => String, { nullable: true }) isrc?: string | null;
  @Field(() => Int, { nullable: true }) durationMs?: number | null;
  @Field(() => String, {
    nullable: true,
    description: "The catalog's own id; unique when given, so re-importing updates instead of duplicating",
  })
  externalId?: string | null;
}

@InputType()
export class LinkWorkInput {
  @Field(() => ID) @IsUUID() workId!: string;
  @Field({ description: 'A track id, a spotify:track: URI or an open.spotify.com/track URL' })
  @IsString()
  @MaxLength(300)
  spotifyTrack!: string;
}

@InputType()
export class AutoLinkInput {
  @Field(() => [ID], { nullable: true, description: 'Default: every unlinked work' })
  @IsOptional()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  workIds?: string[];

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  dryRun: boolean = false;
}

@InputType()
export class WorkFilter {
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() linked?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) artistName?: string;
}

@ArgsType()
export class WorksArgs extends PaginationArgs {
  @Field(() => WorkFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkFilter)
  filter?: WorkFilter;
}

@ArgsType()
export class UnlinkedArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 }) @IsInt() @Min(1) @Max(100) first: number = 50;
}
