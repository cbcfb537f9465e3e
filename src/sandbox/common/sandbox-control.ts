// The control API under /__sandbox/ that both emulators share (no auth, JSON): state, reset, faults, request log,
// rate limit, clock. Providers add their own routes to `router`. Tests in other processes use it; in-process tests
// call the same operations on the emulator.
import { isRecord, json, type EmulatorRequest, type HandlerResult } from './sandbox-http';
import { SandboxRouter } from './sandbox-router';

/** A caller's mistake in a control request: answered 400 with the message. */
export class ControlError extends Error {}

export async function jsonBody(req: EmulatorRequest): Promise<Record<string, unknown>> {
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

/** Operations the shared control routes need; the emulators implement them. */
export interface SandboxControlOps<Spec> {
  state(): { readonly rateLimit: number | false };
  reset(): void;
  now(): number;
  advanceClock(ms: number): void;
  setRateLimit(limit: number | false): void;
  injectFault(spec: Spec): unknown;
  faults(): unknown;
  removeFault(id: string): boolean;
  clearFaults(): void;
  requestLog(): unknown;
  clearRequestLog(): void;
}

export interface SandboxControlOptions<Spec> {
  /** Field of the rate-limit payload, e.g. "requestsPer30s". */
  readonly rateLimitField: string;
  readonly parseFault: (input: unknown) => Spec;
}

export class SandboxControl<Spec> {
  protected readonly router = new SandboxRouter();

  constructor(ops: SandboxControlOps<Spec>, options: SandboxControlOptions<Spec>) {
    const r = this.router;
    const field = options.rateLimitField;
    r.on('GET', '/__sandbox/state', () => json(200, ops.state()));
    r.on('POST', '/__sandbox/reset', () => {
      ops.reset();
      return json(200, ops.state());
    });
    r.on('POST', '/__sandbox/faults', async (req) =>
      json(201, ops.injectFault(options.parseFault(await jsonBody(req)))),
    );
    r.on('GET', '/__sandbox/faults', () => json(200, ops.faults()));
    r.on('DELETE', '/__sandbox/faults', () => {
      ops.clearFaults();
      return { status: 204 };
    });
    r.on('DELETE', '/__sandbox/faults/:id', (_req, p) =>
      ops.removeFault(p.id) ? { status: 204 } : json(404, { error: `no fault ${p.id}` }),
    );
    r.on('GET', '/__sandbox/requests', () => json(200, ops.requestLog()));
    r.on('DELETE', '/__sandbox/requests', () => {
      ops.clearRequestLog();
      return { status: 204 };
    });
    r.on('GET', '/__sandbox/rate-limit', () => json(200, { [field]: ops.state().rateLimit }));
    r.on('POST', '/__sandbox/rate-limit', async (req) => {
      const value = (await jsonBody(req))[field];
      if (value !== false && typeof value !== 'number')
        throw new ControlError(`${field} must be a number or false`);
      ops.setRateLimit(value);
      return json(200, { [field]: ops.state().rateLimit });
    });
    r.on('POST', '/__sandbox/clock', async (req) => {
      const body = await jsonBody(req);
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) {
        throw new ControlError('advanceMs must be a number');
      }
      ops.advanceClock(body.advanceMs);
      return json(200, { now: new Date(ops.now()).toISOString() });
    });
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
