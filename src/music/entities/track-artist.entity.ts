import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ArtistEntity } from './artist.entity';
import { TrackEntity } from './track.entity';

/** Credits of a track, in the platform's order (position 0 = primary artist). */
@Entity('track_artist')
@Index('idx_track_artist_artist', ['artistId'])
export class TrackArtistEntity {
  @PrimaryColumn('uuid') trackId!: string;
  @PrimaryColumn('uuid') artistId!: string;
  @Column('smallint') position!: number;
  @ManyToOne(() => TrackEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'track_id', foreignKeyConstraintName: 'fk_track_artist_track' })
  track?: TrackEntity;
  @ManyToOne(() => ArtistEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'artist_id', foreignKeyConstraintName: 'fk_track_artist_artist' })
  artist?: ArtistEntity;
}
