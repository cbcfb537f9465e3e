// Spotify's flavour of injected faults (matching, counting and delays are shared): an optional Retry-After and
// `reason`, and Spotify's `{"error":{"status","message"}}` body.
import {
  optionalNumber,
  optionalString,
  parseFaultNumbers,
  SandboxFaultStore,
  type FaultSpecBase,
  type HandlerResult,
  type StoredFault,
} from '../common';
import { SpotifyApiError } from './spotify-errors';

export interface SpotifyFaultSpec extends FaultSpecBase {
  /** Retry-After header in seconds; defaults to 1 on a 429, `null` leaves the header out. */
  readonly retryAfter?: number | null;
  /** Added to the error object, e.g. "QUOTA_EXCEEDED" on a 429. */
  readonly reason?: string;
}

export type SpotifyFault = StoredFault<SpotifyFaultSpec>;

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Invalid access token',
  403: 'Forbidden',
  404: 'Not found',
  429: 'API rate limit exceeded',
  500: 'Server error',
  502: 'Bad gateway.',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Validates a fault coming from JSON (control API) or from code. Throws with a readable message. */
export function parseFaultSpec(raw: unknown): SpotifyFaultSpec {
  const { input, status, delayMs, count, probability } = parseFaultNumbers(raw);
  const retryAfter = input.retryAfter === null ? null : optionalNumber(input, 'retryAfter');
  return {
    status,
    retryAfter,
    body: input.body,
    count,
    probability,
    path: optionalString(input, 'path'),
    method: optionalString(input, 'method'),
    delayMs,
    reason: optionalString(input, 'reason'),
  };
}

export class SpotifyFaultStore extends SandboxFaultStore<SpotifyFaultSpec> {
  constructor() {
    super(0x5eed, parseFaultSpec);
  }
}

/** The response a fault answers with, or undefined for a delay-only fault. */
export function faultResult(fault: SpotifyFault): HandlerResult | undefined {
  if (fault.status === undefined) return undefined;
  const headers: Record<string, string> = {};
  const retryAfter = fault.retryAfter === undefined && fault.status === 429 ? 1 : fault.retryAfter;
  if (retryAfter !== undefined && retryAfter !== null) headers['Retry-After'] = String(retryAfter);
  if (fault.body !== undefined) return { status: fault.status, body: fault.body, headers };
  const message =
    fault.status === 429 && fault.reason !== undefined
      ? 'Too many requests'
      : (DEFAULT_MESSAGES[fault.status] ?? 'Error');
  const error = new SpotifyApiError(fault.status, message, headers, fault.reason);
  return { status: fault.status, body: error.toJson(), headers };
}
