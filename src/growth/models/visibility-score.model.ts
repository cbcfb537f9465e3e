import { Field, Float, ObjectType } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';

@ObjectType('VisibilityGap', { description: 'A visibility component left out of the score, and why' })
export class VisibilityGapModel {
  @Field({ description: 'followers, popularity, markets or tracks' }) component!: string;
  @Field() reason!: string;
}

@ObjectType('VisibilityScore', {
  description:
    'Visibility score (README: four components of 0-25; unavailable ones left out, the rest rescaled)',
})
export class VisibilityScoreModel {
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { description: '0..100' }) score!: number;
  @Field(() => Float, { nullable: true, description: '0..25, null when its input is unavailable' })
  followerScore!: number | null;
  @Field(() => Float, { nullable: true }) popularityScore!: number | null;
  @Field(() => Float, { nullable: true }) marketScore!: number | null;
  @Field(() => Float, { nullable: true }) trackScore!: number | null;
  @Field() formulaVersion!: string;
  @Field({ description: 'false when a component was unavailable and the score was renormalised' })
  complete!: boolean;
  @Field(() => [VisibilityGapModel]) missing!: VisibilityGapModel[];
}
