// Injected faults: a status (with optional Retry-After, body, reason), a delay, or both, for requests matching a
// path and method. `count` limits how often a fault fires; `probability` fires it at random but reproducibly.
import { SpotifyApiError } from './spotify-errors';
import type { HandlerResult } from './spotify-http.util';
import { isRecord } from './spotify-http.util';
import { mulberry32, type Random } from './spotify-prng';

export interface SpotifyFaultSpec {
  /** HTTP status to answer with; omit for a delay-only fault. */
  readonly status?: number;
  /** Retry-After header in seconds; defaults to 1 on a 429, `null` leaves the header out. */
  readonly retryAfter?: number | null;
  /** Response body to send instead of Spotify's error object. */
  readonly body?: unknown;
  /** Fire this many times, then disappear. */
  readonly count?: number;
  /** Chance (0..1) that a matching request triggers the fault. */
  readonly probability?: number;
  /** Regular expression source or plain substring matched against the pathname (e.g. "/v1/tracks"). */
  readonly path?: string;
  readonly method?: string;
  /** Wait this long before answering (alone: a slow but otherwise normal response). */
  readonly delayMs?: number;
  /** Added to the error object, e.g. "QUOTA_EXCEEDED" on a 429. */
  readonly reason?: string;
}

export interface SpotifyFault extends SpotifyFaultSpec {
  readonly id: string;
  /** Times it fired so far. */
  fired: number;
}

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

function optionalNumber(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${key} must be a number`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${key} must be a string`);
  return value;
}

/** Validates a fault coming from JSON (control API) or from code. Throws with a readable message. */
export function parseFaultSpec(input: unknown): SpotifyFaultSpec {
  if (!isRecord(input)) throw new Error('fault must be a JSON object');
  const status = optionalNumber(input, 'status');
  const delayMs = optionalNumber(input, 'delayMs');
  const count = optionalNumber(input, 'count');
  const probability = optionalNumber(input, 'probability');
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) {
    throw new Error('status must be an HTTP status code');
  }
  if (status === undefined && (delayMs === undefined || delayMs <= 0))
    throw new Error('status or delayMs is required');
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw new Error('count must be a positive integer');
  if (probability !== undefined && (probability < 0 || probability > 1))
    throw new Error('probability must be in 0..1');
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

function pathMatches(pattern: string | undefined, pathname: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  if (pathname.includes(pattern)) return true;
  try {
    return new RegExp(pattern).test(pathname);
  } catch {
    return false;
  }
}

export class SpotifyFaultStore {
  private faults: SpotifyFault[] = [];
  private nextId = 1;
  private readonly rnd: Random = mulberry32(0x5eed);

  add(spec: SpotifyFaultSpec): SpotifyFault {
    const fault: SpotifyFault = { ...parseFaultSpec(spec), id: `fault-${this.nextId++}`, fired: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): readonly SpotifyFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request, consuming one of its `count`. */
  take(method: string, pathname: string): SpotifyFault | undefined {
    for (const fault of this.faults) {
      if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(fault.path, pathname)) continue;
      if (fault.probability !== undefined && this.rnd() >= fault.probability) continue;
      fault.fired++;
      if (fault.count !== undefined && fault.fired >= fault.count) this.remove(fault.id);
      return fault;
    }
    return undefined;
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
