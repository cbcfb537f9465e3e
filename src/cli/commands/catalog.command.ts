import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AUTO_LINK_JOB, VERIFY_LINKS_JOB } from 'src/catalog/catalog-jobs';
import { CatalogService } from 'src/catalog/catalog.service';
import { describeInvalid, parseCatalogFile } from 'src/catalog/catalog-file';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { runJobWithProgress } from '../progress';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: 'import works from a CSV (title,artist_name,isrc,duration_ms,external_id) or a JSON array',
})
export class CatalogImportCommand extends CommandRunner {
  constructor(private readonly catalog: CatalogService) {
    super();
  }

  async run([file]: string[], options: { skipInvalid?: boolean }): Promise<void> {
    const parsed = await parseCatalogFile(file);
    const problems = describeInvalid(parsed.invalid);
    if (problems.length && !options.skipInvalid) {
      throw new Error(`${problems.length} invalid row(s); nothing imported:\n${problems.join('\n')}`);
    }
    const works = await this.catalog.importWorks(parsed.valid.map((v) => v.work));
    process.stdout.write(`imported ${works} work(s) from ${file}\n`);
    if (problems.length)
      process.stderr.write(`skipped ${problems.length} invalid row(s):\n${problems.join('\n')}\n`);
  }

  @Option({ flags: '--skip-invalid', description: 'import the good rows and list the bad ones' })
  parseSkipInvalid(): boolean {
    return true;
  }
}

@SubCommand({ name: 'link', description: 'auto-link unlinked works to Spotify tracks' })
export class CatalogLinkCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run(_params: string[], options: { dryRun?: boolean }): Promise<void> {
    const run = await runJobWithProgress(
      this.jobs,
      AUTO_LINK_JOB,
      { dryRun: options.dryRun ?? false },
      'auto-link',
    );
    if (run.status === JobStatus.FAILED) throw new Error(`auto-link failed: ${run.error ?? 'unknown error'}`);
  }

  @Option({ flags: '--dry-run', description: 'report what would be linked, change nothing' })
  parseDryRun(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'verify',
  description: 're-fetch every linked track and report vanished or changed ones',
})
export class CatalogVerifyCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run(): Promise<void> {
    const run = await runJobWithProgress(this.jobs, VERIFY_LINKS_JOB, {}, 'verify');
    if (run.status === JobStatus.FAILED)
      throw new Error(`verification failed: ${run.error ?? 'unknown error'}`);
  }
}

@Command({
  name: 'catalog',
  description: 'works and their Spotify links',
  subCommands: [CatalogImportCommand, CatalogLinkCommand, CatalogVerifyCommand],
})
export class CatalogCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
