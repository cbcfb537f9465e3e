import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkEntity } from './work.entity';

/** A track the auto-linker considered for a work and did not link (ambiguous or below threshold), for review. */
@Entity('work_link_candidate')
export class WorkLinkCandidateEntity {
  @PrimaryColumn('uuid') workId!: string;
  @ManyToOne(() => WorkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id', foreignKeyConstraintName: 'fk_work_link_candidate_work' })
  work?: WorkEntity;
  @PrimaryColumn('text') spotifyTrackId!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) artists!: string[];
  @Column('integer', { nullable: true }) durationMs!: number | null;
  @Column('text', { nullable: true }) isrc!: string | null;
  @Column('text', { nullable: true }) albumName!: string | null;
  @Column('double precision') score!: number;
  @Column('jsonb') evidence!: Record<string, unknown>;
  /** AMBIGUOUS or NO_MATCH: why the work was not linked. */
  @Column('text') outcome!: string;
  @Column('smallint') rank!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
