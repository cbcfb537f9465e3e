import { inferGenres } from './genre-inference';

const artist = (name: string, popularity: number | null = null, followers: number | null = null) => ({
  name,
  popularity,
  followers,
});

describe('inferGenres', () => {
  it.each([
    ['DJ Snake', 'electronic'],
    ['MC Solaar', 'hip hop'],
    ['Lil Nas X', 'hip hop'],
    ['London Philharmonic Orchestra', 'classical'],
    ['Kronos Quartet', 'classical'],
    ['Harlem Gospel Choir', 'gospel'],
    ['Brassworks Collective Brass', 'jazz'],
    ['Florence & The Machine', 'band'],
    ['Bob Marley and the Wailers', 'band'],
  ])('reads %s as %s', (name, genre) => {
    expect(inferGenres(artist(name))).toEqual([genre]);
  });

  it('reads wide reach without a name pattern as mainstream pop', () => {
    expect(inferGenres(artist('Nova', 85, 5_000_000))).toEqual(['mainstream pop']);
    expect(inferGenres(artist('Nova', 85, 50_000))).toEqual(['unclassified']);
    expect(inferGenres(artist('Nova', 40, 5_000_000))).toEqual(['unclassified']);
  });

  it('falls back to unclassified', () => {
    expect(inferGenres(artist('Oskar Lind'))).toEqual(['unclassified']);
  });

  it('does not read a word containing a pattern as the pattern', () => {
    expect(inferGenres(artist('Djembe Stories'))).toEqual(['unclassified']);
    expect(inferGenres(artist('Mcallister'))).toEqual(['unclassified']);
  });
});
