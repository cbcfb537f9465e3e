// A Spotify look-alike over real HTTP (node:http, 127.0.0.1 only): accounts service, Web API under /v1 and a
// control API under /__sandbox/. One instance per test file; state lives in memory.
import type { ServerResponse } from 'node:http';
import {
  headerValue,
  SandboxEmulator,
  SandboxRouter,
  writeResult,
  type EmulatorRequest,
  type HandlerResult,
} from '../common';
import { SpotifyAccountsHandler } from './spotify-accounts.handler';
import type { SpotifyMode, SpotifyTokenJson } from './spotify-api.types';
import { bearerToken } from './spotify-bearer.guard';
import { SpotifyCatalog } from './spotify-catalog';
import type { SpotifyCatalogSummary } from './spotify-catalog.types';
import { SpotifyControlHandler } from './spotify-control.handler';
import { SpotifyDiscoveryHandler } from './spotify-discovery.handler';
import type { EmulatorContext, SpotifyEmulatorState } from './spotify-emulator.context';
import type {
  SpotifyEmulatorOps,
  SpotifyEmulatorStateView,
  SpotifyRequestLogEntry,
} from './spotify-emulator.ops';
import { apiErrors, SpotifyApiError, SpotifyAuthError } from './spotify-errors';
import { faultResult, SpotifyFaultStore, type SpotifyFaultSpec } from './spotify-faults';
import { SpotifyItemsHandler } from './spotify-items.handler';
import { SpotifyPlayerHandler } from './spotify-player.handler';
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
/** Spotify counts calls per rolling 30-second window per app (client id). */
const RATE_WINDOW_MS = 30_000;
const SERVER_ERROR = { error: { status: 500, message: 'Server error' } };

/** Accounts base at `url` (token endpoint: url + '/api/token'), Web API at `apiUrl`. */
export class SpotifyEmulator
  extends SandboxEmulator<SpotifyFaultSpec, SpotifyRequestLogEntry>
  implements SpotifyEmulatorOps
{
  readonly catalog: SpotifyCatalog;
  private readonly options: Required<Pick<SpotifyEmulatorOptions, 'mode' | 'omitGenres' | 'rateLimit'>>;
  private readonly tokens: SpotifyTokenStore;
  private readonly router = new SandboxRouter();
  private readonly emulatorState: SpotifyEmulatorState;
  protected readonly control: SpotifyControlHandler;

  constructor(opts: SpotifyEmulatorOptions = {}) {
    // The catalog first, as before: generating it is the slow part and the one that may throw.
    const catalog = opts.catalog ?? SpotifyCatalog.generate(opts.seed);
    const rateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
    super({
      name: 'SpotifyEmulator',
      logPrefix: 'spotify emulator',
      port: opts.port,
      now: opts.now,
      crashResult: { status: 500, body: SERVER_ERROR },
      faults: new SpotifyFaultStore(),
      rateLimit: { windowMs: RATE_WINDOW_MS, field: 'requestsPer30s', initial: rateLimit },
    });
    this.catalog = catalog;
    this.options = { mode: opts.mode ?? 'extended', omitGenres: opts.omitGenres ?? false, rateLimit };
    const now = () => this.now();
    this.tokens = new SpotifyTokenStore(now, opts.tokenTtlSeconds ?? 3600);
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
    const handlers = [
      new SpotifyAccountsHandler(ctx),
      new SpotifyItemsHandler(ctx),
      new SpotifyDiscoveryHandler(ctx),
      new SpotifySearchHandler(ctx),
      new SpotifyPlayerHandler(ctx),
    ];
    for (const handler of handlers) handler.register(this.router);
    this.control = new SpotifyControlHandler(this);
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

  state(): SpotifyEmulatorStateView {
    return {
      mode: this.emulatorState.mode,
      omitGenres: this.emulatorState.omitGenres,
      rateLimit: this.limiter.limit,
      authorizeDecision: this.emulatorState.authorizeDecision,
      clockOffsetMs: this.clock.offsetMs,
      now: new Date(this.now()).toISOString(),
    };
  }

  /** Back to the constructor's settings: no faults, empty log, fresh rate window, clock offset 0. Tokens stay. */
  reset(): void {
    this.resetShared();
    this.emulatorState.mode = this.options.mode;
    this.emulatorState.omitGenres = this.options.omitGenres;
    this.emulatorState.authorizeDecision = 'approve';
  }

  setMode(mode: SpotifyMode, options: { omitGenres?: boolean } = {}): void {
    this.emulatorState.mode = mode;
    if (options.omitGenres !== undefined) this.emulatorState.omitGenres = options.omitGenres;
  }

  setAuthorizeDecision(decision: 'approve' | 'deny'): void {
    this.emulatorState.authorizeDecision = decision;
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

  protected override async handle(request: EmulatorRequest, res: ServerResponse): Promise<void> {
    let result: HandlerResult;
    try {
      result = await this.serve(request);
    } catch (err) {
      if (this.server.signal.aborted) {
        res.destroy();
        return;
      }
      result = this.errorResult(err);
    }
    this.log.record(this.logEntry(request, result.status));
    writeResult(res, result);
  }

  private async serve(req: EmulatorRequest): Promise<HandlerResult> {
    const isApi = req.pathname === '/v1' || req.pathname.startsWith('/v1/');
    const isToken = req.pathname === '/api/token';
    if (isApi || isToken) {
      const fault = await this.faultStore.takeAndDelay(req.method, req.pathname, this.server.signal);
      const faulted = fault ? faultResult(fault) : undefined;
      if (faulted) return faulted;
      const decision = this.limiter.hit(await this.clientKey(req, isToken));
      if (!decision.allowed) throw apiErrors.rateLimited(decision.waitSeconds);
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
    this.server.logError(err);
    return { status: 500, body: SERVER_ERROR };
  }
}
