import { Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from 'src/observability/metrics.service';

export interface QuotaReading {
  remaining: number;
  checkedAt: Date;
}

/** Writes of the shared reading are batched: a cascade reads the header thousands of times. */
const FLUSH_DELAY_MS = 1000;

/**
 * The quota left, from the `x-quota-remaining` header of every answer: a gauge for Prometheus, and one row in
 * PostgreSQL so every process (and `soundchartsStatus`) sees the latest reading.
 */
@Injectable()
export class SoundchartsQuotaTracker implements OnModuleDestroy {
  private readonly gauge?: Gauge;
  private pending?: QuotaReading;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() metrics?: MetricsService,
  ) {
    this.gauge = metrics?.gauge(
      'soundgraph_soundcharts_quota_remaining',
      'Soundcharts requests left in the current term (x-quota-remaining of the last answer)',
      [],
    );
  }

  record(remaining: number, at = new Date()): void {
    this.gauge?.set(remaining);
    if (this.pending && this.pending.checkedAt > at) return;
    this.pending = { remaining, checkedAt: at };
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, FLUSH_DELAY_MS);
  }

  /** Writes the latest reading now (end of a step, before an estimate). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const reading = this.pending;
    this.pending = undefined;
    if (!reading) return this.flushing;
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(() =>
        this.dataSource
          .query(
            `INSERT INTO soundcharts_provider_state (id, quota_remaining, quota_checked_at) VALUES (1, $1, $2)
           ON CONFLICT (id) DO UPDATE SET quota_remaining = EXCLUDED.quota_remaining,
             quota_checked_at = EXCLUDED.quota_checked_at
           WHERE soundcharts_provider_state.quota_checked_at IS NULL
              OR soundcharts_provider_state.quota_checked_at <= EXCLUDED.quota_checked_at`,
            [reading.remaining, reading.checkedAt],
          )
          .then(() => undefined),
      );
    return this.flushing;
  }

  async latest(): Promise<QuotaReading | null> {
    await this.flush();
    const rows = await this.dataSource.query<
      { quota_remaining: number | null; quota_checked_at: Date | null }[]
    >('SELECT quota_remaining, quota_checked_at FROM soundcharts_provider_state WHERE id = 1');
    const row = rows[0];
    return row?.quota_remaining != null && row.quota_checked_at
      ? { remaining: row.quota_remaining, checkedAt: row.quota_checked_at }
      : null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush().catch(() => undefined);
  }
}
