// Public face of the catalog matcher: pure functions from a work and Spotify search results to a link decision.
export { foldText } from './text-fold';
export { parseTitle, normalizeTitle } from './title-parser';
export type { ParsedTitle } from './title-parser';
export { normalizeArtist, splitArtistCredit, primaryArtist, artistMatchScore } from './artist-credit';
export { similarityRatio } from './string-similarity';
export {
  scoreCandidate,
  durationCredit,
  titleCredit,
  versionFactor,
  normalizeIsrcForMatch,
  SCORE_WEIGHTS,
  TITLE_SIMILARITY_FLOOR,
  VERSION_FACTORS,
  DURATION_FULL_CREDIT_MS,
  DURATION_ZERO_CREDIT_MS,
} from './candidate-score';
export {
  classifyMatch,
  rankCandidates,
  HIGH_THRESHOLD,
  MEDIUM_THRESHOLD,
  TIE_MARGIN,
  KEPT_CANDIDATES,
} from './match-classifier';
export type { ClassifyOptions } from './match-classifier';
export { buildSearchQuery } from './search-query';
export type { TrackSearchQuery } from './search-query';
export type * from './matching.types';
