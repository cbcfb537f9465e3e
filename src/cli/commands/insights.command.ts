import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { COLLECT_INSIGHTS_JOB, InsightsService } from 'src/insights';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { assertSpotifyId } from 'src/music';
import { runJobWithProgress } from '../progress';

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
    if (run.status === JobStatus.FAILED)
      throw new Error(`insights collect failed: ${run.error ?? 'unknown error'}`);
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
