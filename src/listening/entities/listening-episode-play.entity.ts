import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Podcast episodes from the exports, kept apart from music: they count in no music analytics (no foreign key, as plays). */
@Entity('listening_episode_play')
export class ListeningEpisodePlayEntity {
  @PrimaryColumn('uuid') listenerId!: string;
  @PrimaryColumn('timestamptz') playedAt!: Date;
  /** The Spotify episode id, or `show — episode` (lower case) when the export has no URI. */
  @PrimaryColumn('text') episodeKey!: string;
  @Column('text', { nullable: true }) episodeName!: string | null;
  @Column('text', { nullable: true }) showName!: string | null;
  @Column('integer') msPlayed!: number;
  @Column('text') source!: string;
}
