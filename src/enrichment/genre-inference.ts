// Seed 003's inference for artists with no genre anywhere: name patterns first, then popularity; "unclassified"
// when nothing fits. Conservative on purpose: an inferred genre is a hint, and never replaces a real one.

const NAME_PATTERNS: [RegExp, string][] = [
  [/\b(dj|dee jay)\b/i, 'electronic'],
  [/\bmc\b|\blil\b|\$/i, 'hip hop'],
  [/\b(orchestra|philharmonic|symphony|symphonic|quartet|ensemble|chamber)\b/i, 'classical'],
  [/\b(choir|gospel)\b/i, 'gospel'],
  [/\bbrass\b|\bbig band\b/i, 'jazz'],
  [/\b(trio|quintet)\b/i, 'jazz'],
  [/&\s*the\b|\band the\b/i, 'band'],
];

/** High reach without any classification reads as mainstream pop (seed 003's "popularity mapping"). */
const MAINSTREAM = { popularity: 70, followers: 1_000_000 };

export interface InferenceInput {
  name: string;
  popularity: number | null;
  followers: number | null;
}

export function inferGenres(artist: InferenceInput): string[] {
  for (const [pattern, genre] of NAME_PATTERNS) if (pattern.test(artist.name)) return [genre];
  if ((artist.popularity ?? 0) >= MAINSTREAM.popularity && (artist.followers ?? 0) >= MAINSTREAM.followers) {
    return ['mainstream pop'];
  }
  return ['unclassified'];
}
