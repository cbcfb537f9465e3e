import { SpotifyCatalog, SpotifyEmulator, type SpotifyTrackJson } from '../spotify';
import type {
  SoundchartsArtistJson,
  SoundchartsCollectionJson,
  SoundchartsErrorJson,
  SoundchartsIdentifierJson,
  SoundchartsObjectJson,
  SoundchartsSongJson,
} from './soundcharts-api.types';
import { SoundchartsEmulator } from './soundcharts-emulator';
import type { HttpResult } from '../common/sandbox-test-helpers';
import { quotaOf, scGet } from './soundcharts-emulator.test-helpers';
import { UUID_PATTERN } from './soundcharts-ids';

type SongResponse = SoundchartsObjectJson<SoundchartsSongJson>;
type Identifiers = SoundchartsCollectionJson<SoundchartsIdentifierJson>;

describe('Soundcharts emulator: songs and artists, consistent with the Spotify sandbox', () => {
  let now = Date.UTC(2026, 10, 22, 13);
  const catalog = SpotifyCatalog.generate();
  const emu = new SoundchartsEmulator({ now: () => now, catalog });
  const spotify = new SpotifyEmulator({ catalog });
  const known = emu.data.known;

  beforeAll(async () => {
    await emu.start();
    await spotify.start();
  });
  afterAll(async () => {
    await emu.stop();
    await spotify.stop();
  });
  beforeEach(() => {
    emu.reset();
    now = Date.UTC(2026, 10, 22, 13);
  });

  it('serves song metadata: ISRC, artists with uuids, genres, duration, labels and several Spotify ids', async () => {
    const res = await scGet<SongResponse>(emu, `/api/v2.25/song/${known.multiIdSongUuid}`);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('song');
    const song = res.body.object;
    expect(song.isrc).toEqual({ value: 'FRZ030400001', countryCode: 'FR', countryName: 'France' });
    expect(song.artists.map((a) => a.uuid)).toEqual([known.rueDeVivreArtistUuid]);
    expect(song.genres).toEqual([{ root: 'pop', sub: ['french pop', 'chanson'] }]);
    expect(song.duration).toBeGreaterThan(60);
    expect(song.labels).toEqual([{ name: 'Disques Canal Saint-Martin', type: 'main' }]);
    expect(song.releaseDate).toBe('2004-01-20T00:00:00+00:00');
    expect(song.uuid).toMatch(UUID_PATTERN);
    // As in the real API (provider facts §4.4), the song object has no platform ids: /identifiers lists them.
    expect(Object.keys(song)).not.toContain('identifiers');

    const ids = await scGet<Identifiers>(
      emu,
      `/api/v2/song/${known.multiIdSongUuid}/identifiers?platform=spotify`,
    );
    expect(ids.status).toBe(200);
    const spotifyIds = ids.body.items;
    expect(spotifyIds.map((i) => i.identifier).sort()).toEqual([...known.multiIdSpotifyTrackIds].sort());
    expect(spotifyIds.every((i) => i.platformCode === 'spotify' && i.platformName === 'Spotify')).toBe(true);
    expect(spotifyIds.filter((i) => i.default)).toHaveLength(1);
    expect(ids.body.related).toMatchObject({ uuid: known.multiIdSongUuid });
    expect(ids.body.errors).toEqual([]);
  });

  it('pages the song and artist identifiers collections (offset, limit, total, next)', async () => {
    const all = await scGet<Identifiers>(emu, `/api/v2/song/${known.multiIdSongUuid}/identifiers`);
    const total = all.body.page.total;
    expect(total).toBe(all.body.items.length);
    expect(total).toBeGreaterThan(known.multiIdSpotifyTrackIds.length); // Spotify ids, YouTube, Shazam...
    const pages: SoundchartsIdentifierJson[] = [];
    let next: string | null = `/api/v2/song/${known.multiIdSongUuid}/identifiers?offset=0&limit=2`;
    while (next) {
      const page: HttpResult<Identifiers> = await scGet<Identifiers>(emu, next);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(page.body.page.total).toBe(total);
      pages.push(...page.body.items);
      next = page.body.page.next;
    }
    expect(pages).toEqual(all.body.items);
    expect((await scGet(emu, `/api/v2/song/${known.multiIdSongUuid}/identifiers?limit=101`)).status).toBe(
      400,
    );

    const artistPath = `/api/v2/artist/${known.rueDeVivreArtistUuid}/identifiers`;
    const artist = await scGet<Identifiers>(emu, `${artistPath}?offset=1&limit=1`);
    expect(artist.body.items).toHaveLength(1);
    expect(artist.body.page).toMatchObject({ offset: 1, limit: 1 });
    expect(artist.body.page.total).toBeGreaterThan(1);
    expect(artist.body.page.previous).toBe(`${artistPath}?offset=0&limit=1`);
    expect(artist.body.related).toMatchObject({ uuid: known.rueDeVivreArtistUuid });
  });

  it('finds the same song by ISRC and by each of its Spotify ids', async () => {
    const byIsrc = await scGet<SongResponse>(emu, `/api/v2.25/song/by-isrc/${known.multiIdIsrc}`);
    expect(byIsrc.body.object.uuid).toBe(known.multiIdSongUuid);
    for (const id of known.multiIdSpotifyTrackIds) {
      const res = await scGet<SongResponse>(emu, `/api/v2.25/song/by-platform/spotify/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.object.uuid).toBe(known.multiIdSongUuid);
    }
  });

  it('answers 410 for the blacklisted ISRC, by ISRC and by its Spotify ids', async () => {
    expect(catalog.tracksByIsrc(known.blacklistedIsrc).length).toBeGreaterThan(1);
    const res = await scGet<SoundchartsErrorJson>(emu, `/api/v2.25/song/by-isrc/${known.blacklistedIsrc}`);
    expect(res.status).toBe(410);
    expect(res.body.errors[0].message).toBe('ISRC Blacklisted due to multiple tracks identified from DSP');
    const byId = await scGet(
      emu,
      `/api/v2.25/song/by-platform/spotify/${known.blacklistedSpotifyTrackIds[0]}`,
    );
    expect(byId.status).toBe(410);
    expect(emu.data.songByIsrc(known.blacklistedIsrc)).toBeUndefined();
  });

  it('answers a free 404 for an unknown Spotify id and serves the song two hours after that lookup', async () => {
    const path = `/api/v2.25/song/by-platform/spotify/${known.pendingSpotifyTrackId}`;
    const first = await scGet<SoundchartsErrorJson>(emu, path);
    expect(first.status).toBe(404);
    expect(quotaOf(first)).toBe(100_000);
    expect((await scGet(emu, `/api/v2.25/song/${known.pendingSongUuid}`)).status).toBe(404);
    emu.advanceClock(known.ingestionDelayMs - 60_000);
    expect((await scGet(emu, path)).status).toBe(404);
    emu.advanceClock(60_000);
    const later = await scGet<SongResponse>(emu, path);
    expect(later.status).toBe(200);
    expect(later.body.object.uuid).toBe(known.pendingSongUuid);
    expect(later.body.object.isrc.value).toBe(known.pendingIsrc);
    expect((await scGet(emu, `/api/v2.25/song/by-isrc/${known.pendingIsrc}`)).status).toBe(200);
    // A Spotify id the Spotify sandbox does not have never appears.
    emu.advanceClock(known.ingestionDelayMs * 10);
    expect(
      (await scGet(emu, `/api/v2.25/song/by-platform/spotify/${known.unknownSpotifyTrackId}`)).status,
    ).toBe(404);
  });

  it('answers a billed 404 for unknown uuids and ISRCs', async () => {
    const res = await scGet<SoundchartsErrorJson>(
      emu,
      '/api/v2.25/song/7d534228-5165-11e9-9375-549f35161576',
    );
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [{ key: 'access', code: 404, message: 'Song not found' }] });
    const isrc = await scGet(emu, '/api/v2.25/song/by-isrc/USUM71900764');
    expect(isrc.status).toBe(404);
    expect(quotaOf(isrc)).toBe(99_998);
  });

  it('serves artists with country, career stage, genres, image and their Spotify id', async () => {
    const res = await scGet<SoundchartsObjectJson<SoundchartsArtistJson>>(
      emu,
      `/api/v2.9/artist/${known.rueDeVivreArtistUuid}`,
    );
    const artist = res.body.object;
    expect(artist).toMatchObject({
      name: 'Rue De Vivre',
      slug: 'rue-de-vivre',
      countryCode: 'FR',
      careerStage: 'developing',
      genres: ['pop', 'french pop', 'chanson'],
    });
    expect(artist.imageUrl).toMatch(/^https:\/\/assets\.soundcharts\.com\/artist\/.+\.jpg$/);
    expect(Object.keys(artist)).not.toContain('identifiers');
    const ids = await scGet<Identifiers>(
      emu,
      `/api/v2/artist/${known.rueDeVivreArtistUuid}/identifiers?platform=spotify`,
    );
    expect(ids.body.items.map((i) => i.identifier)).toEqual([known.rueDeVivreSpotifyId]);
    const byPlatform = await scGet<SoundchartsObjectJson<SoundchartsArtistJson>>(
      emu,
      `/api/v2.9/artist/by-platform/spotify/${known.rueDeVivreSpotifyId}`,
    );
    expect(byPlatform.body.object.uuid).toBe(known.rueDeVivreArtistUuid);
    const filled = emu.data.artistByUuid(known.artistWithSoundchartsOnlyGenresUuid);
    expect(catalog.artistById(filled?.spotifyId ?? '')?.genres).toEqual([]);
    expect(filled?.genres.length).toBeGreaterThan(0);
  });

  it('matches the Spotify sandbox: every ISRC and Spotify id exists there, every Spotify track has a song', () => {
    const songs = emu.data.songs;
    expect(songs.length).toBeGreaterThan(1500);
    const seenIsrcs = new Set<string>();
    for (const song of songs) {
      const tracks = catalog.tracksByIsrc(song.isrc);
      expect(tracks.map((t) => t.id).sort()).toEqual(song.spotifyTracks.map((t) => t.id).sort());
      expect(seenIsrcs.has(song.isrc)).toBe(false);
      seenIsrcs.add(song.isrc);
      for (const uuid of song.artistUuids) {
        const artist = emu.data.artistByUuid(uuid);
        expect(catalog.artistById(artist?.spotifyId ?? '')).toBeDefined();
      }
    }
    const missing = catalog.tracks.filter(
      (t) => !seenIsrcs.has(t.isrc) && t.isrc !== known.blacklistedIsrc && t.isrc !== known.pendingIsrc,
    );
    expect(missing).toEqual([]);
    expect(emu.data.artists.map((a) => a.spotifyId).sort()).toEqual(catalog.artists.map((a) => a.id).sort());
  });

  it('agrees with the running Spotify emulator over HTTP for a charting song', async () => {
    const token = spotify.issueClientToken().access_token;
    const song = (await scGet<SongResponse>(emu, `/api/v2.25/song/${known.multiIdSongUuid}`)).body.object;
    const ids = await scGet<Identifiers>(emu, `/api/v2/song/${song.uuid}/identifiers?platform=spotify`);
    expect(ids.body.items.length).toBe(known.multiIdSpotifyTrackIds.length);
    for (const id of ids.body.items.map((i) => i.identifier)) {
      const res = await fetch(`${spotify.apiUrl}/tracks/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const track = (await res.json()) as SpotifyTrackJson;
      expect(track.external_ids.isrc).toBe(song.isrc.value);
      expect(track.artists[0].id).toBe(known.rueDeVivreSpotifyId);
    }
  });
});
