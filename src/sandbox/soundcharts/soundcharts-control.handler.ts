// Soundcharts' part of the control API under /__sandbox/ (the shared routes: faults, request log, rate limit,
// clock; never logged or billed): quota and data summary.
import { ControlError, json, jsonBody, SandboxControl } from '../common';
import type { SoundchartsEmulatorOps } from './soundcharts-emulator.ops';
import { parseFaultSpec, type SoundchartsFaultSpec } from './soundcharts-faults';

export class SoundchartsControlHandler extends SandboxControl<SoundchartsFaultSpec> {
  constructor(private readonly ops: SoundchartsEmulatorOps) {
    super(ops, { rateLimitField: 'requestsPerMinute', parseFault: parseFaultSpec });
    const r = this.router;
    r.on('GET', '/__sandbox/quota', () => json(200, { remaining: this.ops.quotaRemaining() }));
    r.on('POST', '/__sandbox/quota', async (req) => {
      const body = await jsonBody(req);
      if (typeof body.remaining !== 'number') throw new ControlError('remaining must be a number');
      this.ops.setQuota(body.remaining);
      return json(200, { remaining: this.ops.quotaRemaining() });
    });
    r.on('GET', '/__sandbox/data/summary', () => json(200, this.ops.dataSummary()));
  }
}
