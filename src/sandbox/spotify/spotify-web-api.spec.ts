import type {
  SpotifyAlbumJson,
  SpotifyArtistJson,
  SpotifyAudioFeaturesJson,
  SpotifyErrorJson,
  SpotifyRecommendationSeedJson,
  SpotifyTrackJson,
} from './spotify-api.types';
import { TRACKED_MARKETS } from './spotify-catalog.data';
import { SpotifyEmulator } from './spotify-emulator';
import { clientToken, getJson } from './spotify-emulator.test-helpers';

describe('Spotify emulator: Web API (extended quota mode)', () => {
  const emu = new SpotifyEmulator();
  const { catalog } = emu;
  const known = catalog.known;
  let token: string;
  const get = <T>(path: string) => getJson<T>(`${emu.apiUrl}${path}`, token);
  const idsOf = (n: number) => catalog.tracks.slice(0, n).map((t) => t.id);

  beforeAll(async () => {
    await emu.start();
    token = await clientToken(emu);
  });
  afterAll(() => emu.stop());

  describe('GET /tracks/{id}', () => {
    it('returns a full TrackObject', async () => {
      const res = await get<SpotifyTrackJson>(`/tracks/${known.accentedTrackId}`);
      expect(res.status).toBe(200);
      const t = res.body;
      const record = catalog.trackById(known.accentedTrackId);
      expect(t).toMatchObject({
        id: known.accentedTrackId,
        name: 'Café de Flore',
        type: 'track',
        uri: `spotify:track:${known.accentedTrackId}`,
        href: `${emu.apiUrl}/tracks/${known.accentedTrackId}`,
        external_urls: { spotify: `https://open.spotify.com/track/${known.accentedTrackId}` },
        external_ids: { isrc: known.sharedIsrc },
        is_local: false,
        disc_number: 1,
        duration_ms: record?.durationMs,
        popularity: record?.popularity,
      });
      expect(t.artists.map((a) => a.id)).toEqual([known.rueDeVivreArtistId]);
      expect(t.album.images.map((i) => [i.width, i.height])).toEqual([
        [640, 640],
        [300, 300],
        [64, 64],
      ]);
      expect(t.album.images[0].url).toMatch(/^https:\/\/i\.scdn\.co\/image\/[0-9a-f]{40}$/);
      expect(t.available_markets).toEqual(expect.arrayContaining([...TRACKED_MARKETS]));
      expect(t.album.available_markets?.length).toBeGreaterThan(0);
    });

    it('replaces available_markets by is_playable when a market is given', async () => {
      const id = known.restrictedTrackId;
      const missing = known.restrictedTrackMissingMarkets[0];
      const res = await get<SpotifyTrackJson>(`/tracks/${id}?market=${missing}`);
      expect(res.body.is_playable).toBe(false);
      expect('available_markets' in res.body).toBe(false);
      expect((await get<SpotifyErrorJson>(`/tracks/${id}?market=XX`)).status).toBe(400);
    });

    it('answers 400 "invalid id" for a malformed id and 404 for an unknown one', async () => {
      const malformed = await get<SpotifyErrorJson>('/tracks/not-an-id');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ error: { status: 400, message: 'invalid id' } });
      for (const bad of ['A'.repeat(21), 'A'.repeat(23), `${'A'.repeat(21)}-`, '%E0%A4%A']) {
        expect([bad, (await get(`/tracks/${bad}`)).status]).toEqual([bad, 400]);
      }
      const unknown = await get<SpotifyErrorJson>('/tracks/0000000000000000000000');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: { status: 404, message: 'non existing id' } });
    });
  });

  describe('multi-gets', () => {
    it('returns tracks in request order with null for unknown ids', async () => {
      const ids = [known.featTrackId, '0000000000000000000000', known.accentedTrackId];
      const res = await get<{ tracks: (SpotifyTrackJson | null)[] }>(`/tracks?ids=${ids.join(',')}`);
      expect(res.status).toBe(200);
      expect(res.body.tracks.map((t) => t?.id ?? null)).toEqual([
        known.featTrackId,
        null,
        known.accentedTrackId,
      ]);
    });

    it('accepts 50 track ids and refuses 51', async () => {
      expect((await get(`/tracks?ids=${idsOf(50).join(',')}`)).status).toBe(200);
      const res = await get<SpotifyErrorJson>(`/tracks?ids=${idsOf(51).join(',')}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { status: 400, message: 'Too many ids requested' } });
    });

    it('answers 400 invalid id when one id of a multi-get is malformed', async () => {
      const res = await get<SpotifyErrorJson>(`/tracks?ids=${known.featTrackId},bad`);
      expect(res.body).toEqual({ error: { status: 400, message: 'invalid id' } });
    });

    it('limits artists to 50, albums to 20 and audio features to 100', async () => {
      const artistIds = catalog.artists.map((a) => a.id);
      const artists = await get<{ artists: SpotifyArtistJson[] }>(`/artists?ids=${artistIds.join(',')}`);
      expect(artists.body.artists.map((a) => a.name)).toEqual(catalog.artists.map((a) => a.name));
      const fiftyOne = Array.from({ length: 51 }, () => artistIds[0]).join(',');
      expect((await get(`/artists?ids=${fiftyOne}`)).status).toBe(400);

      const albumIds = catalog.albums.map((a) => a.id);
      expect((await get(`/albums?ids=${albumIds.slice(0, 20).join(',')}`)).status).toBe(200);
      expect((await get(`/albums?ids=${albumIds.slice(0, 21).join(',')}`)).status).toBe(400);

      const features = await get<{ audio_features: SpotifyAudioFeaturesJson[] }>(
        `/audio-features?ids=${idsOf(100).join(',')}`,
      );
      expect(features.body.audio_features).toHaveLength(100);
      expect((await get(`/audio-features?ids=${idsOf(101).join(',')}`)).status).toBe(400);
    });

    it('answers 400 when ids is missing', async () => {
      expect((await get('/tracks')).status).toBe(400);
    });
  });

  describe('artists', () => {
    it('returns a full ArtistObject for Rue De Vivre', async () => {
      const res = await get<SpotifyArtistJson>(`/artists/${known.rueDeVivreArtistId}`);
      const record = catalog.artistById(known.rueDeVivreArtistId);
      expect(res.body).toMatchObject({
        id: '293x3NAIGPR4RCJrFkzs0P',
        name: 'Rue De Vivre',
        type: 'artist',
        uri: 'spotify:artist:293x3NAIGPR4RCJrFkzs0P',
        followers: { href: null, total: record?.followers },
        popularity: record?.popularity,
        genres: record?.genres,
      });
      expect(res.body.images.map((i) => i.width)).toEqual([640, 300, 64]);
    });

    it('requires a market for top tracks and ranks playable tracks by popularity', async () => {
      const missing = await get<SpotifyErrorJson>(`/artists/${known.rueDeVivreArtistId}/top-tracks`);
      expect(missing.status).toBe(400);
      const res = await get<{ tracks: SpotifyTrackJson[] }>(
        `/artists/${known.rueDeVivreArtistId}/top-tracks?market=FR`,
      );
      expect(res.status).toBe(200);
      expect(res.body.tracks).toHaveLength(10);
      const pops = res.body.tracks.map((t) => t.popularity ?? -1);
      expect(pops).toEqual([...pops].sort((a, b) => b - a));
      expect(res.body.tracks.every((t) => t.is_playable === true)).toBe(true);
      expect(res.body.tracks.map((t) => t.id)).toEqual(
        catalog.topTracks(known.rueDeVivreArtistId, 'FR').map((t) => t.id),
      );
    });

    it('leaves a track out of top tracks in a market where it is not available', () => {
      const track = catalog.trackById(known.restrictedTrackId);
      const market = known.restrictedTrackMissingMarkets[0];
      expect(track).toBeDefined();
      for (const artistId of track?.artistIds ?? []) {
        expect(catalog.topTracks(artistId, market).map((t) => t.id)).not.toContain(known.restrictedTrackId);
      }
    });

    it('lists related artists from the catalog, never the artist itself', async () => {
      const res = await get<{ artists: SpotifyArtistJson[] }>(
        `/artists/${known.rueDeVivreArtistId}/related-artists`,
      );
      expect(res.status).toBe(200);
      expect(res.body.artists.length).toBeGreaterThan(0);
      expect(res.body.artists.map((a) => a.id)).not.toContain(known.rueDeVivreArtistId);
    });
  });

  describe('albums, audio features, recommendations, markets', () => {
    it('returns an album with its tracks', async () => {
      const res = await get<SpotifyAlbumJson>(`/albums/${known.albumId}`);
      expect(res.body.tracks.items.map((t) => t.id)).toEqual(catalog.albumById(known.albumId)?.trackIds);
      expect(res.body.label).toBeDefined();
      expect(res.body.tracks.total).toBe(res.body.total_tracks);
    });

    it('returns audio features for a single track', async () => {
      const res = await get<SpotifyAudioFeaturesJson>(`/audio-features/${known.accentedTrackId}`);
      expect(res.body).toMatchObject({ id: known.accentedTrackId, type: 'audio_features' });
      expect(res.body.danceability).toBeGreaterThanOrEqual(0);
      expect(res.body.danceability).toBeLessThanOrEqual(1);
    });

    it('recommends tracks around seeds and validates seeds', async () => {
      const res = await get<{ seeds: SpotifyRecommendationSeedJson[]; tracks: SpotifyTrackJson[] }>(
        `/recommendations?seed_artists=${known.rueDeVivreArtistId}&limit=7&min_popularity=20`,
      );
      expect(res.status).toBe(200);
      expect(res.body.tracks).toHaveLength(7);
      expect(res.body.tracks.every((t) => (t.popularity ?? 0) >= 20)).toBe(true);
      expect(res.body.seeds[0]).toMatchObject({ id: known.rueDeVivreArtistId, type: 'ARTIST' });
      expect((await get('/recommendations')).status).toBe(400);
      const six = Array.from({ length: 6 }, () => known.rueDeVivreArtistId).join(',');
      expect((await get(`/recommendations?seed_artists=${six}`)).status).toBe(400);
    });

    it('lists markets including the 13 tracked ones', async () => {
      const res = await get<{ markets: string[] }>('/markets');
      expect(res.body.markets).toEqual(expect.arrayContaining([...TRACKED_MARKETS]));
    });

    it('answers 404 for unknown paths and 405 for wrong methods', async () => {
      expect((await get('/nothing-here')).status).toBe(404);
      const res = await fetch(`${emu.apiUrl}/tracks/${known.accentedTrackId}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(405);
    });
  });
});
