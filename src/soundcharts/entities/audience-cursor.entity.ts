import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a series has been fetched, so a re-run asks only for the days after (design §4). */
@Entity('soundcharts_audience_cursor')
export class SoundchartsAudienceCursorEntity {
  @PrimaryColumn('text') entityType!: string;
  @PrimaryColumn('uuid') entityId!: string;
  @PrimaryColumn('text') platform!: string;
  @PrimaryColumn('text') metric!: string;
  /** The `endDate` of the last successful fetch. */
  @Column('date') fetchedThrough!: string;
  @Column('date', { nullable: true }) lastDay!: string | null;
  /** The value on `lastDay` (additive series continue from it). */
  @Column('double precision', { nullable: true }) lastValue!: number | null;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
