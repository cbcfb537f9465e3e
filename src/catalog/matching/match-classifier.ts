// From scored candidates to a decision (design §6): ISRC equal → HIGH; otherwise thresholds on the best score, and
// no link when the runner-up is as good, unless both are copies of one recording (same ISRC on a single, an album
// and a deluxe edition is one recording, not a tie).
import { normalizeIsrcForMatch, scoreCandidate } from './candidate-score';
import type { MatchCandidate, MatchResult, ScoredCandidate, WorkToMatch } from './matching.types';

export const HIGH_THRESHOLD = 0.9;
export const MEDIUM_THRESHOLD = 0.75;
/** Two different recordings this close are a tie: neither is linked, both are kept for review. */
export const TIE_MARGIN = 0.02;
/** How many candidates are kept for review (the linked one included). */
export const KEPT_CANDIDATES = 5;

export interface ClassifyOptions {
  /** The candidates are the answer of an `isrc:` search for the work's ISRC. */
  readonly isrcMatched: boolean;
}

// Scores have 4 decimals; comparing in ten-thousandths keeps 0.96 − 0.94 from being 0.0200000001.
const basisPoints = (score: number) => Math.round(score * 10_000);

function sameRecording(a: ScoredCandidate, b: ScoredCandidate): boolean {
  const isrc = normalizeIsrcForMatch(a.isrc);
  return isrc !== null && isrc === normalizeIsrcForMatch(b.isrc);
}

/** A track answered by both searches counts once, at its first position. */
function distinctTracks(candidates: readonly MatchCandidate[]): MatchCandidate[] {
  const seen = new Set<string>();
  const distinct: MatchCandidate[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.trackId)) continue;
    seen.add(candidate.trackId);
    distinct.push(candidate);
  }
  return distinct;
}

/** Best first; equal scores keep the search's order (Spotify ranks by popularity). */
export function rankCandidates(work: WorkToMatch, candidates: readonly MatchCandidate[]): ScoredCandidate[] {
  return distinctTracks(candidates)
    .map((candidate) => ({ ...candidate, ...scoreCandidate(work, candidate) }))
    .sort((a, b) => basisPoints(b.score) - basisPoints(a.score));
}

/** The top few, plus the rival when copies of the best recording pushed it further down. */
function keep(ranked: readonly ScoredCandidate[], rival?: ScoredCandidate): ScoredCandidate[] {
  const kept = ranked.slice(0, KEPT_CANDIDATES);
  return rival && !kept.includes(rival) ? [...kept.slice(0, KEPT_CANDIDATES - 1), rival] : kept;
}

export function classifyMatch(
  work: WorkToMatch,
  candidates: readonly MatchCandidate[],
  options: ClassifyOptions,
): MatchResult {
  const ranked = rankCandidates(work, candidates);
  // An ISRC search answers tracks of that ISRC; a candidate that says otherwise is not trusted with HIGH. Tracks
  // of the work's ISRC found by a text search are just as good.
  const byIsrc = ranked.filter(
    (c) => c.evidence.isrcMatch || (options.isrcMatched && normalizeIsrcForMatch(c.isrc) === null),
  );
  const [isrcChoice] = byIsrc;
  if (isrcChoice) {
    return {
      outcome: 'LINKED',
      method: 'ISRC',
      confidence: 'HIGH',
      chosen: isrcChoice,
      candidates: keep(byIsrc),
    };
  }

  const [best] = ranked;
  if (!best || basisPoints(best.score) < basisPoints(MEDIUM_THRESHOLD)) {
    return { outcome: 'NO_MATCH', candidates: keep(ranked) };
  }
  const rival = ranked.find((c) => c !== best && !sameRecording(c, best));
  if (rival && basisPoints(best.score) - basisPoints(rival.score) <= basisPoints(TIE_MARGIN)) {
    return { outcome: 'AMBIGUOUS', candidates: keep(ranked, rival) };
  }
  return {
    outcome: 'LINKED',
    method: 'SEARCH',
    confidence: basisPoints(best.score) >= basisPoints(HIGH_THRESHOLD) ? 'HIGH' : 'MEDIUM',
    chosen: best,
    candidates: keep(ranked),
  };
}
