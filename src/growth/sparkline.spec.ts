import { dailyValues, sparkline } from './sparkline';

describe('sparkline', () => {
  it('maps the lowest value to ▁ and the highest to █', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 20])).toBe('▁█');
    expect(sparkline([100, 150, 200])).toBe('▁▅█');
  });

  it('shows a missing day as a gap, a flat series in the middle, and nothing known as gaps only', () => {
    expect(sparkline([1, null, 3])).toBe('▁·█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([null, null])).toBe('··');
    expect(sparkline([])).toBe('');
  });

  it('lays points out on consecutive days, ending on the last day', () => {
    expect(
      dailyValues(
        [
          { day: '2026-02-27', value: 1 },
          { day: '2026-03-01', value: 3 },
          { day: '2026-01-01', value: 9 },
        ],
        '2026-03-01',
        4,
      ),
    ).toEqual([null, 1, null, 3]);
  });
});
