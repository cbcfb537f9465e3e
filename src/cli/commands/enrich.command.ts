import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { ENRICH_ARTISTS_JOB, ENRICH_TRACKS_JOB, EnrichmentMode, EnrichmentService } from 'src/enrichment';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { runJobWithProgress } from '../progress';

interface EnrichOptions {
  mode: EnrichmentMode;
  dryRun?: boolean;
}

function parseMode(value: string): EnrichmentMode {
  const mode = value.toUpperCase();
  if (mode !== 'BACKFILL' && mode !== 'INCREMENTAL')
    throw new Error('--mode must be backfill or incremental');
  return mode;
}

abstract class EnrichRunner extends CommandRunner {
  protected abstract readonly kind: string;
  protected abstract readonly label: string;
  constructor(protected readonly jobs: JobsService) {
    super();
  }

  async run(_params: string[], options: EnrichOptions): Promise<void> {
    if (!options.mode) throw new Error('--mode backfill|incremental is required');
    const run = await runJobWithProgress(
      this.jobs,
      this.kind,
      { mode: options.mode, dryRun: options.dryRun ?? false },
      this.label,
    );
    if (run.status === JobStatus.FAILED)
      throw new Error(`${this.label} failed: ${run.error ?? 'unknown error'}`);
  }

  @Option({
    flags: '--mode <mode>',
    description: 'backfill (never enriched or stale) or incremental (new this week)',
  })
  parseMode(value: string): EnrichmentMode {
    return parseMode(value);
  }

  @Option({ flags: '--dry-run', description: 'fetch and write the audit file only' })
  parseDryRun(): boolean {
    return true;
  }
}

@SubCommand({ name: 'tracks', description: 'popularity and ISRC of tracks, with a CSV audit file' })
export class EnrichTracksCommand extends EnrichRunner {
  protected readonly kind = ENRICH_TRACKS_JOB;
  protected readonly label = 'enrich tracks';
}

@SubCommand({ name: 'artists', description: 'genres, popularity, followers and images, with a JSONL file' })
export class EnrichArtistsCommand extends EnrichRunner {
  protected readonly kind = ENRICH_ARTISTS_JOB;
  protected readonly label = 'enrich artists';
}

@SubCommand({ name: 'apply', arguments: '<file>', description: 'apply a reviewed track enrichment CSV' })
export class EnrichApplyCommand extends CommandRunner {
  constructor(
    private readonly enrichment: EnrichmentService,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    // The CLI runs on the operator's machine: any readable path is fine (the API accepts DATA_DIR only).
    const { kind, payload } = await this.enrichment.applyTrackFile(file, { anywhere: true });
    const run = await runJobWithProgress(this.jobs, kind, payload, 'apply');
    if (run.status === JobStatus.FAILED) throw new Error(`apply failed: ${run.error ?? 'unknown error'}`);
  }
}

@Command({
  name: 'enrich',
  description: 'enrich tracks and artists from Spotify',
  subCommands: [EnrichTracksCommand, EnrichArtistsCommand, EnrichApplyCommand],
})
export class EnrichCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
