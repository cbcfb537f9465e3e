import type {
  SpotifyArtistJson,
  SpotifyErrorJson,
  SpotifyPagingJson,
  SpotifyTrackJson,
} from './spotify-api.types';
import { SpotifyEmulator } from './spotify-emulator';
import { clientToken, getJson } from './spotify-emulator.test-helpers';
import { normalizeText } from './spotify-text';

type TrackSearch = { tracks: SpotifyPagingJson<SpotifyTrackJson> };

describe('Spotify emulator: GET /search', () => {
  const emu = new SpotifyEmulator();
  const { catalog } = emu;
  const known = catalog.known;
  let token: string;
  const search = <T>(q: string, extra = '&type=track') =>
    getJson<T>(`${emu.apiUrl}/search?q=${encodeURIComponent(q)}${extra}`, token);

  beforeAll(async () => {
    await emu.start();
    token = await clientToken(emu);
  });
  afterAll(() => emu.stop());

  it('finds every track carrying an ISRC (single, album, deluxe...)', async () => {
    const res = await search<TrackSearch>(`isrc:${known.sharedIsrc}`, '&type=track&limit=50');
    expect(res.status).toBe(200);
    const ids = res.body.tracks.items.map((t) => t.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect([...ids].sort()).toEqual([...known.sharedIsrcTrackIds].sort());
    expect(res.body.tracks.items.every((t) => t.external_ids.isrc === known.sharedIsrc)).toBe(true);
    const durations = res.body.tracks.items.map((t) => t.duration_ms);
    expect(Math.max(...durations) - Math.min(...durations)).toBeLessThan(1000);
    const lower = await search<TrackSearch>(`isrc:${known.sharedIsrc.toLowerCase()}`);
    expect(lower.body.tracks.total).toBe(ids.length);
  });

  it('matches track:"…" artist:"…" with quotes, ignoring case and accents', async () => {
    const exact = await search<TrackSearch>(
      'track:"Café de Flore" artist:"Rue De Vivre"',
      '&type=track&limit=50',
    );
    expect(exact.body.tracks.total).toBeGreaterThanOrEqual(3);
    for (const t of exact.body.tracks.items) {
      expect(normalizeText(t.name)).toContain('cafe de flore');
      expect(t.artists.map((a) => a.name)).toContain('Rue De Vivre');
    }
    const folded = await search<TrackSearch>(
      'track:"cafe de flore" artist:"rue de vivre"',
      '&type=track&limit=50',
    );
    expect(folded.body.tracks.items.map((t) => t.id)).toEqual(exact.body.tracks.items.map((t) => t.id));
    const wrongArtist = await search<TrackSearch>('track:"Café de Flore" artist:"Ivy Mercer"');
    expect(wrongArtist.body.tracks.total).toBe(0);
  });

  it('finds the same title by two different artists', async () => {
    const res = await search<TrackSearch>(`track:"${known.sameTitle}"`, '&type=track&limit=50');
    const artists = new Set(res.body.tracks.items.flatMap((t) => t.artists[0].name));
    expect(artists.size).toBeGreaterThanOrEqual(2);
  });

  it('orders by popularity (then id) and pages with offset, next and previous', async () => {
    const q = 'artist:"Rue De Vivre"';
    const first = await search<TrackSearch>(q, '&type=track&limit=20');
    const page = first.body.tracks;
    const keys = page.items.map((t) => [t.popularity ?? 0, t.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(page.total).toBe(catalog.tracksByArtist(known.rueDeVivreArtistId).length);
    expect(page.previous).toBeNull();
    expect(page.next).not.toBeNull();

    const next = await getJson<TrackSearch>(page.next ?? '', token);
    expect(next.body.tracks.offset).toBe(20);
    expect(next.body.tracks.previous).not.toBeNull();
    const overlap = next.body.tracks.items.filter((t) => page.items.some((p) => p.id === t.id));
    expect(overlap).toHaveLength(0);
  });

  it('searches several types at once and artists by name', async () => {
    const res = await search<{
      tracks: SpotifyPagingJson<SpotifyTrackJson>;
      artists: SpotifyPagingJson<SpotifyArtistJson>;
    }>('rue de vivre', '&type=track,artist');
    expect(res.body.artists.items.map((a) => a.id)).toEqual([known.rueDeVivreArtistId]);
    expect(res.body.tracks.total).toBeGreaterThan(0);
    const isrcOnArtists = await search<{ artists: SpotifyPagingJson<SpotifyArtistJson> }>(
      `isrc:${known.sharedIsrc}`,
      '&type=artist',
    );
    expect(isrcOnArtists.body.artists.total).toBe(0);
  });

  it('validates q, type, limit and offset', async () => {
    const noQuery = await getJson<SpotifyErrorJson>(`${emu.apiUrl}/search?type=track`, token);
    expect(noQuery.status).toBe(400);
    expect((await search('x', '')).status).toBe(400);
    expect((await search('x', '&type=song')).status).toBe(400);
    expect((await search('x', '&type=track&limit=51')).status).toBe(400);
    expect((await search('x', '&type=track&limit=50')).status).toBe(200);
    expect((await search('x', '&type=track&limit=0')).status).toBe(400);
    expect((await search('x', '&type=track&offset=1001')).status).toBe(400);
  });

  it('defaults to 20 results per page in extended mode', async () => {
    const res = await search<TrackSearch>('artist:"Ivy Mercer"');
    expect(res.body.tracks.limit).toBe(20);
    expect(res.body.tracks.items).toHaveLength(20);
  });
});
