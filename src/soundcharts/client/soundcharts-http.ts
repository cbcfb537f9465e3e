import * as http from 'node:http';
import * as https from 'node:https';
import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import axios, { AxiosError, AxiosInstance } from 'axios';
import type { Counter } from 'prom-client';
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

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
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
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly axios: AxiosInstance;
  private readonly requests?: Counter<'endpoint' | 'status'>;
  private readonly retries?: Counter<'endpoint' | 'cause'>;
  /** No request leaves this process before this time (a rate-limit 429 blocks every caller, not just one). */
  private blockedUntil = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly quota: SoundchartsQuotaTracker,
    @Optional() metrics?: MetricsService,
  ) {
    this.axios = axios.create({
      baseURL: config.soundcharts.apiUrl.replace(/\/+$/, ''),
      timeout: REQUEST_TIMEOUT_MS,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
    });
    this.requests = metrics?.counter(
      'soundgraph_soundcharts_requests_total',
      'Requests sent to Soundcharts by endpoint and HTTP status (network and timeout when no answer came)',
      ['endpoint', 'status'],
    );
    this.retries = metrics?.counter(
      'soundgraph_soundcharts_retries_total',
      'Soundcharts requests sent again, by endpoint and cause (5xx, network, rate_limit)',
      ['endpoint', 'cause'],
    );
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** When the last rate-limit 429 lets requests go again (null when not blocked). */
  get rateLimitedUntil(): Date | null {
    return this.blockedUntil > Date.now() ? new Date(this.blockedUntil) : null;
  }

  async get(request: ScHttpRequest): Promise<ScHttpResponse> {
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      const wait = this.blockedUntil - Date.now();
      if (wait > 0) await sleep(wait);
      let status: number;
      let data: unknown;
      let headers: Record<string, unknown>;
      requestSent();
      try {
        const res = await this.axios.get<string>(request.path, {
          headers: {
            'x-app-id': this.config.soundcharts.appId ?? '',
            'x-api-key': this.config.soundcharts.apiKey ?? '',
            accept: 'application/json',
          },
        });
        status = res.status;
        data = parseBody(res.data);
        headers = res.headers;
      } catch (error) {
        const code = (error as AxiosError).code;
        const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
        this.requests?.inc({ endpoint: request.endpoint, status: timeout ? 'timeout' : 'network' });
        failures++;
        await this.backoffOrFail(
          request,
          failures,
          'network',
          timeout ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : (error as Error).message,
        );
        continue;
      }
      this.requests?.inc({ endpoint: request.endpoint, status: String(status) });
      const remaining = Number(headers['x-quota-remaining']);
      if (headers['x-quota-remaining'] !== undefined && Number.isFinite(remaining))
        this.quota.record(remaining);

      const message = errorMessage(data);
      switch (classify(status, message)) {
        case 'success':
        case 'answer':
          return { status, data };
        case 'rate-limited': {
          const reset = parseReset(headers['x-ratelimit-reset']) ?? DEFAULT_RATE_LIMIT_RESET_SECONDS;
          rateLimitWaits++;
          if (reset > MAX_RATE_LIMIT_WAIT_SECONDS || rateLimitWaits > MAX_RATE_LIMIT_WAITS)
            throw new SoundchartsRateLimitedError(reset);
          this.blockedUntil = Math.max(this.blockedUntil, Date.now() + reset * 1000);
          this.logger.warn(`Soundcharts ${request.endpoint} rate limited; waiting ${reset} s`);
          this.retries?.inc({ endpoint: request.endpoint, cause: 'rate_limit' });
          continue;
        }
        case 'quota-exceeded':
          this.quota.record(0);
          throw new SoundchartsQuotaExceededError(message);
        case 'retryable':
          failures++;
          await this.backoffOrFail(request, failures, '5xx', `answered ${status}`);
          continue;
        case 'refused':
          throw new SoundchartsApiError(status, request.endpoint, message);
      }
    }
  }

  private async backoffOrFail(
    request: ScHttpRequest,
    failures: number,
    cause: '5xx' | 'network',
    reason: string,
  ): Promise<void> {
    if (failures >= MAX_ATTEMPTS)
      throw new SoundchartsUnavailableError(`${request.endpoint} ${reason} (${failures} attempts)`);
    const delay = backoffDelay(failures, this.config.soundcharts.retryBaseMs);
    this.logger.warn(`Soundcharts ${request.endpoint} ${reason}; retry ${failures} in ${delay} ms`);
    this.retries?.inc({ endpoint: request.endpoint, cause });
    await sleep(delay);
  }
}
