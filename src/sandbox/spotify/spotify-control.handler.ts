// The emulator's own control API under /__sandbox/ (no auth, JSON): faults, request log, tokens, mode, rate limit,
// clock. Tests in other processes use it; in-process tests can call the same operations on SpotifyEmulator.
import type { SpotifyMode } from './spotify-api.types';
import type { SpotifyEmulatorOps } from './spotify-emulator.ops';
import { parseFaultSpec } from './spotify-faults';
import { isRecord, json, type EmulatorRequest, type HandlerResult } from './spotify-http.util';
import { SpotifyRouter } from './spotify-router';

class ControlError extends Error {}

async function jsonBody(req: EmulatorRequest): Promise<Record<string, unknown>> {
  const raw = await req.body();
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ControlError('body must be JSON');
  }
  if (!isRecord(parsed)) throw new ControlError('body must be a JSON object');
  return parsed;
}

function isMode(value: unknown): value is SpotifyMode {
  return value === 'extended' || value === 'development';
}

export class SpotifyControlHandler {
  private readonly router = new SpotifyRouter();

  constructor(private readonly ops: SpotifyEmulatorOps) {
    const r = this.router;
    r.on('GET', '/__sandbox/state', () => json(200, this.ops.state()));
    r.on('POST', '/__sandbox/reset', () => {
      this.ops.reset();
      return json(200, this.ops.state());
    });
    r.on('POST', '/__sandbox/faults', async (req) => {
      const fault = this.ops.injectFault(parseFaultSpec(await jsonBody(req)));
      return json(201, fault);
    });
    r.on('GET', '/__sandbox/faults', () => json(200, this.ops.faults()));
    r.on('DELETE', '/__sandbox/faults', () => {
      this.ops.clearFaults();
      return { status: 204 };
    });
    r.on('DELETE', '/__sandbox/faults/:id', (_req, p) =>
      this.ops.removeFault(p.id) ? { status: 204 } : json(404, { error: `no fault ${p.id}` }),
    );
    r.on('GET', '/__sandbox/requests', () => json(200, this.ops.requestLog()));
    r.on('DELETE', '/__sandbox/requests', () => {
      this.ops.clearRequestLog();
      return { status: 204 };
    });
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
    r.on('GET', '/__sandbox/mode', () =>
      json(200, { mode: this.ops.state().mode, omitGenres: this.ops.state().omitGenres }),
    );
    r.on('POST', '/__sandbox/mode', async (req) => {
      const body = await jsonBody(req);
      if (!isMode(body.mode)) throw new ControlError('mode must be "extended" or "development"');
      if (body.omitGenres !== undefined && typeof body.omitGenres !== 'boolean') {
        throw new ControlError('omitGenres must be a boolean');
      }
      this.ops.setMode(body.mode, { omitGenres: body.omitGenres });
      return json(200, { mode: this.ops.state().mode, omitGenres: this.ops.state().omitGenres });
    });
    r.on('GET', '/__sandbox/rate-limit', () => json(200, { requestsPer30s: this.ops.state().rateLimit }));
    r.on('POST', '/__sandbox/rate-limit', async (req) => {
      const body = await jsonBody(req);
      const value = body.requestsPer30s;
      if (value !== false && typeof value !== 'number')
        throw new ControlError('requestsPer30s must be a number or false');
      this.ops.setRateLimit(value);
      return json(200, { requestsPer30s: this.ops.state().rateLimit });
    });
    r.on('POST', '/__sandbox/authorize', async (req) => {
      const body = await jsonBody(req);
      if (body.decision !== 'approve' && body.decision !== 'deny') {
        throw new ControlError('decision must be "approve" or "deny"');
      }
      this.ops.setAuthorizeDecision(body.decision);
      return json(200, { decision: body.decision });
    });
    r.on('POST', '/__sandbox/clock', async (req) => {
      const body = await jsonBody(req);
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) {
        throw new ControlError('advanceMs must be a number');
      }
      this.ops.advanceClock(body.advanceMs);
      return json(200, { now: new Date(this.ops.now()).toISOString() });
    });
    r.on('GET', '/__sandbox/catalog/summary', () => json(200, this.ops.catalogSummary()));
  }

  async handle(req: EmulatorRequest): Promise<HandlerResult> {
    const match = this.router.match(req.method, req.pathname);
    switch (match.kind) {
      case 'not-found':
        return json(404, { error: `unknown control route ${req.method} ${req.pathname}` });
      case 'method-not-allowed':
        return json(405, { error: `method ${req.method} not allowed on ${req.pathname}` });
      case 'found':
        try {
          return await match.handler(req, match.params);
        } catch (err) {
          // Control input problems (bad JSON, bad fault spec) are the caller's mistake: 400 with the reason.
          if (err instanceof Error) return json(400, { error: err.message });
          throw err;
        }
    }
  }
}
