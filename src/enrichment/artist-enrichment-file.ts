import * as fs from 'node:fs';
import * as path from 'node:path';

/** One JSON object a line, with the fields of the original process (seed 002) so downstream users keep working. */
export interface ArtistEnrichmentLine {
  artistId: string;
  artistName: string;
  genres: string[];
  popularity: number | null;
  followerCount: number | null;
  images: { url: string; height: number | null; width: number | null }[];
  externalUrls: { spotify?: string };
  enrichedAt: string;
  /** Where `genres` came from: SPOTIFY, SOUNDCHARTS or INFERRED (beyond the original fields; extra fields are fine). */
  genreSource: 'SPOTIFY' | 'SOUNDCHARTS' | 'INFERRED';
}

export const artistEnrichmentFileName = (at: Date): string =>
  `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}_artist_enrichment.jsonl`;

/** Appends lines to the file; resumes an interrupted file at its last checkpointed size. */
export class ArtistEnrichmentWriter {
  private constructor(
    private readonly out: fs.WriteStream,
    private bytes: number,
  ) {}

  static open(file: string, resumeAtBytes?: number): ArtistEnrichmentWriter {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (resumeAtBytes !== undefined && fs.existsSync(file)) {
      // Lines written after the last checkpoint are dropped: their artists are fetched again.
      fs.truncateSync(file, resumeAtBytes);
      return new ArtistEnrichmentWriter(fs.createWriteStream(file, { flags: 'a' }), resumeAtBytes);
    }
    return new ArtistEnrichmentWriter(fs.createWriteStream(file, { flags: 'w' }), 0);
  }

  /** Resolves once the lines are in the file; returns the file's size then (the resume point). */
  write(lines: ArtistEnrichmentLine[]): Promise<number> {
    if (lines.length === 0) return Promise.resolve(this.bytes);
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    return new Promise((resolve, reject) =>
      this.out.write(text, (error) => {
        if (error) return reject(error);
        this.bytes += Buffer.byteLength(text);
        resolve(this.bytes);
      }),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}
