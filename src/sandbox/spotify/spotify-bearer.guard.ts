// Bearer-token check of every Web API call, with the 400/401/403 variants Spotify answers.
import { apiErrors } from './spotify-errors';
import { headerValue, type EmulatorRequest } from '../common';
import type { AccessTokenInfo, SpotifyTokenStore } from './spotify-token.store';

export function bearerToken(req: EmulatorRequest): string | undefined {
  const header = headerValue(req.headers, 'authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export function authenticate(req: EmulatorRequest, tokens: SpotifyTokenStore): AccessTokenInfo {
  const header = headerValue(req.headers, 'authorization');
  if (header === undefined || header.trim() === '') throw apiErrors.noToken();
  const token = bearerToken(req);
  if (token === undefined) throw apiErrors.notBearer();
  const check = tokens.check(token);
  switch (check.status) {
    case 'valid':
      return check.info;
    case 'expired':
      throw apiErrors.expiredToken();
    case 'unknown':
      throw apiErrors.invalidToken();
  }
}

/**
 * /me endpoints need a token granted by a listener with the right scope. A client-credentials token has no scope at
 * all, so it fails the same way (403 "Insufficient client scope", as reported against /v1/me in 2025).
 */
export function requireUser(info: AccessTokenInfo, scope?: string): string {
  if (info.kind !== 'user' || info.userId === undefined) throw apiErrors.insufficientScope();
  if (scope !== undefined && !info.scope.split(' ').includes(scope)) throw apiErrors.insufficientScope();
  return info.userId;
}
