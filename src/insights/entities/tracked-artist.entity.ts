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
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
