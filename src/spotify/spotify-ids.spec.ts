import { BadUserInputError } from 'src/common/domain-errors';
import { assertIsrc, assertSpotifyIds, isSpotifyId, normalizeIsrc } from './spotify-ids';

describe('Spotify ids', () => {
  it.each([
    ['293x3NAIGPR4RCJrFkzs0P', true],
    ['0000000000000000000000', true],
    ['293x3NAIGPR4RCJrFkzs0', false], // 21
    ['293x3NAIGPR4RCJrFkzs0PP', false], // 23
    ['293x3NAIGPR4RCJrFkzs0-', false],
    ['spotify:track:293x3NAIGPR4RCJrFkzs0P', false],
    ['', false],
  ])('%s is an id: %s', (id, ok) => {
    expect(isSpotifyId(id)).toBe(ok);
  });

  it('names the first bad id and the field', () => {
    expect(() => assertSpotifyIds(['293x3NAIGPR4RCJrFkzs0P', 'nope', 'bad'], 'ids')).toThrow(
      new BadUserInputError('ids', '"nope" is not a Spotify id (22 base62 characters)'),
    );
    expect(() => assertSpotifyIds([])).not.toThrow();
  });
});

describe('ISRCs', () => {
  it('upper-cases and drops dashes', () => {
    expect(normalizeIsrc('fr-z03-04-00001')).toBe('FRZ030400001');
    expect(normalizeIsrc('USUM71703861')).toBe('USUM71703861');
  });

  it.each(['FRZ03040000', 'FRZ0304000011', '12Z030400001', 'FRZ03040000A', ''])('rejects %p', (isrc) => {
    expect(normalizeIsrc(isrc)).toBeUndefined();
    expect(() => assertIsrc(isrc)).toThrow(BadUserInputError);
  });
});
