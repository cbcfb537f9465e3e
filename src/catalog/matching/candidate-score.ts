// The "Auto-link confidence" score of design §6 for one work and one candidate track: a weighted mean of title,
// artist and duration agreement, each in 0..1. ISRC equality is not part of the score; the classifier decides on it.
import { artistMatchScore } from './artist-credit';
import type { MatchCandidate, MatchEvidence, WorkToMatch } from './matching.types';
import { similarityRatio } from './string-similarity';
import { unifyConjunctions } from './text-fold';
import { parseTitle, type ParsedTitle } from './title-parser';

// The artist weight is high enough that title + duration alone (0.65) can never link a track by someone else.
export const SCORE_WEIGHTS = { title: 0.45, artist: 0.35, duration: 0.2 } as const;

// Normalisation already removes case, accents, punctuation, credits and qualifiers, so what remains should be
// (nearly) identical; "Golden Heart" vs "Golden Hearts" (0.92) is more often another song than a typo.
export const TITLE_SIMILARITY_FLOOR = 0.85;

export const VERSION_FACTORS = {
  /** The work names a version ("- Live") the track is not: a different recording. */
  missing: 0.4,
  /** The track is a version the work does not mention: plain titles are often just less specific. */
  extra: 0.9,
  /** Neutral qualifiers differ ("X" vs "X - Remastered 2011"): same song, but prefer the plain one. */
  neutralMismatch: 0.93,
} as const;

/** Re-issues of one recording drift by well under 2 s; different edits differ by 10 s or more. */
export const DURATION_FULL_CREDIT_MS = 2_000;
export const DURATION_ZERO_CREDIT_MS = 30_000;

/** 1 up to 2 s apart, then linear down to 0 at 30 s. */
export function durationCredit(diffMs: number): number {
  if (diffMs <= DURATION_FULL_CREDIT_MS) return 1;
  if (diffMs >= DURATION_ZERO_CREDIT_MS) return 0;
  return 1 - (diffMs - DURATION_FULL_CREDIT_MS) / (DURATION_ZERO_CREDIT_MS - DURATION_FULL_CREDIT_MS);
}

/** Similarity 0.85 → 0, 1 → 1, linear in between. */
export function titleCredit(similarity: number): number {
  return Math.min(1, Math.max(0, (similarity - TITLE_SIMILARITY_FLOOR) / (1 - TITLE_SIMILARITY_FLOOR)));
}

export function versionFactor(work: ParsedTitle, track: ParsedTitle): number {
  const missing = work.versionTags.some((tag) => !track.versionTags.includes(tag));
  const extra = track.versionTags.some((tag) => !work.versionTags.includes(tag));
  const factor = missing ? VERSION_FACTORS.missing : extra ? VERSION_FACTORS.extra : 1;
  const neutralDiffers = work.neutralTags.join('|') !== track.neutralTags.join('|');
  return neutralDiffers ? factor * VERSION_FACTORS.neutralMismatch : factor;
}

export function normalizeIsrcForMatch(isrc: string | null | undefined): string | null {
  const cleaned = isrc?.replace(/[\s-]/g, '').toUpperCase() ?? '';
  return cleaned === '' ? null : cleaned;
}

const knownDuration = (ms: number | null | undefined): ms is number =>
  typeof ms === 'number' && Number.isFinite(ms) && ms > 0;

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

export function scoreCandidate(
  work: WorkToMatch,
  candidate: MatchCandidate,
): { score: number; evidence: MatchEvidence } {
  const workTitle = parseTitle(work.title);
  const trackTitle = parseTitle(candidate.name);
  const titleSimilarity = similarityRatio(
    unifyConjunctions(workTitle.base),
    unifyConjunctions(trackTitle.base),
  );
  const factor = versionFactor(workTitle, trackTitle);
  const artistMatch = artistMatchScore(work.artistName, candidate.artists);
  const durationDiffMs =
    knownDuration(work.durationMs) && knownDuration(candidate.durationMs)
      ? Math.abs(work.durationMs - candidate.durationMs)
      : null;

  const w = SCORE_WEIGHTS;
  let weighted = w.title * titleCredit(titleSimilarity) * factor + w.artist * artistMatch;
  let total = w.title + w.artist;
  // Unknown duration is neutral: the term is left out and the others keep their proportions.
  if (durationDiffMs !== null) {
    weighted += w.duration * durationCredit(durationDiffMs);
    total += w.duration;
  }
  const workIsrc = normalizeIsrcForMatch(work.isrc);
  return {
    score: round(weighted / total, 4),
    evidence: {
      titleSimilarity: round(titleSimilarity, 4),
      versionFactor: round(factor, 4),
      artistMatch: round(artistMatch, 4),
      durationDiffMs,
      versionTags: { work: workTitle.versionTags, track: trackTitle.versionTags },
      isrcMatch: workIsrc !== null && workIsrc === normalizeIsrcForMatch(candidate.isrc),
    },
  };
}
