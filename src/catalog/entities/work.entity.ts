import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A work of the catalog: what the team owns, before any platform knows it. */
@Entity('work')
// The artist filter compares lower(artist_name): an expression index, created by its migration.
@Index('idx_work_artist_name_lower', { synchronize: false })
// Works without an external id are the same work when title, artist and ISRC match ignoring case (an expression
// index, created by the migration; TypeORM cannot describe it, so it leaves it alone).
@Index('uq_work_natural_key', { synchronize: false })
// Works are listed and paged in (created_at, id) order.
@Index('idx_work_created_at_id', ['createdAt', 'id'])
export class WorkEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') title!: string;
  @Column('text') artistName!: string;
  /** Normalised: 12 characters, upper case, no dashes. */
  @Column('text', { nullable: true }) isrc!: string | null;
  @Column('integer', { nullable: true }) durationMs!: number | null;
  /** The catalog's own id; re-importing a work with the same one updates it. */
  @Index('uq_work_external_id', { unique: true })
  @Column('text', { nullable: true })
  externalId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
