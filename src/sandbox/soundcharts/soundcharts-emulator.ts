// A Soundcharts look-alike over real HTTP (node:http, 127.0.0.1 only): the API paths of design §4 with their
// version segments, `x-app-id`/`x-api-key` auth, the monthly quota behind `x-quota-remaining`, the per-minute rate
// limit, and a control API under /__sandbox/. Data derives from the Spotify sandbox catalog. One instance per test
// file; state lives in memory.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SpotifyCatalog } from '../spotify';
import { SoundchartsArtistsHandler } from './soundcharts-artists.handler';
import { SoundchartsChartsHandler } from './soundcharts-charts.handler';
import { SoundchartsControlHandler } from './soundcharts-control.handler';
import { SoundchartsDataset, type SoundchartsDatasetSummary } from './soundcharts-dataset';
import { DEFAULT_PARIS_OFFSETS_BEFORE, INGESTION_DELAY_MS } from './soundcharts-dataset.builder';
import type { SoundchartsContext } from './soundcharts-emulator.context';
import type { SoundchartsEmulatorOps, SoundchartsEmulatorStateView } from './soundcharts-emulator.ops';
import { scErrors, SoundchartsApiError } from './soundcharts-errors';
import {
  faultResult,
  SoundchartsFaultStore,
  type SoundchartsFault,
  type SoundchartsFaultSpec,
} from './soundcharts-faults';
import {
  bodyReader,
  headerValue,
  queryObject,
  withHeaders,
  writeResult,
  type EmulatorRequest,
  type HandlerResult,
} from './soundcharts-http.util';
import { SongIngestion } from './soundcharts-ingestion';
import { isBillable, SoundchartsQuota } from './soundcharts-quota';
import { RollingMinuteRateLimiter } from './soundcharts-rate-limiter';
import { SoundchartsRequestLog, type SoundchartsRequestLogEntry } from './soundcharts-request-log';
import { SoundchartsRouter } from './soundcharts-router';
import { SoundchartsSeriesHandler } from './soundcharts-series.handler';
import { SoundchartsSongsHandler } from './soundcharts-songs.handler';
import { SoundchartsUsageHandler } from './soundcharts-usage.handler';

export interface SoundchartsEmulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Accepted `x-app-id`; default the public sandbox pair `soundcharts` / `soundcharts`. */
  appId?: string;
  apiKey?: string;
  /** Requests left in the current term (`x-quota-remaining`); default 100,000. */
  quota?: number;
  /** Requests per rolling minute per app id before 429 "maximum request count"; default 5,000; false disables. */
  rateLimit?: number | false;
  /** Clock in ms ("today" of the series, latest ranking, ingestion delay, rate window, log times); default Date.now. */
  now?: () => number;
  /** Spotify sandbox catalog to derive from (saves ~1 s when the test already generated one); default seed. */
  catalog?: SpotifyCatalog;
  /** Points dated before this day (YYYY-MM-DD) carry Paris offsets; default 2026-07-01. */
  parisOffsetsBefore?: string;
}

export const DEFAULT_APP_ID = 'soundcharts';
export const DEFAULT_API_KEY = 'soundcharts';
export const DEFAULT_QUOTA = 100_000;
export const DEFAULT_RATE_LIMIT = 5_000;

interface Outcome {
  readonly result: HandlerResult;
  /** Whether the answer costs a unit of quota. */
  readonly billable: boolean;
  /** Whether the caller's credentials were valid (only they see `x-quota-remaining`). */
  readonly authenticated: boolean;
}

function errorResult(err: SoundchartsApiError): HandlerResult {
  return { status: err.status, body: err.toJson(), headers: err.headers };
}

export class SoundchartsEmulator implements SoundchartsEmulatorOps {
  readonly appId: string;
  readonly apiKey: string;
  private readonly dataset: SoundchartsDataset;
  private readonly baseNow: () => number;
  private clockOffsetMs = 0;
  private readonly initialRateLimit: number | false;
  private readonly quota: SoundchartsQuota;
  private readonly limiter: RollingMinuteRateLimiter;
  private readonly faultStore = new SoundchartsFaultStore();
  private readonly log = new SoundchartsRequestLog();
  private readonly ingestion: SongIngestion;
  private readonly router = new SoundchartsRouter();
  private readonly control: SoundchartsControlHandler;
  private readonly requestedPort: number;
  private server: Server | undefined;
  private port = 0;
  private aborter = new AbortController();

  constructor(opts: SoundchartsEmulatorOptions = {}) {
    this.appId = opts.appId ?? DEFAULT_APP_ID;
    this.apiKey = opts.apiKey ?? DEFAULT_API_KEY;
    this.dataset = new SoundchartsDataset(
      opts.catalog,
      opts.parisOffsetsBefore ?? DEFAULT_PARIS_OFFSETS_BEFORE,
    );
    this.baseNow = opts.now ?? Date.now;
    this.requestedPort = opts.port ?? 0;
    this.initialRateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.quota = new SoundchartsQuota(opts.quota ?? DEFAULT_QUOTA);
    const now = () => this.now();
    this.limiter = new RollingMinuteRateLimiter(this.initialRateLimit, now);
    this.ingestion = new SongIngestion(this.dataset, now, INGESTION_DELAY_MS);
    const ctx: SoundchartsContext = {
      dataset: this.dataset,
      ingestion: this.ingestion,
      now,
      quotaRemaining: () => this.quota.remaining,
      rateLimit: () => this.limiter.requestsPerMinute,
    };
    new SoundchartsChartsHandler(ctx).register(this.router);
    new SoundchartsSongsHandler(ctx).register(this.router);
    new SoundchartsArtistsHandler(ctx).register(this.router);
    new SoundchartsSeriesHandler(ctx).register(this.router);
    new SoundchartsUsageHandler(ctx).register(this.router);
    this.control = new SoundchartsControlHandler(this);
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.aborter = new AbortController();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        process.stderr.write(
          `soundcharts emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
        );
        if (!res.headersSent)
          writeResult(res, {
            status: 500,
            body: { errors: [{ key: 'server', code: 500, message: 'Internal server error' }] },
          });
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.aborter.abort();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets of fetch clients would otherwise hold close() open.
      server.closeAllConnections();
    });
  }

  /** Base URL, e.g. http://127.0.0.1:PORT; API paths start with /api/v2… as on customer.api.soundcharts.com. */
  get url(): string {
    if (!this.server) throw new Error('SoundchartsEmulator is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** The seeded songs, artists and charts, with `known` uuids/slugs/ISRCs and the expected series. */
  get data(): SoundchartsDataset {
    return this.dataset;
  }

  /** Headers a client must send. */
  get authHeaders(): Readonly<Record<string, string>> {
    return { 'x-app-id': this.appId, 'x-api-key': this.apiKey };
  }

  // ---- control operations (also reachable over HTTP under /__sandbox/) ----

  now(): number {
    return this.baseNow() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  quotaRemaining(): number {
    return this.quota.remaining;
  }

  setQuota(remaining: number): void {
    this.quota.set(remaining);
  }

  setRateLimit(requestsPerMinute: number | false): void {
    this.limiter.setLimit(requestsPerMinute);
    this.limiter.reset();
  }

  state(): SoundchartsEmulatorStateView {
    return {
      quotaRemaining: this.quota.remaining,
      rateLimit: this.limiter.requestsPerMinute,
      clockOffsetMs: this.clockOffsetMs,
      now: new Date(this.now()).toISOString(),
      faults: this.faultStore.list().length,
      ingestions: this.ingestion.list(),
    };
  }

  /** Back to the constructor's settings: quota, rate limit and window, no faults, empty log, clock offset 0,
   * pending songs not ingested. */
  reset(): void {
    this.faultStore.clear();
    this.log.clear();
    this.quota.reset();
    this.limiter.setLimit(this.initialRateLimit);
    this.limiter.reset();
    this.ingestion.reset();
    this.clockOffsetMs = 0;
  }

  injectFault(spec: SoundchartsFaultSpec): SoundchartsFault {
    return this.faultStore.add(spec);
  }

  faults(): readonly SoundchartsFault[] {
    return this.faultStore.list();
  }

  removeFault(id: string): boolean {
    return this.faultStore.remove(id);
  }

  clearFaults(): void {
    this.faultStore.clear();
  }

  requestLog(): readonly SoundchartsRequestLogEntry[] {
    return this.log.list();
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  dataSummary(): SoundchartsDatasetSummary {
    return this.dataset.summary();
  }

  // ---- request pipeline ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: EmulatorRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      pathname: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: bodyReader(req),
    };
    if (url.pathname.startsWith('/__sandbox/')) {
      writeResult(res, await this.control.handle(request));
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await this.serve(request);
    } catch (err) {
      if (this.aborter.signal.aborted) {
        res.destroy();
        return;
      }
      throw err;
    }
    let result = outcome.result;
    let billed = false;
    if (outcome.billable) {
      billed = this.quota.consume();
      if (!billed) result = errorResult(scErrors.quotaExceeded());
    }
    if (outcome.authenticated)
      result = withHeaders(result, { 'x-quota-remaining': String(this.quota.remaining) });
    this.log.record({
      method: request.method,
      path: request.pathname,
      query: queryObject(request.query),
      time: new Date(this.now()).toISOString(),
      status: result.status,
      billed,
    });
    writeResult(res, result);
  }

  private async serve(req: EmulatorRequest): Promise<Outcome> {
    const fault = this.faultStore.take(req.method, req.pathname);
    if (fault?.delayMs !== undefined) await sleep(fault.delayMs, undefined, { signal: this.aborter.signal });
    const faulted = fault ? faultResult(fault) : undefined;
    if (faulted) return { result: faulted, billable: false, authenticated: true };

    const appId = headerValue(req.headers, 'x-app-id');
    if (appId !== this.appId || headerValue(req.headers, 'x-api-key') !== this.apiKey) {
      return { result: errorResult(scErrors.notLoggedIn()), billable: false, authenticated: false };
    }
    const decision = this.limiter.hit(appId);
    if (!decision.allowed) {
      return {
        result: errorResult(scErrors.rateLimited(decision.resetSeconds)),
        billable: false,
        authenticated: true,
      };
    }
    try {
      const match = this.router.match(req.method, req.pathname);
      switch (match.kind) {
        case 'not-found':
          throw scErrors.routeNotFound();
        case 'method-not-allowed':
          throw scErrors.methodNotAllowed();
        case 'found': {
          const result = await match.handler(req, match.params);
          const { free, ...wire } = result;
          return { result: wire, billable: isBillable(result.status, free ?? false), authenticated: true };
        }
      }
    } catch (err) {
      if (!(err instanceof SoundchartsApiError)) throw err;
      return { result: errorResult(err), billable: isBillable(err.status, err.free), authenticated: true };
    }
  }
}
