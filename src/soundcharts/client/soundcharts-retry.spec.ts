import { backoffDelay, classify, parseReset } from './soundcharts-retry';

describe('Soundcharts request policy', () => {
  it('tells the rate-limit 429 from the quota 429 by its message', () => {
    expect(classify(429, 'Too many requests: maximum request count per minute reached')).toBe('rate-limited');
    expect(classify(429, 'API quota exceeded: no requests left')).toBe('quota-exceeded');
    expect(classify(429, undefined)).toBe('quota-exceeded');
  });

  it('retries 502/503/504 only; refuses 500, 401, 403; hands other 4xx back', () => {
    expect([502, 503, 504].map((s) => classify(s, undefined))).toEqual([
      'retryable',
      'retryable',
      'retryable',
    ]);
    expect([500, 401, 403].map((s) => classify(s, undefined))).toEqual(['refused', 'refused', 'refused']);
    expect([400, 404, 410].map((s) => classify(s, undefined))).toEqual(['answer', 'answer', 'answer']);
    expect(classify(200, undefined)).toBe('success');
  });

  it('reads x-ratelimit-reset in seconds and backs off with full jitter under a cap', () => {
    expect(parseReset('7')).toBe(7);
    expect(parseReset(' 2.5 ')).toBe(2.5);
    expect(parseReset('soon')).toBeUndefined();
    expect(parseReset(undefined)).toBeUndefined();
    expect(backoffDelay(1, 1000, () => 0.999)).toBe(999);
    expect(backoffDelay(3, 1000, () => 0.5)).toBe(2000);
    expect(backoffDelay(10, 1000, () => 0.999)).toBeLessThan(10_000);
  });
});
