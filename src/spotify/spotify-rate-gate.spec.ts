import { Gauge, Registry } from 'prom-client';
import type { MetricsService } from 'src/observability/metrics.service';
import type { ProviderRateLimitRepository, RateBlock } from './provider-rate-limit.repository';
import { SpotifyRateLimitedError } from './spotify.errors';
import { RATE_LIMIT, SpotifyRateGate } from './spotify-rate-gate';

describe('SpotifyRateGate wait gauge', () => {
  let gauge: Gauge;
  let block: RateBlock | undefined;
  let gate: SpotifyRateGate;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    gauge = new Gauge({ name: 'wait_seconds', help: 'wait', registers: [new Registry()] });
    block = undefined;
    const repo = { read: jest.fn(() => Promise.resolve(block)) } as unknown as ProviderRateLimitRepository;
    const metrics = { gauge: () => gauge } as unknown as MetricsService;
    gate = new SpotifyRateGate(repo, metrics);
  });
  afterEach(() => {
    gate.onModuleDestroy();
    jest.useRealTimers();
  });

  const shown = async () => (await gauge.get()).values[0]?.value;
  const blockFor = (ms: number) => {
    block = { remainingMs: ms, blockedUntil: new Date(Date.now() + ms), reason: RATE_LIMIT };
  };

  it('shows a short wait while sleeping and 0 once it is over', async () => {
    blockFor(2_000);
    const turn = gate.waitTurn();
    await jest.advanceTimersByTimeAsync(0);
    expect(await shown()).toBe(2);
    block = undefined;
    await jest.advanceTimersByTimeAsync(2_000);
    await turn;
    expect(await shown()).toBe(0);
  });

  it('comes back to 0 when a long wait ends, although no request came after the reschedule error', async () => {
    blockFor(3_600_000);
    await expect(gate.waitTurn()).rejects.toBeInstanceOf(SpotifyRateLimitedError);
    expect(await shown()).toBe(3600);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(await shown()).toBe(0);
  });
});
