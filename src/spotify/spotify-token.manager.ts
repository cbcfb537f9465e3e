import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import type { SpotifyUserTokens } from './spotify-api.types';
import {
  SpotifyAuthenticationError,
  SpotifyInvalidGrantError,
  SpotifyOAuthError,
  SpotifyUnavailableError,
} from './spotify.errors';
import { SpotifyHttp } from './spotify-http';

/** Renew this long before Spotify says the token expires, so no request carries a token that dies in flight. */
const RENEW_EARLY_MS = 60_000;
const TOKEN_ENDPOINT = 'POST /api/token';

interface TokenJson {
  access_token: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}

function isTokenJson(data: unknown): data is TokenJson {
  const d = data as Partial<TokenJson> | undefined;
  return typeof d?.access_token === 'string' && typeof d.expires_in === 'number';
}

function oauthError(data: unknown): { code: string; description?: string } | undefined {
  const d = data as { error?: unknown; error_description?: unknown } | undefined;
  if (typeof d?.error !== 'string') return undefined;
  return {
    code: d.error,
    description: typeof d.error_description === 'string' ? d.error_description : undefined,
  };
}

/** The accounts service: the app's client-credentials token (cached, renewed early) and listeners' refreshes. */
@Injectable()
export class SpotifyTokenManager {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly http: SpotifyHttp,
  ) {}

  /** A valid app token; concurrent callers share one token request. */
  async clientToken(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.fetchClientToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` after Spotify refused it; a newer token (another caller renewed already) is kept. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /**
   * New access token for a listener. Throws `SpotifyInvalidGrantError` when the refresh token expired or was revoked
   * (the listener must authorize again); keeps no state, the listening module stores tokens.
   */
  async refreshUserToken(refreshToken: string): Promise<SpotifyUserTokens> {
    const json = await this.requestToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    return {
      accessToken: json.access_token,
      expiresInSeconds: json.expires_in,
      scope: json.scope,
      refreshToken: json.refresh_token,
    };
  }

  private async fetchClientToken(): Promise<string> {
    let json: TokenJson;
    try {
      json = await this.requestToken({ grant_type: 'client_credentials' });
    } catch (error) {
      if (error instanceof SpotifyOAuthError) {
        throw new SpotifyAuthenticationError(
          `the accounts service refused the app credentials: ${error.message}`,
        );
      }
      throw error;
    }
    const lifetimeMs = json.expires_in * 1000;
    // Short-lived tokens (tests) are renewed at half their life instead of a minute early.
    const early = Math.min(RENEW_EARLY_MS, lifetimeMs / 2);
    this.cached = { token: json.access_token, renewAt: Date.now() + lifetimeMs - early };
    return json.access_token;
  }

  private async requestToken(form: Record<string, string>): Promise<TokenJson> {
    const { clientId, clientSecret, accountsUrl } = this.config.spotify;
    if (!clientId || !clientSecret) throw new SpotifyUnavailableError('no client credentials are configured');
    const res = await this.http.send({
      endpoint: TOKEN_ENDPOINT,
      method: 'POST',
      url: `${accountsUrl.replace(/\/$/, '')}/api/token`,
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    if (res.status === 200 && isTokenJson(res.data)) return res.data;
    const error = oauthError(res.data);
    if (error?.code === 'invalid_grant') throw new SpotifyInvalidGrantError(error.description);
    if (error) throw new SpotifyOAuthError(error.code, error.description);
    throw new SpotifyUnavailableError(`the accounts service answered ${res.status} without a token`);
  }
}
