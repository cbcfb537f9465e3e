import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type {
  SpotifyAlbum,
  SpotifyArtist,
  SpotifyAudioFeatures,
  SpotifyRecentlyPlayed,
  SpotifyRecommendations,
  SpotifySearchResult,
  SpotifyTrack,
} from './spotify-api.types';
import { SpotifyApiError, SpotifyAuthenticationError, SpotifyUserTokenRejectedError } from './spotify.errors';
import { SpotifyHttp, SpotifyHttpResponse } from './spotify-http';
import { assertSpotifyIds } from './spotify-ids';
import {
  errorMessage,
  parseAlbum,
  parseArtist,
  parseAudioFeatures,
  parseList,
  parseMarkets,
  parseMultiGet,
  parseRecentlyPlayed,
  parseRecommendations,
  parseSearch,
  parseTrack,
} from './spotify-json';
import { SpotifyTokenManager } from './spotify-token.manager';

/** Spotify's documented multi-get limits. */
export const MULTI_GET_LIMITS = { tracks: 50, artists: 50, albums: 20, audioFeatures: 100 } as const;

type Query = Record<string, string | number | undefined>;
/** The app's client-credentials token, or a listener's access token (recently played). */
type Auth = { kind: 'app' } | { kind: 'listener'; accessToken: string };
const APP: Auth = { kind: 'app' };

export interface SearchParams {
  q: string;
  type: ('track' | 'artist')[];
  limit: number;
  offset?: number;
}

export interface RecommendationParams {
  seedArtists?: string[];
  seedTracks?: string[];
  seedGenres?: string[];
  limit?: number;
}

export interface RecentlyPlayedParams {
  /** 1..50 (default 20). */
  limit?: number;
  /** Unix ms: plays after this instant (pages forward in time). */
  after?: number;
  /** Unix ms: plays before this instant (pages backward). */
  before?: number;
}

function checkCount(ids: readonly string[], max: number): void {
  if (ids.length === 0 || ids.length > max)
    throw new Error(`a multi-get takes 1..${max} ids, not ${ids.length}`);
}

/**
 * The only code that builds Spotify URLs and reads its answers. Each method is one Spotify call (made under the
 * request policy of SpotifyHttp) and returns typed results: `null` for a well-formed id Spotify does not know,
 * `SpotifyApiError` for any other refusal, so the capability layer above can tell "gone for this app" from "no".
 */
@Injectable()
export class SpotifyClient {
  constructor(
    private readonly config: AppConfig,
    private readonly http: SpotifyHttp,
    private readonly tokens: SpotifyTokenManager,
  ) {}

  async track(id: string): Promise<SpotifyTrack | null> {
    assertSpotifyIds([id]);
    return this.single('GET /tracks/{id}', `/tracks/${id}`, parseTrack);
  }

  async tracks(ids: readonly string[]): Promise<(SpotifyTrack | null)[]> {
    return this.multi('GET /tracks', '/tracks', 'tracks', ids, MULTI_GET_LIMITS.tracks, parseTrack);
  }

  async artist(id: string): Promise<SpotifyArtist | null> {
    assertSpotifyIds([id]);
    return this.single('GET /artists/{id}', `/artists/${id}`, parseArtist);
  }

  async artists(ids: readonly string[]): Promise<(SpotifyArtist | null)[]> {
    return this.multi('GET /artists', '/artists', 'artists', ids, MULTI_GET_LIMITS.artists, parseArtist);
  }

  async album(id: string): Promise<SpotifyAlbum | null> {
    assertSpotifyIds([id]);
    return this.single('GET /albums/{id}', `/albums/${id}`, parseAlbum);
  }

  async albums(ids: readonly string[]): Promise<(SpotifyAlbum | null)[]> {
    return this.multi('GET /albums', '/albums', 'albums', ids, MULTI_GET_LIMITS.albums, parseAlbum);
  }

  async audioFeatures(ids: readonly string[]): Promise<(SpotifyAudioFeatures | null)[]> {
    return this.multi(
      'GET /audio-features',
      '/audio-features',
      'audio_features',
      ids,
      MULTI_GET_LIMITS.audioFeatures,
      parseAudioFeatures,
    );
  }

  /** Null when Spotify does not know the artist. Spotify requires a market here. */
  async artistTopTracks(id: string, market: string): Promise<SpotifyTrack[] | null> {
    assertSpotifyIds([id]);
    const endpoint = 'GET /artists/{id}/top-tracks';
    const res = await this.get(endpoint, `/artists/${id}/top-tracks`, { market });
    if (res.status === 404) return null;
    return parseList(this.ok(endpoint, res), 'tracks', parseTrack);
  }

  /** A 404 here is ambiguous (unknown artist, or an endpoint gone since 2024): it is left to the caller. */
  async relatedArtists(id: string): Promise<SpotifyArtist[]> {
    assertSpotifyIds([id]);
    const endpoint = 'GET /artists/{id}/related-artists';
    const res = await this.get(endpoint, `/artists/${id}/related-artists`);
    return parseList(this.ok(endpoint, res), 'artists', parseArtist);
  }

  async recommendations(params: RecommendationParams): Promise<SpotifyRecommendations> {
    assertSpotifyIds([...(params.seedArtists ?? []), ...(params.seedTracks ?? [])], 'seeds');
    const endpoint = 'GET /recommendations';
    const res = await this.get(endpoint, '/recommendations', {
      seed_artists: params.seedArtists?.join(','),
      seed_tracks: params.seedTracks?.join(','),
      seed_genres: params.seedGenres?.join(','),
      limit: params.limit,
    });
    return parseRecommendations(this.ok(endpoint, res));
  }

  async markets(): Promise<string[]> {
    const endpoint = 'GET /markets';
    return parseMarkets(this.ok(endpoint, await this.get(endpoint, '/markets')));
  }

  async search(params: SearchParams): Promise<SpotifySearchResult> {
    const endpoint = 'GET /search';
    const res = await this.get(endpoint, '/search', {
      q: params.q,
      type: params.type.join(','),
      limit: params.limit,
      offset: params.offset,
    });
    return parseSearch(this.ok(endpoint, res));
  }

  /** Throws `SpotifyUserTokenRejectedError` when the listener's token is refused: refresh it and call again. */
  async recentlyPlayed(accessToken: string, params: RecentlyPlayedParams): Promise<SpotifyRecentlyPlayed> {
    const endpoint = 'GET /me/player/recently-played';
    const res = await this.get(
      endpoint,
      '/me/player/recently-played',
      { limit: params.limit, after: params.after, before: params.before },
      { kind: 'listener', accessToken },
    );
    return parseRecentlyPlayed(this.ok(endpoint, res));
  }

  private async single<T>(endpoint: string, path: string, parse: (v: unknown) => T): Promise<T | null> {
    const res = await this.get(endpoint, path);
    return res.status === 404 ? null : parse(this.ok(endpoint, res));
  }

  private async multi<T>(
    endpoint: string,
    path: string,
    key: string,
    ids: readonly string[],
    max: number,
    parse: (v: unknown) => T,
  ): Promise<(T | null)[]> {
    checkCount(ids, max);
    assertSpotifyIds(ids, 'ids');
    const res = await this.get(endpoint, path, { ids: ids.join(',') });
    return parseMultiGet(this.ok(endpoint, res), key, ids.length, parse);
  }

  /** The body of a 2xx answer; any other status becomes a `SpotifyApiError`. */
  private ok(endpoint: string, res: SpotifyHttpResponse): unknown {
    if (res.status >= 200 && res.status < 300) return res.data;
    throw new SpotifyApiError(res.status, endpoint, errorMessage(res.data));
  }

  /** A GET under the request policy; a refused app token is renewed once and the call made once more. */
  private async get(endpoint: string, path: string, query: Query = {}, auth: Auth = APP) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    const url = `${this.config.spotify.apiUrl.replace(/\/$/, '')}${path}${search ? `?${search}` : ''}`;
    const send = (token: string) =>
      this.http.send({ endpoint, method: 'GET', url, headers: { Authorization: `Bearer ${token}` } });

    if (auth.kind === 'listener') {
      const res = await send(auth.accessToken);
      if (res.status === 401) throw new SpotifyUserTokenRejectedError(endpoint, errorMessage(res.data));
      return res;
    }
    const token = await this.tokens.clientToken();
    const res = await send(token);
    if (res.status !== 401) return res;
    this.tokens.invalidate(token);
    this.http.countRetry(endpoint, 'token');
    const retried = await send(await this.tokens.clientToken());
    if (retried.status === 401) {
      throw new SpotifyAuthenticationError(
        `${endpoint} refused a fresh app token (${errorMessage(retried.data)})`,
      );
    }
    return retried;
  }
}
