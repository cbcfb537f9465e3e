import { addDays, calendarDay, daysBetween, splitWindows, windowCount } from './soundcharts-dates';

describe('Soundcharts calendar days', () => {
  it('takes the first 10 characters, so Paris offsets keep their day', () => {
    expect(calendarDay('2025-06-02T00:00:00+02:00')).toBe('2025-06-02');
    expect(calendarDay('2025-01-10T00:00:00+01:00')).toBe('2025-01-10');
    expect(new Date('2025-06-02T00:00:00+02:00').toISOString().slice(0, 10)).toBe('2025-06-01');
    expect(calendarDay('2025-13-02T00:00:00+00:00')).toBeUndefined();
    expect(calendarDay(null)).toBeUndefined();
  });

  it('cuts ranges into windows of at most 90 calendar days, oldest first', () => {
    expect(splitWindows({ start: '2026-01-01', end: '2026-01-01' })).toEqual([
      { start: '2026-01-01', end: '2026-01-01' },
    ]);
    const windows = splitWindows({ start: '2025-12-01', end: '2026-03-10' });
    expect(windows).toEqual([
      { start: '2025-12-01', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-10' },
    ]);
    for (const w of windows) expect(daysBetween(w.start, w.end) + 1).toBeLessThanOrEqual(90);
    expect(splitWindows({ start: '2026-01-01', end: addDays('2026-01-01', 359) })).toHaveLength(4);
    expect(windowCount(360)).toBe(4);
    expect(windowCount(361)).toBe(5);
    expect(windowCount(0)).toBe(0);
  });
});
