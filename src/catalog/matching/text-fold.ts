// Folding shared by titles and artist names. It mirrors what Spotify's search ignores (case, accents, punctuation)
// so that a folded title is also a safe `track:` search value: the same fold on both sides makes substrings line up.

// NFKD leaves these letters whole (they are not "letter + accent"), so they are spelled out like search does.
const LETTERS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  ı: 'i',
};

/** "Ça va, Paris ?" → "ca va paris"; "Rock & Roll" → "rock and roll"; "What's" → "whats". */
export function foldText(input: string): string {
  return (
    input
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[œæøßđłı]/g, (c) => LETTERS[c] ?? c)
      // Apostrophes join ("don't" → "dont") rather than split, exactly like the search index.
      .replace(/['’‘`´]/g, '')
      // "&" and "+" carry a word: dropping them would make "Rock & Roll" differ from "Rock and Roll".
      .replace(/\s*[&+]\s*/g, ' and ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** Words that mean "and" in the catalog's languages; titles and credits spell them either way. */
const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'et', 'y', 'og', 'och', 'und']);

/** One spelling for every "and", so "Cœur et soleil" and "Coeur & Soleil" compare equal. */
export function unifyConjunctions(folded: string): string {
  return folded
    .split(' ')
    .map((word) => (CONJUNCTIONS.has(word) ? 'and' : word))
    .join(' ');
}
