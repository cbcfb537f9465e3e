import { growthMetrics, metricIdOf, visibilityInputs } from './growth-metrics';
import type { ArtistSnapshot } from 'src/insights';

const base = (day: string, over: Partial<ArtistSnapshot> = {}): ArtistSnapshot => ({
  spotifyId: '293x3NAIGPR4RCJrFkzs0P',
  artistId: null,
  name: 'A',
  day,
  collectedAt: new Date(`${day}T00:00:00Z`),
  followers: null,
  followersSource: null,
  followersAsOf: null,
  popularity: null,
  genres: null,
  monthlyListeners: null,
  monthlyListenersAsOf: null,
  trackedMarkets: ['US', 'GB', 'FR', 'DE'],
  markets: null,
  activeMarkets: null,
  topTracks: null,
  audioProfile: null,
  relatedArtists: null,
  benchmark: null,
  recommendations: null,
  skipped: [],
  ...over,
});
const track = (popularity: number | null) => ({
  spotifyId: 'x'.repeat(22),
  name: 'x',
  popularity,
  markets: 1,
});

describe('growth metrics of snapshots', () => {
  it('names each record <spotifyId>_<date>', () => {
    expect(metricIdOf('293x3NAIGPR4RCJrFkzs0P', '2025-06-28')).toBe('293x3NAIGPR4RCJrFkzs0P_2025-06-28');
  });

  it('reads the visibility inputs: markets over the tracked ones, known track popularities', () => {
    expect(
      visibilityInputs(
        base('2026-01-01', { activeMarkets: ['US', 'FR'], topTracks: [track(50), track(null)] }),
      ),
    ).toEqual({
      followers: null,
      popularity: null,
      markets: { active: 2, tracked: 4 },
      topTrackPopularities: [50],
    });
    // no top tracks at all is a known 0; top tracks without popularity are an unknown
    expect(visibilityInputs(base('2026-01-01', { topTracks: [] })).topTrackPopularities).toEqual([]);
    expect(
      visibilityInputs(base('2026-01-01', { topTracks: [track(null)] })).topTrackPopularities,
    ).toBeNull();
  });

  it('gives the reason of each missing component from what the snapshot skipped', () => {
    const [metric] = growthMetrics([
      base('2026-01-01', {
        followers: 10,
        activeMarkets: ['US'],
        topTracks: [track(null)],
        skipped: [
          { part: 'popularity', capability: 'artist.popularity', reason: 'no popularity' },
          { part: 'trackPopularity', capability: 'track.popularity', reason: 'no track popularity' },
        ],
      }),
    ]);
    expect(metric.missing).toEqual([
      { component: 'popularity', reason: 'no popularity' },
      { component: 'tracks', reason: 'no track popularity' },
    ]);
    expect(metric.complete).toBe(false);
    expect(metric.marketScore).toBe(6.25);
  });
});
