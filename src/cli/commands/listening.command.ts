import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { isUuid } from 'src/common/uuid';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';
import { LISTENING_IMPORT_JOB, LISTENING_POLL_JOB, ListeningService } from 'src/listening';
import { runJobWithProgress } from '../progress';

interface IngestOptions {
  listener?: string;
}

interface ImportOptions {
  listener?: string;
  create?: boolean;
  timeZone?: string;
  /** A job run id, or true: the newest unfinished import of the same listener and files. */
  resume?: string | true;
}

@SubCommand({
  name: 'ingest',
  description: "poll connected listeners' Spotify recently played now (what the schedule does)",
})
export class ListeningIngestCommand extends CommandRunner {
  constructor(
    private readonly jobs: JobsService,
    private readonly listening: ListeningService,
  ) {
    super();
  }

  async run(_params: string[], options: IngestOptions): Promise<void> {
    let listenerIds: string[] | undefined;
    if (options.listener) {
      const listener = await this.listening.find(options.listener);
      if (!listener) throw new Error(`no listener ${options.listener}`);
      listenerIds = [listener.id];
    }
    const run = await runJobWithProgress(
      this.jobs,
      LISTENING_POLL_JOB,
      listenerIds ? { listenerIds } : {},
      'ingest',
    );
    if (run.status === JobStatus.FAILED) throw new Error(`ingestion failed: ${run.error ?? 'unknown error'}`);
  }

  @Option({ flags: '--listener <id>', description: 'only this listener (id or Spotify user id)' })
  parseListener(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'import',
  arguments: '<file...>',
  description:
    'import Spotify data-export files (Streaming_History_Audio_*.json, StreamingHistory_music_*.json, ...)',
})
export class ListeningImportCommand extends CommandRunner {
  constructor(
    private readonly jobs: JobsService,
    private readonly listening: ListeningService,
  ) {
    super();
  }

  async run(files: string[], options: ImportOptions): Promise<void> {
    const listenerId = await this.listenerId(options);
    const resolved = files.map((f) => path.resolve(f));
    let resumeOf: string | undefined;
    if (options.resume === true) {
      resumeOf = await this.listening.resumableImport(listenerId, resolved);
      if (!resumeOf) throw new Error('no unfinished import of these files for this listener to resume');
    } else if (options.resume) {
      if (!isUuid(options.resume)) throw new Error(`--resume ${options.resume} is not a job run id`);
      resumeOf = options.resume;
    }
    if (resumeOf) process.stderr.write(`resuming import ${resumeOf}\n`);
    const run = await runJobWithProgress(
      this.jobs,
      LISTENING_IMPORT_JOB,
      { listenerId, files: resolved, ...(resumeOf ? { resumeOf } : {}) },
      'import (KiB)',
    );
    if (run.status === JobStatus.FAILED) {
      throw new Error(
        `import failed: ${run.error ?? 'unknown error'} (run ${run.id}: once fixed, add --resume to go on from ` +
          'where it stopped)',
      );
    }
  }

  private async listenerId(options: ImportOptions): Promise<string> {
    if (options.listener) {
      const found = await this.listening.find(options.listener);
      if (found) return found.id;
      if (!options.create) {
        throw new Error(`no listener ${options.listener} (add --create to make one for imports only)`);
      }
      const created = await this.listening.createImportListener({
        spotifyUserId: options.listener,
        timeZone: options.timeZone,
      });
      process.stdout.write(
        `created listener ${created.id} (${created.spotifyUserId}, ${created.timeZone})\n`,
      );
      return created.id;
    }
    const all = await this.listening.list();
    if (all.length === 1) return all[0].id;
    throw new Error(
      all.length === 0
        ? 'no listener yet: connect one (GET /auth/spotify/login) or pass --listener <spotify user id> --create'
        : `${all.length} listeners: say which with --listener <id or Spotify user id>`,
    );
  }

  @Option({
    flags: '--listener <id>',
    description: 'the listener (id or Spotify user id); default: the only one',
  })
  parseListener(value: string): string {
    return value;
  }

  @Option({
    flags: '--create',
    description: 'create the --listener (a Spotify user id) for imports if missing',
  })
  parseCreate(): boolean {
    return true;
  }

  @Option({ flags: '--time-zone <zone>', description: 'IANA time zone of a listener made by --create' })
  parseTimeZone(value: string): string {
    return value;
  }

  @Option({
    flags: '--resume [jobRunId]',
    description:
      'go on from the last checkpoint of an import that failed or whose process died (default: the newest such ' +
      'import of the same listener and files)',
  })
  parseResume(value: string | undefined): string | true {
    return typeof value === 'string' && value !== '' ? value : true;
  }
}

@SubCommand({ name: 'listeners', description: 'list listeners and their connection status' })
export class ListeningListenersCommand extends CommandRunner {
  constructor(private readonly listening: ListeningService) {
    super();
  }

  async run(): Promise<void> {
    const listeners = await this.listening.list();
    const rows = await Promise.all(
      listeners.map(async (l) => ({
        id: l.id,
        spotifyUserId: l.spotifyUserId ?? '',
        timeZone: l.timeZone,
        status: l.needsReauth ? 'NEEDS_REAUTH' : l.refreshTokenSealed ? 'CONNECTED' : 'DISCONNECTED',
        plays: (await this.listening.playCounts(l.id)).plays,
        lastPolled: l.lastPolledAt?.toISOString() ?? '',
      })),
    );
    if (rows.length) console.table(rows);
    process.stdout.write(`${rows.length} listener(s)\n`);
  }
}

@Command({
  name: 'listening',
  description: 'listening history: recently-played ingestion and data-export imports',
  subCommands: [ListeningIngestCommand, ListeningImportCommand, ListeningListenersCommand],
})
export class ListeningCommand extends CommandRunner {
  run(): Promise<void> {
    this.command.help();
  }
}
