import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { WorkEntity } from './work.entity';
import { LinkConfidence, LinkMethod, LinkVerification } from '../link-types';

/** The current Spotify link of a work (at most one). Its history is in work_link_event. */
@Entity('work_link')
export class WorkLinkEntity {
  @PrimaryColumn('uuid') workId!: string;
  @OneToOne(() => WorkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id', foreignKeyConstraintName: 'fk_work_link_work' })
  work?: WorkEntity;
  @Index('idx_work_link_track')
  @Column('uuid')
  trackId!: string;
  @Column('text') spotifyTrackId!: string;
  @Column('text') confidence!: LinkConfidence;
  @Column('text') method!: LinkMethod;
  @Column('double precision', { nullable: true }) score!: number | null;
  @Column('text', { nullable: true }) albumName!: string | null;
  /** The track's name when the link was made (or last re-made): what verification compares Spotify's with. */
  @Column('text', { nullable: true }) linkedTrackName!: string | null;
  /** Its credited artists then, in credit order. */
  @Column('text', { array: true, nullable: true }) linkedArtistNames!: string[] | null;
  @Column('timestamptz') linkedAt!: Date;
  @Column('timestamptz', { nullable: true }) verifiedAt!: Date | null;
  @Column('text', { nullable: true }) verification!: LinkVerification | null;
  @Column('text', { nullable: true }) verificationNote!: string | null;
}
