import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What this Spotify app may use, learned in `auto` mode and shared by every process (design §3). */
@Entity('spotify_capability')
export class SpotifyCapabilityEntity {
  /** e.g. `tracks.multiGet`, `artist.followers`. */
  @PrimaryColumn('text') name!: string;
  @Column('boolean') available!: boolean;
  @Column('timestamptz') checkedAt!: Date;
  /** Why it is (un)available: the status Spotify answered, or the field that was absent. */
  @Column('text', { nullable: true }) reason!: string | null;
}
