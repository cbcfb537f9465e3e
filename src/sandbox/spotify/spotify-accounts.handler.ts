// accounts.spotify.com: GET /authorize (auto-approves the sandbox listener) and POST /api/token (three grants).
import type { SpotifyTokenJson } from './spotify-api.types';
import type { EmulatorContext } from './spotify-emulator.context';
import { SpotifyAuthError } from './spotify-errors';
import { headerValue, json, type EmulatorRequest, type HandlerResult } from '../common';
import type { SandboxRouter } from '../common';

interface ClientCredentials {
  readonly id: string;
  readonly secret: string | undefined;
}

function basicCredentials(req: EmulatorRequest): ClientCredentials | undefined {
  const header = headerValue(req.headers, 'authorization');
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? { id: decoded, secret: undefined }
    : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Since Nov 2025 Spotify only accepts https, custom schemes, or loopback IP literals over plain http. */
function redirectUriProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Invalid redirect URI';
  }
  if (url.protocol === 'http:' && url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') {
    return 'Insecure redirect URI';
  }
  return undefined;
}

export class SpotifyAccountsHandler {
  constructor(private readonly ctx: EmulatorContext) {}

  register(router: SandboxRouter): void {
    router.on('GET', '/authorize', (req) => this.authorize(req));
    router.on('POST', '/api/token', (req) => this.token(req));
  }

  private authorize(req: EmulatorRequest): HandlerResult {
    const q = req.query;
    const { state } = this.ctx;
    if (q.get('client_id') !== state.clientId) {
      return json(400, { error: 'invalid_client', error_description: 'INVALID_CLIENT: Invalid client' });
    }
    const redirectUri = q.get('redirect_uri');
    if (redirectUri === null || redirectUri === '') {
      return json(400, {
        error: 'invalid_request',
        error_description: 'INVALID_CLIENT: Invalid redirect URI',
      });
    }
    const problem = redirectUriProblem(redirectUri);
    if (problem)
      return json(400, { error: 'invalid_request', error_description: `INVALID_CLIENT: ${problem}` });

    const target = new URL(redirectUri);
    const stateParam = q.get('state');
    const responseType = q.get('response_type');
    if (responseType !== 'code') {
      target.searchParams.set('error', 'unsupported_response_type');
    } else if (state.authorizeDecision === 'deny') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const scope = (q.get('scope') ?? '').split(/\s+/).filter(Boolean).join(' ');
      target.searchParams.set(
        'code',
        this.ctx.tokens.issueCode(state.clientId, redirectUri, scope, this.ctx.catalog.listener.id),
      );
    }
    if (stateParam !== null) target.searchParams.set('state', stateParam);
    return { status: 302, headers: { Location: target.toString() } };
  }

  private async token(req: EmulatorRequest): Promise<HandlerResult> {
    const contentType = headerValue(req.headers, 'content-type') ?? '';
    if (!contentType.toLowerCase().includes('application/x-www-form-urlencoded')) {
      throw new SpotifyAuthError(
        400,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded',
      );
    }
    const form = new URLSearchParams(await req.body());
    const clientId = this.authenticateClient(req, form);
    const grant = form.get('grant_type');
    if (grant === null || grant === '') {
      throw new SpotifyAuthError(400, 'unsupported_grant_type', 'grant_type parameter is missing');
    }
    const { tokens } = this.ctx;
    const ttl = tokens.accessTokenTtlSeconds;
    switch (grant) {
      case 'client_credentials': {
        const info = tokens.issueAccessToken('client', clientId, '');
        const body: SpotifyTokenJson = { access_token: info.token, token_type: 'Bearer', expires_in: ttl };
        return json(200, body);
      }
      case 'authorization_code': {
        const code = form.get('code') ?? '';
        const result = tokens.redeemCode(code, clientId, form.get('redirect_uri') ?? undefined);
        if (!result.ok) throw new SpotifyAuthError(400, 'invalid_grant', result.reason);
        const info = tokens.issueAccessToken('user', clientId, result.scope, result.userId);
        const body: SpotifyTokenJson = {
          access_token: info.token,
          token_type: 'Bearer',
          expires_in: ttl,
          scope: result.scope,
          refresh_token: tokens.issueRefreshToken(clientId, result.userId, result.scope),
        };
        return json(200, body);
      }
      case 'refresh_token': {
        const refreshToken = form.get('refresh_token');
        if (refreshToken === null || refreshToken === '') {
          throw new SpotifyAuthError(400, 'invalid_request', 'refresh_token must be supplied');
        }
        const result = tokens.useRefreshToken(refreshToken, clientId);
        if (!result.ok) throw new SpotifyAuthError(400, 'invalid_grant', 'Invalid refresh token');
        const info = tokens.issueAccessToken('user', clientId, result.scope, result.userId);
        // Spotify usually keeps the refresh token and omits it here; clients must keep using the old one.
        const body: SpotifyTokenJson = {
          access_token: info.token,
          token_type: 'Bearer',
          expires_in: ttl,
          scope: result.scope,
        };
        return json(200, body);
      }
      default:
        throw new SpotifyAuthError(
          400,
          'unsupported_grant_type',
          'grant_type must be client_credentials, authorization_code or refresh_token',
        );
    }
  }

  /**
   * Basic header first, then client_id/client_secret in the body. Spotify answers bad credentials with
   * 400 invalid_client (observed; RFC 6749 would say 401), see shared/providers/spotify-api.md §1.1.
   */
  private authenticateClient(req: EmulatorRequest, form: URLSearchParams): string {
    const fromBody = form.get('client_id');
    const creds =
      basicCredentials(req) ??
      (fromBody ? { id: fromBody, secret: form.get('client_secret') ?? undefined } : undefined);
    const { clientId, clientSecret } = this.ctx.state;
    if (!creds || creds.id !== clientId) throw new SpotifyAuthError(400, 'invalid_client', 'Invalid client');
    if (creds.secret !== clientSecret)
      throw new SpotifyAuthError(400, 'invalid_client', 'Invalid client secret');
    return clientId;
  }
}
