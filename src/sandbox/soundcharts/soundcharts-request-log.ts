// Every non-control request the emulator answered, so tests can assert what a client actually sent and paid.

export interface SoundchartsRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** ISO time from the emulator's clock. */
  readonly time: string;
  readonly status: number;
  /** Whether the request consumed one unit of quota. */
  readonly billed: boolean;
}

export class SoundchartsRequestLog {
  private entries: SoundchartsRequestLogEntry[] = [];

  record(entry: SoundchartsRequestLogEntry): void {
    this.entries.push(entry);
  }

  list(): readonly SoundchartsRequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
