import { tickKey } from './job-scheduler.service';

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
