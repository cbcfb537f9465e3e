import {
  daysBetween,
  isoWeekdayOf,
  isTimeZone,
  isWeekend,
  localTime,
  splitIntoMonths,
  timeOfDay,
} from './time-buckets';

describe('timeOfDay', () => {
  it('buckets local hours: morning 05–12, afternoon 12–17, evening 17–21, night 21–05', () => {
    const buckets = Array.from({ length: 24 }, (_, h) => timeOfDay(h));
    expect(buckets.slice(0, 5)).toEqual(Array(5).fill('NIGHT'));
    expect(buckets.slice(5, 12)).toEqual(Array(7).fill('MORNING'));
    expect(buckets.slice(12, 17)).toEqual(Array(5).fill('AFTERNOON'));
    expect(buckets.slice(17, 21)).toEqual(Array(4).fill('EVENING'));
    expect(buckets.slice(21)).toEqual(Array(3).fill('NIGHT'));
  });

  it('refuses hours outside 0..23', () => {
    expect(() => timeOfDay(24)).toThrow(RangeError);
    expect(() => timeOfDay(-1)).toThrow(RangeError);
    expect(() => timeOfDay(1.5)).toThrow(RangeError);
  });
});

describe('localTime', () => {
  it('follows Denver across the spring DST change (2026-03-08, 02:00 → 03:00)', () => {
    // 08:30Z is 01:30 MST (UTC−7); 09:30Z is 03:30 MDT (UTC−6): one wall hour skipped.
    expect(localTime(new Date('2026-03-08T08:30:00Z'), 'America/Denver')).toMatchObject({
      date: '2026-03-08',
      hour: 1,
    });
    expect(localTime(new Date('2026-03-08T09:30:00Z'), 'America/Denver')).toMatchObject({
      date: '2026-03-08',
      hour: 3,
    });
    // After the change, 06:30Z is 00:30 on the 9th; a fixed −7 offset would say 23:30 on the 8th.
    expect(localTime(new Date('2026-03-09T06:30:00Z'), 'America/Denver')).toMatchObject({
      date: '2026-03-09',
      hour: 0,
      isoWeekday: 1,
    });
    expect(localTime(new Date('2026-03-08T06:30:00Z'), 'America/Denver')).toMatchObject({
      date: '2026-03-07',
      hour: 23,
      isoWeekday: 6,
    });
  });

  it('counts the repeated hour of the autumn change on the same day (2026-11-01)', () => {
    expect(localTime(new Date('2026-11-01T07:30:00Z'), 'America/Denver')).toMatchObject({
      date: '2026-11-01',
      hour: 1,
    });
    expect(localTime(new Date('2026-11-01T08:30:00Z'), 'America/Denver')).toMatchObject({
      date: '2026-11-01',
      hour: 1,
    });
  });

  it('puts the same instant on another day in another zone', () => {
    const instant = new Date('2026-03-08T16:30:00Z');
    expect(localTime(instant, 'Asia/Tokyo')).toMatchObject({ date: '2026-03-09', hour: 1, minute: 30 });
    expect(localTime(instant, 'America/Denver')).toMatchObject({ date: '2026-03-08', hour: 10 });
    expect(localTime(instant, 'UTC')).toMatchObject({ date: '2026-03-08', hour: 16 });
  });

  it('writes midnight as hour 0, not 24', () => {
    expect(localTime(new Date('2026-01-01T00:00:00Z'), 'UTC').hour).toBe(0);
  });
});

describe('calendar helpers', () => {
  it('numbers weekdays ISO-style and knows the weekend', () => {
    expect(isoWeekdayOf('2026-03-09')).toBe(1);
    expect(isoWeekdayOf('2026-03-08')).toBe(7);
    expect([1, 2, 3, 4, 5, 6, 7].map(isWeekend)).toEqual([false, false, false, false, false, true, true]);
  });

  it('counts days inclusively', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(3);
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('splitIntoMonths', () => {
  it('keeps the whole months of a range and the days at its ends', () => {
    expect(splitIntoMonths('2026-01-15', '2026-04-10')).toEqual({
      months: ['2026-02-01', '2026-03-01'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-10'],
      ],
    });
    expect(splitIntoMonths('2026-01-01', '2026-12-31')).toEqual({
      months: ['2026-01-01', '2026-12-01'],
      days: [],
    });
    expect(splitIntoMonths('2024-02-01', '2024-02-29')).toEqual({
      months: ['2024-02-01', '2024-02-01'],
      days: [],
    });
    expect(splitIntoMonths('2025-12-31', '2026-02-28')).toEqual({
      months: ['2026-01-01', '2026-02-01'],
      days: [['2025-12-31', '2025-12-31']],
    });
  });

  it('leaves a range without a whole month as days', () => {
    expect(splitIntoMonths('2026-03-05', '2026-03-20')).toEqual({
      months: null,
      days: [['2026-03-05', '2026-03-20']],
    });
    expect(splitIntoMonths('2026-01-20', '2026-02-10')).toEqual({
      months: null,
      days: [['2026-01-20', '2026-02-10']],
    });
    expect(splitIntoMonths('2026-02-01', '2026-02-27')).toEqual({
      months: null,
      days: [['2026-02-01', '2026-02-27']],
    });
  });
});
