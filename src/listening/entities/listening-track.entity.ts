import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Spotify track ids this module has already handed to the music module, and the track id it answered. */
@Entity('listening_track')
export class ListeningTrackEntity {
  @PrimaryColumn('text') spotifyTrackId!: string;
  @Column('uuid') trackId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
