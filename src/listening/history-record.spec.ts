import { parseHistoryRecord, PlaySource, spotifyUriId } from './history-record';

const TRACK_ID = '293x3NAIGPR4RCJrFkzs0P';
const EPISODE_ID = '5Xt5DXGzch68nYYamXrNxZ';

describe('parseHistoryRecord', () => {
  it('reads an extended streaming history track play', () => {
    expect(
      parseHistoryRecord({
        ts: '2024-01-15T14:30:12Z',
        username: 'sandbox-listener',
        platform: 'android',
        ms_played: 201_000,
        conn_country: 'FR',
        master_metadata_track_name: 'Café de Flore',
        master_metadata_album_artist_name: 'Rue De Vivre',
        master_metadata_album_album_name: 'Nuits',
        spotify_track_uri: `spotify:track:${TRACK_ID}`,
        episode_name: null,
        episode_show_name: null,
        spotify_episode_uri: null,
        reason_start: 'trackdone',
        reason_end: 'trackdone',
        shuffle: false,
        skipped: false,
        offline: false,
      }),
    ).toEqual({
      kind: 'TRACK',
      source: PlaySource.EXTENDED_HISTORY,
      playedAt: new Date('2024-01-15T14:30:12Z'),
      msPlayed: 201_000,
      spotifyTrackId: TRACK_ID,
      trackName: 'Café de Flore',
      artistName: 'Rue De Vivre',
      albumName: 'Nuits',
      skipped: false,
      reasonEnd: 'trackdone',
      username: 'sandbox-listener',
    });
  });

  it('keeps podcast episodes apart, with or without a URI', () => {
    expect(
      parseHistoryRecord({
        ts: '2024-01-15T15:00:00Z',
        ms_played: 1_200_000,
        master_metadata_track_name: null,
        spotify_track_uri: null,
        episode_name: 'Episode 12',
        episode_show_name: 'The Show',
        spotify_episode_uri: `spotify:episode:${EPISODE_ID}`,
      }),
    ).toMatchObject({ kind: 'EPISODE', episodeKey: EPISODE_ID, showName: 'The Show', msPlayed: 1_200_000 });
    expect(
      parseHistoryRecord({
        endTime: '2024-01-15 15:20',
        podcastName: 'The Show',
        episodeName: 'Episode 12',
        msPlayed: 1_200_000,
      }),
    ).toMatchObject({
      kind: 'EPISODE',
      source: PlaySource.ACCOUNT_DATA,
      episodeKey: 'the show — episode 12',
      playedAt: new Date('2024-01-15T15:20:00Z'),
    });
  });

  it('reads the account-data format (UTC, minute precision, no URI)', () => {
    expect(
      parseHistoryRecord({
        endTime: '2024-01-15 14:30',
        artistName: 'Rue De Vivre',
        trackName: 'Café de Flore',
        msPlayed: 95_000,
      }),
    ).toEqual({
      kind: 'TRACK',
      source: PlaySource.ACCOUNT_DATA,
      playedAt: new Date('2024-01-15T14:30:00Z'),
      msPlayed: 95_000,
      spotifyTrackId: null,
      trackName: 'Café de Flore',
      artistName: 'Rue De Vivre',
      albumName: null,
      skipped: null,
      reasonEnd: null,
      username: null,
    });
  });

  it('matches rows without a URI by name, and tells other content apart', () => {
    expect(
      parseHistoryRecord({
        ts: '2024-01-15T14:30:12Z',
        ms_played: 40_000,
        master_metadata_track_name: 'Local',
      }),
    ).toMatchObject({ kind: 'TRACK', spotifyTrackId: null, trackName: 'Local' });
    expect(
      parseHistoryRecord({
        ts: '2024-01-15T14:30:12Z',
        ms_played: 40_000,
        audiobook_title: 'A Book',
        audiobook_uri: 'spotify:audiobook:x',
      }),
    ).toEqual({ kind: 'OTHER', what: 'audiobook' });
    expect(parseHistoryRecord({ ts: '2024-01-15T14:30:12Z', ms_played: 0 })).toEqual({
      kind: 'OTHER',
      what: 'no track or episode',
    });
  });

  it('names what is wrong with an invalid row', () => {
    expect(parseHistoryRecord(null)).toMatchObject({ kind: 'INVALID' });
    expect(parseHistoryRecord({ foo: 1 })).toMatchObject({
      kind: 'INVALID',
      reason: expect.stringContaining('ts'),
    });
    expect(parseHistoryRecord({ ts: 'yesterday', ms_played: 1 })).toMatchObject({ kind: 'INVALID' });
    expect(parseHistoryRecord({ ts: '2024-01-15T14:30:12Z', ms_played: -4 })).toMatchObject({
      kind: 'INVALID',
    });
    expect(parseHistoryRecord({ endTime: '2024-01-15 14:30', msPlayed: 1000 })).toMatchObject({
      kind: 'INVALID',
      reason: expect.stringContaining('trackName'),
    });
  });
});

describe('spotifyUriId', () => {
  it('accepts URIs and open.spotify.com URLs of the right kind only', () => {
    expect(spotifyUriId(`spotify:track:${TRACK_ID}`, 'track')).toBe(TRACK_ID);
    expect(spotifyUriId(`https://open.spotify.com/track/${TRACK_ID}?si=1`, 'track')).toBe(TRACK_ID);
    expect(spotifyUriId(`spotify:episode:${EPISODE_ID}`, 'track')).toBeNull();
    expect(spotifyUriId('spotify:track:short', 'track')).toBeNull();
    expect(spotifyUriId(null, 'track')).toBeNull();
  });
});
