// A listener's side of the accounts service: the authorize URL, the authorization-code exchange and `GET /me`
// (shared/providers/spotify-api.md §1.2). Internal to the Spotify module: other modules call these through
// SpotifyService (`authorizeUrl`, `exchangeAuthorizationCode`, `currentUser`).
import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import {
  SpotifyApiError,
  SpotifyInvalidGrantError,
  SpotifyOAuthError,
  SpotifyUnavailableError,
  SpotifyUserTokenRejectedError,
} from './spotify.errors';
import { SpotifyHttp } from './spotify-http';
import { errorMessage } from './spotify-json';

/** What the authorization-code exchange returns: Spotify always sends a refresh token with it. */
export interface SpotifyAuthorizationTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scope: string | undefined;
}

export interface SpotifyCurrentUser {
  id: string;
  displayName: string | null;
}

export interface AuthorizeUrlParams {
  state: string;
  scopes: readonly string[];
  redirectUri?: string;
  /** Ask Spotify to show the consent screen even when the user approved before (switching accounts). */
  showDialog?: boolean;
}

const trimSlash = (url: string) => url.replace(/\/$/, '');

/** `GET {accounts}/authorize?client_id&response_type=code&redirect_uri&scope&state[&show_dialog]`. */
export function spotifyAuthorizeUrl(config: AppConfig, params: AuthorizeUrlParams): string {
  const { clientId, accountsUrl, redirectUri } = config.spotify;
  if (!clientId) throw new SpotifyUnavailableError('no client credentials are configured');
  const url = new URL(`${trimSlash(accountsUrl)}/authorize`);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', params.redirectUri ?? redirectUri);
  url.searchParams.set('scope', params.scopes.join(' '));
  url.searchParams.set('state', params.state);
  if (params.showDialog) url.searchParams.set('show_dialog', 'true');
  return url.toString();
}

@Injectable()
export class SpotifyUserAuth {
  constructor(
    private readonly config: AppConfig,
    private readonly http: SpotifyHttp,
  ) {}

  authorizeUrl(params: AuthorizeUrlParams): string {
    return spotifyAuthorizeUrl(this.config, params);
  }

  /**
   * `POST /api/token` with `grant_type=authorization_code`. Throws `SpotifyInvalidGrantError` when the code is
   * unknown, used, expired or was issued for another redirect URI.
   */
  async exchangeAuthorizationCode(
    code: string,
    redirectUri = this.config.spotify.redirectUri,
  ): Promise<SpotifyAuthorizationTokens> {
    const { clientId, clientSecret, accountsUrl } = this.config.spotify;
    if (!clientId || !clientSecret) throw new SpotifyUnavailableError('no client credentials are configured');
    const res = await this.http.send({
      endpoint: 'POST /api/token',
      method: 'POST',
      url: `${trimSlash(accountsUrl)}/api/token`,
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
      }).toString(),
    });
    const data = res.data as Record<string, unknown> | undefined;
    if (
      res.status === 200 &&
      typeof data?.access_token === 'string' &&
      typeof data.refresh_token === 'string' &&
      typeof data.expires_in === 'number'
    ) {
      return {
        accessToken: data.access_token,
        refreshToken: data.refresh_token,
        expiresInSeconds: data.expires_in,
        scope: typeof data.scope === 'string' ? data.scope : undefined,
      };
    }
    const error = typeof data?.error === 'string' ? data.error : undefined;
    const description = typeof data?.error_description === 'string' ? data.error_description : undefined;
    if (error === 'invalid_grant') throw new SpotifyInvalidGrantError(description);
    if (error) throw new SpotifyOAuthError(error, description);
    throw new SpotifyUnavailableError(`the accounts service answered ${res.status} without a token`);
  }

  /** `GET /me` with the listener's access token: their Spotify user id and display name. */
  async currentUser(accessToken: string): Promise<SpotifyCurrentUser> {
    const endpoint = 'GET /me';
    const res = await this.http.send({
      endpoint,
      method: 'GET',
      url: `${trimSlash(this.config.spotify.apiUrl)}/me`,
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (res.status === 401) throw new SpotifyUserTokenRejectedError(endpoint, errorMessage(res.data));
    if (res.status !== 200) throw new SpotifyApiError(res.status, endpoint, errorMessage(res.data));
    const data = res.data as { id?: unknown; display_name?: unknown } | undefined;
    if (typeof data?.id !== 'string' || data.id === '') {
      throw new SpotifyUnavailableError('unexpected answer: the current user has no id');
    }
    return { id: data.id, displayName: typeof data.display_name === 'string' ? data.display_name : null };
  }
}
