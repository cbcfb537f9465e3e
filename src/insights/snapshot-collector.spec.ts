import type { AppConfig } from 'src/config';
import type { MusicService } from 'src/music';
import { SpotifyCapabilityUnavailableError, type SpotifyArtist, type SpotifyService } from 'src/spotify';
import { growthMetrics } from 'src/growth/growth-metrics';
import type {
  ArtistAudienceRefresh,
  ArtistAudienceSource,
  LatestAudiencePoint,
} from './artist-audience-source';
import { InsightsClock } from './insights.clock';
import { SnapshotCollector } from './snapshot-collector.service';
import type { AudienceLookupClaim, TrackedArtistsRepository } from './tracked-artists.repository';

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

/** Tracked artists as far as the daily Soundcharts lookup is concerned: claims granted once per day. */
function trackedArtists(tracked = true) {
  const claimed = new Map<string, string>();
  const notes: string[] = [];
  const repo = {
    claimAudienceLookup: (spotifyId: string, day: string): Promise<AudienceLookupClaim> => {
      if (!tracked) return Promise.resolve({ claimed: false, tracked: false, note: null });
      if (claimed.get(spotifyId) === day)
        return Promise.resolve({ claimed: false, tracked: true, note: notes[notes.length - 1] ?? null });
      claimed.set(spotifyId, day);
      return Promise.resolve({ claimed: true });
    },
    recordAudienceLookup: (_spotifyId: string, note: string) => {
      notes.push(note);
      return Promise.resolve();
    },
  } as unknown as TrackedArtistsRepository;
  return { repo, notes };
}

function collector(
  audience?: Partial<Record<string, LatestAudiencePoint>>,
  options: {
    spotify?: SpotifyService;
    tracked?: TrackedArtistsRepository;
    refresh?: ArtistAudienceRefresh;
  } = {},
) {
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
  return new SnapshotCollector(
    config,
    options.spotify ?? developmentSpotify(),
    music,
    clock,
    options.tracked ?? trackedArtists().repo,
    source,
    options.refresh,
  );
}

/** An app that sees top tracks: each market lists `tracks`; their audio features are `features`. */
function topTracksSpotify(tracks: { id: string; name: string }[], features: null[]): SpotifyService {
  const artist = {
    id: ID,
    name: 'Rue De Vivre',
    type: 'artist',
    uri: `spotify:artist:${ID}`,
    href: '',
    external_urls: {},
    images: [],
    genres: ['chanson'],
    popularity: 60,
    followers: { href: null, total: 1000 },
  } as SpotifyArtist;
  const topTracks = tracks.map((t) => ({ ...t, popularity: 50, artists: [{ id: ID, name: artist.name }] }));
  return {
    forJob: () => ({
      artist: () => Promise.resolve(artist),
      audioFeaturesOf: (ids: string[]) => {
        expect(ids).toEqual(tracks.map((t) => t.id));
        return Promise.resolve(features);
      },
    }),
    artistTopTracks: () => Promise.resolve(topTracks),
    relatedArtists: () => Promise.resolve([]),
    recommendations: () => Promise.resolve({ tracks: [] }),
  } as unknown as SpotifyService;
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

describe('SnapshotCollector asking Soundcharts for a tracked artist', () => {
  /** Soundcharts' stored points: empty until a refresh stores `fetched`. */
  function refreshing(fetched: Record<string, LatestAudiencePoint>, fail?: Error) {
    const stored: Partial<Record<string, LatestAudiencePoint>> = {};
    const calls: string[] = [];
    const refresh: ArtistAudienceRefresh = {
      refreshSpotifyAudience: (artistId, spotifyId, day) => {
        calls.push(`${artistId} ${spotifyId} ${day}`);
        if (fail) return Promise.reject(fail);
        Object.assign(stored, fetched);
        return Promise.resolve({ status: 'refreshed', soundchartsUuid: 'sc-uuid', requests: 3 });
      },
    };
    return { stored, calls, refresh };
  }

  it('fetches followers and monthly listeners once when nothing recent is stored, and uses them with their source', async () => {
    const { stored, calls, refresh } = refreshing({
      followers: { date: '2026-03-09', value: 702_000 },
      monthly_listeners: { date: '2026-03-10', value: 1_300_000 },
    });
    const tracked = trackedArtists();
    const snapshot = await collector(stored, { refresh, tracked: tracked.repo }).collect(ID);
    expect(calls).toEqual([`${ARTIST_UUID} ${ID} 2026-03-10`]);
    expect(snapshot).toMatchObject({
      followers: 702_000,
      followersSource: 'SOUNDCHARTS',
      followersAsOf: '2026-03-09',
      monthlyListeners: 1_300_000,
    });
    expect(snapshot.skipped.map((s) => s.part)).not.toContain('followers');
    expect(tracked.notes).toEqual(['looked up on Soundcharts on 2026-03-10: artist sc-uuid']);
  });

  it('does not fail the snapshot when Soundcharts fails, says why, and does not ask again that day', async () => {
    const { stored, calls, refresh } = refreshing({}, new Error('Soundcharts answered 500'));
    const tracked = trackedArtists();
    const first = await collector(stored, { refresh, tracked: tracked.repo }).collect(ID);
    expect(first.followers).toBeNull();
    const reason = first.skipped.find((s) => s.part === 'followers')!.reason;
    expect(reason).toContain('followers absent');
    expect(reason).toContain('Soundcharts lookup failed on 2026-03-10: Soundcharts answered 500');
    expect(first.skipped.find((s) => s.part === 'monthlyListeners')!.reason).toContain('lookup failed');

    const again = await collector(stored, { refresh, tracked: tracked.repo }).collect(ID);
    expect(calls).toHaveLength(1);
    expect(again.skipped.find((s) => s.part === 'followers')!.reason).toContain(
      'looked up on Soundcharts already on 2026-03-10 (Soundcharts lookup failed on 2026-03-10',
    );
  });

  it('asks only for tracked artists', async () => {
    const { stored, calls, refresh } = refreshing({ followers: { date: '2026-03-10', value: 1 } });
    const snapshot = await collector(stored, { refresh, tracked: trackedArtists(false).repo }).collect(ID);
    expect(calls).toEqual([]);
    expect(snapshot.skipped.find((s) => s.part === 'followers')!.reason).toContain(
      'Soundcharts is asked only for tracked artists',
    );
  });
});

describe('SnapshotCollector audio profile', () => {
  it('records why the audio profile is empty when the artist has no top track', async () => {
    const snapshot = await collector(undefined, { spotify: topTracksSpotify([], []) }).collect(ID);
    expect(snapshot.topTracks).toEqual([]);
    expect(snapshot.audioProfile).toBeNull();
    expect(snapshot.skipped).toContainEqual({
      part: 'audioProfile',
      capability: null,
      reason: 'no top track in any tracked market: there is nothing to profile',
    });
  });

  it('records why the audio profile is empty when no top track has audio features', async () => {
    const tracks = [
      { id: 'a'.repeat(22), name: 'A' },
      { id: 'b'.repeat(22), name: 'B' },
    ];
    const snapshot = await collector(undefined, {
      spotify: topTracksSpotify(tracks, [null, null]),
    }).collect(ID);
    expect(snapshot.topTracks).toHaveLength(2);
    expect(snapshot.audioProfile).toBeNull();
    expect(snapshot.skipped).toContainEqual({
      part: 'audioProfile',
      capability: null,
      reason: 'Spotify has no audio features for any of the 2 top tracks',
    });
  });
});
