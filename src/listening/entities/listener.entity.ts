import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person whose listening history Soundgraph keeps: connected through Spotify OAuth, or fed by imports only. */
@Entity('listener')
export class ListenerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_listener_spotify_user_id', { unique: true })
  @Column('text', { nullable: true })
  spotifyUserId!: string | null;
  @Column('text', { nullable: true }) displayName!: string | null;
  /** IANA zone the analytics bucket this listener's plays in. */
  @Column('text') timeZone!: string;
  /** The refresh token, sealed with AES-256-GCM (token-cipher.ts); null when not connected. */
  @Column('bytea', { nullable: true }) refreshTokenSealed!: Buffer | null;
  @Column('text', { nullable: true }) tokenScope!: string | null;
  /** When the listener last went through Spotify's consent: refresh tokens die six months later. */
  @Column('timestamptz', { nullable: true }) authorizedAt!: Date | null;
  /** Spotify answered invalid_grant: not polled until the listener connects again. */
  @Column('boolean', { default: false }) needsReauth!: boolean;
  @Column('text', { nullable: true }) reauthReason!: string | null;
  @Column('timestamptz', { nullable: true }) disconnectedAt!: Date | null;
  /** Unix ms of the newest recently-played play stored: the next poll's `after`. */
  @Column('bigint', { nullable: true }) pollCursorMs!: string | null;
  @Column('timestamptz', { nullable: true }) lastPolledAt!: Date | null;
  @Column('text', { nullable: true }) lastPollError!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
