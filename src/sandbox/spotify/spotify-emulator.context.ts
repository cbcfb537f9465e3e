// What every handler may read or change: the catalog, the issued tokens and the switchable emulator state.
import type { SpotifyMode } from './spotify-api.types';
import type { SpotifyCatalog } from './spotify-catalog';
import { SpotifySerializer } from './spotify-serializer';
import type { SpotifyTokenStore } from './spotify-token.store';

export interface SpotifyEmulatorState {
  mode: SpotifyMode;
  omitGenres: boolean;
  /** How /authorize answers: approve (default) or deny as if the listener clicked "Cancel". */
  authorizeDecision: 'approve' | 'deny';
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface EmulatorContext {
  readonly catalog: SpotifyCatalog;
  readonly tokens: SpotifyTokenStore;
  readonly state: SpotifyEmulatorState;
  readonly now: () => number;
  readonly apiUrl: () => string;
}

export function serializerFor(ctx: EmulatorContext, market?: string): SpotifySerializer {
  return new SpotifySerializer({
    apiUrl: ctx.apiUrl(),
    mode: ctx.state.mode,
    omitGenres: ctx.state.omitGenres,
    catalog: ctx.catalog,
    market,
  });
}
