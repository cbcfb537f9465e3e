// The emulator's own control API under /__sandbox/ (no auth, JSON, never logged or billed): faults, request log,
// quota, rate limit, clock, reset. Tests in other processes use it; in-process tests call the same operations.
import type { SoundchartsEmulatorOps } from './soundcharts-emulator.ops';
import { parseFaultSpec } from './soundcharts-faults';
import { isRecord, json, type EmulatorRequest, type HandlerResult } from './soundcharts-http.util';
import { SoundchartsRouter } from './soundcharts-router';

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

export class SoundchartsControlHandler {
  private readonly router = new SoundchartsRouter();

  constructor(private readonly ops: SoundchartsEmulatorOps) {
    const r = this.router;
    r.on('GET', '/__sandbox/state', () => json(200, this.ops.state()));
    r.on('POST', '/__sandbox/reset', () => {
      this.ops.reset();
      return json(200, this.ops.state());
    });
    r.on('POST', '/__sandbox/faults', async (req) =>
      json(201, this.ops.injectFault(parseFaultSpec(await jsonBody(req)))),
    );
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
    r.on('GET', '/__sandbox/quota', () => json(200, { remaining: this.ops.quotaRemaining() }));
    r.on('POST', '/__sandbox/quota', async (req) => {
      const body = await jsonBody(req);
      if (typeof body.remaining !== 'number') throw new ControlError('remaining must be a number');
      this.ops.setQuota(body.remaining);
      return json(200, { remaining: this.ops.quotaRemaining() });
    });
    r.on('GET', '/__sandbox/rate-limit', () => json(200, { requestsPerMinute: this.ops.state().rateLimit }));
    r.on('POST', '/__sandbox/rate-limit', async (req) => {
      const value = (await jsonBody(req)).requestsPerMinute;
      if (value !== false && typeof value !== 'number')
        throw new ControlError('requestsPerMinute must be a number or false');
      this.ops.setRateLimit(value);
      return json(200, { requestsPerMinute: this.ops.state().rateLimit });
    });
    r.on('POST', '/__sandbox/clock', async (req) => {
      const body = await jsonBody(req);
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) {
        throw new ControlError('advanceMs must be a number');
      }
      this.ops.advanceClock(body.advanceMs);
      return json(200, { now: new Date(this.ops.now()).toISOString() });
    });
    r.on('GET', '/__sandbox/data/summary', () => json(200, this.ops.dataSummary()));
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
