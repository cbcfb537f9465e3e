import { Injectable, OnModuleInit } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadUserInputError } from 'src/common/domain-errors';
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
   * A reviewed file must be inside DATA_DIR and valid as a whole: header, ids, popularity 0–100, ISRCs. Any bad
   * line rejects it (listing the lines) and nothing is applied; otherwise a job applies it.
   */
  async applyTrackFile(file: string, options: { anywhere?: boolean } = {}) {
    const resolved = path.resolve(this.config.dataDir, file);
    if (!options.anywhere && !resolved.startsWith(path.resolve(this.config.dataDir) + path.sep)) {
      throw new BadUserInputError('file', `must be inside DATA_DIR (${this.config.dataDir})`);
    }
    if (!fs.existsSync(resolved)) throw new BadUserInputError('file', `no such file: ${file}`);
    const { problems } = await validateTrackEnrichmentFile(resolved);
    if (problems.length) {
      const shown = problems.slice(0, 50).map((p) => `line ${p.line}: ${p.reason}`);
      const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
      throw new BadUserInputError(
        'file',
        `${problems.length} bad line(s), nothing applied: ${shown.join('; ')}${more}`,
      );
    }
    return { kind: APPLY_TRACK_ENRICHMENT_JOB, payload: { file: resolved } };
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
