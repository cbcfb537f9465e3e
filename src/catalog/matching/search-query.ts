// The text search for a work: `track:"…" artist:"…"`. Spotify (and the emulator) match `track:` as a phrase inside
// the track's name, ignoring case, accents and punctuation, and `artist:` against any credited artist. So the
// query carries the song's name only (credits and qualifiers would miss "X (feat. B) - Live"), and the lead
// artist only (a featured name in the filter would miss tracks that do not credit it).
import { primaryArtist } from './artist-credit';
import { foldText } from './text-fold';
import { parseTitle } from './title-parser';
import type { WorkToMatch } from './matching.types';

export interface TrackSearchQuery {
  /** The `track:` value: folded, so it is a substring of the folded track name. */
  readonly title: string;
  /** The `artist:` value: the credit's lead, as written. */
  readonly artist: string;
  /** The query string, as the Spotify module's `trackQuery` builds it from `title` and `artist`. */
  readonly q: string;
}

// Spotify's syntax has no escape: a quote inside a value would end it.
const unquote = (value: string) => value.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Spotify names spell "and" as "&" or "and", and the search folds "&" away, so neither spelling is safe inside a
 * phrase: the longest run of words without one is searched instead ("Rock & Roll Heart" → "roll heart"). Other
 * languages' "and" ("et", "y") is rarely swapped for "&" and stays, which keeps those queries narrow.
 */
function searchablePhrase(base: string): string {
  const runs = base.split(' ').reduce<string[][]>(
    (acc, word) => {
      if (word === 'and') acc.push([]);
      else acc[acc.length - 1].push(word);
      return acc;
    },
    [[]],
  );
  const phrases = runs.map((words) => words.join(' ')).filter((phrase) => phrase !== '');
  return phrases.reduce((longest, phrase) => (phrase.length > longest.length ? phrase : longest), '');
}

/** Null when the title has nothing searchable (only punctuation): the work cannot be found by text. */
export function buildSearchQuery(work: Pick<WorkToMatch, 'title' | 'artistName'>): TrackSearchQuery | null {
  const title = unquote(searchablePhrase(parseTitle(work.title).base) || foldText(work.title));
  const artist = unquote(primaryArtist(work.artistName));
  if (title === '') return null;
  const q = artist === '' ? `track:"${title}"` : `track:"${title}" artist:"${artist}"`;
  return { title, artist, q };
}
