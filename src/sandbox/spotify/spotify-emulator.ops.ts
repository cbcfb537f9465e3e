// Operations the control API exposes; SpotifyEmulator implements them so tests can also call them in-process.
import type { RequestLogEntry } from '../common';
import type { SpotifyMode } from './spotify-api.types';
import type { SpotifyCatalogSummary } from './spotify-catalog.types';
import type { SpotifyFault, SpotifyFaultSpec } from './spotify-faults';

export type SpotifyRequestLogEntry = RequestLogEntry;

export interface SpotifyEmulatorStateView {
  readonly mode: SpotifyMode;
  readonly omitGenres: boolean;
  readonly rateLimit: number | false;
  readonly authorizeDecision: 'approve' | 'deny';
  readonly clockOffsetMs: number;
  readonly now: string;
}

export interface SpotifyEmulatorOps {
  state(): SpotifyEmulatorStateView;
  reset(): void;
  now(): number;
  advanceClock(ms: number): void;
  setMode(mode: SpotifyMode, options?: { omitGenres?: boolean }): void;
  setRateLimit(requestsPer30s: number | false): void;
  setAuthorizeDecision(decision: 'approve' | 'deny'): void;
  injectFault(spec: SpotifyFaultSpec): SpotifyFault;
  faults(): readonly SpotifyFault[];
  removeFault(id: string): boolean;
  clearFaults(): void;
  requestLog(): readonly SpotifyRequestLogEntry[];
  clearRequestLog(): void;
  expireTokens(): void;
  revokeRefreshTokens(refreshToken?: string): number;
  catalogSummary(): SpotifyCatalogSummary;
}
