import { classifyStatus, fullJitterDelay, MAX_BACKOFF_MS, parseRetryAfter } from './spotify-retry';

describe('full-jitter backoff', () => {
  it('doubles the ceiling per failure and draws below it', () => {
    expect([1, 2, 3, 4].map((n) => fullJitterDelay(n, 100, () => 0.999999))).toEqual([99, 199, 399, 799]);
    expect(fullJitterDelay(3, 100, () => 0)).toBe(0);
    expect(fullJitterDelay(2, 100, () => 0.5)).toBe(100);
  });

  it('is capped', () => {
    expect(fullJitterDelay(20, 500, () => 0.999999)).toBeLessThan(MAX_BACKOFF_MS);
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates; undefined when absent', () => {
    expect(parseRetryAfter('2')).toBe(2);
    expect(parseRetryAfter(' 3600 ')).toBe(3600);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30);
  });
});

describe('status classes', () => {
  it.each([
    [200, 'success'],
    [204, 'success'],
    [429, 'rate-limited'],
    [500, 'retryable'],
    [502, 'retryable'],
    [503, 'retryable'],
    [400, 'final'],
    [401, 'final'],
    [403, 'final'],
    [404, 'final'],
  ] as const)('%i is %s', (status, kind) => {
    expect(classifyStatus(status)).toBe(kind);
  });
});
