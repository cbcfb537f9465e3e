export const ENRICH_TRACKS_JOB = 'spotify.enrich-tracks';
export const APPLY_TRACK_ENRICHMENT_JOB = 'spotify.apply-track-enrichment';
export const ENRICH_ARTISTS_JOB = 'spotify.enrich-artists';
export type EnrichmentMode = 'BACKFILL' | 'INCREMENTAL';
