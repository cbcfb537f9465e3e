// Every non-control request an emulator answered, so tests can assert what a client actually sent.

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** ISO time from the emulator's clock when the request arrived (before any injected delay). */
  readonly time: string;
  readonly status: number;
}

/**
 * Entries are listed in arrival order, although each is recorded when its answer is ready: a slow request (an
 * injected delay) keeps its place before the requests that arrived after it.
 */
export class SandboxRequestLog<E extends RequestLogEntry = RequestLogEntry> {
  private entries: { readonly order: number; readonly entry: E }[] = [];
  private arrived = 0;

  /** `orderOfCurrent`: the place `arrive()` gave the request being answered, when the caller can tell. */
  constructor(private readonly orderOfCurrent: () => number | undefined = () => undefined) {}

  /** Called when a request arrives: its place in the log. */
  arrive(): number {
    return this.arrived++;
  }

  /** Without a known place, the entry goes after every request that arrived so far. */
  record(entry: E, order: number = this.orderOfCurrent() ?? this.arrive()): void {
    let at = this.entries.length;
    while (at > 0 && this.entries[at - 1].order > order) at--;
    this.entries.splice(at, 0, { order, entry });
  }

  list(): readonly E[] {
    return this.entries.map((e) => e.entry);
  }

  clear(): void {
    this.entries = [];
  }
}
