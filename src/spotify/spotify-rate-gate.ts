import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { sleep } from 'src/common/process-utils';
import { MetricsService } from 'src/observability/metrics.service';
import { ProviderRateLimitRepository, RateBlock } from './provider-rate-limit.repository';
import { SpotifyRateLimitedError } from './spotify.errors';
import { MAX_RATE_LIMIT_WAIT_MS } from './spotify-retry';

const PROVIDER = 'spotify';
export const QUOTA_EXCEEDED = 'QUOTA_EXCEEDED';
export const RATE_LIMIT = 'RATE_LIMIT';

/**
 * The one rate budget of the Spotify app, shared by every process through `provider_rate_limit`. Before each
 * request the block is read from the database (one query shared by every request waiting at that moment, so
 * another process's 429 is seen at once); while blocked, this process sleeps until the known end and reads again,
 * in case someone extended it. Waits over a minute, and quota exhaustion, throw instead of sleeping.
 */
@Injectable()
export class SpotifyRateGate implements OnModuleDestroy {
  private readonly logger = new Logger(SpotifyRateGate.name);
  /** Local clock (ms) until which nothing may be sent. */
  private blockedUntil = 0;
  private reason: string | null = null;
  private reading: Promise<void> | undefined;
  private warnedAt = 0;
  private readonly waitGauge?: Gauge;
  private waitEnds?: NodeJS.Timeout;

  constructor(
    private readonly repo: ProviderRateLimitRepository,
    @Optional() metrics?: MetricsService,
  ) {
    this.waitGauge = metrics?.gauge(
      'soundgraph_spotify_rate_limit_wait_seconds',
      'Seconds this process still waits before it may call Spotify (0 when not rate limited)',
      [],
    );
  }

  onModuleDestroy(): void {
    clearTimeout(this.waitEnds);
  }

  /** Resolves when a request may be sent; throws `SpotifyRateLimitedError` rather than wait past a minute. */
  async waitTurn(): Promise<void> {
    for (;;) {
      if (this.blockedUntil <= Date.now()) await this.refresh();
      const wait = this.blockedUntil - Date.now();
      this.showWait(wait);
      if (wait <= 0) return;
      const quota = this.reason === QUOTA_EXCEEDED;
      if (quota || wait > MAX_RATE_LIMIT_WAIT_MS) throw new SpotifyRateLimitedError(wait / 1000, quota);
      await sleep(wait);
    }
  }

  /**
   * Sets the wait gauge, and brings it down when the wait is over even if no request comes then (a job that
   * rescheduled itself past a long block does not come back to reset it).
   */
  private showWait(ms: number): void {
    if (!this.waitGauge) return;
    this.waitGauge.set(Math.max(0, ms) / 1000);
    clearTimeout(this.waitEnds);
    this.waitEnds = undefined;
    if (ms <= 0) return;
    this.waitEnds = setTimeout(() => this.showWait(this.blockedUntil - Date.now()), ms);
    this.waitEnds.unref();
  }

  /** Records a 429 for every process. */
  async block(seconds: number, reason: string): Promise<void> {
    this.apply({ remainingMs: seconds * 1000, reason });
    try {
      this.apply(await this.repo.block(PROVIDER, seconds, reason));
    } catch (error) {
      // This process still honours the wait; others will meet their own 429.
      this.logger.warn(`could not share a Spotify rate limit: ${(error as Error).message}`);
    }
  }

  /** The current block as every process sees it; undefined when requests may go out. */
  async current(): Promise<{ until: Date; reason: string | null } | undefined> {
    await this.refresh();
    return this.blockedUntil > Date.now()
      ? { until: new Date(this.blockedUntil), reason: this.reason }
      : undefined;
  }

  private refresh(): Promise<void> {
    this.reading ??= this.repo
      .read(PROVIDER)
      .then((block) => {
        if (block) this.apply(block);
      })
      .catch((error: Error) => {
        // Requests go on under this process's own knowledge; one warning a minute is enough.
        if (Date.now() - this.warnedAt > 60_000) {
          this.warnedAt = Date.now();
          this.logger.warn(`could not read the shared Spotify rate limit: ${error.message}`);
        }
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  private apply(block: Pick<RateBlock, 'remainingMs' | 'reason'>): void {
    const until = Date.now() + block.remainingMs;
    if (until >= this.blockedUntil) {
      this.blockedUntil = until;
      this.reason = block.reason;
    }
  }
}
