import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { AnswerVerdict, ProviderAnswer, ProviderHttp } from 'src/common/http/provider-http';
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

/** Settings of the client that no deployment needs to change (a test shortens the timeout). */
export interface SpotifyHttpOptions {
  /** An attempt without an answer after this long is a network failure, retried like one; default 10 s. */
  timeoutMs?: number;
}

/** Optional provider of `SpotifyHttpOptions`; without it the defaults apply. */
export const SPOTIFY_HTTP_OPTIONS = Symbol('SPOTIFY_HTTP_OPTIONS');

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
  private readonly http: ProviderHttp;
  private readonly rateLimited?: Counter<'endpoint' | 'reason'>;

  constructor(
    private readonly config: AppConfig,
    private readonly gate: SpotifyRateGate,
    @Optional() metrics?: MetricsService,
    @Optional() @Inject(SPOTIFY_HTTP_OPTIONS) options: SpotifyHttpOptions = {},
  ) {
    this.http = new ProviderHttp({
      provider: 'Spotify',
      logger: this.logger,
      maxSockets: 64,
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
      retryDelay: (failures) => fullJitterDelay(failures, this.config.spotify.retryBaseMs),
      unavailable: (message) => new SpotifyUnavailableError(message),
      maxRateLimitWaits: MAX_RATE_LIMIT_WAITS,
      retryCauses: ['5xx', 'network', 'rate_limit', 'token'],
      metrics,
    });
    this.rateLimited = metrics?.counter(
      'soundgraph_spotify_rate_limited_total',
      'Spotify 429 answers by endpoint and reason (RATE_LIMIT or QUOTA_EXCEEDED)',
      ['endpoint', 'reason'],
    );
  }

  onModuleDestroy(): void {
    this.http.destroy();
  }

  /** Counts a retry that the caller makes itself (a fresh token after a 401). */
  countRetry(endpoint: string, cause: string): void {
    this.http.countRetry(endpoint, cause);
  }

  async send(request: SpotifyHttpRequest): Promise<SpotifyHttpResponse> {
    const { status, data } = await this.http.send({
      endpoint: request.endpoint,
      request: { method: request.method, url: request.url, headers: request.headers, data: request.body },
      beforeAttempt: () => this.gate.waitTurn(),
      judge: (answer) => this.judge(request.endpoint, answer),
    });
    return { status, data };
  }

  private async judge(endpoint: string, { status, data, headers }: ProviderAnswer): Promise<AnswerVerdict> {
    switch (classifyStatus(status)) {
      case 'success':
      case 'final':
        return { action: 'return' };
      case 'retryable':
        return { action: 'retry', reason: `answered ${status}` };
      case 'rate-limited': {
        const quota = errorReason(data) === QUOTA_EXCEEDED;
        const header = headers['retry-after'];
        const retryAfter =
          parseRetryAfter(typeof header === 'string' ? header : undefined) ??
          (quota ? QUOTA_RETRY_SECONDS : DEFAULT_RETRY_AFTER_SECONDS);
        this.rateLimited?.inc({ endpoint, reason: quota ? QUOTA_EXCEEDED : RATE_LIMIT });
        // the gate makes the wait, together with every other caller
        await this.gate.block(retryAfter, quota ? QUOTA_EXCEEDED : RATE_LIMIT);
        return {
          action: 'rate-limited',
          seconds: retryAfter,
          giveUp: quota || retryAfter * 1000 > MAX_RATE_LIMIT_WAIT_MS,
          error: () => new SpotifyRateLimitedError(retryAfter, quota),
        };
      }
    }
  }
}
