import type { SpotifyArtist, SpotifyTrack } from './spotify-api.types';
import { configuredAvailability, effectiveMode, observeArtist, observeTrack } from './spotify-capabilities';

const track = (extra: Partial<SpotifyTrack>) => ({ id: 't', name: 'n', ...extra }) as SpotifyTrack;
const artist = (extra: Partial<SpotifyArtist>) => ({ id: 'a', name: 'n', ...extra }) as SpotifyArtist;

describe('capabilities', () => {
  it('reads field capabilities from presence, not value (0 and [] are present)', () => {
    expect(observeTrack(track({ popularity: 0, available_markets: [] }), 'GET /tracks')).toEqual([
      { name: 'track.popularity', available: true, reason: 'popularity present in GET /tracks' },
      { name: 'track.availableMarkets', available: true, reason: 'available_markets present in GET /tracks' },
    ]);
    expect(
      observeArtist(artist({ genres: [] }), 'GET /artists/{id}').map((o) => [o.name, o.available]),
    ).toEqual([
      ['artist.popularity', false],
      ['artist.followers', false],
      ['artist.genres', true],
    ]);
  });

  it('sets everything from a fixed mode; development keeps genres', () => {
    expect(configuredAvailability('extended', 'audioFeatures')).toBe(true);
    expect(configuredAvailability('development', 'tracks.multiGet')).toBe(false);
    expect(configuredAvailability('development', 'search.limit50')).toBe(false);
    expect(configuredAvailability('development', 'artist.genres')).toBe(true);
  });

  it('derives the effective mode from the multi-get in auto mode', () => {
    expect(effectiveMode('auto', undefined)).toBe('AUTO');
    expect(effectiveMode('auto', true)).toBe('EXTENDED');
    expect(effectiveMode('auto', false)).toBe('DEVELOPMENT');
    expect(effectiveMode('development', true)).toBe('DEVELOPMENT');
    expect(effectiveMode('extended', false)).toBe('EXTENDED');
  });
});
