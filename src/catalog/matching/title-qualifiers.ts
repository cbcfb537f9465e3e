// Which title qualifiers ("- Live", "(Remastered 2011)", "- DJ Solenne Remix") change the recording and which do
// not. Works rarely spell qualifiers the way Spotify does, so both sides are reduced to the same canonical tags.
//
// Neutral: the same performance (remasters, mono/stereo mixes, the single or album cut of one take). They are dropped
// from the title, but a mismatch still costs a little so a plain title prefers the plain track.
// Version: a different recording of the song (live, edits, remixes, acoustic, ...). A work that names one must get
// that one; a plain work may still get it when its duration says so.

export type QualifierKind = 'neutral' | 'version';

interface QualifierRule {
  readonly tag: string;
  readonly kind: QualifierKind;
  /** Matches on folded text; what it matches is consumed, so the words left over decide if this is a qualifier. */
  readonly pattern: RegExp;
}

const TAIL = '(?: (?:version|mix|edit|recording|take))?';

// Order matters: neutral phrases first (so "original mix" is not a remix), then specific versions before "remix",
// which otherwise swallows any "… mix".
const RULES: readonly QualifierRule[] = [
  {
    tag: 'remaster',
    kind: 'neutral',
    pattern: new RegExp(`\\b(?:digital(?:ly)? )?re ?master(?:ed)?${TAIL}\\b`, 'g'),
  },
  { tag: 'mono', kind: 'neutral', pattern: new RegExp(`\\bmono${TAIL}\\b`, 'g') },
  { tag: 'stereo', kind: 'neutral', pattern: new RegExp(`\\bstereo${TAIL}\\b`, 'g') },
  { tag: 'single version', kind: 'neutral', pattern: /\bsingle(?: (?:version|mix))?\b/g },
  { tag: 'album version', kind: 'neutral', pattern: /\b(?:album|lp) (?:version|mix)\b/g },
  { tag: 'original mix', kind: 'neutral', pattern: /\boriginal (?:mix|version)\b/g },
  { tag: 'explicit', kind: 'neutral', pattern: /\bexplicit(?: version)?\b/g },
  { tag: 'bonus track', kind: 'neutral', pattern: /\bbonus track\b/g },
  // "Live", "Live at Red Rocks", "Live à L'Olympia", "En vivo desde Madrid": the venue goes with it.
  {
    tag: 'live',
    kind: 'version',
    pattern:
      /\b(?:live|en vivo|en directo|ao vivo|unplugged)\b(?: (?:at|from|in|on|a|au|en|desde|aus|i|pa) .*)?/g,
  },
  { tag: 'radio edit', kind: 'version', pattern: /\b(?:radio (?:edit|version|mix|cut)|edit)\b/g },
  {
    tag: 'acoustic',
    kind: 'version',
    pattern: new RegExp(`\\b(?:acoustic|akustisk|akustik|acustico|acustica|acoustique)${TAIL}\\b`, 'g'),
  },
  { tag: 'extended', kind: 'version', pattern: /\b(?:extended|club)(?: (?:mix|version|edit))?\b/g },
  { tag: 'instrumental', kind: 'version', pattern: new RegExp(`\\binstrumental${TAIL}\\b`, 'g') },
  { tag: 'demo', kind: 'version', pattern: new RegExp(`\\bdemo${TAIL}\\b`, 'g') },
  { tag: 'reprise', kind: 'version', pattern: /\breprise\b/g },
  { tag: 'a cappella', kind: 'version', pattern: /\ba ?capp?ella\b/g },
  { tag: 'sped up', kind: 'version', pattern: /\bsped up\b/g },
  { tag: 'slowed', kind: 'version', pattern: /\bslowed(?: (?:and|down|reverb))*\b/g },
  { tag: 'karaoke', kind: 'version', pattern: new RegExp(`\\bkaraoke${TAIL}\\b`, 'g') },
  // "DJ Solenne Remix", "Remixed by X", "Club Mix": the remixer's name is part of the qualifier.
  { tag: 'remix', kind: 'version', pattern: /^(?:.* )?(?:re ?mix(?:ed)?|rmx|mix)\b(?: by .*)?/g },
];

// Words that may stay around a qualifier without making it part of the song's name ("2011", "version", ...).
const FILLER = /\b(?:\d{4}|version|mix|edit|the|from|of)\b/g;

export interface Qualifier {
  readonly neutral: readonly string[];
  readonly version: readonly string[];
}

/**
 * The qualifier a bracket group or dash segment expresses, or null when it is part of the song's name
 * ("Northern Lights (Nordlys)", "Higher (Never Let Go)"): every word must be explained by a rule or a filler.
 */
export function parseQualifier(folded: string): Qualifier | null {
  let rest = folded;
  const neutral: string[] = [];
  const version: string[] = [];
  for (const rule of RULES) {
    const next = rest.replace(rule.pattern, ' ');
    if (next === rest) continue;
    (rule.kind === 'neutral' ? neutral : version).push(rule.tag);
    rest = next;
  }
  if (neutral.length + version.length === 0) return null;
  if (rest.replace(FILLER, ' ').trim() !== '') return null;
  return { neutral, version };
}
