import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A Soundcharts song chart, created by its first sync (or by a schedule naming its slug). */
@Entity('soundcharts_chart')
export class SoundchartsChartEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_soundcharts_chart_slug', { unique: true })
  @Column('text')
  slug!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) platform!: string | null;
  @Column('text', { nullable: true }) countryCode!: string | null;
  @Column('text', { nullable: true }) frequency!: string | null;
  /** What an entry's `metric` counts (streams, spins...). */
  @Column('text', { nullable: true }) metricType!: string | null;
  @Column('timestamptz', { nullable: true }) lastSyncedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
