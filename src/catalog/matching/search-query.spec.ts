import { buildSearchQuery } from './search-query';

describe('buildSearchQuery', () => {
  it('searches the song name and the lead artist', () => {
    expect(buildSearchQuery({ title: 'Ça va, Paris ? (feat. Nordlys)', artistName: 'Rue De Vivre' })).toEqual(
      {
        title: 'ca va paris',
        artist: 'Rue De Vivre',
        q: 'track:"ca va paris" artist:"Rue De Vivre"',
      },
    );
  });

  it('drops version and neutral qualifiers, so every version is a candidate', () => {
    expect(buildSearchQuery({ title: 'Café de Flore - Remastered 2011', artistName: 'X' })?.title).toBe(
      'cafe de flore',
    );
    expect(buildSearchQuery({ title: 'Regard et hiver (Live)', artistName: 'X' })?.title).toBe(
      'regard et hiver',
    );
  });

  it('searches the lead of a multi-artist credit', () => {
    expect(buildSearchQuery({ title: 'Song', artistName: 'Marlow Banks feat. Ivy Mercer' })?.artist).toBe(
      'Marlow Banks',
    );
    expect(buildSearchQuery({ title: 'Song', artistName: 'Nordlys & Ana Lucía Mar' })?.artist).toBe(
      'Nordlys',
    );
  });

  it('searches the longest run without "and", which Spotify may spell "&"', () => {
    expect(buildSearchQuery({ title: 'Rock and Roll Heart', artistName: 'X' })?.title).toBe('roll heart');
    expect(buildSearchQuery({ title: 'Rock & Roll Heart', artistName: 'X' })?.title).toBe('roll heart');
  });

  it('turns quotes inside values into spaces', () => {
    expect(buildSearchQuery({ title: 'Say "Hi"', artistName: '"Weird" Al' })?.q).toBe(
      'track:"say hi" artist:"Weird Al"',
    );
  });

  it('leaves the artist filter out when there is no artist, and gives up on an empty title', () => {
    expect(buildSearchQuery({ title: 'Intro', artistName: ' ' })?.q).toBe('track:"intro"');
    expect(buildSearchQuery({ title: '?!', artistName: 'X' })).toBeNull();
  });
});
