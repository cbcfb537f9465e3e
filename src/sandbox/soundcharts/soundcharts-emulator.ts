// A Soundcharts look-alike over real HTTP (node:http, 127.0.0.1 only): the API paths of design §4 with their
// version segments, `x-app-id`/`x-api-key` auth, the monthly quota behind `x-quota-remaining`, the per-minute rate
// limit, and a control API under /__sandbox/. Data derives from the Spotify sandbox catalog. One instance per test
// file; state lives in memory.
import type { ServerResponse } from 'node:http';
import {
  headerValue,
  SandboxEmulator,
  SandboxRouter,
  withHeaders,
  writeResult,
  type EmulatorRequest,
  type HandlerResult,
} from '../common';
import type { SpotifyCatalog } from '../spotify';
import { SoundchartsArtistsHandler } from './soundcharts-artists.handler';
import { SoundchartsChartsHandler } from './soundcharts-charts.handler';
import { SoundchartsControlHandler } from './soundcharts-control.handler';
import { SoundchartsDataset, type SoundchartsDatasetSummary } from './soundcharts-dataset';
import { INGESTION_DELAY_MS, PARIS_OFFSET_AGE_DAYS } from './soundcharts-dataset.builder';
import type { SoundchartsContext, SoundchartsRouter } from './soundcharts-emulator.context';
import type {
  SoundchartsEmulatorOps,
  SoundchartsEmulatorStateView,
  SoundchartsRequestLogEntry,
} from './soundcharts-emulator.ops';
import { scErrors, SoundchartsApiError } from './soundcharts-errors';
import {
  faultResult,
  SoundchartsFaultStore,
  type SoundchartsFault,
  type SoundchartsFaultSpec,
} from './soundcharts-faults';
import { SongIngestion } from './soundcharts-ingestion';
import { isBillable, SoundchartsQuota } from './soundcharts-quota';
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
  /**
   * Points older than the clock's today minus this many days carry Paris offsets (+01:00/+02:00), newer ones
   * +00:00, as Soundcharts dates its older data; default 120. The cut-over moves with the clock.
   */
  parisOffsetAgeDays?: number;
}

export const DEFAULT_APP_ID = 'soundcharts';
export const DEFAULT_API_KEY = 'soundcharts';
export const DEFAULT_QUOTA = 100_000;
export const DEFAULT_RATE_LIMIT = 5_000;
/** Soundcharts' technical rate limit counts calls per rolling minute per app id. */
const RATE_WINDOW_MS = 60_000;

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

/** Serves at `url` (http://127.0.0.1:PORT); API paths start with /api/v2… as on customer.api.soundcharts.com. */
export class SoundchartsEmulator
  extends SandboxEmulator<SoundchartsFaultSpec, SoundchartsRequestLogEntry>
  implements SoundchartsEmulatorOps
{
  readonly appId: string;
  readonly apiKey: string;
  private readonly dataset: SoundchartsDataset;
  private readonly quota: SoundchartsQuota;
  private readonly ingestion: SongIngestion;
  private readonly router: SoundchartsRouter = new SandboxRouter();
  protected readonly control: SoundchartsControlHandler;

  constructor(opts: SoundchartsEmulatorOptions = {}) {
    const rateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
    super({
      name: 'SoundchartsEmulator',
      logPrefix: 'soundcharts emulator',
      port: opts.port,
      now: opts.now,
      crashResult: {
        status: 500,
        body: { errors: [{ key: 'server', code: 500, message: 'Internal server error' }] },
      },
      faults: new SoundchartsFaultStore(),
      rateLimit: { windowMs: RATE_WINDOW_MS, field: 'requestsPerMinute', initial: rateLimit },
    });
    this.appId = opts.appId ?? DEFAULT_APP_ID;
    this.apiKey = opts.apiKey ?? DEFAULT_API_KEY;
    this.dataset = new SoundchartsDataset(opts.catalog, {
      now: () => this.now(),
      parisOffsetAgeDays: opts.parisOffsetAgeDays ?? PARIS_OFFSET_AGE_DAYS,
    });
    this.quota = new SoundchartsQuota(opts.quota ?? DEFAULT_QUOTA);
    this.limiter.setLimit(rateLimit); // rejects a bad option here rather than on the first request
    const now = () => this.now();
    this.ingestion = new SongIngestion(this.dataset, now, INGESTION_DELAY_MS);
    const ctx: SoundchartsContext = {
      dataset: this.dataset,
      ingestion: this.ingestion,
      now,
      quotaRemaining: () => this.quota.remaining,
      rateLimit: () => this.limiter.limit,
    };
    const handlers = [
      new SoundchartsChartsHandler(ctx),
      new SoundchartsSongsHandler(ctx),
      new SoundchartsArtistsHandler(ctx),
      new SoundchartsSeriesHandler(ctx),
      new SoundchartsUsageHandler(ctx),
    ];
    for (const handler of handlers) handler.register(this.router);
    this.control = new SoundchartsControlHandler(this);
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

  quotaRemaining(): number {
    return this.quota.remaining;
  }

  setQuota(remaining: number): void {
    this.quota.set(remaining);
  }

  state(): SoundchartsEmulatorStateView {
    return {
      quotaRemaining: this.quota.remaining,
      rateLimit: this.limiter.limit,
      clockOffsetMs: this.clock.offsetMs,
      now: new Date(this.now()).toISOString(),
      faults: this.faultStore.list().length,
      ingestions: this.ingestion.list(),
    };
  }

  /** Back to the constructor's settings: quota, rate limit and window, no faults, empty log, clock offset 0,
   * pending songs not ingested. */
  reset(): void {
    this.resetShared();
    this.quota.reset();
    this.ingestion.reset();
  }

  override injectFault(spec: SoundchartsFaultSpec): SoundchartsFault {
    // A snapshot: the caller's copy does not count later firings.
    return { ...super.injectFault(spec) };
  }

  dataSummary(): SoundchartsDatasetSummary {
    return this.dataset.summary();
  }

  // ---- request pipeline ----

  protected override async handle(request: EmulatorRequest, res: ServerResponse): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.serve(request);
    } catch (err) {
      if (this.server.signal.aborted) {
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
    this.log.record({ ...this.logEntry(request, result.status), billed });
    writeResult(res, result);
  }

  private async serve(req: EmulatorRequest): Promise<Outcome> {
    const fault = await this.faultStore.takeAndDelay(req.method, req.pathname, this.server.signal);
    const faulted = fault ? faultResult(fault) : undefined;
    if (faulted) return { result: faulted, billable: false, authenticated: true };

    const appId = headerValue(req.headers, 'x-app-id');
    if (appId !== this.appId || headerValue(req.headers, 'x-api-key') !== this.apiKey) {
      return { result: errorResult(scErrors.notLoggedIn()), billable: false, authenticated: false };
    }
    const decision = this.limiter.hit(appId);
    if (!decision.allowed) {
      return {
        result: errorResult(scErrors.rateLimited(decision.waitSeconds)),
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
