import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from 'src/common/pagination';
import { JSONScalar } from 'src/common/scalars';
import { LinkConfidence, LinkEventAction, LinkMethod, LinkVerification } from '../link-types';

@ObjectType('SpotifyLink')
export class SpotifyLinkModel {
  @Field({ description: '22-character base62 Spotify track id' }) trackId!: string;
  @Field({ description: 'https://open.spotify.com/track/<trackId>' }) url!: string;
  @Field(() => LinkConfidence) confidence!: LinkConfidence;
  @Field(() => LinkMethod) method!: LinkMethod;
  @Field(() => Float, { nullable: true, description: '0..1 match score; null for MANUAL links' }) score!:
    number | null;
  @Field(() => String, { nullable: true }) albumName!: string | null;
  @Field() linkedAt!: Date;
  @Field(() => Date, { nullable: true }) verifiedAt!: Date | null;
  @Field(() => LinkVerification, { nullable: true, description: 'What the last verification found' })
  verification!: LinkVerification | null;
  @Field(() => String, { nullable: true }) verificationNote!: string | null;
}

@ObjectType('LinkEvent')
export class LinkEventModel {
  @Field(() => LinkEventAction) action!: LinkEventAction;
  @Field() trackId!: string;
  @Field(() => LinkConfidence, { nullable: true }) confidence!: LinkConfidence | null;
  @Field(() => LinkMethod, { nullable: true }) method!: LinkMethod | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field({ description: 'An API role, auto-linker or cli' }) actor!: string;
  @Field() at!: Date;
}

@ObjectType('LinkCandidate')
export class LinkCandidateModel {
  @Field() trackId!: string;
  @Field() name!: string;
  @Field(() => [String]) artists!: string[];
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true }) isrc!: string | null;
  @Field(() => String, { nullable: true }) albumName!: string | null;
  @Field(() => Float) score!: number;
  @Field(() => JSONScalar, {
    description: 'How the score was reached: title, artist, duration, version tags',
  })
  evidence!: Record<string, unknown>;
  @Field({ description: 'AMBIGUOUS or NO_MATCH' }) outcome!: string;
}

@ObjectType('Work')
export class WorkModel {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() artistName!: string;
  @Field(() => String, { nullable: true }) isrc!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true }) externalId!: string | null;
  @Field() createdAt!: Date;
}

export const WorkConnection = ConnectionType(WorkModel, 'Work');

@ObjectType('CatalogCoverage')
export class CatalogCoverageModel {
  @Field(() => Int) totalWorks!: number;
  @Field(() => Int) linkedWorks!: number;
  @Field(() => Float, { description: '0..100, one decimal' }) coveragePercent!: number;
}
