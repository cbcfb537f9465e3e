// A Spotify look-alike over real HTTP (node:http, 127.0.0.1 only): accounts service, Web API under /v1 and a
// control API under /__sandbox/. One instance per test file; state lives in memory.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SpotifyAccountsHandler } from './spotify-accounts.handler';
import type { SpotifyMode, SpotifyTokenJson } from './spotify-api.types';
import { bearerToken } from './spotify-bearer.guard';
import { SpotifyCatalog } from './spotify-catalog';
import type { SpotifyCatalogSummary } from './spotify-catalog.types';
import { SpotifyControlHandler } from './spotify-control.handler';
import { SpotifyDiscoveryHandler } from './spotify-discovery.handler';
import type { EmulatorContext, SpotifyEmulatorState } from './spotify-emulator.context';
import type { SpotifyEmulatorOps, SpotifyEmulatorStateView } from './spotify-emulator.ops';
import { apiErrors, SpotifyApiError, SpotifyAuthError } from './spotify-errors';
import { faultResult, SpotifyFaultStore, type SpotifyFault, type SpotifyFaultSpec } from './spotify-faults';
import {
  bodyReader,
  headerValue,
  queryObject,
  writeResult,
  type EmulatorRequest,
  type HandlerResult,
} from './spotify-http.util';
import { SpotifyItemsHandler } from './spotify-items.handler';
import { SpotifyPlayerHandler } from './spotify-player.handler';
import { RollingWindowRateLimiter } from './spotify-rate-limiter';
import { SpotifyRequestLog, type SpotifyRequestLogEntry } from './spotify-request-log';
import { SpotifyRouter } from './spotify-router';
import { SpotifySearchHandler } from './spotify-search.handler';
import { SpotifyTokenStore } from './spotify-token.store';

export interface SpotifyEmulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Which kind of Spotify app to imitate; default 'extended'. */
  mode?: SpotifyMode;
  /** In development mode, also drop artists' `genres` (deprecated by Spotify, may vanish). Default false. */
  omitGenres?: boolean;
  clientId?: string;
  clientSecret?: string;
  /** Requests per rolling 30 s window per client id before 429; default 600; false disables the limit. */
  rateLimit?: number | false;
  tokenTtlSeconds?: number;
  /** Clock in ms (recently-played growth, token expiry, rate window, log times); default Date.now. */
  now?: () => number;
  /** Catalog seed; the default gives the documented known ids. */
  seed?: number;
  /** Reuse an already generated catalog (saves ~100 ms per emulator). */
  catalog?: SpotifyCatalog;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';
const DEFAULT_RATE_LIMIT = 600;

export class SpotifyEmulator implements SpotifyEmulatorOps {
  readonly catalog: SpotifyCatalog;
  private readonly options: Required<Pick<SpotifyEmulatorOptions, 'mode' | 'omitGenres' | 'rateLimit'>>;
  private readonly baseNow: () => number;
  private clockOffsetMs = 0;
  private readonly tokens: SpotifyTokenStore;
  private readonly faultStore = new SpotifyFaultStore();
  private readonly log = new SpotifyRequestLog();
  private readonly limiter: RollingWindowRateLimiter;
  private readonly router = new SpotifyRouter();
  private readonly control: SpotifyControlHandler;
  private readonly emulatorState: SpotifyEmulatorState;
  private readonly requestedPort: number;
  private server: Server | undefined;
  private port = 0;
  private aborter = new AbortController();

  constructor(opts: SpotifyEmulatorOptions = {}) {
    this.catalog = opts.catalog ?? SpotifyCatalog.generate(opts.seed);
    this.options = {
      mode: opts.mode ?? 'extended',
      omitGenres: opts.omitGenres ?? false,
      rateLimit: opts.rateLimit ?? DEFAULT_RATE_LIMIT,
    };
    this.baseNow = opts.now ?? Date.now;
    this.requestedPort = opts.port ?? 0;
    const now = () => this.now();
    this.tokens = new SpotifyTokenStore(now, opts.tokenTtlSeconds ?? 3600);
    this.limiter = new RollingWindowRateLimiter(this.options.rateLimit, now);
    this.emulatorState = {
      mode: this.options.mode,
      omitGenres: this.options.omitGenres,
      authorizeDecision: 'approve',
      clientId: opts.clientId ?? DEFAULT_CLIENT_ID,
      clientSecret: opts.clientSecret ?? DEFAULT_CLIENT_SECRET,
    };
    const ctx: EmulatorContext = {
      catalog: this.catalog,
      tokens: this.tokens,
      state: this.emulatorState,
      now,
      apiUrl: () => this.apiUrl,
    };
    new SpotifyAccountsHandler(ctx).register(this.router);
    new SpotifyItemsHandler(ctx).register(this.router);
    new SpotifyDiscoveryHandler(ctx).register(this.router);
    new SpotifySearchHandler(ctx).register(this.router);
    new SpotifyPlayerHandler(ctx).register(this.router);
    this.control = new SpotifyControlHandler(this);
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.aborter = new AbortController();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        process.stderr.write(
          `spotify emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
        );
        if (!res.headersSent)
          writeResult(res, { status: 500, body: { error: { status: 500, message: 'Server error' } } });
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

  /** Accounts base, e.g. http://127.0.0.1:PORT (token endpoint: url + '/api/token'). */
  get url(): string {
    if (!this.server) throw new Error('SpotifyEmulator is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  get accountsUrl(): string {
    return this.url;
  }

  /** Web API base, e.g. http://127.0.0.1:PORT/v1. */
  get apiUrl(): string {
    return `${this.url}/v1`;
  }

  get clientId(): string {
    return this.emulatorState.clientId;
  }

  get clientSecret(): string {
    return this.emulatorState.clientSecret;
  }

  get mode(): SpotifyMode {
    return this.emulatorState.mode;
  }

  // ---- control operations (also reachable over HTTP under /__sandbox/) ----

  now(): number {
    return this.baseNow() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  state(): SpotifyEmulatorStateView {
    return {
      mode: this.emulatorState.mode,
      omitGenres: this.emulatorState.omitGenres,
      rateLimit: this.limiter.requestsPer30s,
      authorizeDecision: this.emulatorState.authorizeDecision,
      clockOffsetMs: this.clockOffsetMs,
      now: new Date(this.now()).toISOString(),
    };
  }

  /** Back to the constructor's settings: no faults, empty log, fresh rate window, clock offset 0. Tokens stay. */
  reset(): void {
    this.faultStore.clear();
    this.log.clear();
    this.limiter.reset();
    this.limiter.setLimit(this.options.rateLimit);
    this.emulatorState.mode = this.options.mode;
    this.emulatorState.omitGenres = this.options.omitGenres;
    this.emulatorState.authorizeDecision = 'approve';
    this.clockOffsetMs = 0;
  }

  setMode(mode: SpotifyMode, options: { omitGenres?: boolean } = {}): void {
    this.emulatorState.mode = mode;
    if (options.omitGenres !== undefined) this.emulatorState.omitGenres = options.omitGenres;
  }

  setRateLimit(requestsPer30s: number | false): void {
    this.limiter.setLimit(requestsPer30s);
    this.limiter.reset();
  }

  setAuthorizeDecision(decision: 'approve' | 'deny'): void {
    this.emulatorState.authorizeDecision = decision;
  }

  injectFault(spec: SpotifyFaultSpec): SpotifyFault {
    return this.faultStore.add(spec);
  }

  faults(): readonly SpotifyFault[] {
    return this.faultStore.list();
  }

  removeFault(id: string): boolean {
    return this.faultStore.remove(id);
  }

  clearFaults(): void {
    this.faultStore.clear();
  }

  requestLog(): readonly SpotifyRequestLogEntry[] {
    return this.log.list();
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  /** Every access token issued so far answers 401 "The access token expired". */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  revokeRefreshTokens(refreshToken?: string): number {
    return this.tokens.revokeRefreshTokens(refreshToken);
  }

  catalogSummary(): SpotifyCatalogSummary {
    return this.catalog.summary();
  }

  /** A client-credentials token without an HTTP round trip (not in the request log). */
  issueClientToken(): SpotifyTokenJson {
    const info = this.tokens.issueAccessToken('client', this.clientId, '');
    return { access_token: info.token, token_type: 'Bearer', expires_in: this.tokens.accessTokenTtlSeconds };
  }

  /** A listener token (as if /authorize + code exchange happened), with a refresh token. */
  issueUserToken(
    scope = 'user-read-recently-played user-read-private user-read-email',
  ): Required<SpotifyTokenJson> {
    const userId = this.catalog.listener.id;
    const info = this.tokens.issueAccessToken('user', this.clientId, scope, userId);
    return {
      access_token: info.token,
      token_type: 'Bearer',
      expires_in: this.tokens.accessTokenTtlSeconds,
      scope,
      refresh_token: this.tokens.issueRefreshToken(this.clientId, userId, scope),
    };
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
    let result: HandlerResult;
    try {
      result = await this.serve(request);
    } catch (err) {
      if (this.aborter.signal.aborted) {
        res.destroy();
        return;
      }
      result = this.errorResult(err);
    }
    this.log.record({
      method: request.method,
      path: request.pathname,
      query: queryObject(request.query),
      time: new Date(this.now()).toISOString(),
      status: result.status,
    });
    writeResult(res, result);
  }

  private async serve(req: EmulatorRequest): Promise<HandlerResult> {
    const isApi = req.pathname === '/v1' || req.pathname.startsWith('/v1/');
    const isToken = req.pathname === '/api/token';
    if (isApi || isToken) {
      const fault = this.faultStore.take(req.method, req.pathname);
      if (fault?.delayMs !== undefined)
        await sleep(fault.delayMs, undefined, { signal: this.aborter.signal });
      const faulted = fault ? faultResult(fault) : undefined;
      if (faulted) return faulted;
      const decision = this.limiter.hit(await this.clientKey(req, isToken));
      if (!decision.allowed) throw apiErrors.rateLimited(decision.retryAfterSeconds);
    }
    const match = this.router.match(req.method, req.pathname);
    switch (match.kind) {
      case 'not-found':
        throw apiErrors.serviceNotFound();
      case 'method-not-allowed':
        throw apiErrors.methodNotAllowed();
      case 'found':
        return match.handler(req, match.params);
    }
  }

  /** Rate limits are per app: attribute the call to the client id behind its token or credentials. */
  private async clientKey(req: EmulatorRequest, isToken: boolean): Promise<string> {
    if (!isToken) {
      const token = bearerToken(req);
      return (token && this.tokens.clientIdOf(token)) ?? 'anonymous';
    }
    const basic = /^Basic\s+(\S+)/i.exec(headerValue(req.headers, 'authorization') ?? '');
    if (basic) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
    return new URLSearchParams(await req.body()).get('client_id') ?? 'anonymous';
  }

  private errorResult(err: unknown): HandlerResult {
    if (err instanceof SpotifyApiError)
      return { status: err.status, body: err.toJson(), headers: err.headers };
    if (err instanceof SpotifyAuthError) return { status: err.status, body: err.toJson() };
    process.stderr.write(
      `spotify emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return { status: 500, body: { error: { status: 500, message: 'Server error' } } };
  }
}
