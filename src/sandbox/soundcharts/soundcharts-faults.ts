// Injected faults: a status (with optional headers, message or raw body), a delay, or both, for requests matching a
// path and method. `count` limits how often a fault fires; `probability` fires it at random but reproducibly.
// A 429 fault is the rate-limit flavour by default ("maximum request count" + `x-ratelimit-reset: 1`); give it
// another `message` to imitate the monthly-quota 429.
import { RATE_LIMIT_MESSAGE, RATE_LIMIT_PHRASE, SoundchartsApiError } from './soundcharts-errors';
import { isRecord, type HandlerResult } from './soundcharts-http.util';
import { mulberry32, type Random } from './soundcharts-prng';

export interface SoundchartsFaultSpec {
  /** HTTP status to answer with; omit for a delay-only fault. */
  readonly status?: number;
  /** Message of the `errors[0]` item (default: a Soundcharts-like wording for the status). */
  readonly message?: string;
  /** Response body to send instead of the `{errors: [...]}` object. */
  readonly body?: unknown;
  /** Extra response headers, e.g. `{"x-ratelimit-reset": "30"}`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Fire this many times, then disappear. */
  readonly count?: number;
  /** Chance (0..1) that a matching request triggers the fault. */
  readonly probability?: number;
  /** Regular expression source or plain substring matched against the pathname (e.g. "/ranking/"). */
  readonly path?: string;
  readonly method?: string;
  /** Wait this long before answering (alone: a slow but otherwise normal response). */
  readonly delayMs?: number;
}

export interface SoundchartsFault extends SoundchartsFaultSpec {
  readonly id: string;
  /** Times it fired so far. */
  fired: number;
}

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Invalid request',
  401: 'You are not logged in',
  403: 'This endpoint is not included in your current plan, reach out to help@soundcharts.com',
  404: 'Not found.',
  410: 'ISRC Blacklisted due to multiple tracks identified from DSP',
  429: RATE_LIMIT_MESSAGE,
  500: 'Internal server error: the problem is on our end',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

const DEFAULT_KEYS: Readonly<Record<number, string>> = {
  401: 'access',
  403: 'access',
  404: 'access',
  410: 'isrc',
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

function optionalHeaders(input: Record<string, unknown>): Record<string, string> | undefined {
  const value = input.headers;
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new Error('headers must be an object of strings');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`header ${name} must be a string`);
    out[name.toLowerCase()] = String(v);
  }
  return out;
}

/** Validates a fault coming from JSON (control API) or from code. Throws with a readable message. */
export function parseFaultSpec(input: unknown): SoundchartsFaultSpec {
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
  return {
    status,
    message: optionalString(input, 'message'),
    body: input.body,
    headers: optionalHeaders(input),
    count,
    probability,
    path: optionalString(input, 'path'),
    method: optionalString(input, 'method'),
    delayMs,
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

export class SoundchartsFaultStore {
  private faults: SoundchartsFault[] = [];
  private nextId = 1;
  private readonly rnd: Random = mulberry32(0x5c0de);

  add(spec: SoundchartsFaultSpec): SoundchartsFault {
    const fault: SoundchartsFault = { ...parseFaultSpec(spec), id: `fault-${this.nextId++}`, fired: 0 };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): readonly SoundchartsFault[] {
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
  take(method: string, pathname: string): SoundchartsFault | undefined {
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
export function faultResult(fault: SoundchartsFault): HandlerResult | undefined {
  if (fault.status === undefined) return undefined;
  const status = fault.status;
  const message = fault.message ?? DEFAULT_MESSAGES[status] ?? 'Error';
  const headers: Record<string, string> = {};
  if (status === 429 && message.includes(RATE_LIMIT_PHRASE)) headers['x-ratelimit-reset'] = '1';
  Object.assign(headers, fault.headers);
  if (fault.body !== undefined) return { status, body: fault.body, headers };
  const key =
    DEFAULT_KEYS[status] ??
    (status === 429 ? (message.includes(RATE_LIMIT_PHRASE) ? 'rate_limit' : 'quota') : 'error');
  return { status, body: new SoundchartsApiError(status, key, message).toJson(), headers };
}
