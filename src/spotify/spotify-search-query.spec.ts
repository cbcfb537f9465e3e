import { artistQuery, isrcQuery, trackQuery } from './spotify-search-query';

describe('search queries', () => {
  it('quotes title and artist', () => {
    expect(trackQuery({ title: 'Golden Hour', artist: 'Rue De Vivre' })).toBe(
      'track:"Golden Hour" artist:"Rue De Vivre"',
    );
  });

  it('cannot be broken out of by quotes in a value', () => {
    expect(trackQuery({ title: 'Say "Hi" artist:x', artist: '"Weird" Al' })).toBe(
      'track:"Say Hi artist:x" artist:"Weird Al"',
    );
  });

  it('leaves the artist out when none is given', () => {
    expect(trackQuery({ title: 'Intro' })).toBe('track:"Intro"');
    expect(trackQuery({ title: 'Intro', artist: '  ' })).toBe('track:"Intro"');
  });

  it('builds isrc and artist filters', () => {
    expect(isrcQuery('FRZ030400001')).toBe('isrc:FRZ030400001');
    expect(artistQuery('Les "Étoiles"')).toBe('artist:"Les Étoiles"');
  });
});
