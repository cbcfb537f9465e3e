import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('TrackedArtist', { description: 'An artist whose insights are collected every day' })
export class TrackedArtistModel {
  @Field() spotifyId!: string;
  @Field() name!: string;
  @Field({ description: 'SANDBOX (the emulator artist, tracked at start-up in sandbox mode) or USER' })
  source!: string;
  @Field() trackedAt!: Date;
}
