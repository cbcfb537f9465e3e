// Artist credits: a work's artist field may carry several names ("A feat. B", "A & B", "A, B"), a track lists its
// artists with the lead first. The score says how well the work's credit is covered by the track's.
import { similarityRatio } from './string-similarity';
import { foldText } from './text-fold';

/** Same billing: the work's lead is on the track and the track's lead is credited by the work. */
export const ARTIST_MATCH_LEAD = 1;
/** The work's lead only appears as a featured artist of the track ("X" by B vs "X (feat. B)" by A). */
export const ARTIST_MATCH_FEATURED = 0.9;
/** Only a secondary artist of the work appears on the track. */
export const ARTIST_MATCH_SECONDARY = 0.5;
/** Below this, two names are different artists; above it, the ratio itself is the score (spelling variants). */
export const ARTIST_SIMILARITY_FLOOR = 0.85;

const CREDIT_SEPARATOR = /\s+(?:feat\.?|ft\.?|featuring|with|x|vs\.?)\s+|\s*[,;&]\s*/i;

/** Folded, without a leading article: "The Velvet Arcade" and "Velvet Arcade" are one band. */
export function normalizeArtist(name: string): string {
  return foldText(name).replace(/^the /, '');
}

/** The names in a credit, lead first, as written: "A feat. B & C" → ["A", "B", "C"]. */
export function splitArtistCredit(credit: string): string[] {
  return credit
    .replace(/[()[\]]/g, ' ')
    .split(CREDIT_SEPARATOR)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The artist to search with: the credit's lead ("Rue De Vivre feat. Nordlys" → "Rue De Vivre"). */
export function primaryArtist(credit: string): string {
  return splitArtistCredit(credit)[0] ?? credit.trim();
}

/**
 * 0..1. The whole credit is tried as one name first, so a band called "Simon & Garfunkel" still matches exactly;
 * then the split names. Exact means equal after normalizeArtist.
 */
export function artistMatchScore(workArtist: string, trackArtists: readonly string[]): number {
  const track = trackArtists.map(normalizeArtist).filter((name) => name !== '');
  if (track.length === 0) return 0;
  const whole = normalizeArtist(workArtist);
  const parts = splitArtistCredit(workArtist).map(normalizeArtist);
  const lead = parts[0] ?? whole;
  const credited = new Set([whole, ...parts]);

  if (track.includes(whole) || track.includes(lead)) {
    return credited.has(track[0]) ? ARTIST_MATCH_LEAD : ARTIST_MATCH_FEATURED;
  }
  if (parts.slice(1).some((name) => track.includes(name))) return ARTIST_MATCH_SECONDARY;
  // Spelling variants ("Marlowe Banks"): the ratio itself, discounted like an exact match would be off the lead.
  let best = 0;
  track.forEach((theirs, index) => {
    const ratio = Math.max(similarityRatio(whole, theirs), similarityRatio(lead, theirs));
    if (ratio >= ARTIST_SIMILARITY_FLOOR)
      best = Math.max(best, index === 0 ? ratio : ratio * ARTIST_MATCH_FEATURED);
  });
  return best;
}
