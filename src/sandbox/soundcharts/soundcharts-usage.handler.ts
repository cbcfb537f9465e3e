// GET /api/v2/team/usage: free (facts §1.4: "does not consume any quota units"). Its real field names are not
// documented; the emulator's shape is a guess, so clients should prefer the `x-quota-remaining` header.
import type { SoundchartsContext, SoundchartsRouter } from './soundcharts-emulator.context';

export class SoundchartsUsageHandler {
  constructor(private readonly ctx: SoundchartsContext) {}

  register(router: SoundchartsRouter): void {
    router.get('/api/v2/team/usage', () => ({
      status: 200,
      free: true,
      body: {
        type: 'usage',
        object: {
          quota: { remaining: this.ctx.quotaRemaining() },
          rateLimit: { requestsPerMinute: this.ctx.rateLimit() },
        },
        errors: [],
      },
    }));
  }
}
