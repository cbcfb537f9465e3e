import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { COLLECT_INSIGHTS_JOB, InsightsService } from 'src/insights';
import type { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { assertSpotifyId } from 'src/music';
import { runJobWithProgress } from '../progress';

/**
 * Why a run is not done, for the CLI to fail with; null when it succeeded. A run rescheduled by a long rate limit
 * is back in the queue with `rescheduled in N s: <reason>` as its error (a worker finishes it).
 */
export function notDoneReason(
  label: string,
  run: Pick<JobRunEntity, 'id' | 'status' | 'error' | 'updatedAt'>,
): string | null {
  switch (run.status) {
    case JobStatus.SUCCEEDED:
      return null;
    case JobStatus.FAILED:
      return `${label} failed: ${run.error ?? 'unknown error'}`;
    case JobStatus.CANCELLED:
      return `${label} was cancelled (job ${run.id})`;
    case JobStatus.QUEUED:
    case JobStatus.RUNNING: {
      const rescheduled = /^rescheduled in (\d+) s: (.*)$/s.exec(run.error ?? '');
      if (rescheduled) {
        const until = new Date(run.updatedAt.getTime() + Number(rescheduled[1]) * 1000).toISOString();
        return `${label} not done: ${rescheduled[2]}; rescheduled until ${until}, a worker will finish job ${run.id}`;
      }
      return `${label} not done (${run.status}${run.error ? `: ${run.error}` : ''}); a worker will finish job ${run.id}`;
    }
  }
}

@SubCommand({
  name: 'collect',
  arguments: '<spotifyArtistId>',
  description: "today's snapshot of an artist (replacing an earlier one of today), then its growth metrics",
})
export class InsightsCollectCommand extends CommandRunner {
  constructor(private readonly jobs: JobsService) {
    super();
  }

  async run([spotifyId]: string[]): Promise<void> {
    const id = assertSpotifyId(spotifyId, 'spotifyArtistId');
    const run = await runJobWithProgress(
      this.jobs,
      COLLECT_INSIGHTS_JOB,
      { spotifyId: id },
      'insights collect',
    );
    // Exit non-zero unless the snapshot was taken: a rescheduled or cancelled run has not taken it.
    const reason = notDoneReason('insights collect', run);
    if (reason) throw new Error(reason);
  }
}

@SubCommand({ name: 'track', arguments: '<spotifyArtistId>', description: 'collect this artist every day' })
export class InsightsTrackCommand extends CommandRunner {
  constructor(private readonly insights: InsightsService) {
    super();
  }

  async run([spotifyId]: string[]): Promise<void> {
    const artist = await this.insights.trackArtist(spotifyId);
    process.stdout.write(`tracking ${artist.name} (${artist.spotifyId})\n`);
  }
}

@SubCommand({ name: 'untrack', arguments: '<spotifyArtistId>', description: 'stop collecting this artist' })
export class InsightsUntrackCommand extends CommandRunner {
  constructor(private readonly insights: InsightsService) {
    super();
  }

  async run([spotifyId]: string[]): Promise<void> {
    const was = await this.insights.untrackArtist(spotifyId);
    process.stdout.write(was ? `no longer tracking ${spotifyId}\n` : `${spotifyId} was not tracked\n`);
  }
}

@SubCommand({ name: 'tracked', description: 'list tracked artists' })
export class InsightsTrackedCommand extends CommandRunner {
  constructor(private readonly insights: InsightsService) {
    super();
  }

  async run(): Promise<void> {
    const tracked = await this.insights.trackedArtists();
    if (tracked.length === 0) process.stdout.write('no tracked artist\n');
    for (const a of tracked) {
      process.stdout.write(`${a.spotifyId}  ${a.name}  (${a.source}, since ${a.trackedAt.toISOString()})\n`);
    }
  }
}

@Command({
  name: 'insights',
  description: 'artist snapshots and tracked artists',
  subCommands: [InsightsCollectCommand, InsightsTrackCommand, InsightsUntrackCommand, InsightsTrackedCommand],
})
export class InsightsCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
