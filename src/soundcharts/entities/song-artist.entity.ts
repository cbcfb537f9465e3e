import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A song's credits as Soundcharts lists them (by artist uuid); our artist ids come from `soundcharts_artist`. */
@Entity('soundcharts_song_artist')
@Index('idx_soundcharts_song_artist_artist', ['artistUuid'])
export class SoundchartsSongArtistEntity {
  @PrimaryColumn('uuid') trackId!: string;
  @PrimaryColumn('uuid') artistUuid!: string;
  @Column('smallint') position!: number;
  @Column('text') name!: string;
}
