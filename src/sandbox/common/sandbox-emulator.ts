// Base of the emulators: the server lifecycle and the state every provider has (clock, injected faults, request log,
// rate limiter), with the control operations on it. Subclasses add their data, handlers and request pipeline.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { SandboxClock } from './sandbox-clock';
import type { SandboxControl } from './sandbox-control';
import type { SandboxFaultStore, FaultSpecBase, StoredFault } from './sandbox-faults';
import { queryObject, type EmulatorRequest, type HandlerResult } from './sandbox-http';
import { RollingWindowRateLimiter } from './sandbox-rate-limiter';
import { SandboxRequestLog, type RequestLogEntry } from './sandbox-request-log';
import { SandboxServer } from './sandbox-server';

export interface SandboxEmulatorOptions<S extends FaultSpecBase> {
  /** Class name for "X is not started", e.g. "SpotifyEmulator". */
  readonly name: string;
  /** Prefix of crash messages on stderr, e.g. "spotify emulator". */
  readonly logPrefix: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Clock in ms; default Date.now. */
  readonly now?: () => number;
  /** Sent when a request crashes before anything was written. */
  readonly crashResult: HandlerResult;
  readonly faults: SandboxFaultStore<S>;
  readonly rateLimit: {
    readonly windowMs: number;
    /** The limit's name in the control API, e.g. "requestsPer30s". */
    readonly field: string;
    /** Not validated here: a provider that rejects a bad option calls `limiter.setLimit` itself. */
    readonly initial: number | false;
  };
}

export abstract class SandboxEmulator<S extends FaultSpecBase, E extends RequestLogEntry> {
  protected readonly clock: SandboxClock;
  protected readonly faultStore: SandboxFaultStore<S>;
  /** The request being answered: when it arrived (emulator clock) and its place in the request log. */
  private readonly arrival = new AsyncLocalStorage<{ readonly order: number; readonly time: number }>();
  protected readonly log = new SandboxRequestLog<E>(() => this.arrival.getStore()?.order);
  protected readonly limiter: RollingWindowRateLimiter;
  protected readonly server: SandboxServer;
  private readonly initialRateLimit: number | false;

  /** Answers /__sandbox/ requests; read per request, so a subclass may create it in its own constructor. */
  protected abstract readonly control: SandboxControl<S>;

  constructor(options: SandboxEmulatorOptions<S>) {
    this.clock = new SandboxClock(options.now);
    this.faultStore = options.faults;
    this.initialRateLimit = options.rateLimit.initial;
    const { windowMs, field, initial } = options.rateLimit;
    this.limiter = new RollingWindowRateLimiter(windowMs, field, initial, () => this.now());
    this.server = new SandboxServer({
      name: options.name,
      logPrefix: options.logPrefix,
      port: options.port ?? 0,
      crashResult: options.crashResult,
      control: { handle: (req) => this.control.handle(req) },
      // The arrival is taken before anything else happens to the request, and follows its handling through every
      // await, so the provider's `logEntry` and `log.record` find it without passing it around.
      serve: (req, res) =>
        this.arrival.run({ order: this.log.arrive(), time: this.now() }, () => this.handle(req, res)),
    });
  }

  /** Answers one non-control request (fault, rate limit, routing, logging are the provider's order). */
  protected abstract handle(req: EmulatorRequest, res: ServerResponse): Promise<void>;

  start(): Promise<void> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Base URL, e.g. http://127.0.0.1:PORT. */
  get url(): string {
    return this.server.url;
  }

  // ---- control operations (also reachable over HTTP under /__sandbox/) ----

  now(): number {
    return this.clock.now();
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  setRateLimit(limit: number | false): void {
    this.limiter.setLimit(limit);
    this.limiter.reset();
  }

  injectFault(spec: S): StoredFault<S> {
    return this.faultStore.add(spec);
  }

  faults(): readonly StoredFault<S>[] {
    return this.faultStore.list();
  }

  removeFault(id: string): boolean {
    return this.faultStore.remove(id);
  }

  clearFaults(): void {
    this.faultStore.clear();
  }

  requestLog(): readonly E[] {
    return this.log.list();
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  /** The request-log fields every provider records (a provider may add its own); the time is the arrival's. */
  protected logEntry(req: EmulatorRequest, status: number): RequestLogEntry {
    return {
      method: req.method,
      path: req.pathname,
      query: queryObject(req.query),
      time: new Date(this.arrival.getStore()?.time ?? this.now()).toISOString(),
      status,
    };
  }

  /** The shared part of reset(): no faults, empty log, the constructor's rate limit and a fresh window, offset 0. */
  protected resetShared(): void {
    this.faultStore.clear();
    this.log.clear();
    this.limiter.reset();
    this.limiter.setLimit(this.initialRateLimit);
    this.clock.reset();
  }
}
