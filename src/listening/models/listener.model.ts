import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ListenerStatus {
  /** Polled on the schedule. */
  CONNECTED = 'CONNECTED',
  /** Spotify refused the refresh token (revoked, or older than six months): not polled until reconnected. */
  NEEDS_REAUTH = 'NEEDS_REAUTH',
  /** No Spotify token: disconnected, or known from imports only. */
  DISCONNECTED = 'DISCONNECTED',
}
registerEnumType(ListenerStatus, { name: 'ListenerStatus' });

@ObjectType('Listener')
export class ListenerModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) spotifyUserId!: string | null;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field({ description: "IANA time zone of this listener's analytics (default TZ_ANALYTICS)" })
  timeZone!: string;
  @Field(() => ListenerStatus) status!: ListenerStatus;
  @Field({ description: 'Spotify refused the refresh token: connect again through /auth/spotify/login' })
  needsReauth!: boolean;
  @Field(() => String, { nullable: true }) reauthReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'Last consent on Spotify' }) authorizedAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'About when Spotify ends the refresh token (six months after consent)',
  })
  reauthDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) disconnectedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastPolledAt!: Date | null;
  @Field(() => String, { nullable: true }) lastPollError!: string | null;
  @Field(() => Date, { nullable: true, description: 'The newest recently-played play stored' })
  lastPlayedAt!: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType('ListenerLoginLink', {
  description:
    "Spotify's authorize URL with a single-use state: whoever opens it before expiresAt connects their Spotify " +
    'account as a listener. It holds no API key.',
})
export class ListenerLoginLinkModel {
  @Field() url!: string;
  @Field() expiresAt!: Date;
}
