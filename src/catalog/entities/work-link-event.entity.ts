import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkEntity } from './work.entity';
import { LinkConfidence, LinkEventAction, LinkMethod } from '../link-types';

/** Every link change, kept: who linked what, how, and when. */
@Entity('work_link_event')
@Index('idx_work_link_event_work', ['workId', 'at'])
export class WorkLinkEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') workId!: string;
  @ManyToOne(() => WorkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id', foreignKeyConstraintName: 'fk_work_link_event_work' })
  work?: WorkEntity;
  @Column('text') action!: LinkEventAction;
  @Column('text') spotifyTrackId!: string;
  @Column('text', { nullable: true }) confidence!: LinkConfidence | null;
  @Column('text', { nullable: true }) method!: LinkMethod | null;
  @Column('double precision', { nullable: true }) score!: number | null;
  /** Who: an API role, `auto-linker`, or `cli`. */
  @Column('text') actor!: string;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
}
