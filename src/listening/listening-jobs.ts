/** Polls connected listeners' recently played (the schedule's job, and `soundgraph listening ingest`). */
export const LISTENING_POLL_JOB = 'listening.poll';
/** Imports Spotify data-export files for one listener (`importListeningHistory`, `soundgraph listening import`). */
export const LISTENING_IMPORT_JOB = 'listening.import';
export const LISTENING_POLL_SCHEDULE = 'listening-poll';
/** The artist enrichment job of the enrichment module, queued after an ingestion that met new artists. */
export const ENRICH_ARTISTS_JOB = 'spotify.enrich-artists';
/** Summarises listeners' days again once the artist enrichment an ingestion queued has finished (fresh genres). */
export const LISTENING_RESUMMARIZE_JOB = 'listening.resummarize';
