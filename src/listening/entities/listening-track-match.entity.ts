import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a search found for an export row without a track URI (artist and title, case-folded): re-importing the same
 * rows asks Spotify nothing. Only HIGH and MEDIUM matches carry a track.
 */
@Entity('listening_track_match')
export class ListeningTrackMatchEntity {
  @PrimaryColumn('text') artistKey!: string;
  @PrimaryColumn('text') titleKey!: string;
  /** HIGH, MEDIUM, AMBIGUOUS or NO_MATCH. */
  @Column('text') outcome!: string;
  @Column('uuid', { nullable: true }) trackId!: string | null;
  @Column('text', { nullable: true }) spotifyTrackId!: string | null;
  @Column('double precision', { nullable: true }) score!: number | null;
  @Column('timestamptz', { default: () => 'now()' }) matchedAt!: Date;
}
