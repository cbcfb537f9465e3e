const BARS = '▁▂▃▄▅▆▇█';
/** A day without a value. */
export const SPARK_GAP = '·';

/**
 * One character per value, lowest ▁ to highest █ over the series' own range; a flat series sits in the middle and
 * a missing value is a gap (·), not a zero.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v) => v !== null);
  if (known.length === 0) return SPARK_GAP.repeat(values.length);
  const min = Math.min(...known);
  const max = Math.max(...known);
  return values
    .map((v) => {
      if (v === null) return SPARK_GAP;
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}

/** The values of `days` consecutive days ending on `lastDay` (YYYY-MM-DD), null where `points` has none. */
export function dailyValues(
  points: readonly { day: string; value: number | null }[],
  lastDay: string,
  days: number,
): (number | null)[] {
  const byDay = new Map(points.map((p) => [p.day, p.value]));
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return byDay.get(day) ?? null;
  });
}
