import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A pending Spotify authorization: single use, short-lived; only the state's SHA-256 is stored. */
@Entity('listening_oauth_state')
export class ListeningOAuthStateEntity {
  @PrimaryColumn('text') stateHash!: string;
  /** Asked at login; null keeps a returning listener's zone (new listeners get TZ_ANALYTICS). */
  @Column('text', { nullable: true }) timeZone!: string | null;
  @Column('text', { nullable: true }) displayName!: string | null;
  @Column('timestamptz') expiresAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
