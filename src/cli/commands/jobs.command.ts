import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { followJob } from '../progress';

interface ListOptions {
  kind?: string;
  status?: JobStatus;
  limit: number;
}

@SubCommand({ name: 'list', description: 'list job runs, newest first' })
export class JobsListCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run(_params: string[], options: ListOptions): Promise<void> {
    const [rows, total] = await this.jobs.list(
      { kind: options.kind, status: options.status },
      options.limit ?? 20,
    );
    const table = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      progress: `${Math.round(r.progress * 100)}%`,
      attempts: r.attempts,
      created: r.createdAt.toISOString(),
      error: r.error ?? '',
    }));
    if (table.length) console.table(table);
    process.stdout.write(`${rows.length} of ${total} job run(s)\n`);
  }

  @Option({ flags: '--kind <kind>', description: 'only this kind, e.g. catalog.auto-link' })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--status <status>', description: 'QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED' })
  parseStatus(value: string): JobStatus {
    const status = value.toUpperCase() as JobStatus;
    if (!Object.values(JobStatus).includes(status)) {
      throw new Error(`--status must be one of ${Object.values(JobStatus).join(', ')}`);
    }
    return status;
  }

  @Option({ flags: '--limit <n>', description: 'how many (1-100, default 20)' })
  parseLimit(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw new Error('--limit must be a whole number from 1 to 100');
    return n;
  }
}

@SubCommand({
  name: 'wait',
  arguments: '<id>',
  description: 'follow a job run with a progress bar until it ends',
})
export class JobsWaitCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    const status = await followJob(this.jobs, id, 'job');
    if (status !== JobStatus.SUCCEEDED) throw new Error(`job ${id} ended ${status}`);
  }
}

@Command({
  name: 'jobs',
  description: 'inspect background jobs',
  subCommands: [JobsListCommand, JobsWaitCommand],
})
export class JobsCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
