import type { SpotifyTrackJson } from './spotify-api.types';
// Imported through the public entry point on purpose: it must compile and expose these.
import { generateSpotifyCatalog, SpotifyCatalog, SpotifyEmulator, TRACKED_MARKETS } from './index';
import { clientToken, getJson } from './spotify-emulator.test-helpers';

describe('Spotify emulator: seeded catalog', () => {
  const catalog = SpotifyCatalog.generate();
  const { tracks, albums, artists, known } = catalog;

  it('is a pure function of the seed', () => {
    const again = generateSpotifyCatalog();
    expect(JSON.stringify([again.artists, again.albums, again.tracks, again.known])).toBe(
      JSON.stringify([artists, albums, tracks, known]),
    );
    const other = generateSpotifyCatalog(7);
    expect(other.tracks[0].id).not.toBe(tracks[0].id);
    expect(other.artists.find((a) => a.name === 'Rue De Vivre')?.id).toBe('293x3NAIGPR4RCJrFkzs0P');
  });

  it('serves identical data from two emulators over HTTP', async () => {
    const a = new SpotifyEmulator();
    const b = new SpotifyEmulator();
    await Promise.all([a.start(), b.start()]);
    try {
      const fetchTrack = async (emu: SpotifyEmulator) => {
        const res = await getJson<SpotifyTrackJson>(
          `${emu.apiUrl}/tracks/${known.featTrackId}`,
          await clientToken(emu),
        );
        // hrefs carry each emulator's port; everything else must match.
        return JSON.stringify(res.body).split(emu.apiUrl).join('API');
      };
      expect(await fetchTrack(a)).toBe(await fetchTrack(b));
      expect(a.catalog.tracks.map((t) => t.id)).toEqual(b.catalog.tracks.map((t) => t.id));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('has Rue De Vivre with its fixed id, about a dozen artists and two without genres', () => {
    expect(catalog.artistByName('rue de vivre')?.id).toBe('293x3NAIGPR4RCJrFkzs0P');
    expect(artists.length).toBeGreaterThanOrEqual(10);
    expect(artists.length).toBeLessThanOrEqual(14);
    expect(artists.filter((a) => a.genres.length === 0)).toHaveLength(2);
    for (const a of artists) {
      expect(a.images.map((i) => i.width)).toEqual([640, 300, 64]);
      expect(a.relatedArtistIds).not.toContain(a.id);
      expect(a.relatedArtistIds.length).toBeGreaterThan(0);
    }
  });

  it('has about 3000 tracks with unique base62 ids and well-formed ISRCs', () => {
    expect(tracks.length).toBeGreaterThan(2500);
    expect(tracks.length).toBeLessThan(3500);
    const ids = [...tracks, ...albums, ...artists].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9A-Za-z]{22}$/.test(id))).toBe(true);
    expect(tracks.every((t) => /^[A-Z]{2}[A-Z0-9]{3}\d{2}\d{5}$/.test(t.isrc))).toBe(true);
  });

  it('spreads popularity over the three difficulty bands', () => {
    const { hard, medium, easy } = catalog.summary().popularityBands;
    expect(Math.min(hard, medium, easy)).toBeGreaterThan(100);
    expect(tracks.every((t) => t.popularity >= 0 && t.popularity <= 100)).toBe(true);
  });

  it('shares ISRCs between versions of a recording, with durations within a second', () => {
    const shared = catalog.sharedIsrcs();
    expect(shared.size).toBeGreaterThan(100);
    for (const [isrc, ids] of shared) {
      const durations = ids.map((id) => catalog.trackById(id)?.durationMs ?? NaN);
      expect([isrc, Math.max(...durations) - Math.min(...durations) < 1000]).toEqual([isrc, true]);
    }
    expect(catalog.tracksByIsrc(known.sharedIsrc).map((t) => t.id)).toEqual(known.sharedIsrcTrackIds);
    const kinds = new Set(
      known.sharedIsrcTrackIds.map((id) => catalog.albumOf(catalog.trackById(id)!).albumType),
    );
    expect(kinds).toEqual(new Set(['single', 'album']));
  });

  it('has the title variants an auto-linker must cope with', () => {
    const names = tracks.map((t) => t.name);
    for (const pattern of [
      / \(feat\. [^)]+\)/,
      / - Remastered 2011$/,
      / - Live$/,
      / - Radio Edit$/,
      /[éèàçù]/,
      /[!?,&']/,
    ]) {
      expect([pattern.source, names.some((n) => pattern.test(n))]).toEqual([pattern.source, true]);
    }
    expect(catalog.trackById(known.accentedTrackId)?.name).toBe('Café de Flore');
    expect(catalog.trackById(known.featTrackId)?.artistIds.length).toBeGreaterThan(1);
    const sameTitleArtists = new Set(
      known.sameTitleTrackIds.map((id) => catalog.trackById(id)?.artistIds[0]),
    );
    expect(sameTitleArtists.size).toBe(2);
    const radioEdit = catalog.trackById(known.radioEditTrackId);
    const original = catalog.tracksByName(radioEdit?.name.replace(' - Radio Edit', '') ?? '')[0];
    expect(radioEdit?.durationMs).toBeLessThan(original.durationMs);
    expect(radioEdit?.isrc).not.toBe(original.isrc);
  });

  it('sizes albums like real releases and keeps markets consistent', () => {
    for (const album of albums) {
      const size = album.trackIds.length;
      if (album.albumType === 'single') expect(size).toBeLessThanOrEqual(3);
      else expect([album.name, size >= 8 && size <= 16]).toEqual([album.name, true]);
    }
    const restricted = catalog.trackById(known.restrictedTrackId);
    expect(known.restrictedTrackMissingMarkets.length).toBeGreaterThan(0);
    for (const m of known.restrictedTrackMissingMarkets)
      expect(restricted?.availableMarkets).not.toContain(m);
    expect(TRACKED_MARKETS.every((m) => catalog.markets.includes(m))).toBe(true);
  });

  it('ranks at most 10 top tracks per artist and market, all playable there', () => {
    for (const artist of artists) {
      for (const market of TRACKED_MARKETS) {
        const top = catalog.topTracks(artist.id, market);
        expect(top.length).toBeLessThanOrEqual(10);
        expect(top.every((t) => t.availableMarkets.includes(market))).toBe(true);
      }
    }
  });
});
