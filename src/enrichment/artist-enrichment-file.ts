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
}

export const artistEnrichmentFileName = (at: Date): string =>
  `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}_artist_enrichment.jsonl`;

export class ArtistEnrichmentWriter {
  private constructor(private readonly out: fs.WriteStream) {}

  static open(file: string, append: boolean): ArtistEnrichmentWriter {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new ArtistEnrichmentWriter(fs.createWriteStream(file, { flags: append ? 'a' : 'w' }));
  }

  write(lines: ArtistEnrichmentLine[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    return new Promise((resolve, reject) =>
      this.out.write(text, (error) => (error ? reject(error) : resolve())),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}
