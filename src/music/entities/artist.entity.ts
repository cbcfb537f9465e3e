import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('artist')
export class ArtistEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_artist_spotify_id', { unique: true })
  @Column('text', { nullable: true })
  spotifyId!: string | null;
  @Index('uq_artist_soundcharts_uuid', { unique: true })
  @Column('uuid', { nullable: true })
  soundchartsUuid!: string | null;
  @Column('text') name!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
