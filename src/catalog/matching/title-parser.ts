// Splits a track or work title into the song's name, its featured credits and its version qualifiers, so that
// "Ça va, Paris ? (feat. Nordlys) - Radio Edit" and "Ca va Paris (Radio Edit)" compare as the same song and version.
import { foldText, unifyConjunctions } from './text-fold';
import { parseQualifier } from './title-qualifiers';

export interface ParsedTitle {
  /** Folded song name without credits or qualifiers ("ca va paris"); "&" reads "and", other words as written. */
  readonly base: string;
  /** Qualifiers that make a different recording, canonical and sorted ("live", "radio edit", "remix"). */
  readonly versionTags: readonly string[];
  /** Qualifiers that keep the recording ("remaster", "mono"), canonical and sorted. */
  readonly neutralTags: readonly string[];
  /** Featured artists credited in the title, as written. */
  readonly featured: readonly string[];
}

const BRACKET_GROUP = /\(([^()]*)\)|\[([^[\]]*)\]/g;
const DASH_SEPARATOR = /\s+[-–—]\s+/;
// "with" credits only inside brackets ("(with Ivy Mercer)"): after a dash it is too often part of the name.
const BRACKET_CREDIT = /^\s*(?:feat\.?|ft\.?|featuring|with)\s+(.+?)\s*$/i;
const DASH_CREDIT = /^\s*(?:feat\.?|ft\.?|featuring)\s+(.+?)\s*$/i;
// A bare "ft" without its dot is left alone: it is a word in some titles.
const BARE_CREDIT = /\s(?:feat\.?|ft\.|featuring)\s+(.+)$/i;
const NAME_SEPARATOR = /\s*(?:,|&|\s(?:and|x)\s)\s*/i;

function splitNames(credit: string): string[] {
  return credit
    .split(NAME_SEPARATOR)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export function parseTitle(title: string): ParsedTitle {
  const featured: string[] = [];
  const neutral = new Set<string>();
  const version = new Set<string>();

  /** True when the segment was a credit or a qualifier (and is therefore not part of the name). */
  const absorb = (segment: string, credit: RegExp): boolean => {
    const names = credit.exec(segment);
    if (names) {
      featured.push(...splitNames(names[1]));
      return true;
    }
    const qualifier = parseQualifier(foldText(segment));
    if (!qualifier) return false;
    qualifier.neutral.forEach((tag) => neutral.add(tag));
    qualifier.version.forEach((tag) => version.add(tag));
    return true;
  };

  const ungrouped = title.replace(BRACKET_GROUP, (_whole, round?: string, square?: string) => {
    const inner = round ?? square ?? '';
    return absorb(inner, BRACKET_CREDIT) ? ' ' : ` ${inner} `;
  });
  const [head = '', ...tail] = ungrouped.split(DASH_SEPARATOR);
  let name = [head, ...tail.filter((segment) => !absorb(segment, DASH_CREDIT))].join(' ');
  const bare = BARE_CREDIT.exec(name);
  if (bare) {
    featured.push(...splitNames(bare[1]));
    name = name.slice(0, bare.index);
  }
  // A title that is nothing but a qualifier ("Intro (Live)" is fine, "(Live)" is not) keeps its words.
  const base = foldText(name) || foldText(title);
  return {
    base,
    versionTags: [...version].sort(),
    neutralTags: [...neutral].sort(),
    featured,
  };
}

/**
 * The recording's identity as text: song name plus the qualifiers that change the recording, without credits or
 * neutral qualifiers, every "and" spelt alike. "Café de Flore - Remastered 2011" → "cafe de flore";
 * "Café de Flore - Live" → "cafe de flore live"; "Cœur et soleil" → "coeur and soleil".
 */
export function normalizeTitle(title: string): string {
  const parsed = parseTitle(title);
  return [unifyConjunctions(parsed.base), ...parsed.versionTags].join(' ');
}
