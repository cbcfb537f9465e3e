// Spotify's part of the control API under /__sandbox/ (the shared routes: faults, request log, rate limit, clock):
// tokens, mode, authorize decision, catalog summary.
import { ControlError, json, jsonBody, SandboxControl } from '../common';
import type { SpotifyMode } from './spotify-api.types';
import type { SpotifyEmulatorOps } from './spotify-emulator.ops';
import { parseFaultSpec, type SpotifyFaultSpec } from './spotify-faults';

function isMode(value: unknown): value is SpotifyMode {
  return value === 'extended' || value === 'development';
}

export class SpotifyControlHandler extends SandboxControl<SpotifyFaultSpec> {
  constructor(private readonly ops: SpotifyEmulatorOps) {
    super(ops, { rateLimitField: 'requestsPer30s', parseFault: parseFaultSpec });
    const r = this.router;
    r.on('POST', '/__sandbox/tokens/expire', () => {
      this.ops.expireTokens();
      return json(200, { expired: true });
    });
    r.on('POST', '/__sandbox/tokens/revoke', async (req) => {
      const body = await jsonBody(req);
      const token = body.refresh_token ?? body.refreshToken;
      if (token !== undefined && typeof token !== 'string')
        throw new ControlError('refresh_token must be a string');
      return json(200, { revoked: this.ops.revokeRefreshTokens(token) });
    });
    r.on('GET', '/__sandbox/mode', () => json(200, this.modeView()));
    r.on('POST', '/__sandbox/mode', async (req) => {
      const body = await jsonBody(req);
      if (!isMode(body.mode)) throw new ControlError('mode must be "extended" or "development"');
      if (body.omitGenres !== undefined && typeof body.omitGenres !== 'boolean') {
        throw new ControlError('omitGenres must be a boolean');
      }
      this.ops.setMode(body.mode, { omitGenres: body.omitGenres });
      return json(200, this.modeView());
    });
    r.on('POST', '/__sandbox/authorize', async (req) => {
      const body = await jsonBody(req);
      if (body.decision !== 'approve' && body.decision !== 'deny') {
        throw new ControlError('decision must be "approve" or "deny"');
      }
      this.ops.setAuthorizeDecision(body.decision);
      return json(200, { decision: body.decision });
    });
    r.on('GET', '/__sandbox/catalog/summary', () => json(200, this.ops.catalogSummary()));
  }

  private modeView(): { mode: SpotifyMode; omitGenres: boolean } {
    return { mode: this.ops.state().mode, omitGenres: this.ops.state().omitGenres };
  }
}
