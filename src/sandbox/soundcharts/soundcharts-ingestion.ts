// Soundcharts' answer to an unknown Spotify id: a free 404, then the song is added "within 2 hours" (facts §1.5).
// Pending songs of the dataset stay invisible (404 by uuid, ISRC and platform id) until that much emulator time has
// passed since the first by-platform lookup of one of their ids.
import type { SoundchartsDataset } from './soundcharts-dataset';
import type { SoundchartsSongRecord } from './soundcharts-data.types';

export interface IngestionView {
  readonly songUuid: string;
  readonly requestedAt: string;
  readonly availableAt: string;
}

export class SongIngestion {
  private readonly requestedAt = new Map<string, number>();

  constructor(
    private readonly dataset: SoundchartsDataset,
    private readonly now: () => number,
    private readonly delayMs: number,
  ) {}

  /** Whether the API may show the song now. */
  visible(song: SoundchartsSongRecord): boolean {
    if (!this.dataset.isPending(song)) return true;
    const at = this.requestedAt.get(song.uuid);
    return at !== undefined && this.now() >= at + this.delayMs;
  }

  /** Records the lookup that makes Soundcharts ingest the song (only the first one counts). */
  request(song: SoundchartsSongRecord): void {
    if (this.dataset.isPending(song) && !this.requestedAt.has(song.uuid))
      this.requestedAt.set(song.uuid, this.now());
  }

  list(): IngestionView[] {
    return [...this.requestedAt].map(([songUuid, at]) => ({
      songUuid,
      requestedAt: new Date(at).toISOString(),
      availableAt: new Date(at + this.delayMs).toISOString(),
    }));
  }

  reset(): void {
    this.requestedAt.clear();
  }
}
