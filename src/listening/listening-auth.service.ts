import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApiKeyService } from 'src/auth/api-key.service';
import { hasRole } from 'src/auth/roles';
import {
  BadUserInputError,
  DomainError,
  ForbiddenError,
  UnauthenticatedError,
  UpstreamUnavailableError,
} from 'src/common/domain-errors';
import { AppConfig } from 'src/config';
import { JobsService } from 'src/jobs';
import {
  SpotifyApiError,
  SpotifyAuthorizationTokens,
  SpotifyCurrentUser,
  SpotifyInvalidGrantError,
  SpotifyOAuthError,
  SpotifyService,
} from 'src/spotify';
import { ListenerEntity } from './entities/listener.entity';
import { ListenerTokenVault } from './listener-token.vault';
import { ListenersRepository } from './listeners.repository';
import { LISTENING_POLL_JOB } from './listening-jobs';
import { isTimeZone } from './time-buckets';

/** What Soundgraph asks a listener for: nothing but their recently played. */
export const LISTENER_SCOPES = ['user-read-recently-played'] as const;
/** How long a login may take between our redirect and Spotify's callback. */
export const STATE_TTL_MS = 10 * 60_000;
/** How long a login link minted through GraphQL stays valid (it may be sent to the listener first). */
export const LOGIN_LINK_TTL_MS = 60 * 60_000;

const hashState = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

export interface ConnectParams {
  timeZone?: string;
  /** A label for a new listener; Spotify's display name otherwise. */
  name?: string;
}

export interface LoginParams extends ConnectParams {
  /** The operator's API key (`?key=` or `Authorization: Bearer`). */
  key: string | undefined;
}

/** Spotify's authorize URL with a fresh single-use state: whoever opens it before `expiresAt` connects. */
export interface LoginLink {
  url: string;
  expiresAt: Date;
}

export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
}

/**
 * Connecting a listener: an operator starts the login (their key is checked, since every connected listener is
 * polled and Spotify allows development-mode apps five users); Spotify sends the browser back to the callback,
 * which is public and trusts nothing but a state it issued itself, once, within ten minutes (an hour for a login
 * link minted through GraphQL).
 */
@Injectable()
export class ListeningAuthService {
  private readonly logger = new Logger(ListeningAuthService.name);
  /** The API's own key check, built here: the CLI, which has this module too, has no auth module. */
  private readonly keys: ApiKeyService;

  constructor(
    private readonly spotify: SpotifyService,
    private readonly config: AppConfig,
    private readonly listeners: ListenersRepository,
    private readonly vault: ListenerTokenVault,
    private readonly jobs: JobsService,
  ) {
    this.keys = new ApiKeyService(config);
  }

  /** Checks the key, records a single-use state, and returns Spotify's authorize URL to redirect to. */
  async login(params: LoginParams): Promise<string> {
    if (params.key === undefined || params.key === '') {
      throw new UnauthenticatedError('an operator API key is required: ?key=<key> or Authorization: Bearer');
    }
    const role = this.keys.roleFor(params.key);
    if (role === undefined) throw new UnauthenticatedError('the API key is not valid');
    if (!hasRole(role, 'operator')) throw new ForbiddenError('operator');
    return (await this.authorize(params, STATE_TTL_MS)).url;
  }

  /**
   * A login link for an operator already authenticated (GraphQL): Spotify's authorize URL with a single-use state
   * valid for LOGIN_LINK_TTL_MS. It carries no key, so it can be opened anywhere, or sent to the listener.
   */
  loginLink(params: ConnectParams): Promise<LoginLink> {
    return this.authorize(params, LOGIN_LINK_TTL_MS);
  }

  private async authorize(params: ConnectParams, ttlMs: number): Promise<LoginLink> {
    const timeZone = params.timeZone?.trim() || null;
    if (timeZone !== null && !isTimeZone(timeZone)) {
      throw new BadUserInputError('timeZone', `"${timeZone}" is not an IANA time zone`);
    }
    const name = params.name?.trim() || null;
    if (name !== null && name.length > 200)
      throw new BadUserInputError('name', 'must be at most 200 characters');

    const state = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.listeners.insertState({ stateHash: hashState(state), timeZone, displayName: name, expiresAt });
    return { url: this.spotify.authorizeUrl({ state, scopes: LISTENER_SCOPES }), expiresAt };
  }

  /** Spotify's redirect: state checked (and spent), code exchanged, token sealed, listener created or renewed. */
  async callback(params: CallbackParams): Promise<ListenerEntity> {
    if (!params.state) throw new BadUserInputError('state', 'is missing');
    const pending = await this.listeners.consumeState(hashState(params.state));
    if (!pending) throw new BadUserInputError('state', 'is unknown, expired or already used');
    if (params.error) {
      throw new BadUserInputError('error', `Spotify did not authorize the listener (${params.error})`);
    }
    if (!params.code) throw new BadUserInputError('code', 'is missing');

    let tokens: SpotifyAuthorizationTokens;
    try {
      tokens = await this.spotify.exchangeAuthorizationCode(params.code);
    } catch (error) {
      if (error instanceof SpotifyInvalidGrantError) {
        throw new BadUserInputError(
          'code',
          `Spotify refused the code (${error.description ?? 'invalid_grant'})`,
        );
      }
      if (error instanceof SpotifyOAuthError) throw new UpstreamUnavailableError('Spotify', error.message);
      throw error;
    }
    let user: SpotifyCurrentUser;
    try {
      user = await this.spotify.currentUser(tokens.accessToken);
    } catch (error) {
      // Development-mode apps answer 403 for users not added in the Developer Dashboard (five at most).
      if (error instanceof SpotifyApiError && error.status === 403) {
        throw new DomainError(
          'FORBIDDEN',
          `Spotify refused this user (${error.spotifyMessage ?? '403'}): a development-mode app must list them ` +
            'under User Management in the Spotify Developer Dashboard',
        );
      }
      throw error;
    }
    const existing = await this.listeners.bySpotifyUserId(user.id);
    const intended = existing?.id ?? randomUUID();
    const id = await this.listeners.connect({
      id: intended,
      spotifyUserId: user.id,
      // a label given at login wins; a returning listener keeps theirs, a new one gets Spotify's display name
      displayName: pending.displayName ?? (existing ? null : user.displayName),
      timeZone: pending.timeZone,
      defaultTimeZone: this.config.tzAnalytics,
      refreshTokenSealed: this.vault.seal(intended, tokens.refreshToken),
      tokenScope: tokens.scope ?? null,
    });
    // Another callback for the same Spotify user created the row first: the token is bound to the row's id.
    if (id !== intended) await this.listeners.storeRefreshToken(id, this.vault.seal(id, tokens.refreshToken));
    const zoneChanged =
      existing !== null && pending.timeZone !== null && pending.timeZone !== existing.timeZone;
    // The history so far, without waiting for the schedule.
    await this.jobs.enqueue(LISTENING_POLL_JOB, { listenerIds: [id], refreshSummaries: zoneChanged });
    this.logger.log(`listener ${id} connected Spotify user ${user.id}`);
    return (await this.listeners.byId(id))!;
  }
}
