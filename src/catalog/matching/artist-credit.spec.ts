import {
  ARTIST_MATCH_FEATURED,
  ARTIST_MATCH_SECONDARY,
  artistMatchScore,
  normalizeArtist,
  primaryArtist,
  splitArtistCredit,
} from './artist-credit';

describe('normalizeArtist', () => {
  it('folds and drops a leading article', () => {
    expect(normalizeArtist('The Velvet Arcade')).toBe('velvet arcade');
    expect(normalizeArtist('Les Étoiles Filantes')).toBe('les etoiles filantes');
    expect(normalizeArtist('ANA LUCIA MAR')).toBe(normalizeArtist('Ana Lucía Mar'));
  });
});

describe('splitArtistCredit', () => {
  it.each([
    ['Rue De Vivre feat. Nordlys', ['Rue De Vivre', 'Nordlys']],
    ['Rue De Vivre ft. Nordlys & Ivy Mercer', ['Rue De Vivre', 'Nordlys', 'Ivy Mercer']],
    ['Marlow Banks, Ivy Mercer', ['Marlow Banks', 'Ivy Mercer']],
    ['Marlow Banks x Ivy Mercer', ['Marlow Banks', 'Ivy Mercer']],
    ['Marlow Banks (featuring Ivy Mercer)', ['Marlow Banks', 'Ivy Mercer']],
    ['Nordlys', ['Nordlys']],
  ])('%s', (credit, names) => {
    expect(splitArtistCredit(credit)).toEqual(names);
  });

  it('gives the lead for the search', () => {
    expect(primaryArtist('Les Étoiles Filantes feat. Selma Havn')).toBe('Les Étoiles Filantes');
    expect(primaryArtist('  Nordlys ')).toBe('Nordlys');
  });
});

describe('artistMatchScore', () => {
  it('is 1 when the billing agrees', () => {
    expect(artistMatchScore('Rue De Vivre', ['Rue De Vivre'])).toBe(1);
    expect(artistMatchScore('rue de vivre', ['Rue De Vivre', 'Nordlys'])).toBe(1);
    expect(artistMatchScore('Rue De Vivre feat. Nordlys', ['Rue De Vivre', 'Nordlys'])).toBe(1);
    expect(artistMatchScore('Rue De Vivre feat. Nordlys', ['Rue De Vivre'])).toBe(1);
    // A duet credited in the other order is the same billing.
    expect(artistMatchScore('Nordlys & Rue De Vivre', ['Rue De Vivre', 'Nordlys'])).toBe(1);
    expect(artistMatchScore('Velvet Arcade', ['The Velvet Arcade'])).toBe(1);
  });

  it('matches a band whose name contains a separator as a whole', () => {
    expect(artistMatchScore('Simon & Garfunkel', ['Simon & Garfunkel'])).toBe(1);
  });

  it('discounts the work artist appearing only as a guest', () => {
    expect(artistMatchScore('Nordlys', ['Rue De Vivre', 'Nordlys'])).toBe(ARTIST_MATCH_FEATURED);
  });

  it('gives little for a secondary credit alone', () => {
    expect(artistMatchScore('Rue De Vivre feat. Nordlys', ['Nordlys'])).toBe(ARTIST_MATCH_SECONDARY);
  });

  it('accepts close spellings and nothing else', () => {
    expect(artistMatchScore('Marlowe Banks', ['Marlow Banks'])).toBeCloseTo(12 / 13, 4);
    expect(artistMatchScore('Marlowe Banks', ['Ivy Mercer', 'Marlow Banks'])).toBeCloseTo(
      (12 / 13) * ARTIST_MATCH_FEATURED,
      4,
    );
    expect(artistMatchScore('Nordlys', ['Ivy Mercer'])).toBe(0);
    expect(artistMatchScore('Nordlys', [])).toBe(0);
  });
});
