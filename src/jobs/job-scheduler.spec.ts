import { nominalTickTime, tickKey } from './job-scheduler.service';

describe('tickKey', () => {
  it('gives processes that fire a few milliseconds apart the same key for one tick', () => {
    const tick = Date.parse('2026-11-22T10:00:05.000Z');
    expect(tickKey('s', tick + 3)).toBe(tickKey('s', tick + 140));
    expect(tickKey('s', tick + 3)).toBe('schedule:s:2026-11-22T10:00:05.000Z');
  });

  it('gives consecutive one-second ticks different keys', () => {
    const tick = Date.parse('2026-11-22T10:00:05.000Z');
    expect(tickKey('s', tick + 10)).not.toBe(tickKey('s', tick + 1010));
  });
});

describe('nominalTickTime', () => {
  const scheduled = Date.parse('2026-11-22T10:00:05.000Z');

  it('keys a tick whose timer fired late under load by its scheduled second', () => {
    // 700 ms late would round to the next second; the scheduled time keeps both processes on one key
    expect(tickKey('s', nominalTickTime(scheduled, scheduled + 700))).toBe(tickKey('s', scheduled));
    expect(nominalTickTime(scheduled, scheduled - 5)).toBe(scheduled);
  });

  it('falls back to the firing time when the scheduled time is far from it', () => {
    expect(nominalTickTime(scheduled, scheduled + 60_000)).toBe(scheduled + 60_000);
    expect(nominalTickTime(0, scheduled)).toBe(scheduled);
  });
});
