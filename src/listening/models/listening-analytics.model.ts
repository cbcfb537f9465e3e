import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';

export enum MainstreamTendencyEnum {
  MAINSTREAM = 'MAINSTREAM',
  BALANCED = 'BALANCED',
  NICHE = 'NICHE',
}
registerEnumType(MainstreamTendencyEnum, {
  name: 'MainstreamTendency',
  description: 'Mean artist popularity: MAINSTREAM ≥ 70, BALANCED 40–69, NICHE < 40',
});

@ObjectType('TimeOfDayPlays', {
  description: 'Plays by local time of day: morning 05–12, afternoon 12–17, evening 17–21, night 21–05',
})
export class TimeOfDayPlaysModel {
  @Field(() => Int) morning!: number;
  @Field(() => Int) afternoon!: number;
  @Field(() => Int) evening!: number;
  @Field(() => Int) night!: number;
}

@ObjectType('ListeningArtist')
export class ListeningArtistModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) spotifyId!: string | null;
  @Field() name!: string;
  @Field(() => Int) plays!: number;
}

@ObjectType('ListeningDay', { description: "One calendar day in the listener's time zone" })
export class ListeningDayModel {
  @Field(() => DateScalar) date!: string;
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday' }) weekday!: number;
  @Field() isWeekend!: boolean;
  @Field(() => Int) plays!: number;
  @Field(() => Float) minutes!: number;
  @Field(() => Int) uniqueTracks!: number;
  @Field(() => Int, { description: 'Lead artists' }) uniqueArtists!: number;
  @Field(() => Int, { description: 'Primary genres (first genre of the lead artist) that are known' })
  uniqueGenres!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean popularity (0–100) of the lead artists, per play; null when no popularity is known',
  })
  mainstreamScore!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Normalised Shannon entropy of plays over known genres: 0 one genre … 1 evenly spread',
  })
  genreDiversity!: number | null;
  @Field(() => Float, { description: 'Mean local hour (0–23) of the plays' }) meanListeningHour!: number;
  @Field(() => TimeOfDayPlaysModel) timeOfDay!: TimeOfDayPlaysModel;
}

@ObjectType('ListeningGenre')
export class ListeningGenreModel {
  @Field(() => String, { nullable: true, description: 'Primary genre; null: the artist has no known genre' })
  genre!: string | null;
  @Field(() => Int) plays!: number;
  @Field(() => Float) minutes!: number;
  @Field(() => Float, { description: 'Share of all plays in the range, 0–100' }) sharePercent!: number;
  @Field(() => Int) artists!: number;
  @Field(() => ListeningArtistModel, {
    nullable: true,
    description: 'The artist with the most plays in this genre (ties: more time, then id; never by name)',
  })
  topArtist!: ListeningArtistModel | null;
  @Field(() => Float, { nullable: true }) meanArtistPopularity!: number | null;
}

@ObjectType('ListeningMonth')
export class ListeningMonthModel {
  @Field(() => DateScalar, { description: 'First day of the month' }) month!: string;
  @Field(() => Int) plays!: number;
  @Field(() => Float) minutes!: number;
  @Field(() => Int) uniqueArtists!: number;
  @Field(() => ListeningArtistModel, { nullable: true }) topArtist!: ListeningArtistModel | null;
  @Field(() => String, { nullable: true }) topGenre!: string | null;
  @Field(() => Float, {
    nullable: true,
    description: "(plays − previous month's plays) / previous month's plays; null when that month had none",
  })
  playsGrowthRate!: number | null;
  @Field(() => Float, { nullable: true }) mainstreamScore!: number | null;
  @Field(() => MainstreamTendencyEnum, { nullable: true }) mainstreamTendency!: MainstreamTendencyEnum | null;
}

@ObjectType('ListeningHeatmapCell')
export class ListeningHeatmapCellModel {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday' }) weekday!: number;
  @Field(() => Int, { description: 'Local hour, 0–23' }) hour!: number;
  @Field(() => Int) plays!: number;
  @Field(() => Float) minutes!: number;
}
