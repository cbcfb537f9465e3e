import { summarizeMarkets, TopTrackLike } from './market-insights';

const t = (id: string, popularity?: number, is_playable?: boolean): TopTrackLike => ({
  id: id.padEnd(22, 'x'),
  name: `Track ${id}`,
  popularity,
  is_playable,
});

describe('summarizeMarkets', () => {
  it('counts top tracks, playable ones and their mean popularity per market; a market without any is inactive', () => {
    const summary = summarizeMarkets(
      ['US', 'FR', 'SE'],
      new Map([
        ['US', [t('a', 80), t('b', 71), t('c', 50, false)]],
        ['FR', [t('a', 80, true), t('d', 60)]],
        ['SE', [t('c', 50, false)]],
      ]),
    );
    expect(summary.markets).toEqual([
      { market: 'US', topTracks: 3, available: 2, meanPopularity: 75.5 },
      { market: 'FR', topTracks: 2, available: 2, meanPopularity: 70 },
      { market: 'SE', topTracks: 1, available: 0, meanPopularity: null },
    ]);
    expect(summary.activeMarkets).toEqual(['US', 'FR']);
    expect(summary.popularityKnown).toBe(true);
  });

  it('keeps the ten best playable tracks of the union, by popularity then reach', () => {
    const many = Array.from({ length: 12 }, (_, i) => t(`m${i}`, 40 + i));
    const summary = summarizeMarkets(
      ['US', 'GB'],
      new Map([
        ['US', [...many.slice(0, 6), t('tie', 45)]],
        ['GB', [...many.slice(6), t('tie', 45), t('gone', 99, false)]],
      ]),
    );
    expect(summary.topTracks).toHaveLength(10);
    expect(summary.topTracks[0]).toMatchObject({ name: 'Track m11', popularity: 51, markets: 1 });
    // m5 and tie both have popularity 45: the one listed in two markets comes first
    const order = summary.topTracks.map((x) => x.name);
    expect(order.indexOf('Track tie')).toBeLessThan(order.indexOf('Track m5'));
    expect(order).not.toContain('Track gone');
  });

  it('records unknown popularity as null, never 0', () => {
    const summary = summarizeMarkets(['US'], new Map([['US', [t('a'), t('b')]]]));
    expect(summary.markets[0]).toEqual({ market: 'US', topTracks: 2, available: 2, meanPopularity: null });
    expect(summary.topTracks.map((x) => x.popularity)).toEqual([null, null]);
    expect(summary.popularityKnown).toBe(false);
  });
});
