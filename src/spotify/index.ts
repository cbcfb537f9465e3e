// Public face of the Spotify module: what other modules may import.
export { SpotifyModule } from './spotify.module';
export { SpotifyService, SEARCH_LIMITS } from './spotify.service';
export type { SpotifyStatusView } from './spotify.service';
export { SpotifyLookups, SPOTIFY_LOADERS, toRequestError } from './spotify-lookups';
export type { SpotifyEntities, SpotifyEntityKind } from './spotify-batch.fetcher';
export { SPOTIFY_CAPABILITIES } from './spotify-capabilities';
export type { CapabilityState, SpotifyCapabilityName, EffectiveSpotifyMode } from './spotify-capabilities';
export type { RecentlyPlayedParams, RecommendationParams } from './spotify.client';
export type { AuthorizeUrlParams, SpotifyAuthorizationTokens, SpotifyCurrentUser } from './spotify-user-auth';
export { PROBE_CAPABILITIES } from './spotify-capability-probe.job';
export { isSpotifyId, assertSpotifyIds, normalizeIsrc } from './spotify-ids';
export * from './spotify.errors';
export type * from './spotify-api.types';
