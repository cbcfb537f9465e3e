import { MusicService } from '../src/music';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const SONG = '177957c3-4d5d-11e9-8a90-fb58e4ea164e';
const OTHER_SONG = '1ebbcbea-c00d-11e9-9e88-e180b93c2035';
const ARTIST = '11e8d895-e6ea-237a-8f09-51cf568c5c9a';

describe('music: Soundcharts songs and artists meet the Spotify side', () => {
  let app: TestApp;
  let music: MusicService;
  beforeAll(async () => {
    app = await createTestApp();
    music = app.app.get(MusicService);
  });
  afterAll(() => app?.close());

  it('reuses the track of the first Spotify id, creates the others, and is idempotent', async () => {
    const spotify = await music.upsertSpotifyTracks([
      {
        spotifyId: 'upuHuViSLxQoRdjxFOt3rI',
        name: 'Café de Flore',
        isrc: 'FRZ030400001',
        durationMs: 201000,
        artists: [{ spotifyId: '293x3NAIGPR4RCJrFkzs0P', name: 'Rue De Vivre' }],
      },
    ]);
    const songs = [
      { uuid: SONG, name: 'Café de Flore', spotifyIds: ['upuHuViSLxQoRdjxFOt3rI', 'gvLvo1ULEyfDYbGPhtjVOO'] },
      {
        uuid: OTHER_SONG,
        name: 'New Song',
        isrc: 'QZES72600009',
        durationMs: 180000,
        spotifyIds: ['9OQMe1ur7HzUZDiH8dtBnY'],
      },
    ];
    const first = await music.upsertSoundchartsSongs(songs);
    expect(first.get(SONG)).toBe(spotify.get('upuHuViSLxQoRdjxFOt3rI'));
    const again = await music.upsertSoundchartsSongs(songs);
    expect([...again]).toEqual([...first]);
    const rows = await adminQueryIn(
      app.databaseUrl,
      'SELECT spotify_id, soundcharts_uuid, isrc, duration_ms FROM track ORDER BY name',
    );
    expect(rows).toEqual([
      {
        spotify_id: 'upuHuViSLxQoRdjxFOt3rI',
        soundcharts_uuid: SONG,
        isrc: 'FRZ030400001',
        duration_ms: 201000,
      },
      {
        spotify_id: '9OQMe1ur7HzUZDiH8dtBnY',
        soundcharts_uuid: OTHER_SONG,
        isrc: 'QZES72600009',
        duration_ms: 180000,
      },
    ]);
  });

  it('gives a song first met without identifiers its Spotify id once known', async () => {
    const uuid = '2ebbcbea-c00d-11e9-9e88-e180b93c2035';
    await music.upsertSoundchartsSongs([{ uuid, name: 'Later Known', spotifyIds: [] }]);
    await music.upsertSoundchartsSongs([
      { uuid, name: 'Later Known', spotifyIds: ['LaterKnown000000000000'] },
    ]);
    const rows = await adminQueryIn(
      app.databaseUrl,
      'SELECT spotify_id FROM track WHERE soundcharts_uuid = $1',
      [uuid],
    );
    expect(rows).toEqual([{ spotify_id: 'LaterKnown000000000000' }]);
  });

  it('reuses an artist by Spotify id and replaces credits', async () => {
    const artists = await music.upsertSoundchartsArtists([
      { uuid: ARTIST, name: 'Rue De Vivre', spotifyId: '293x3NAIGPR4RCJrFkzs0P' },
      { uuid: '11e8d895-0000-237a-8f09-51cf568c5c9a', name: 'Guest' },
    ]);
    const [{ id: rue }] = await adminQueryIn<{ id: string }>(
      app.databaseUrl,
      `SELECT id FROM artist WHERE spotify_id = '293x3NAIGPR4RCJrFkzs0P'`,
    );
    expect(artists.get(ARTIST)).toBe(rue);
    const trackId = (
      await music.upsertSoundchartsSongs([{ uuid: OTHER_SONG, name: 'New Song', spotifyIds: [] }])
    ).get(OTHER_SONG)!;
    await music.setTrackCredits([
      { trackId, artistIds: [artists.get(ARTIST)!, artists.get('11e8d895-0000-237a-8f09-51cf568c5c9a')!] },
    ]);
    const credits = await adminQueryIn(
      app.databaseUrl,
      'SELECT a.name, ta.position FROM track_artist ta JOIN artist a ON a.id = ta.artist_id WHERE ta.track_id = $1 ORDER BY ta.position',
      [trackId],
    );
    expect(credits).toEqual([
      { name: 'Rue De Vivre', position: 0 },
      { name: 'Guest', position: 1 },
    ]);
  });
});
