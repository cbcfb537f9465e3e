import * as http from 'node:http';
import * as https from 'node:https';
import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import axios, { AxiosError, AxiosInstance } from 'axios';
import type { Counter } from 'prom-client';
import { sleep } from 'src/common/process-utils';
import { AppConfig } from 'src/config';
import { MetricsService } from 'src/observability/metrics.service';
import { SpotifyRateLimitedError, SpotifyUnavailableError } from './spotify.errors';
import { QUOTA_EXCEEDED, RATE_LIMIT, SpotifyRateGate } from './spotify-rate-gate';
import {
  classifyStatus,
  DEFAULT_RETRY_AFTER_SECONDS,
  fullJitterDelay,
  MAX_ATTEMPTS,
  MAX_RATE_LIMIT_WAIT_MS,
  parseRetryAfter,
} from './spotify-retry';

export const REQUEST_TIMEOUT_MS = 10_000;
/** A 429 of a few seconds is waited out in place this many times before the caller is told to come back later. */
const MAX_RATE_LIMIT_WAITS = 5;
/** Quota exhaustion without a Retry-After: the quota is not per window, so try again in an hour. */
const QUOTA_RETRY_SECONDS = 3600;

export interface SpotifyHttpRequest {
  /** Metrics label, e.g. `GET /tracks/{id}`: never the URL itself (ids would explode the label set). */
  endpoint: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SpotifyHttpResponse {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON (a proxy's HTML error page). */
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

/** `reason` of a Web API error body (`{"error":{"status":429,"reason":"QUOTA_EXCEEDED"}}`). */
function errorReason(data: unknown): string | undefined {
  const error = (data as { error?: unknown } | undefined)?.error;
  const reason =
    typeof error === 'object' && error !== null ? (error as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * Sends one logical request to Spotify under the shared request policy: waits for the rate gate, records 429s for
 * every process, retries 5xx and network errors with full-jitter backoff (at most 5 attempts), and returns every
 * other answer (2xx and 4xx) to the caller, which knows what a 401 or 404 means for its endpoint.
 */
@Injectable()
export class SpotifyHttp implements OnModuleDestroy {
  private readonly logger = new Logger(SpotifyHttp.name);
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly axios: AxiosInstance;
  private readonly requests?: Counter<'endpoint' | 'status'>;
  private readonly rateLimited?: Counter<'endpoint' | 'reason'>;
  private readonly retries?: Counter<'endpoint' | 'cause'>;

  constructor(
    private readonly config: AppConfig,
    private readonly gate: SpotifyRateGate,
    @Optional() metrics?: MetricsService,
  ) {
    this.axios = axios.create({
      timeout: REQUEST_TIMEOUT_MS,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
    });
    this.requests = metrics?.counter(
      'soundgraph_spotify_requests_total',
      'Requests sent to Spotify by endpoint and HTTP status (network and timeout when no answer came)',
      ['endpoint', 'status'],
    );
    this.rateLimited = metrics?.counter(
      'soundgraph_spotify_rate_limited_total',
      'Spotify 429 answers by endpoint and reason (RATE_LIMIT or QUOTA_EXCEEDED)',
      ['endpoint', 'reason'],
    );
    this.retries = metrics?.counter(
      'soundgraph_spotify_retries_total',
      'Spotify requests sent again, by endpoint and cause (5xx, network, rate_limit, token)',
      ['endpoint', 'cause'],
    );
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Counts a retry that the caller makes itself (a fresh token after a 401). */
  countRetry(endpoint: string, cause: string): void {
    this.retries?.inc({ endpoint, cause });
  }

  async send(request: SpotifyHttpRequest): Promise<SpotifyHttpResponse> {
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      await this.gate.waitTurn();
      let status: number;
      let data: unknown;
      let retryAfterHeader: string | undefined;
      try {
        const res = await this.axios.request<string>({
          method: request.method,
          url: request.url,
          headers: request.headers,
          data: request.body,
        });
        status = res.status;
        data = parseBody(res.data);
        const header: unknown = res.headers['retry-after'];
        retryAfterHeader = typeof header === 'string' ? header : undefined;
      } catch (error) {
        const timeout =
          (error as AxiosError).code === 'ECONNABORTED' || (error as AxiosError).code === 'ETIMEDOUT';
        this.requests?.inc({ endpoint: request.endpoint, status: timeout ? 'timeout' : 'network' });
        failures++;
        const reason = timeout ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : (error as Error).message;
        await this.backoffOrFail(request, failures, 'network', reason);
        continue;
      }
      this.requests?.inc({ endpoint: request.endpoint, status: String(status) });

      switch (classifyStatus(status)) {
        case 'success':
        case 'final':
          return { status, data };
        case 'retryable':
          failures++;
          await this.backoffOrFail(request, failures, '5xx', `answered ${status}`);
          continue;
        case 'rate-limited': {
          const quota = errorReason(data) === QUOTA_EXCEEDED;
          const retryAfter =
            parseRetryAfter(retryAfterHeader) ?? (quota ? QUOTA_RETRY_SECONDS : DEFAULT_RETRY_AFTER_SECONDS);
          this.rateLimited?.inc({ endpoint: request.endpoint, reason: quota ? QUOTA_EXCEEDED : RATE_LIMIT });
          await this.gate.block(retryAfter, quota ? QUOTA_EXCEEDED : RATE_LIMIT);
          rateLimitWaits++;
          if (quota || retryAfter * 1000 > MAX_RATE_LIMIT_WAIT_MS || rateLimitWaits > MAX_RATE_LIMIT_WAITS) {
            throw new SpotifyRateLimitedError(retryAfter, quota);
          }
          this.logger.warn(`Spotify ${request.endpoint} rate limited; waiting ${retryAfter} s`);
          this.retries?.inc({ endpoint: request.endpoint, cause: 'rate_limit' });
          continue; // the gate makes the wait, together with every other caller
        }
      }
    }
  }

  private async backoffOrFail(
    request: SpotifyHttpRequest,
    failures: number,
    cause: '5xx' | 'network',
    reason: string,
  ): Promise<void> {
    if (failures >= MAX_ATTEMPTS) {
      throw new SpotifyUnavailableError(`${request.endpoint} ${reason} (${failures} attempts)`);
    }
    const delay = fullJitterDelay(failures, this.config.spotify.retryBaseMs);
    this.logger.warn(`Spotify ${request.endpoint} ${reason}; retry ${failures} in ${delay} ms`);
    this.retries?.inc({ endpoint: request.endpoint, cause });
    await sleep(delay);
  }
}
