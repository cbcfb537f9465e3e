import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProviderRateLimitEntity } from './entities/provider-rate-limit.entity';

export interface RateBlock {
  /** Time left by the database's clock, so processes on machines with skewed clocks agree. */
  remainingMs: number;
  blockedUntil: Date;
  reason: string | null;
}

interface RateBlockRow {
  remaining_ms: string;
  blocked_until: Date;
  reason: string | null;
}

const toBlock = (row: RateBlockRow | undefined): RateBlock | undefined =>
  row && {
    remainingMs: Math.max(0, Number(row.remaining_ms)),
    blockedUntil: row.blocked_until,
    reason: row.reason,
  };

/** All SQL on `provider_rate_limit`. Blocks only ever grow: a shorter Retry-After never shortens a longer wait. */
@Injectable()
export class ProviderRateLimitRepository {
  constructor(
    @InjectRepository(ProviderRateLimitEntity) private readonly repo: Repository<ProviderRateLimitEntity>,
  ) {}

  async read(provider: string): Promise<RateBlock | undefined> {
    const rows = await this.repo.query<RateBlockRow[]>(
      `SELECT EXTRACT(EPOCH FROM (blocked_until - clock_timestamp())) * 1000 AS remaining_ms, blocked_until, reason
       FROM provider_rate_limit WHERE provider = $1`,
      [provider],
    );
    return toBlock(rows[0]);
  }

  /** Blocks the provider for `seconds` from now (database clock) unless it is already blocked for longer. */
  async block(provider: string, seconds: number, reason: string): Promise<RateBlock> {
    const rows = await this.repo.query<RateBlockRow[]>(
      `INSERT INTO provider_rate_limit AS p (provider, blocked_until, reason, updated_at)
       VALUES ($1, clock_timestamp() + make_interval(secs => $2), $3, now())
       ON CONFLICT (provider) DO UPDATE SET
         reason = CASE WHEN EXCLUDED.blocked_until >= p.blocked_until THEN EXCLUDED.reason ELSE p.reason END,
         blocked_until = GREATEST(p.blocked_until, EXCLUDED.blocked_until),
         updated_at = now()
       RETURNING EXTRACT(EPOCH FROM (blocked_until - clock_timestamp())) * 1000 AS remaining_ms, blocked_until, reason`,
      [provider, seconds, reason],
    );
    return toBlock(rows[0])!;
  }
}
