import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One rate budget per provider across all processes: nobody calls the provider before `blockedUntil`. */
@Entity('provider_rate_limit')
export class ProviderRateLimitEntity {
  @PrimaryColumn('text') provider!: string;
  @Column('timestamptz') blockedUntil!: Date;
  /** e.g. `RATE_LIMIT` or `QUOTA_EXCEEDED` (which reschedules jobs however short the wait). */
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
