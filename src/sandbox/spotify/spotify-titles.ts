// Title generation for the seeded catalog: language-flavoured, punctuated, unique per artist.
import { ALBUM_TITLE_PATTERNS, TITLE_WORDS, type TitleLanguage } from './spotify-catalog.data';
import type { Random } from '../common';
import { pick } from './spotify-prng';

function fill(pattern: string, language: TitleLanguage, rnd: Random): string {
  const words = TITLE_WORDS[language];
  return pattern
    .replace(/\{A\}/g, () => pick(rnd, words.adjectives))
    .replace(/\{N\}/g, () => pick(rnd, words.nouns))
    .replace(/\{M\}/g, () => pick(rnd, words.nouns))
    .replace(/\{P\}/g, () => pick(rnd, words.places));
}

function capitalise(title: string): string {
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Hands out song titles: the artist's fixed titles first, then generated ones never used by this artist. */
export class TitleSource {
  private readonly used = new Set<string>();
  private fixedIndex = 0;

  constructor(
    private readonly language: TitleLanguage,
    private readonly fixedTitles: readonly string[],
    private readonly rnd: Random,
  ) {}

  nextSongTitle(): { readonly title: string; readonly fixed: boolean } {
    while (this.fixedIndex < this.fixedTitles.length) {
      const fixed = this.fixedTitles[this.fixedIndex++];
      if (this.claim(fixed)) return { title: fixed, fixed: true };
    }
    const patterns = TITLE_WORDS[this.language].patterns;
    for (let attempt = 0; attempt < 60; attempt++) {
      const title = capitalise(fill(pick(this.rnd, patterns), this.language, this.rnd));
      if (this.claim(title)) return { title, fixed: false };
    }
    // The word lists are finite; numbering keeps titles unique without looking broken.
    for (let n = 2; ; n++) {
      const title = `${capitalise(fill(pick(this.rnd, patterns), this.language, this.rnd))}, Pt. ${n}`;
      if (this.claim(title)) return { title, fixed: false };
    }
  }

  nextAlbumTitle(usedAlbumTitles: Set<string>): string {
    for (let attempt = 0; attempt < 40; attempt++) {
      const title = capitalise(
        fill(pick(this.rnd, ALBUM_TITLE_PATTERNS[this.language]), this.language, this.rnd),
      );
      if (!usedAlbumTitles.has(title)) {
        usedAlbumTitles.add(title);
        return title;
      }
    }
    const title = `${capitalise(fill('{N}', this.language, this.rnd))} ${usedAlbumTitles.size + 1}`;
    usedAlbumTitles.add(title);
    return title;
  }

  private claim(title: string): boolean {
    const key = title.toLowerCase();
    if (this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }
}
