import { SpotifyCatalog } from '../spotify';
import { SoundchartsEmulator } from './soundcharts-emulator';
import { scGet } from './soundcharts-emulator.test-helpers';
import { UUID_PATTERN } from './soundcharts-ids';

describe('Soundcharts emulator: determinism', () => {
  const now = () => Date.UTC(2026, 10, 22, 13);
  // One built from its own freshly generated catalog, one from a shared one: same seed, same data.
  const a = new SoundchartsEmulator({ now });
  const b = new SoundchartsEmulator({ now, catalog: SpotifyCatalog.generate() });

  beforeAll(async () => {
    await a.start();
    await b.start();
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  it('derives identical uuids and known ids', () => {
    expect(b.data.known).toEqual(a.data.known);
    expect(b.data.songs.map((s) => s.uuid)).toEqual(a.data.songs.map((s) => s.uuid));
    expect(new Set(a.data.songs.map((s) => s.uuid)).size).toBe(a.data.songs.length);
    expect(a.data.songs.every((s) => UUID_PATTERN.test(s.uuid))).toBe(true);
    expect(a.data.artists.every((x) => UUID_PATTERN.test(x.uuid))).toBe(true);
  });

  it('serves byte-identical responses from two emulators', async () => {
    const k = a.data.known;
    const paths = [
      '/api/v2/chart/song/by-platform/spotify',
      `/api/v2.14/chart/song/${k.chart200Slug}/ranking/latest?offset=100`,
      '/api/v2.14/chart/song/fr-28/ranking/2026-03-30T12:00:00+00:00',
      `/api/v2.25/song/${k.multiIdSongUuid}`,
      `/api/v2.9/artist/${k.rueDeVivreArtistUuid}`,
      `/api/v2/song/${k.multiIdSongUuid}/audience/spotify?startDate=2025-02-01&endDate=2025-04-30`,
      `/api/v2/song/${k.multiIdSongUuid}/audience/youtube?startDate=2026-02-01&endDate=2026-04-30`,
      `/api/v2/artist/${k.rueDeVivreArtistUuid}/audience/instagram?startDate=2026-02-01&endDate=2026-04-30`,
      `/api/v2/artist/${k.rueDeVivreArtistUuid}/streaming/spotify/listening?startDate=2026-02-01&endDate=2026-04-30`,
      `/api/v2/song/${k.multiIdSongUuid}/broadcast-groups?startDate=2026-02-01&endDate=2026-04-30`,
    ];
    for (const path of paths) {
      const [ra, rb] = await Promise.all([scGet(a, path), scGet(b, path)]);
      expect(ra.status).toBe(200);
      expect(JSON.stringify(rb.body)).toBe(JSON.stringify(ra.body));
    }
  });
});
