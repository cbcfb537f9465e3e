import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An artist whose insights are collected every day. Untracking keeps the row (and the choice) with `untrackedAt`. */
@Entity('tracked_artist')
export class TrackedArtistEntity {
  @PrimaryColumn('text') spotifyId!: string;
  @Column('text') name!: string;
  /** SANDBOX (the emulator's artist, tracked at start-up in sandbox mode) or USER. */
  @Column('text') source!: string;
  @Column('timestamptz') trackedAt!: Date;
  @Column('timestamptz', { nullable: true }) untrackedAt!: Date | null;
  /** The day (UTC) Soundcharts was last asked for the artist's audience: at most one lookup a day. */
  @Column('date', { nullable: true }) audienceLookupOn!: string | null;
  /** What that lookup found, or why it failed: snapshots taken later that day repeat it. */
  @Column('text', { nullable: true }) audienceLookupNote!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
