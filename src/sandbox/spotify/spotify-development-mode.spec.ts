import type {
  SpotifyAlbumJson,
  SpotifyArtistJson,
  SpotifyErrorJson,
  SpotifyPagingJson,
  SpotifyTrackJson,
} from './spotify-api.types';
import { SpotifyEmulator } from './spotify-emulator';
import { clientToken, getJson, sendJson } from './spotify-emulator.test-helpers';

describe('Spotify emulator: development mode', () => {
  const emu = new SpotifyEmulator({ mode: 'development' });
  const known = emu.catalog.known;
  let token: string;
  const get = <T>(path: string) => getJson<T>(`${emu.apiUrl}${path}`, token);
  const forbidden = { error: { status: 403, message: 'Forbidden' } };

  beforeAll(async () => {
    await emu.start();
    token = await clientToken(emu);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  it('forbids the multi-gets', async () => {
    for (const path of [
      `/tracks?ids=${known.accentedTrackId}`,
      `/artists?ids=${known.rueDeVivreArtistId}`,
      `/albums?ids=${known.albumId}`,
    ]) {
      const res = await get<SpotifyErrorJson>(path);
      expect([path, res.status, res.body]).toEqual([path, 403, forbidden]);
    }
  });

  it('forbids top tracks and markets (403), audio features with a bare 403', async () => {
    expect((await get(`/artists/${known.rueDeVivreArtistId}/top-tracks?market=FR`)).body).toEqual(forbidden);
    expect((await get('/markets')).body).toEqual(forbidden);
    const features = await get<SpotifyErrorJson>(`/audio-features?ids=${known.accentedTrackId}`);
    expect(features.status).toBe(403);
    expect(features.body).toEqual({ error: { status: 403 } });
    expect((await get(`/audio-features/${known.accentedTrackId}`)).status).toBe(403);
  });

  it('answers 404 for related artists and recommendations', async () => {
    expect((await get(`/artists/${known.rueDeVivreArtistId}/related-artists`)).status).toBe(404);
    expect((await get(`/recommendations?seed_artists=${known.rueDeVivreArtistId}`)).status).toBe(404);
  });

  it('serves single tracks without popularity, available_markets or linked_from, but with the ISRC', async () => {
    const res = await get<SpotifyTrackJson>(`/tracks/${known.accentedTrackId}`);
    expect(res.status).toBe(200);
    expect('popularity' in res.body).toBe(false);
    expect('available_markets' in res.body).toBe(false);
    expect('linked_from' in res.body).toBe(false);
    expect('available_markets' in res.body.album).toBe(false);
    expect(res.body.external_ids.isrc).toBe(known.sharedIsrc);
  });

  it('serves artists without popularity and followers, keeping genres unless told otherwise', async () => {
    const res = await get<SpotifyArtistJson>(`/artists/${known.rueDeVivreArtistId}`);
    expect('popularity' in res.body).toBe(false);
    expect('followers' in res.body).toBe(false);
    expect(res.body.genres).toContain('chanson');
    expect(res.body.images).toHaveLength(3);

    await sendJson('POST', `${emu.url}/__sandbox/mode`, { mode: 'development', omitGenres: true });
    const without = await get<SpotifyArtistJson>(`/artists/${known.rueDeVivreArtistId}`);
    expect('genres' in without.body).toBe(false);
  });

  it('serves albums without label, popularity and available_markets', async () => {
    const res = await get<SpotifyAlbumJson>(`/albums/${known.albumId}`);
    expect(res.status).toBe(200);
    for (const key of ['label', 'popularity', 'available_markets']) expect(key in res.body).toBe(false);
  });

  it('caps search at 10 results per type, 5 by default', async () => {
    const q = encodeURIComponent('artist:"Rue De Vivre"');
    const tooMany = await get<SpotifyErrorJson>(`/search?q=${q}&type=track&limit=11`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({ error: { status: 400, message: 'Invalid limit' } });
    const ten = await get<{ tracks: SpotifyPagingJson<SpotifyTrackJson> }>(
      `/search?q=${q}&type=track&limit=10`,
    );
    expect(ten.body.tracks.items).toHaveLength(10);
    const byDefault = await get<{ tracks: SpotifyPagingJson<SpotifyTrackJson> }>(`/search?q=${q}&type=track`);
    expect(byDefault.body.tracks.limit).toBe(5);
    expect(byDefault.body.tracks.items).toHaveLength(5);
    expect('popularity' in byDefault.body.tracks.items[0]).toBe(false);
  });

  it('switches to extended mode at runtime through the control API', async () => {
    const res = await sendJson<{ mode: string }>('POST', `${emu.url}/__sandbox/mode`, { mode: 'extended' });
    expect(res.body.mode).toBe('extended');
    const multi = await get<{ tracks: SpotifyTrackJson[] }>(`/tracks?ids=${known.accentedTrackId}`);
    expect(multi.status).toBe(200);
    expect(typeof multi.body.tracks[0].popularity).toBe('number');
  });
});
