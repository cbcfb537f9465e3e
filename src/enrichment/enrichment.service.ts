import { Injectable, OnModuleInit } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadUserInputError } from 'src/common/domain-errors';
import { PathRefusal, resolveInside } from 'src/common/files/resolve-inside';
import { AppConfig } from 'src/config';
import { JobScheduler, JobsService } from 'src/jobs';
import { MusicService } from 'src/music';
import {
  APPLY_TRACK_ENRICHMENT_JOB,
  ENRICH_ARTISTS_JOB,
  ENRICH_TRACKS_JOB,
  EnrichmentMode,
} from './enrichment-jobs';
import { EnrichmentCoverage } from './enrichment.models';
import { validateTrackEnrichmentFile } from './track-enrichment-file';

const percent = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 1000) / 10);

/** The public face of enrichment: start runs, apply reviewed files, report coverage; weekly schedules. */
@Injectable()
export class EnrichmentService implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly scheduler: JobScheduler,
    private readonly music: MusicService,
  ) {}

  onModuleInit(): void {
    // Weekly incremental runs (Sunday 07:00 Paris by default); singleton per tick across processes.
    for (const kind of [ENRICH_TRACKS_JOB, ENRICH_ARTISTS_JOB]) {
      this.scheduler.upsert({
        name: `${kind}.weekly`,
        cron: this.config.enrichCron,
        timeZone: this.config.enrichTz,
        kind,
        payload: { mode: 'INCREMENTAL' },
      });
    }
  }

  enrichTracks(mode: EnrichmentMode, dryRun: boolean) {
    return this.jobs.start(ENRICH_TRACKS_JOB, { mode, dryRun });
  }

  enrichArtists(mode: EnrichmentMode, dryRun: boolean) {
    return this.jobs.start(ENRICH_ARTISTS_JOB, { mode, dryRun });
  }

  /**
   * A reviewed file must be valid as a whole: header, ids, popularity 0–100, ISRCs, each track once, and every
   * track_id a track Soundgraph has with that spotify_id. Any bad line rejects it (listing the lines) and nothing
   * is applied; otherwise a job applies it. Through the API the file must be inside DATA_DIR (a relative path is
   * taken from there, symbolic links resolved); `anywhere` (the CLI): any path, a relative one from the working
   * directory.
   */
  async applyTrackFile(file: string, options: { anywhere?: boolean } = {}) {
    const resolved = options.anywhere ? this.cliFile(file) : this.dataDirFile(file);
    const { rows, problems } = await validateTrackEnrichmentFile(resolved);
    const mismatched = await this.music.mismatchedTrackPairs(rows);
    for (const m of mismatched) {
      problems.push({
        line: m.line,
        reason: m.found
          ? `spotify_id "${m.spotifyId}" is not the Spotify id of track ${m.trackId} (${m.storedSpotifyId ? `it is ${m.storedSpotifyId}` : 'it has none'})`
          : `track_id "${m.trackId}" is not a track Soundgraph has`,
      });
    }
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line);
      const shown = problems.slice(0, 50).map((p) => `line ${p.line}: ${p.reason}`);
      const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
      throw new BadUserInputError(
        'file',
        `${problems.length} bad line(s), nothing applied: ${shown.join('; ')}${more}`,
      );
    }
    return { kind: APPLY_TRACK_ENRICHMENT_JOB, payload: { file: resolved } };
  }

  /** The operator's own machine: the path as typed, relative to the working directory. */
  private cliFile(file: string): string {
    const resolved = path.resolve(process.cwd(), file);
    if (!fs.existsSync(resolved)) throw new BadUserInputError('file', `no such file: ${resolved}`);
    if (!fs.statSync(resolved).isFile()) throw new BadUserInputError('file', `is not a file: ${resolved}`);
    return resolved;
  }

  /** Inside DATA_DIR, symbolic links resolved: a path that leads anywhere else is refused. */
  private dataDirFile(file: string): string {
    const root = this.config.dataDir;
    const found = resolveInside(root, file);
    if ('path' in found) return found.path;
    const messages: Record<PathRefusal, string> = {
      outside: `must be inside DATA_DIR (${root})`,
      missing: `no such file: ${file}`,
      'not-a-file': `is not a file: ${file}`,
    };
    throw new BadUserInputError('file', messages[found.refused]);
  }

  async coverage(): Promise<EnrichmentCoverage> {
    const c = await this.music.enrichmentCoverage(this.config.enrichStaleDays);
    return {
      tracks: {
        total: c.tracks_total,
        enriched: c.tracks_enriched,
        percent: percent(c.tracks_enriched, c.tracks_total),
        stale: c.tracks_stale,
      },
      artists: {
        total: c.artists_total,
        enriched: c.artists_enriched,
        percent: percent(c.artists_enriched, c.artists_total),
        stale: c.artists_stale,
        withGenres: c.artists_with_genres,
      },
    };
  }
}
