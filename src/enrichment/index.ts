export { EnrichmentModule } from './enrichment.module';
export { EnrichmentService } from './enrichment.service';
export { ENRICH_TRACKS_JOB, ENRICH_ARTISTS_JOB, APPLY_TRACK_ENRICHMENT_JOB } from './enrichment-jobs';
export type { EnrichmentMode } from './enrichment-jobs';
export { ARTIST_GENRE_FALLBACK } from './artist-genre-fallback';
export type { ArtistGenreFallback } from './artist-genre-fallback';
