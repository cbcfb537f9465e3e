import type { AppConfig } from 'src/config';
import type { MusicService } from 'src/music';
import { SpotifyCapabilityUnavailableError, type SpotifyArtist, type SpotifyService } from 'src/spotify';
import { growthMetrics } from 'src/growth/growth-metrics';
import type { ArtistAudienceSource, LatestAudiencePoint } from './artist-audience-source';
import { InsightsClock } from './insights.clock';
import { SnapshotCollector } from './snapshot-collector.service';

const ID = '293x3NAIGPR4RCJrFkzs0P';
const ARTIST_UUID = '00000000-0000-4000-8000-000000000001';

/** A development-mode app: the artist without followers or popularity; every insights endpoint refused. */
function developmentSpotify(): SpotifyService {
  const artist: SpotifyArtist = {
    id: ID,
    name: 'Rue De Vivre',
    type: 'artist',
    uri: `spotify:artist:${ID}`,
    href: '',
    external_urls: {},
    images: [],
    genres: ['chanson'],
  };
  const refuse = (capability: string) => () =>
    Promise.reject(new SpotifyCapabilityUnavailableError(capability, `${capability} answered 403`));
  return {
    forJob: () => ({ artist: () => Promise.resolve(artist) }),
    artistTopTracks: refuse('artists.topTracks'),
    relatedArtists: refuse('relatedArtists'),
    recommendations: refuse('recommendations'),
  } as unknown as SpotifyService;
}

function collector(audience?: Partial<Record<string, LatestAudiencePoint>>) {
  const clock = new InsightsClock();
  clock.useSource(() => Date.parse('2026-03-10T08:00:00Z'));
  const music = {
    upsertSpotifyArtists: (artists: { spotifyId: string; name: string }[]) => {
      expect(artists).toEqual([{ spotifyId: ID, name: 'Rue De Vivre' }]);
      return Promise.resolve(new Map([[ID, ARTIST_UUID]]));
    },
    upsertSpotifyTracks: () => Promise.resolve(new Map()),
  } as unknown as MusicService;
  const source: ArtistAudienceSource | undefined = audience && {
    latestAudience: (_type, ids, platform, metric) => {
      expect(ids).toEqual([ARTIST_UUID]);
      expect(platform).toBe('spotify');
      const point = audience[metric];
      return Promise.resolve(new Map(point ? [[ARTIST_UUID, point]] : []));
    },
  };
  const config = { insights: { markets: ['US', 'FR'] } } as unknown as AppConfig;
  return new SnapshotCollector(config, developmentSpotify(), music, clock, source);
}

describe('SnapshotCollector with an audience source (Soundcharts)', () => {
  it('takes followers and monthly listeners from it when Spotify gives none, with their source and day', async () => {
    const snapshot = await collector({
      followers: { date: '2026-03-09', value: 701_234 },
      monthly_listeners: { date: '2026-03-08', value: 1_250_000 },
    }).collect(ID);
    expect(snapshot).toMatchObject({
      artistId: ARTIST_UUID,
      day: '2026-03-10',
      followers: 701_234,
      followersSource: 'SOUNDCHARTS',
      followersAsOf: '2026-03-09',
      monthlyListeners: 1_250_000,
      monthlyListenersAsOf: '2026-03-08',
      popularity: null,
      activeMarkets: null,
    });
    const parts = snapshot.skipped.map((s) => s.part);
    expect(parts).not.toContain('followers');
    expect(parts).not.toContain('monthlyListeners');
    expect(parts).toEqual(expect.arrayContaining(['popularity', 'topTracks', 'markets', 'audioProfile']));

    // the score then rests on followers alone: rescaled to 100, incomplete
    const [metric] = growthMetrics([snapshot]);
    const points = (25 * Math.log10(1 + 701_234)) / 7;
    expect(metric).toMatchObject({
      followersSource: 'SOUNDCHARTS',
      score: Math.round(points * 4 * 100) / 100,
      followerScore: Math.round(points * 100) / 100,
      popularityScore: null,
      complete: false,
    });
    expect(metric.missing.map((m) => m.component)).toEqual(['popularity', 'markets', 'tracks']);
  });

  it('does not pass off an old point as today, and says why', async () => {
    const snapshot = await collector({
      followers: { date: '2026-02-01', value: 650_000 },
    }).collect(ID);
    expect(snapshot.followers).toBeNull();
    const reasons = new Map(snapshot.skipped.map((s) => [s.part, s.reason]));
    expect(reasons.get('followers')).toContain(
      'latest followers point is of 2026-02-01, more than 7 days before 2026-03-10',
    );
    expect(reasons.get('monthlyListeners')).toContain('no monthly listeners stored for this artist');
  });

  it('records that no source is connected when there is none', async () => {
    const snapshot = await collector().collect(ID);
    expect(snapshot.followers).toBeNull();
    expect(snapshot.skipped.find((s) => s.part === 'monthlyListeners')?.reason).toBe(
      'Soundcharts: not connected to insights in this deployment',
    );
  });
});
