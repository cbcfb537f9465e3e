import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AppConfig } from 'src/config';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { CASCADE_JOB, CHART_SYNC_JOB, SoundchartsService } from 'src/soundcharts';
import type { AudienceEntityType } from 'src/soundcharts';
import { runJobWithProgress } from '../progress';

/**
 * The cascade of a chart's ranking (the one a sync just stored, else the latest), run in this process (its steps
 * too), with a progress bar.
 */
async function runCascade(
  jobs: JobsService,
  chartId: string,
  slug: string,
  rankingId?: string,
): Promise<void> {
  const payload = { chartId, inline: true, ...(rankingId ? { rankingId } : {}) };
  const run = await runJobWithProgress(jobs, CASCADE_JOB, payload, `cascade ${slug}`);
  if (run.status === JobStatus.FAILED)
    throw new Error(`cascade of ${slug} failed: ${run.error ?? 'unknown error'}`);
}

@SubCommand({
  name: 'sync',
  arguments: '<slug>',
  description: "fetch a chart's latest ranking, upsert its tracks, store the ranking",
})
export class ChartsSyncCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run([slug]: string[], options: { cascade?: boolean }): Promise<void> {
    const run = await runJobWithProgress(
      this.jobs,
      CHART_SYNC_JOB,
      { slug, inline: true, ...(options.cascade !== undefined ? { cascade: options.cascade } : {}) },
      `sync ${slug}`,
    );
    if (run.status === JobStatus.FAILED)
      throw new Error(`sync of ${slug} failed: ${run.error ?? 'unknown error'}`);
    const result = run.result as { chartId?: string; rankingId?: string; cascade?: boolean } | null;
    if (result?.cascade && result.chartId)
      await runCascade(this.jobs, result.chartId, slug, result.rankingId);
  }

  @Option({
    flags: '--cascade',
    description: "then run the cascade (default: the chart schedule's auto-cascade, else no)",
  })
  parseCascade(): boolean {
    return true;
  }

  @Option({ flags: '--no-cascade', description: 'do not run the cascade, whatever the schedule says' })
  parseNoCascade(): boolean {
    return false;
  }
}

@SubCommand({
  name: 'cascade',
  arguments: '<slug>',
  description: "song and artist metadata and audience for a synced chart's latest ranking",
})
export class ChartsCascadeCommand extends CommandRunner {
  constructor(
    private readonly jobs: JobsService,
    private readonly soundcharts: SoundchartsService,
  ) {
    super();
  }

  async run([slug]: string[]): Promise<void> {
    const chart = await this.soundcharts.chartBySlug(slug);
    if (!chart?.lastSyncedAt)
      throw new Error(`chart ${slug} has not been synced here: run \`soundgraph charts sync ${slug}\` first`);
    await runCascade(this.jobs, chart.id, slug);
  }
}

interface ExportOptions {
  entity: AudienceEntityType;
  ids?: string[];
  chart?: string;
  platforms?: string[];
  from?: string;
  to?: string;
}

@SubCommand({
  name: 'export',
  description: 'write stored audience to an .xlsx in DATA_DIR/exports (one sheet per platform and metric)',
})
export class ChartsExportCommand extends CommandRunner {
  constructor(
    private readonly config: AppConfig,
    private readonly soundcharts: SoundchartsService,
  ) {
    super();
  }

  async run(_params: string[], options: ExportOptions): Promise<void> {
    const entity = options.entity ?? 'track';
    if (!options.ids === !options.chart) throw new Error('give either --ids or --chart');
    const ids = options.ids ?? (await this.soundcharts.chartEntityIds(options.chart!, entity));
    const { trackPlatforms, artistPlatforms, airplay } = this.config.soundcharts;
    const platforms =
      options.platforms ??
      (entity === 'track' ? [...trackPlatforms, ...(airplay ? ['airplay'] : [])] : artistPlatforms);
    const result = await this.soundcharts.exportAudience({
      entityType: entity,
      ids,
      platforms,
      from: options.from,
      to: options.to,
    });
    process.stdout.write(
      `wrote ${result.filePath} (${result.entities} ${entity}s; sheets: ${result.sheets.join(', ')})\n`,
    );
  }

  @Option({ flags: '--entity <type>', description: 'track (default) or artist' })
  parseEntity(value: string): AudienceEntityType {
    if (value !== 'track' && value !== 'artist') throw new Error('--entity must be track or artist');
    return value;
  }

  @Option({ flags: '--ids <ids>', description: 'comma-separated track or artist ids' })
  parseIds(value: string): string[] {
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }

  @Option({
    flags: '--chart <slug>',
    description: "the tracks of the chart's latest ranking (or their artists)",
  })
  parseChart(value: string): string {
    return value;
  }

  @Option({
    flags: '--platforms <codes>',
    description: 'comma-separated, e.g. spotify,youtube (default: the cascade platforms)',
  })
  parsePlatforms(value: string): string[] {
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }

  @Option({ flags: '--from <date>', description: 'first day, YYYY-MM-DD' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <date>', description: 'last day, YYYY-MM-DD' })
  parseTo(value: string): string {
    return value;
  }
}

@Command({
  name: 'charts',
  description: 'Soundcharts charts: sync, cascade, audience export',
  subCommands: [ChartsSyncCommand, ChartsCascadeCommand, ChartsExportCommand],
})
export class ChartsCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
