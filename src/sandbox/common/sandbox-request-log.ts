// Every non-control request an emulator answered, so tests can assert what a client actually sent.

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** ISO time from the emulator's clock. */
  readonly time: string;
  readonly status: number;
}

export class SandboxRequestLog<E extends RequestLogEntry = RequestLogEntry> {
  private entries: E[] = [];

  record(entry: E): void {
    this.entries.push(entry);
  }

  list(): readonly E[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
