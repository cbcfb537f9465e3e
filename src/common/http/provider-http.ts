import * as http from 'node:http';
import * as https from 'node:https';
import type { LoggerService } from '@nestjs/common';
import axios, { AxiosError, AxiosInstance, AxiosRequestConfig } from 'axios';
import type { Counter } from 'prom-client';
import { sleep as realSleep } from 'src/common/process-utils';

/** The part of MetricsService a provider's HTTP layer needs (kept structural: common code does not import it). */
export interface ProviderMetrics {
  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L>;
}

export interface ProviderHttpOptions {
  /** As written in log lines and error texts (`Spotify`); lower-cased in metric names (`soundgraph_spotify_…`). */
  provider: string;
  /** The provider class's logger, so log lines keep its context. */
  logger: Pick<LoggerService, 'warn'>;
  maxSockets: number;
  timeoutMs: number;
  baseURL?: string;
  /** Attempts in total (first try included) for retryable answers and network errors. */
  maxAttempts: number;
  /** Backoff before the retry that follows the `failures`-th failure (the provider's full-jitter policy). */
  retryDelay(failures: number): number;
  /** The error thrown once `maxAttempts` attempts failed. */
  unavailable(message: string): Error;
  /** Rate-limit waits made in place for one request; one more and the 429 is thrown to the caller. */
  maxRateLimitWaits: number;
  /** Causes named in the retries counter's help text. */
  retryCauses: string[];
  metrics?: ProviderMetrics;
  /** Injectable for unit tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** An answer (any HTTP status) with its body parsed. */
export interface ProviderAnswer {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON (a proxy's HTML error page); undefined when empty. */
  data: unknown;
  headers: Record<string, unknown>;
}

/** What the provider makes of one answer; it throws instead for answers that end the request with an error. */
export type AnswerVerdict =
  /** Hand the answer back to the caller. */
  | { action: 'return' }
  /** A transient server error: back off and send again (counted against `maxAttempts`, cause `5xx`). */
  | { action: 'retry'; reason: string }
  /**
   * A rate-limit 429: wait `seconds` in place and send again, unless `giveUp` or the waits for this request are
   * used up, in which case `error()` is thrown. `block` arranges the wait (the next `beforeAttempt` makes it).
   */
  | { action: 'rate-limited'; seconds: number; giveUp: boolean; error(): Error; block?(): void };

export interface ProviderCall {
  /** Metrics label and log name, e.g. `GET /tracks/{id}`: never the URL itself. */
  endpoint: string;
  request: AxiosRequestConfig;
  /** Runs before every attempt: rate gates and waits after a 429. */
  beforeAttempt?(): Promise<void> | void;
  judge(answer: ProviderAnswer): AnswerVerdict | Promise<AnswerVerdict>;
}

export function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The request skeleton the provider clients share: a keep-alive axios instance that never throws on a status and
 * returns bodies as text; a loop that retries network errors, timeouts and answers the provider calls retryable
 * with backoff (at most `maxAttempts` attempts), and waits out short rate limits in place; and the
 * `soundgraph_<provider>_requests_total` / `_retries_total` counters. What an answer means is the provider's.
 */
export class ProviderHttp {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly axios: AxiosInstance;
  private readonly requests?: Counter<'endpoint' | 'status'>;
  private readonly retries?: Counter<'endpoint' | 'cause'>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ProviderHttpOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.sleep = options.sleep ?? realSleep;
    this.axios = axios.create({
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      timeout: options.timeoutMs,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
    });
    const { provider, metrics } = options;
    const name = provider.toLowerCase();
    this.requests = metrics?.counter(
      `soundgraph_${name}_requests_total`,
      `Requests sent to ${provider} by endpoint and HTTP status (network and timeout when no answer came)`,
      ['endpoint', 'status'],
    );
    this.retries = metrics?.counter(
      `soundgraph_${name}_retries_total`,
      `${provider} requests sent again, by endpoint and cause (${options.retryCauses.join(', ')})`,
      ['endpoint', 'cause'],
    );
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Counts a retry that the caller makes itself (a fresh token after a 401). */
  countRetry(endpoint: string, cause: string): void {
    this.retries?.inc({ endpoint, cause });
  }

  async send(call: ProviderCall): Promise<ProviderAnswer> {
    const { endpoint } = call;
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      await call.beforeAttempt?.();
      let answer: ProviderAnswer;
      try {
        const res = await this.axios.request<string>(call.request);
        answer = { status: res.status, data: parseBody(res.data), headers: res.headers };
      } catch (error) {
        const code = (error as AxiosError).code;
        const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
        this.requests?.inc({ endpoint, status: timeout ? 'timeout' : 'network' });
        failures++;
        const reason = timeout
          ? `no answer within ${this.options.timeoutMs / 1000} s`
          : (error as Error).message;
        await this.backoffOrFail(endpoint, failures, 'network', reason);
        continue;
      }
      this.requests?.inc({ endpoint, status: String(answer.status) });

      const verdict = await call.judge(answer);
      switch (verdict.action) {
        case 'return':
          return answer;
        case 'retry':
          failures++;
          await this.backoffOrFail(endpoint, failures, '5xx', verdict.reason);
          continue;
        case 'rate-limited':
          rateLimitWaits++;
          if (verdict.giveUp || rateLimitWaits > this.options.maxRateLimitWaits) throw verdict.error();
          verdict.block?.();
          this.options.logger.warn(
            `${this.options.provider} ${endpoint} rate limited; waiting ${verdict.seconds} s`,
          );
          this.retries?.inc({ endpoint, cause: 'rate_limit' });
          continue;
      }
    }
  }

  private async backoffOrFail(
    endpoint: string,
    failures: number,
    cause: '5xx' | 'network',
    reason: string,
  ): Promise<void> {
    if (failures >= this.options.maxAttempts)
      throw this.options.unavailable(`${endpoint} ${reason} (${failures} attempts)`);
    const delay = this.options.retryDelay(failures);
    this.options.logger.warn(
      `${this.options.provider} ${endpoint} ${reason}; retry ${failures} in ${delay} ms`,
    );
    this.retries?.inc({ endpoint, cause });
    await this.sleep(delay);
  }
}
