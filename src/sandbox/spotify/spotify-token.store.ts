// Issued credentials: access tokens (client or user), authorization codes and refresh tokens. Opaque random
// strings, as Spotify's are; only catalog data has to be deterministic.
import { randomBytes } from 'node:crypto';

export type TokenKind = 'client' | 'user';

export interface AccessTokenInfo {
  readonly token: string;
  readonly kind: TokenKind;
  readonly clientId: string;
  readonly userId?: string;
  readonly scope: string;
  readonly expiresAt: number;
}

interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly userId: string;
  readonly expiresAt: number;
  used: boolean;
}

interface RefreshTokenInfo {
  readonly clientId: string;
  readonly userId: string;
  readonly scope: string;
  readonly expiresAt: number;
  revoked: boolean;
}

export type TokenCheck =
  | { readonly status: 'valid'; readonly info: AccessTokenInfo }
  | { readonly status: 'expired'; readonly info: AccessTokenInfo }
  | { readonly status: 'unknown' };

const CODE_TTL_MS = 10 * 60 * 1000;
/** Spotify refresh tokens expire six months after the original authorisation (2026 change). */
const REFRESH_TTL_MS = 182 * 24 * 60 * 60 * 1000;

function opaque(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export class SpotifyTokenStore {
  private readonly accessTokens = new Map<
    string,
    { readonly info: AccessTokenInfo; readonly serial: number }
  >();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenInfo>();
  /** Tokens issued at or before this instant answer "expired" (POST /__sandbox/tokens/expire). */
  private expiredUpTo = -Infinity;
  private issued = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  get accessTokenTtlSeconds(): number {
    return this.ttlSeconds;
  }

  issueAccessToken(kind: TokenKind, clientId: string, scope: string, userId?: string): AccessTokenInfo {
    const info: AccessTokenInfo = {
      token: opaque('BQ', 96),
      kind,
      clientId,
      userId,
      scope,
      expiresAt: this.now() + this.ttlSeconds * 1000,
    };
    this.accessTokens.set(info.token, { info, serial: ++this.issued });
    return info;
  }

  check(token: string): TokenCheck {
    const entry = this.accessTokens.get(token);
    if (!entry) return { status: 'unknown' };
    const { info, serial } = entry;
    if (serial <= this.expiredUpTo || this.now() >= info.expiresAt) return { status: 'expired', info };
    return { status: 'valid', info };
  }

  /** Lookup without validity, to attribute a request to a client for rate limiting. */
  clientIdOf(token: string): string | undefined {
    return this.accessTokens.get(token)?.info.clientId;
  }

  /** Every access token issued so far becomes expired; later ones are unaffected. */
  expireAll(): void {
    this.expiredUpTo = this.issued;
  }

  issueCode(clientId: string, redirectUri: string, scope: string, userId: string): string {
    const code = opaque('AQ', 48);
    this.codes.set(code, {
      clientId,
      redirectUri,
      scope,
      userId,
      expiresAt: this.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  /** Returns the code's grant, or why it cannot be redeemed (an RFC 6749 invalid_grant description). */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string | undefined,
  ):
    | { readonly ok: true; readonly scope: string; readonly userId: string }
    | { readonly ok: false; readonly reason: string } {
    const entry = this.codes.get(code);
    if (!entry || entry.clientId !== clientId) return { ok: false, reason: 'Invalid authorization code' };
    if (entry.used) return { ok: false, reason: 'Invalid authorization code' };
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'Authorization code expired' };
    if (redirectUri !== entry.redirectUri) return { ok: false, reason: 'Invalid redirect URI' };
    entry.used = true;
    return { ok: true, scope: entry.scope, userId: entry.userId };
  }

  issueRefreshToken(clientId: string, userId: string, scope: string): string {
    const token = opaque('AQ', 96);
    this.refreshTokens.set(token, {
      clientId,
      userId,
      scope,
      expiresAt: this.now() + REFRESH_TTL_MS,
      revoked: false,
    });
    return token;
  }

  useRefreshToken(
    token: string,
    clientId: string,
  ): { readonly ok: true; readonly scope: string; readonly userId: string } | { readonly ok: false } {
    const entry = this.refreshTokens.get(token);
    if (!entry || entry.revoked || entry.clientId !== clientId || this.now() >= entry.expiresAt)
      return { ok: false };
    return { ok: true, scope: entry.scope, userId: entry.userId };
  }

  /** Revokes one refresh token, or all of them when none is given; returns how many were revoked. */
  revokeRefreshTokens(token?: string): number {
    let count = 0;
    for (const [key, entry] of this.refreshTokens) {
      if ((token === undefined || key === token) && !entry.revoked) {
        entry.revoked = true;
        count++;
      }
    }
    return count;
  }
}
