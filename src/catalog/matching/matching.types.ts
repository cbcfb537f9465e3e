// Inputs and outputs of the matcher. Plain data only: the auto-linker maps entities and Spotify tracks onto these,
// and `evidence` goes to a jsonb column as it is.

/** What the catalog knows about a work. */
export interface WorkToMatch {
  readonly title: string;
  readonly artistName: string;
  /** Normalised or not: compared without dashes, upper-cased. */
  readonly isrc?: string | null;
  readonly durationMs?: number | null;
}

/** A Spotify track a search returned. */
export interface MatchCandidate {
  readonly trackId: string;
  readonly name: string;
  /** Artist names, lead first, as Spotify lists them. */
  readonly artists: readonly string[];
  readonly durationMs?: number | null;
  /** `external_ids.isrc`; without it, copies of one recording cannot be told apart from a real tie. */
  readonly isrc?: string | null;
  readonly albumName?: string | null;
}

/** Why a candidate got its score; JSON-able, kept with the link or the review candidates. */
export interface MatchEvidence {
  /** Levenshtein ratio of the folded song names (credits and qualifiers removed), 0..1. */
  readonly titleSimilarity: number;
  /** 1 when version qualifiers agree; lower when they differ (see VERSION_FACTORS). */
  readonly versionFactor: number;
  readonly artistMatch: number;
  /** Absolute difference; null when either duration is unknown (the duration term is then left out). */
  readonly durationDiffMs: number | null;
  readonly versionTags: { readonly work: readonly string[]; readonly track: readonly string[] };
  readonly isrcMatch: boolean;
}

export interface ScoredCandidate extends MatchCandidate {
  /** 0..1, rounded to 4 decimals. */
  readonly score: number;
  readonly evidence: MatchEvidence;
}

export type MatchConfidence = 'HIGH' | 'MEDIUM';

/** What the auto-linker does with a work: link it (and how sure it is) or keep the candidates for review. */
export type MatchResult =
  | {
      readonly outcome: 'LINKED';
      readonly method: 'ISRC';
      readonly confidence: 'HIGH';
      readonly chosen: ScoredCandidate;
      readonly candidates: readonly ScoredCandidate[];
    }
  | {
      readonly outcome: 'LINKED';
      readonly method: 'SEARCH';
      readonly confidence: MatchConfidence;
      readonly chosen: ScoredCandidate;
      readonly candidates: readonly ScoredCandidate[];
    }
  | { readonly outcome: 'AMBIGUOUS'; readonly candidates: readonly ScoredCandidate[] }
  | { readonly outcome: 'NO_MATCH'; readonly candidates: readonly ScoredCandidate[] };
