import { fetchRange } from './audience-range';

describe('audience fetch range', () => {
  it('goes historyDays back the first time', () => {
    expect(fetchRange(undefined, '2026-03-10', 100)).toEqual({ start: '2025-12-01', end: '2026-03-10' });
  });

  it('fetches only the days after the last stored point on a re-run', () => {
    const state = { fetchedThrough: '2026-03-10', lastDay: '2026-03-10' };
    expect(fetchRange(state, '2026-03-10', 100)).toBeNull();
    expect(fetchRange(state, '2026-03-11', 100)).toEqual({ start: '2026-03-11', end: '2026-03-11' });
    // the last day was missing (not crawled yet): looked at again
    expect(fetchRange({ fetchedThrough: '2026-03-10', lastDay: '2026-03-09' }, '2026-03-11', 100)).toEqual({
      start: '2026-03-10',
      end: '2026-03-11',
    });
  });

  it('resumes after the last fetch for an empty or long-stopped series, and always for additive ones', () => {
    expect(fetchRange({ fetchedThrough: '2026-03-10', lastDay: null }, '2026-03-12', 100)).toEqual({
      start: '2026-03-11',
      end: '2026-03-12',
    });
    expect(
      fetchRange({ fetchedThrough: '2026-03-10', lastDay: '2026-01-01' }, '2026-03-12', 100)?.start,
    ).toBe('2026-03-11');
    expect(
      fetchRange({ fetchedThrough: '2026-03-10', lastDay: '2026-03-09' }, '2026-03-12', 100, true)?.start,
    ).toBe('2026-03-11');
  });
});
