import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DateScalar } from 'src/common/scalars';

@ArgsType()
export class ListeningRangeArgs {
  @Field(() => ID) @IsUUID() listenerId!: string;
  @Field(() => DateScalar, { description: "First day, in the listener's time zone" }) from!: string;
  @Field(() => DateScalar, { description: 'Last day (included)' }) to!: string;
}

@ArgsType()
export class ListeningYearArgs {
  @Field(() => ID) @IsUUID() listenerId!: string;
  @Field(() => Int) @IsInt() year!: number;
}

@ArgsType()
export class ImportListeningHistoryArgs {
  @Field(() => ID) @IsUUID() listenerId!: string;
  @Field({
    description: 'A Spotify export file (JSON array) under DATA_DIR/imports; relative paths start there',
  })
  @IsString()
  @MaxLength(1000)
  file!: string;
}

@ArgsType()
export class ListenerLoginLinkArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "IANA time zone of the listener's analytics; default TZ_ANALYTICS (a returning listener keeps theirs)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  timeZone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A label for a new listener; default Spotify's display name",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string | null;
}
