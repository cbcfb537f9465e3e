import { ActionItemInput, actionItems } from './action-items';

const ID = '293x3NAIGPR4RCJrFkzs0P';
const healthy: ActionItemInput = {
  spotifyId: ID,
  tracked: true,
  unlinkedWorks: 0,
  unlinkedSample: [],
  tracksNeverEnriched: 0,
  tracksStale: 0,
  artistsNeverEnriched: 0,
  artistsStale: 0,
  unavailableCapabilities: [],
  followersFromSoundcharts: false,
  daysSinceSnapshot: 0,
  lostMarkets: [],
  lostAsOf: null,
  failingCharts: [],
};

describe('actionItems', () => {
  it('has nothing to say when everything is in order', () => {
    expect(actionItems(healthy)).toEqual([]);
    expect(actionItems({ ...healthy, daysSinceSnapshot: 1 })).toEqual([]);
  });

  it('names works to link, stale enrichment, overdue snapshots and lost markets, with their numbers', () => {
    const items = actionItems({
      ...healthy,
      unlinkedWorks: 3,
      unlinkedSample: ['Song A', 'Song B'],
      tracksNeverEnriched: 4,
      tracksStale: 1,
      daysSinceSnapshot: 5,
      lostMarkets: [
        { market: 'FI', lastActive: '2026-02-28' },
        { market: 'NO', lastActive: '2026-02-10' },
      ],
      lostAsOf: '2026-03-01',
    });
    expect(items.map((i) => [i.kind, i.message])).toEqual([
      ['NO_RECENT_SNAPSHOT', 'no snapshot for 5 days'],
      [
        'MARKETS_LOST',
        'lost 2 markets in the last 30 days, inactive on 2026-03-01: FI (last active 2026-02-28), ' +
          'NO (last active 2026-02-10)',
      ],
      ['WORKS_TO_LINK', '3 works without a Spotify link: "Song A", "Song B", …'],
      ['STALE_ENRICHMENT', 'enrichment needed: 5 tracks (4 never enriched, 1 stale)'],
    ]);
    expect(items[0].hint).toContain(`soundgraph insights collect ${ID}`);
    expect(items[3].hint).toBe('soundgraph enrich tracks --mode backfill');
  });

  it('says what each missing capability blocks and what would restore it', () => {
    const items = actionItems({
      ...healthy,
      unavailableCapabilities: ['artist.followers', 'artists.topTracks', 'audioFeatures', 'tracks.multiGet'],
    });
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ kind: 'MISSING_CAPABILITY' });
    expect(items[0].message).toContain('artist.followers (followers and the follower score)');
    expect(items[0].message).toContain('artists.topTracks (top tracks, markets');
    expect(items[0].hint).toContain('Extended Quota Mode restores them');
    expect(items[0].hint).toContain('Soundcharts');
    expect(items[1].message).toContain('audioFeatures (the audio profile)');
    expect(items[1].hint).toContain('2024-11-27');
    // multi-gets only slow lookups down: not an insights action item
    expect(items.map((i) => i.message).join()).not.toContain('multiGet');
    // followers already filled by Soundcharts: no need to suggest it
    const filled = actionItems({
      ...healthy,
      unavailableCapabilities: ['artist.followers'],
      followersFromSoundcharts: true,
    });
    expect(filled[0].hint).not.toContain('Soundcharts');
  });

  it('asks to track an untracked artist and to collect a first snapshot', () => {
    expect(actionItems({ ...healthy, tracked: false, daysSinceSnapshot: null }).map((i) => i.kind)).toEqual([
      'NOT_TRACKED',
      'NO_RECENT_SNAPSHOT',
    ]);
  });

  it('reports a chart whose last sync failed', () => {
    const [item] = actionItems({
      ...healthy,
      failingCharts: [{ chart: 'top-50-fr', error: 'quota exceeded' }],
    });
    expect(item).toEqual({
      kind: 'CHART_SYNC_FAILING',
      message: 'the last sync of chart top-50-fr failed: quota exceeded',
      hint: 'triggerChartSync(slug: "top-50-fr") once the cause is fixed (see chartSyncHealth)',
    });
  });
});
