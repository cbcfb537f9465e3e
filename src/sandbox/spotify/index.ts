// Public face of the Spotify sandbox: the emulator, its catalog and the wire types.
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SpotifyEmulator } from './spotify-emulator';
export type { SpotifyEmulatorOptions } from './spotify-emulator';
export type { SpotifyEmulatorOps, SpotifyEmulatorStateView } from './spotify-emulator.ops';
export { SpotifyCatalog } from './spotify-catalog';
export { DEFAULT_CATALOG_SEED, generateSpotifyCatalog } from './spotify-catalog.generator';
export { ALL_MARKETS, RUE_DE_VIVRE_ID, TRACKED_MARKETS } from './spotify-catalog.data';
export type * from './spotify-catalog.types';
export type * from './spotify-api.types';
export type { SpotifyFault, SpotifyFaultSpec } from './spotify-faults';
export type { SpotifyRequestLogEntry } from './spotify-emulator.ops';
export { HISTORY_EPOCH_MS, PLAY_INTERVAL_MS, REACHABLE_PLAYS } from './spotify-listening-history';
export { MULTI_GET_LIMITS } from './spotify-items.handler';
export { SEARCH_LIMITS } from './spotify-search.handler';
export { normalizeText } from './spotify-text';
