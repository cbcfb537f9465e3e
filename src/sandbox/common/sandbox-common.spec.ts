import { SandboxFaultStore, parseFaultNumbers, type FaultSpecBase } from './sandbox-faults';
import { RollingWindowRateLimiter } from './sandbox-rate-limiter';
import { SandboxRequestLog } from './sandbox-request-log';
import { SandboxRouter } from './sandbox-router';

const ok = () => ({ status: 200 });

describe('SandboxRouter', () => {
  const router = new SandboxRouter()
    .get('/v1/albums/:id/tracks', ok)
    .on('DELETE', '/faults/:id', ok)
    .get('/a.b', ok);

  it('decodes params and accepts a trailing slash', () => {
    const m = router.match('GET', '/v1/albums/ab%20c/tracks/');
    expect(m).toMatchObject({ kind: 'found', params: { id: 'ab c' } });
  });

  it('keeps a malformed escape as sent instead of throwing', () => {
    expect(router.match('DELETE', '/faults/%E0%A4%A')).toMatchObject({ params: { id: '%E0%A4%A' } });
  });

  it('tells a wrong method (405) from an unknown path (404)', () => {
    expect(router.match('POST', '/faults/x').kind).toBe('method-not-allowed');
    expect(router.match('GET', '/v1/albums/x').kind).toBe('not-found');
    expect(router.match('GET', '/v1/albums/x/y/tracks').kind).toBe('not-found');
  });

  it('matches literal segments literally (no regex dot)', () => {
    expect(router.match('GET', '/a.b').kind).toBe('found');
    expect(router.match('GET', '/axb').kind).toBe('not-found');
  });
});

describe('SandboxFaultStore', () => {
  const parse = (input: unknown): FaultSpecBase => {
    const { input: raw, ...numbers } = parseFaultNumbers(input);
    return { ...numbers, path: raw.path as string | undefined, method: raw.method as string | undefined };
  };

  it('fires a counted fault that many times, then drops it', () => {
    const store = new SandboxFaultStore(1, parse);
    const fault = store.add({ status: 503, count: 2, path: '/v1/tracks' });
    expect(store.take('GET', '/v1/artists/x')).toBeUndefined();
    expect(store.take('GET', '/v1/tracks/x')?.id).toBe(fault.id);
    expect(store.take('get', '/v1/tracks/y')?.fired).toBe(2);
    expect(store.take('GET', '/v1/tracks/z')).toBeUndefined();
    expect(store.list()).toEqual([]);
  });

  it('matches method case-insensitively and path as substring or regex', () => {
    const store = new SandboxFaultStore(1, parse);
    store.add({ status: 500, method: 'post', path: '^/api/token$' });
    expect(store.take('GET', '/api/token')).toBeUndefined();
    expect(store.take('POST', '/api/token/x')).toBeUndefined();
    expect(store.take('POST', '/api/token')?.status).toBe(500);
  });

  it('fires probabilistic faults reproducibly for a given seed', () => {
    const run = (seed: number) => {
      const store = new SandboxFaultStore(seed, parse);
      store.add({ status: 500, probability: 0.5 });
      return Array.from({ length: 32 }, () => store.take('GET', '/') !== undefined);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7).filter(Boolean).length).toBeGreaterThan(4);
    expect(run(7).filter(Boolean).length).toBeLessThan(28);
  });

  it('rejects invalid specs with a readable message', () => {
    const store = new SandboxFaultStore(1, parse);
    expect(() => store.add({})).toThrow('status or delayMs is required');
    expect(() => store.add({ status: 700 })).toThrow('status must be an HTTP status code');
    expect(() => store.add({ status: 500, count: 0 })).toThrow('count must be a positive integer');
  });
});

describe('RollingWindowRateLimiter', () => {
  it('refuses above the limit per key until the window rolls, with the wait in seconds', () => {
    let now = 0;
    const limiter = new RollingWindowRateLimiter(30_000, 'requestsPer30s', 2, () => now);
    expect(limiter.hit('a').allowed).toBe(true);
    now = 10_000;
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('b').allowed).toBe(true);
    now = 12_500;
    expect(limiter.hit('a')).toEqual({ allowed: false, waitSeconds: 18 });
    now = 30_001;
    expect(limiter.hit('a').allowed).toBe(true);
  });

  it('names the option in validation errors', () => {
    const limiter = new RollingWindowRateLimiter(60_000, 'requestsPerMinute', false, () => 0);
    expect(() => limiter.setLimit(0)).toThrow('requestsPerMinute must be a positive integer or false');
    expect(limiter.hit('a').allowed).toBe(true);
  });
});

describe('SandboxRequestLog', () => {
  const entry = (path: string) => ({
    method: 'GET',
    path,
    query: {},
    time: '2026-01-01T00:00:00.000Z',
    status: 200,
  });

  it('lists entries by arrival, whatever order they were answered in', () => {
    const log = new SandboxRequestLog();
    const [first, second, third] = [log.arrive(), log.arrive(), log.arrive()];
    log.record(entry('/b'), second);
    log.record(entry('/c'), third);
    log.record(entry('/a'), first);
    log.record(entry('/d'));
    expect(log.list().map((e) => e.path)).toEqual(['/a', '/b', '/c', '/d']);
    log.clear();
    expect(log.list()).toEqual([]);
  });

  it('asks its owner for the place of the request being answered', () => {
    let current: number | undefined;
    const log = new SandboxRequestLog(() => current);
    const [first, second] = [log.arrive(), log.arrive()];
    current = second;
    log.record(entry('/second'));
    current = first;
    log.record(entry('/first'));
    expect(log.list().map((e) => e.path)).toEqual(['/first', '/second']);
  });
});
