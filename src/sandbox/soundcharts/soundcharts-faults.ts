// Soundcharts' flavour of injected faults (matching, counting and delays are shared): a message, extra headers and
// the `{errors: [...]}` envelope. A 429 fault is the rate-limit flavour by default ("maximum request count" +
// `x-ratelimit-reset: 1`); give it another `message` to imitate the monthly-quota 429.
import {
  isRecord,
  optionalString,
  parseFaultNumbers,
  SandboxFaultStore,
  type FaultSpecBase,
  type HandlerResult,
  type StoredFault,
} from '../common';
import { RATE_LIMIT_MESSAGE, RATE_LIMIT_PHRASE, SoundchartsApiError } from './soundcharts-errors';

export interface SoundchartsFaultSpec extends FaultSpecBase {
  /** Message of the `errors[0]` item (default: a Soundcharts-like wording for the status). */
  readonly message?: string;
  /** Extra response headers, e.g. `{"x-ratelimit-reset": "30"}`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type SoundchartsFault = StoredFault<SoundchartsFaultSpec>;

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
export function parseFaultSpec(raw: unknown): SoundchartsFaultSpec {
  const { input, status, delayMs, count, probability } = parseFaultNumbers(raw);
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

export class SoundchartsFaultStore extends SandboxFaultStore<SoundchartsFaultSpec> {
  constructor() {
    super(0x5c0de, parseFaultSpec);
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
