import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A song's ids on other platforms (Spotify tracks, YouTube video, Shazam...). */
@Entity('soundcharts_song_identifier')
@Index('idx_soundcharts_song_identifier_lookup', ['platform', 'identifier'])
export class SoundchartsSongIdentifierEntity {
  @PrimaryColumn('uuid') trackId!: string;
  @PrimaryColumn('text') platform!: string;
  @PrimaryColumn('text') identifier!: string;
  @Column('boolean') isDefault!: boolean;
}
