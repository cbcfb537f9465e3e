import { parseSpotifyTrackReference, spotifyTrackUrl } from './spotify-track-reference';

const ID = '7wvFi5YAFrdkdJtKOhyXIs';

describe('parseSpotifyTrackReference', () => {
  it.each([
    ID,
    ` ${ID} `,
    `spotify:track:${ID}`,
    `https://open.spotify.com/track/${ID}`,
    `https://open.spotify.com/track/${ID}?si=abc123&context=x`,
    `http://open.spotify.com/intl-fr/track/${ID}`,
    `open.spotify.com/track/${ID}/`,
  ])('reads %s', (input) => {
    expect(parseSpotifyTrackReference(input)).toBe(ID);
  });

  it.each([
    '',
    'not-a-track',
    `${ID}x`,
    `spotify:album:${ID}`,
    `https://open.spotify.com/album/${ID}`,
    `https://evil.example.com/track/${ID}`,
    `https://open.spotify.com/track/${ID.slice(1)}`,
  ])('rejects %j', (input) => {
    expect(parseSpotifyTrackReference(input)).toBeUndefined();
  });

  it('builds the canonical URL', () => {
    expect(spotifyTrackUrl(ID)).toBe(`https://open.spotify.com/track/${ID}`);
  });
});
