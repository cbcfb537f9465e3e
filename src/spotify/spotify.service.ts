import { Injectable, OnModuleInit } from '@nestjs/common';
import { BadUserInputError } from 'src/common/domain-errors';
import { LoaderRegistry, RequestLoaders } from 'src/common/loaders';
import { AppConfig } from 'src/config';
import type {
  SpotifyArtist,
  SpotifyRecentlyPlayed,
  SpotifyRecommendations,
  SpotifySearchResult,
  SpotifyTrack,
  SpotifyUserTokens,
} from './spotify-api.types';
import { SpotifyApiError, SpotifyCapabilityUnavailableError } from './spotify.errors';
import { SpotifyBatchFetcher } from './spotify-batch.fetcher';
import { CapabilityState, EffectiveSpotifyMode, SpotifyCapabilityName } from './spotify-capabilities';
import { SpotifyCapabilities } from './spotify-capability.service';
import { RecentlyPlayedParams, RecommendationParams, SpotifyClient } from './spotify.client';
import { assertIsrc, assertSpotifyIds } from './spotify-ids';
import {
  BatchLoad,
  createSpotifyLoader,
  createSpotifyLoaders,
  SPOTIFY_LOADERS,
  SpotifyLookups,
} from './spotify-lookups';
import { SpotifyRateGate } from './spotify-rate-gate';
import { SpotifyTokenManager } from './spotify-token.manager';
import {
  AuthorizeUrlParams,
  SpotifyAuthorizationTokens,
  SpotifyCurrentUser,
  SpotifyUserAuth,
} from './spotify-user-auth';
import { artistQuery, isrcQuery, trackQuery } from './spotify-search-query';

/** Search page sizes: development-mode apps may ask for at most 10 results per type, extended ones 50. */
export const SEARCH_LIMITS = { development: 10, extended: 50 } as const;

export interface SpotifyStatusView {
  mode: EffectiveSpotifyMode;
  configuredMode: EffectiveSpotifyMode;
  sandbox: boolean;
  rateLimitedUntil: Date | null;
  capabilities: CapabilityState[];
}

const refused = (error: unknown): error is SpotifyApiError =>
  error instanceof SpotifyApiError && (error.status === 403 || error.status === 404);

/**
 * The Spotify module's public face: batched lookups (per GraphQL request or per job), the searches the catalog
 * needs, artist insights, listeners' OAuth and recently played, and what this Spotify app can do. Every call goes through
 * the shared request policy; a long rate limit throws `SpotifyRateLimitedError` (a `JobRescheduleError`), an
 * outage `SpotifyUnavailableError` (UPSTREAM_UNAVAILABLE), a missing capability
 * `SpotifyCapabilityUnavailableError`.
 */
@Injectable()
export class SpotifyService implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly client: SpotifyClient,
    private readonly tokens: SpotifyTokenManager,
    private readonly capabilities: SpotifyCapabilities,
    private readonly fetcher: SpotifyBatchFetcher,
    private readonly gate: SpotifyRateGate,
    private readonly loaderRegistry: LoaderRegistry,
    private readonly userAuth: SpotifyUserAuth,
  ) {}

  onModuleInit(): void {
    const load: BatchLoad = (kind, ids) => this.fetcher.load(kind, ids);
    // One factory per kind: each GraphQL request builds only the loaders it uses.
    for (const kind of ['tracks', 'artists', 'albums', 'audioFeatures'] as const) {
      this.loaderRegistry.register(SPOTIFY_LOADERS[kind], () => createSpotifyLoader(load, kind, 'request'));
    }
  }

  /** Lookups cached for one GraphQL request (pass the `@Loaders()` of the resolver). */
  forRequest(loaders: RequestLoaders): SpotifyLookups {
    return SpotifyLookups.fromRequest(loaders);
  }

  /** Lookups cached for as long as the caller keeps them (one job run, or one chunk of a long one). */
  forJob(): SpotifyLookups {
    return new SpotifyLookups(createSpotifyLoaders((kind, ids) => this.fetcher.load(kind, ids), 'job'));
  }

  /** The largest search page this app may ask for. */
  async searchLimit(): Promise<number> {
    return (await this.capabilities.get('search.limit50')) === false
      ? SEARCH_LIMITS.development
      : SEARCH_LIMITS.extended;
  }

  /** Tracks carrying this ISRC (one ISRC can be on a single, an album and a deluxe edition). */
  async searchByIsrc(isrc: string, options: { limit?: number } = {}): Promise<SpotifyTrack[]> {
    const result = await this.search(isrcQuery(assertIsrc(isrc)), 'track', options.limit);
    return result.tracks?.items ?? [];
  }

  /** `track:"…" artist:"…"`; at most `limit` (default: the most this app may ask for). */
  async searchTrack(input: { title: string; artist?: string; limit?: number }): Promise<SpotifyTrack[]> {
    if (input.title.trim() === '') throw new BadUserInputError('title', 'must not be empty');
    const result = await this.search(trackQuery(input), 'track', input.limit);
    return result.tracks?.items ?? [];
  }

  async searchArtist(name: string, options: { limit?: number } = {}): Promise<SpotifyArtist[]> {
    if (name.trim() === '') throw new BadUserInputError('name', 'must not be empty');
    const result = await this.search(artistQuery(name), 'artist', options.limit);
    return result.artists?.items ?? [];
  }

  /** The artist's top tracks in `market`; null when Spotify does not know the artist. */
  async artistTopTracks(artistId: string, market: string): Promise<SpotifyTrack[] | null> {
    assertSpotifyIds([artistId], 'artistId');
    if (!/^[A-Z]{2}$/.test(market))
      throw new BadUserInputError('market', 'must be an ISO 3166-1 alpha-2 code');
    return this.guarded('artists.topTracks', 'GET /artists/{id}/top-tracks', () =>
      this.client.artistTopTracks(artistId, market),
    );
  }

  /** Null when Spotify does not know the artist. */
  async relatedArtists(artistId: string): Promise<SpotifyArtist[] | null> {
    assertSpotifyIds([artistId], 'artistId');
    return this.guarded<SpotifyArtist[] | null>(
      'relatedArtists',
      'GET /artists/{id}/related-artists',
      () => this.client.relatedArtists(artistId),
      // A 404 means "unknown artist" or "endpoint gone": an artist lookup (still offered to every app) tells which.
      async (error) =>
        error.status === 404 && (await this.client.artist(artistId)) === null ? null : undefined,
    );
  }

  async recommendations(params: RecommendationParams): Promise<SpotifyRecommendations> {
    return this.guarded('recommendations', 'GET /recommendations', () => this.client.recommendations(params));
  }

  async markets(): Promise<string[]> {
    return this.guarded('markets', 'GET /markets', () => this.client.markets());
  }

  /**
   * A listener's plays (their access token; refresh it with `refreshUserToken` when this throws
   * `SpotifyUserTokenRejectedError`). Only the last 50 plays exist; page forward with `after` = the newest
   * `played_at` already stored (Unix ms).
   */
  async recentlyPlayed(
    accessToken: string,
    params: RecentlyPlayedParams = {},
  ): Promise<SpotifyRecentlyPlayed> {
    const { limit, after, before } = params;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 50)) {
      throw new BadUserInputError('limit', 'must be 1..50');
    }
    if (after !== undefined && before !== undefined) {
      throw new BadUserInputError('after', 'only one of after and before may be given');
    }
    for (const [field, value] of [
      ['after', after],
      ['before', before],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        throw new BadUserInputError(field, 'must be a Unix time in milliseconds');
      }
    }
    return this.client.recentlyPlayed(accessToken, params);
  }

  /**
   * Where to send a listener's browser to connect their account (`{accounts}/authorize`, response type `code`).
   * Throws `SpotifyUnavailableError` when no client id is configured.
   */
  authorizeUrl(params: AuthorizeUrlParams): string {
    return this.userAuth.authorizeUrl(params);
  }

  /**
   * The authorization-code exchange of a listener's login (`POST /api/token`). Throws `SpotifyInvalidGrantError`
   * when the code is unknown, used, expired or was issued for another redirect URI, `SpotifyOAuthError` for any
   * other OAuth error.
   */
  exchangeAuthorizationCode(code: string, redirectUri?: string): Promise<SpotifyAuthorizationTokens> {
    return this.userAuth.exchangeAuthorizationCode(code, redirectUri);
  }

  /** `GET /me` with a listener's access token: their Spotify user id and display name. */
  currentUser(accessToken: string): Promise<SpotifyCurrentUser> {
    return this.userAuth.currentUser(accessToken);
  }

  /** Throws `SpotifyInvalidGrantError` when the refresh token expired or was revoked. */
  refreshUserToken(refreshToken: string): Promise<SpotifyUserTokens> {
    return this.tokens.refreshUserToken(refreshToken);
  }

  /** true / false, or undefined while not learned yet (auto mode: try, and the answer teaches it). */
  capability(name: SpotifyCapabilityName): Promise<boolean | undefined> {
    return this.capabilities.get(name);
  }

  async status(): Promise<SpotifyStatusView> {
    const [mode, capabilities, block] = await Promise.all([
      this.capabilities.mode(),
      this.capabilities.list(),
      this.gate.current(),
    ]);
    return {
      mode,
      configuredMode: this.config.spotify.apiMode.toUpperCase() as EffectiveSpotifyMode,
      sandbox: this.config.spotify.sandboxed,
      rateLimitedUntil: block?.until ?? null,
      capabilities,
    };
  }

  private async search(
    q: string,
    type: 'track' | 'artist',
    requested?: number,
  ): Promise<SpotifySearchResult> {
    if (
      requested !== undefined &&
      (!Number.isInteger(requested) || requested < 1 || requested > SEARCH_LIMITS.extended)
    ) {
      throw new BadUserInputError('limit', `must be 1..${SEARCH_LIMITS.extended}`);
    }
    const wanted = requested ?? SEARCH_LIMITS.extended;
    if (wanted > SEARCH_LIMITS.development && (await this.capabilities.get('search.limit50')) === undefined) {
      // Unknown whether wide pages are allowed: the first search finds out while the others wait for the answer,
      // so a development-mode app meets one 400, not one per search in flight.
      if (!this.searchProbe) {
        const mine = this.wideSearch(q, type, wanted);
        this.searchProbe = mine.then(
          () => undefined,
          () => undefined,
        );
        void this.searchProbe.finally(() => (this.searchProbe = undefined));
        return mine;
      }
      await this.searchProbe;
    }
    return this.wideSearch(q, type, wanted);
  }

  /** Settles when the search that is learning `search.limit50` has its answer. */
  private searchProbe?: Promise<void>;

  /**
   * One search at the widest page this app allows, learning `search.limit50` from the answer. Spotify does not
   * document the wording of its "limit too high" 400, so any 400 on a wide search gets one retry at 10: when that
   * one is accepted, wide pages are not allowed (learned); when it is refused too, the 400 was about something else.
   */
  private async wideSearch(
    q: string,
    type: 'track' | 'artist',
    wanted: number,
  ): Promise<SpotifySearchResult> {
    const limit = Math.min(wanted, await this.searchLimit());
    const wide = limit > SEARCH_LIMITS.development;
    try {
      const result = await this.client.search({ q, type: [type], limit });
      if (wide) {
        await this.capabilities.record([
          { name: 'search.limit50', available: true, reason: `GET /search accepted limit=${limit}` },
        ]);
      }
      return result;
    } catch (error) {
      if (!(wide && error instanceof SpotifyApiError && error.status === 400)) throw error;
      const narrow = await this.client.search({ q, type: [type], limit: SEARCH_LIMITS.development });
      await this.capabilities.record([
        {
          name: 'search.limit50',
          available: false,
          reason: `GET /search refused limit=${limit} (400) and accepted limit=${SEARCH_LIMITS.development}`,
        },
      ]);
      return narrow;
    }
  }

  /**
   * Calls an endpoint some apps lack: refuses at once when it is known to be missing, learns from 403/404, and
   * lets `onRefusal` turn a refusal into a result (undefined: it is a refusal after all).
   */
  private async guarded<T>(
    name: SpotifyCapabilityName,
    endpoint: string,
    call: () => Promise<T>,
    onRefusal?: (error: SpotifyApiError) => Promise<T | undefined>,
  ): Promise<T> {
    if ((await this.capabilities.get(name)) === false) {
      throw new SpotifyCapabilityUnavailableError(name, this.capabilities.reason(name));
    }
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (!refused(error)) throw error;
      const recovered = onRefusal ? await onRefusal(error) : undefined;
      if (recovered !== undefined) return recovered;
      const reason = `${endpoint} answered ${error.status}`;
      await this.capabilities.record([{ name, available: false, reason }]);
      throw new SpotifyCapabilityUnavailableError(name, reason);
    }
    // null (unknown id) proves nothing about the endpoint
    if (result !== null)
      await this.capabilities.record([{ name, available: true, reason: `${endpoint} answered 200` }]);
    return result;
  }
}
