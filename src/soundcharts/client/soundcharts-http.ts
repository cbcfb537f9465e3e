import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { AnswerVerdict, ProviderAnswer, ProviderHttp } from 'src/common/http/provider-http';
import { sleep } from 'src/common/process-utils';
import { AppConfig } from 'src/config';
import { MetricsService } from 'src/observability/metrics.service';
import {
  SoundchartsApiError,
  SoundchartsQuotaExceededError,
  SoundchartsRateLimitedError,
  SoundchartsUnavailableError,
} from './soundcharts.errors';
import { errorMessage } from './soundcharts-json';
import { SoundchartsQuotaTracker } from './soundcharts-quota';
import { requestSent } from './request-counter';
import {
  backoffDelay,
  classify,
  DEFAULT_RATE_LIMIT_RESET_SECONDS,
  MAX_ATTEMPTS,
  MAX_RATE_LIMIT_WAIT_SECONDS,
  parseReset,
} from './soundcharts-retry';

export const REQUEST_TIMEOUT_MS = 10_000;
/** A short rate-limit wait is made in place this many times for one request before the job reschedules. */
const MAX_RATE_LIMIT_WAITS = 5;

export interface ScHttpRequest {
  /** Metrics label, e.g. `GET /api/v2.25/song/{uuid}`: never the path itself (ids would explode the label set). */
  endpoint: string;
  /** Path and query, starting with /api/. */
  path: string;
}

export interface ScHttpResponse {
  status: number;
  data: unknown;
}

/**
 * Sends one logical GET to Soundcharts under its request policy (shared/providers/soundcharts-api.md §1.4–1.5):
 * auth headers; the quota header recorded from every answer; a rate-limit 429 waits `x-ratelimit-reset` (every
 * caller of this process waits with it; longer than a minute reschedules the job); the quota 429 fails clearly;
 * 502/503/504 and network errors are retried with full-jitter backoff (5 attempts); 500, 401 and 403 are not
 * retried. Other answers (2xx, 400, 404, 410) go back to the client, which knows what they mean for its endpoint.
 */
@Injectable()
export class SoundchartsHttp implements OnModuleDestroy {
  private readonly logger = new Logger(SoundchartsHttp.name);
  private readonly http: ProviderHttp;
  /** No request leaves this process before this time (a rate-limit 429 blocks every caller, not just one). */
  private blockedUntil = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly quota: SoundchartsQuotaTracker,
    @Optional() metrics?: MetricsService,
  ) {
    this.http = new ProviderHttp({
      provider: 'Soundcharts',
      logger: this.logger,
      maxSockets: 32,
      baseURL: config.soundcharts.apiUrl.replace(/\/+$/, ''),
      timeoutMs: REQUEST_TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
      retryDelay: (failures) => backoffDelay(failures, this.config.soundcharts.retryBaseMs),
      unavailable: (message) => new SoundchartsUnavailableError(message),
      maxRateLimitWaits: MAX_RATE_LIMIT_WAITS,
      retryCauses: ['5xx', 'network', 'rate_limit'],
      metrics,
    });
  }

  onModuleDestroy(): void {
    this.http.destroy();
  }

  /** When the last rate-limit 429 lets requests go again (null when not blocked). */
  get rateLimitedUntil(): Date | null {
    return this.blockedUntil > Date.now() ? new Date(this.blockedUntil) : null;
  }

  async get(request: ScHttpRequest): Promise<ScHttpResponse> {
    const { status, data } = await this.http.send({
      endpoint: request.endpoint,
      request: {
        method: 'GET',
        url: request.path,
        headers: {
          'x-app-id': this.config.soundcharts.appId ?? '',
          'x-api-key': this.config.soundcharts.apiKey ?? '',
          accept: 'application/json',
        },
      },
      beforeAttempt: async () => {
        const wait = this.blockedUntil - Date.now();
        if (wait > 0) await sleep(wait);
        requestSent();
      },
      judge: (answer) => this.judge(request.endpoint, answer),
    });
    return { status, data };
  }

  private judge(endpoint: string, { status, data, headers }: ProviderAnswer): AnswerVerdict {
    const remaining = Number(headers['x-quota-remaining']);
    if (headers['x-quota-remaining'] !== undefined && Number.isFinite(remaining))
      this.quota.record(remaining);

    const message = errorMessage(data);
    switch (classify(status, message)) {
      case 'success':
      case 'answer':
        return { action: 'return' };
      case 'rate-limited': {
        const reset = parseReset(headers['x-ratelimit-reset']) ?? DEFAULT_RATE_LIMIT_RESET_SECONDS;
        return {
          action: 'rate-limited',
          seconds: reset,
          giveUp: reset > MAX_RATE_LIMIT_WAIT_SECONDS,
          error: () => new SoundchartsRateLimitedError(reset),
          block: () => {
            this.blockedUntil = Math.max(this.blockedUntil, Date.now() + reset * 1000);
          },
        };
      }
      case 'quota-exceeded':
        this.quota.record(0);
        throw new SoundchartsQuotaExceededError(message);
      case 'retryable':
        return { action: 'retry', reason: `answered ${status}` };
      case 'refused':
        throw new SoundchartsApiError(status, endpoint, message);
    }
  }
}
