import { foldText, unifyConjunctions } from './text-fold';

describe('foldText', () => {
  it('folds case, accents and punctuation like Spotify search does', () => {
    expect(foldText('Ça va, Paris ?')).toBe('ca va paris');
    expect(foldText('Café de Flore')).toBe(foldText('CAFE DE FLORE'));
    expect(foldText('Boulevard Saint-Michel')).toBe('boulevard saint michel');
  });

  it('joins apostrophes instead of splitting words', () => {
    expect(foldText("What's Left of Brighton?")).toBe('whats left of brighton');
    expect(foldText('Don’t Call Me Sunshine')).toBe('dont call me sunshine');
  });

  it('spells out letters NFKD keeps whole', () => {
    expect(foldText('Kære København')).toBe('kaere kobenhavn');
    expect(foldText('Fin d’cœur')).toBe('fin dcoeur');
    expect(foldText('Straße')).toBe('strasse');
  });

  it('keeps "&" as a word', () => {
    expect(foldText('Rock & Roll Heart')).toBe('rock and roll heart');
    expect(foldText('Rock&Roll')).toBe('rock and roll');
  });

  it('collapses spaces and folds compatibility characters', () => {
    expect(foldText('  Ｇolden   Hour  ')).toBe('golden hour');
    expect(foldText('!!!')).toBe('');
  });
});

describe('unifyConjunctions', () => {
  it('spells every "and" the same way', () => {
    expect(unifyConjunctions('coeur et soleil')).toBe('coeur and soleil');
    expect(unifyConjunctions('cielo y camino')).toBe('cielo and camino');
    expect(unifyConjunctions('yes you')).toBe('yes you');
  });
});
