import { normalizeTitle, parseTitle } from './title-parser';

describe('parseTitle', () => {
  it('takes a featured credit out of brackets, after a dash or bare', () => {
    const expected = { base: 'ca va paris', versionTags: [], neutralTags: [], featured: ['Nordlys'] };
    expect(parseTitle('Ça va, Paris ? (feat. Nordlys)')).toEqual(expected);
    expect(parseTitle('Ca va Paris [ft. Nordlys]')).toEqual(expected);
    expect(parseTitle('Ca va Paris - feat. Nordlys')).toEqual(expected);
    expect(parseTitle('Ca va Paris featuring Nordlys')).toEqual(expected);
    expect(parseTitle('Ca va Paris (with Nordlys)')).toEqual(expected);
  });

  it('splits several featured names', () => {
    expect(parseTitle('Song (feat. A, B & C)').featured).toEqual(['A', 'B', 'C']);
    expect(parseTitle('Song feat. A and B').featured).toEqual(['A', 'B']);
  });

  it('drops neutral qualifiers and remembers them', () => {
    for (const title of [
      'Café de Flore - Remastered 2011',
      'Cafe de Flore (2011 Remaster)',
      'Café de Flore [Remastered]',
    ]) {
      expect(parseTitle(title)).toEqual({
        base: 'cafe de flore',
        versionTags: [],
        neutralTags: ['remaster'],
        featured: [],
      });
    }
    expect(parseTitle('Song - Mono').neutralTags).toEqual(['mono']);
    expect(parseTitle('Song - Single Version').neutralTags).toEqual(['single version']);
  });

  it('keeps version qualifiers as tags, however they are spelt', () => {
    expect(parseTitle('Regard et hiver - Live').versionTags).toEqual(['live']);
    expect(parseTitle("Regard et hiver (Live à L'Olympia)").versionTags).toEqual(['live']);
    expect(parseTitle('Café de Flore - Radio Edit').versionTags).toEqual(['radio edit']);
    expect(parseTitle('Golden Hour - Ana Lucía Mar Remix').versionTags).toEqual(['remix']);
    expect(parseTitle('Radio & Radio - Extended Mix')).toMatchObject({
      base: 'radio and radio',
      versionTags: ['extended'],
    });
    expect(parseTitle('Storm (Akustisk) - DJ Solenne Remix').versionTags).toEqual(['acoustic', 'remix']);
  });

  it('handles credits and qualifiers together', () => {
    expect(parseTitle('Je t’attendrai à Saint-Malo (feat. Ana Lucía Mar) - Live')).toEqual({
      base: 'je tattendrai a saint malo',
      versionTags: ['live'],
      neutralTags: [],
      featured: ['Ana Lucía Mar'],
    });
    expect(parseTitle('Paper River (feat. Ivy Mercer) - Remastered 2011')).toMatchObject({
      base: 'paper river',
      neutralTags: ['remaster'],
    });
    expect(parseTitle('Hollow Horizon (Reprise) (feat. The Velvet Arcade) - Extended Mix')).toMatchObject({
      base: 'hollow horizon',
      versionTags: ['extended', 'reprise'],
    });
  });

  it('keeps brackets and dash parts that are part of the name', () => {
    expect(parseTitle('Northern Lights (Nordlys)').base).toBe('northern lights nordlys');
    expect(parseTitle('Higher (Never Let Go)').base).toBe('higher never let go');
    expect(parseTitle('Golden City, Pt. 2').base).toBe('golden city pt 2');
    expect(parseTitle('Song - Live Forever')).toMatchObject({ base: 'song live forever', versionTags: [] });
    expect(parseTitle('Live and Let Die').base).toBe('live and let die');
  });

  it('leaves a bare "ft" without a dot alone', () => {
    expect(parseTitle('Left ft Right').base).toBe('left ft right');
  });

  it('keeps the words of a title that is only a qualifier', () => {
    expect(parseTitle('(Live)').base).toBe('live');
  });

  it('reads "&" as "and" and keeps other languages\' "and" as written', () => {
    expect(parseTitle('Rock & Roll Heart').base).toBe(parseTitle('Rock and Roll Heart').base);
    expect(parseTitle('Regard et hiver - Live').base).toBe('regard et hiver');
  });
});

describe('normalizeTitle', () => {
  it('is the recording identity: name plus identity-changing qualifiers', () => {
    expect(normalizeTitle('Café de Flore - Remastered 2011')).toBe('cafe de flore');
    expect(normalizeTitle('Ça va, Paris ? (feat. Nordlys)')).toBe('ca va paris');
    expect(normalizeTitle('Café de Flore - Live')).toBe('cafe de flore live');
    expect(normalizeTitle('Café de Flore (Radio Edit) [Remastered]')).toBe('cafe de flore radio edit');
    expect(normalizeTitle('Cœur et soleil')).toBe(normalizeTitle('Coeur & Soleil'));
  });
});
