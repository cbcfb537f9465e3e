// Every non-control request the emulator answered, so tests can assert what a client actually sent.

export interface SpotifyRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** ISO time from the emulator's clock. */
  readonly time: string;
  readonly status: number;
}

export class SpotifyRequestLog {
  private entries: SpotifyRequestLogEntry[] = [];

  record(entry: SpotifyRequestLogEntry): void {
    this.entries.push(entry);
  }

  list(): readonly SpotifyRequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
