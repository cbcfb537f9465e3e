// Injected faults shared by the emulators: which requests a fault hits (path, method, probability), how often
// (`count`), and an optional delay. What a fault answers with (error body, headers) is provider-specific.
import { setTimeout as sleep } from 'node:timers/promises';
import { isRecord } from './sandbox-http';
import { mulberry32, type Random } from './prng';

/** The fields every provider's fault spec has. */
export interface FaultSpecBase {
  /** HTTP status to answer with; omit for a delay-only fault. */
  readonly status?: number;
  /** Response body to send instead of the provider's error object. */
  readonly body?: unknown;
  /** Fire this many times, then disappear. */
  readonly count?: number;
  /** Chance (0..1) that a matching request triggers the fault. */
  readonly probability?: number;
  /** Regular expression source or plain substring matched against the pathname. */
  readonly path?: string;
  readonly method?: string;
  /** Wait this long before answering (alone: a slow but otherwise normal response). */
  readonly delayMs?: number;
}

export type StoredFault<S extends FaultSpecBase> = S & {
  readonly id: string;
  /** Times it fired so far. */
  fired: number;
};

export function optionalNumber(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${key} must be a number`);
  return value;
}

export function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${key} must be a string`);
  return value;
}

/**
 * Checks the JSON object and the numeric fields every fault has; the provider then reads its own fields and builds
 * the spec (it lists the keys itself so the control API's JSON keeps its field order).
 */
export function parseFaultNumbers(input: unknown): {
  readonly input: Record<string, unknown>;
  readonly status?: number;
  readonly delayMs?: number;
  readonly count?: number;
  readonly probability?: number;
} {
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
  return { input, status, delayMs, count, probability };
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

export class SandboxFaultStore<S extends FaultSpecBase> {
  private faults: StoredFault<S>[] = [];
  private nextId = 1;
  private readonly rnd: Random;

  /** `seed` makes `probability` faults fire reproducibly; `parse` validates specs coming from code. */
  constructor(
    seed: number,
    private readonly parse: (input: unknown) => S,
  ) {
    this.rnd = mulberry32(seed);
  }

  /** Returns the stored fault itself (its `fired` keeps counting). */
  add(spec: S): StoredFault<S> {
    const fault: StoredFault<S> = { ...this.parse(spec), id: `fault-${this.nextId++}`, fired: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): readonly StoredFault<S>[] {
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
  take(method: string, pathname: string): StoredFault<S> | undefined {
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

  /** `take`, then wait out the fault's delay (cut short when `signal` aborts, i.e. the emulator stops). */
  async takeAndDelay(
    method: string,
    pathname: string,
    signal: AbortSignal,
  ): Promise<StoredFault<S> | undefined> {
    const fault = this.take(method, pathname);
    if (fault?.delayMs !== undefined) await sleep(fault.delayMs, undefined, { signal });
    return fault;
  }
}
