import {
  creditedNames,
  estimateRequests,
  quotaRefusal,
  readySteps,
  stepsFor,
  stepsToRetry,
} from './cascade-plan';

describe('cascade plan', () => {
  it('starts a step once the steps it reads from have ended', () => {
    const all = stepsFor({ chartId: 'c' });
    const none = new Set<never>();
    expect(readySteps(all, none, none)).toEqual(['song-metadata']);
    const afterSongs = new Set(['song-metadata'] as const);
    expect(readySteps(all, afterSongs, afterSongs)).toEqual(['artist-metadata', 'song-audience']);
    // artist audience does not wait for song audience
    const started = new Set(['song-metadata', 'artist-metadata', 'song-audience'] as const);
    const ended = new Set(['song-metadata', 'artist-metadata'] as const);
    expect(readySteps(all, started, ended)).toEqual(['artist-audience']);
    expect(readySteps(stepsFor({ trackIds: ['t'] }), none, none)).toEqual(['resolve-songs']);
    expect(readySteps(['artist-metadata', 'artist-audience'], none, none)).toEqual(['artist-metadata']);
  });

  it('retries a failed step with the steps that read what it writes', () => {
    const all = stepsFor({ chartId: 'c' });
    expect(stepsToRetry(['artist-metadata'], all)).toEqual(['artist-metadata', 'artist-audience']);
    expect(stepsToRetry(['song-audience'], all)).toEqual(['song-audience']);
    expect(stepsToRetry(['song-metadata'], all)).toEqual(all);
  });

  it('guesses the artists of a display credit', () => {
    expect(creditedNames('Rue De Vivre, Oskar Lind')).toEqual(['rue de vivre', 'oskar lind']);
    expect(creditedNames('A & B feat. C')).toEqual(['a', 'b', 'c']);
    expect(creditedNames('Alexia ft. Dexter x Flo')).toEqual(['alexia', 'dexter', 'flo']);
    expect(creditedNames(null)).toEqual([]);
  });

  it('estimates each lookup with its identifiers call and one request per window; refuses below the reserve', () => {
    const estimate = estimateRequests({
      steps: stepsFor({ chartId: 'c' }),
      tracksToResolve: 9,
      songsNeedingMetadata: 200,
      knownArtistsNeedingMetadata: 3,
      guessedNewArtists: 12,
      artistsNeedingSpotifyId: 13,
      songWindows: 1600,
      artistWindows: 120,
    });
    // a song: metadata + identifiers; an artist: metadata, + identifiers unless its Spotify id is stored
    expect(estimate.byStep).toEqual({
      'song-metadata': 400,
      'artist-metadata': 3 + 12 + 13,
      'song-audience': 1600,
      'artist-audience': 120,
    });
    expect(estimate.total).toBe(400 + 28 + 1600 + 120);
    const tracks = estimateRequests({
      steps: stepsFor({ trackIds: ['t'] }),
      tracksToResolve: 9,
      songsNeedingMetadata: 0,
      knownArtistsNeedingMetadata: 0,
      guessedNewArtists: 0,
      artistsNeedingSpotifyId: 0,
      songWindows: 0,
      artistWindows: 0,
    });
    expect(tracks.byStep['resolve-songs']).toBe(18); // a lookup, then the found song's identifiers
    expect(quotaRefusal(1932, 2500, 1000)).toMatch(/about 1932 .* 2500 remain.* reserve of 1000/);
    expect(quotaRefusal(1932, 3000, 1000)).toBeNull();
    expect(quotaRefusal(1932, null, 1000)).toBeNull();
  });
});
