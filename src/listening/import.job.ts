import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { JobContext, JobRegistry, JobsService, JobStatus, PermanentJobError } from 'src/jobs';
import { mergeRange, TouchedRange } from './analytics.repository';
import { EpisodeRecord, parseHistoryRecord, TrackRecord } from './history-record';
import { JsonArrayError, readJsonArray } from './json-array-stream';
import { ListenersRepository } from './listeners.repository';
import { sameFiles } from './import-files';
import { LISTENING_IMPORT_JOB } from './listening-jobs';
import { addTally, emptyTally, IngestTally, PlayIngestion } from './play-ingestion.service';
import { TrackResolver } from './track-resolver.service';

export interface ImportPayload {
  listenerId: string;
  /** Absolute paths, imported in this order. */
  files: string[];
  /**
   * An earlier run of the same import (same listener, same files) that did not finish: this run starts from its
   * last checkpoint (`soundgraph listening import --resume`).
   */
  resumeOf?: string;
}

export interface ImportReport {
  files: string[];
  /** Array elements read. */
  rows: number;
  plays: IngestTally;
  /** Plays (and episodes) shorter than MIN_PLAY_MS: skipped. */
  skippedShort: number;
  minPlayMs: number;
  /** Audiobooks and rows with neither a track nor an episode. */
  other: number;
  invalid: number;
  /** The first few invalid rows: file, byte offset, why. */
  invalidSamples: { file: string; offset: number; reason: string }[];
  /** Tracks looked up on Spotify by id, searches made for rows without a URI, and HIGH/MEDIUM matches found. */
  lookedUp: number;
  searches: number;
  matched: number;
  newArtists: number;
  artistEnrichment: { jobRunId?: string; resummarizeJobRunId?: string; skipped?: string };
  summariesRefreshed: boolean;
  /** First and last instant of the plays read: the local days whose summaries were rebuilt. */
  playedFrom?: string;
  playedTo?: string;
  /** Set when this run resumed from a checkpoint (its own retry's, or `resumeOf`'s): file and byte offset. */
  resumedFrom?: { file: string; offset: number; jobRunId?: string };
}

type ParseCounts = Pick<ImportReport, 'rows' | 'skippedShort' | 'other' | 'invalid' | 'invalidSamples'>;

interface Checkpoint {
  fileIndex: number;
  offset: number;
  report: ImportReport;
  /** Instants of the plays read so far (their days' summaries are rebuilt at the end). */
  range: TouchedRange | null;
  /** Each file's size when the run started: another run resumes only files that did not change. */
  sizes?: number[];
}

/** Array elements per batch: one resolve + insert per batch. */
const BATCH = 5_000;
/** A checkpoint (the resume point) and the progress shown at most this often: each is a write of the run. */
const CHECKPOINT_EVERY_MS = 2_000;
const INVALID_SAMPLES = 20;

/**
 * `listening.import`: streams Spotify export files (one JSON array each) for one listener. Each batch of rows is
 * resolved to tracks and inserted, then the byte offset reached is checkpointed: a failed or interrupted run
 * resumes there, and because plays are unique a batch written twice adds nothing. Importing a file again adds
 * nothing either (the report says how many rows were duplicates).
 */
@Injectable()
export class ImportJob implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly listeners: ListenersRepository,
    private readonly resolver: TrackResolver,
    private readonly ingestion: PlayIngestion,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.registry.register<ImportPayload, ImportReport, Checkpoint>({
      kind: LISTENING_IMPORT_JOB,
      expireInSeconds: 6 * 3600,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
  }

  async run(payload: ImportPayload, ctx: JobContext<Checkpoint>): Promise<ImportReport> {
    const listener = await this.listeners.byId(payload.listenerId);
    if (!listener) throw new PermanentJobError(`listener ${payload.listenerId} does not exist`);
    const sizes = payload.files.map((file) => {
      try {
        return fs.statSync(file).size;
      } catch {
        throw new PermanentJobError(`cannot read ${file}`);
      }
    });
    const totalKiB = Math.max(1, Math.ceil(sizes.reduce((a, b) => a + b, 0) / 1024));
    // this run's own checkpoint (a retry) wins over the one of the run it resumes
    const checkpoint =
      ctx.checkpoint ?? (payload.resumeOf ? await this.takeOver(payload, sizes, ctx.jobRunId) : undefined);
    const report: ImportReport = checkpoint?.report ?? {
      files: payload.files.map((f) => path.basename(f)),
      rows: 0,
      plays: emptyTally(),
      skippedShort: 0,
      minPlayMs: this.config.listening.minPlayMs,
      other: 0,
      invalid: 0,
      invalidSamples: [],
      lookedUp: 0,
      searches: 0,
      matched: 0,
      newArtists: 0,
      artistEnrichment: {},
      summariesRefreshed: false,
    };
    let fileIndex = checkpoint?.fileIndex ?? 0;
    let offset = checkpoint?.offset ?? 0;
    if (checkpoint && offset >= (sizes[fileIndex] ?? 0)) {
      fileIndex++; // the checkpoint was the end of that file
      offset = 0;
    }
    let range = checkpoint?.range ?? null;
    if (checkpoint) {
      report.resumedFrom = { file: report.files[fileIndex] ?? '', offset };
      if (!ctx.checkpoint) report.resumedFrom.jobRunId = payload.resumeOf;
    }
    const session = this.resolver.session();
    // A resumed run's session starts empty: what earlier attempts learned is in the checkpoint's report.
    const before = {
      lookedUp: report.lookedUp,
      searches: report.searches,
      matched: report.matched,
      newArtists: report.newArtists,
    };
    const doneBefore = (index: number) => sizes.slice(0, index).reduce((a, b) => a + b, 0);
    // What parsing has counted so far. Parsing runs one batch ahead of the database, so a checkpoint takes the
    // counts as they were when its batch was cut, not as they are when it is written.
    const parsed: ParseCounts = {
      rows: report.rows,
      skippedShort: report.skippedShort,
      other: report.other,
      invalid: report.invalid,
      invalidSamples: [...report.invalidSamples],
    };
    const snapshot = (): ParseCounts => ({ ...parsed, invalidSamples: [...parsed.invalidSamples] });

    let checkpointed = 0;
    /** Stores one batch, then checkpoints its end: the resume point. One at a time, in order. */
    const store = async (
      records: (TrackRecord | EpisodeRecord)[],
      at: { fileIndex: number; offset: number; fileEnd: boolean; counts: ParseCounts },
    ) => {
      const stored = await this.ingestion.ingestRecords(listener.id, records, session);
      addTally(report.plays, stored.tally);
      range = mergeRange(range, stored.range);
      report.lookedUp = before.lookedUp + session.lookedUp;
      report.searches = before.searches + session.searches;
      report.matched = before.matched + session.matched;
      report.newArtists = before.newArtists + session.newArtistSpotifyIds.size;
      // The first batch, each file's end and then every few seconds; a crash redoes what followed (idempotent).
      if (checkpointed === 0 || at.fileEnd || Date.now() - checkpointed >= CHECKPOINT_EVERY_MS) {
        const state = { ...report, ...at.counts };
        await ctx.saveCheckpoint({ fileIndex: at.fileIndex, offset: at.offset, report: state, range, sizes });
        await ctx.progress(Math.floor((doneBefore(at.fileIndex) + at.offset) / 1024), totalKiB);
        checkpointed = Date.now();
      }
    };
    let inFlight: Promise<void> = Promise.resolve();
    const handOver = async (records: (TrackRecord | EpisodeRecord)[], offsetReached: number) => {
      await inFlight; // a failed batch stops the import here
      const at = {
        fileIndex,
        offset: offsetReached,
        fileEnd: offsetReached === sizes[fileIndex],
        counts: snapshot(),
      };
      inFlight = store(records, at);
      inFlight.catch(() => undefined); // seen at the next await
    };

    for (; fileIndex < payload.files.length; fileIndex++, offset = 0) {
      const file = payload.files[fileIndex];
      let batch: (TrackRecord | EpisodeRecord)[] = [];
      let read = 0;
      try {
        for await (const item of readJsonArray(file, { start: offset })) {
          parsed.rows++;
          read++;
          const record = parseHistoryRecord(item.value);
          switch (record.kind) {
            case 'INVALID':
              parsed.invalid++;
              if (parsed.invalidSamples.length < INVALID_SAMPLES) {
                parsed.invalidSamples.push({
                  file: path.basename(file),
                  offset: item.end,
                  reason: record.reason,
                });
              }
              break;
            case 'OTHER':
              parsed.other++;
              break;
            case 'TRACK':
            case 'EPISODE':
              if (record.username && listener.spotifyUserId && record.username !== listener.spotifyUserId) {
                throw new PermanentJobError(
                  `${path.basename(file)} holds the history of Spotify user ${record.username}, not of listener ` +
                    `${listener.spotifyUserId}`,
                );
              }
              if (record.msPlayed < this.config.listening.minPlayMs) parsed.skippedShort++;
              else batch.push(record);
              break;
          }
          if (read >= BATCH) {
            await handOver(batch, item.end);
            batch = [];
            read = 0;
          }
        }
      } catch (error) {
        // the batch being stored still lands and is checkpointed: a resumed run starts after it
        await inFlight.catch(() => undefined);
        if (error instanceof JsonArrayError) {
          throw new PermanentJobError(
            `${path.basename(file)} is not a JSON array of plays: ${error.message}`,
          );
        }
        throw error;
      }
      await handOver(batch, sizes[fileIndex]);
    }
    await inFlight;
    Object.assign(report, parsed);

    const finish = await this.ingestion.finish({
      touched: range ? [{ listenerId: listener.id, range }] : [],
      newArtists: report.newArtists,
      runKey: ctx.jobRunId,
    });
    if (range) {
      report.playedFrom = new Date(range.fromMs).toISOString();
      report.playedTo = new Date(range.toMs).toISOString();
    }
    const { newArtists: _newArtists, ...enrichment } = finish.artistEnrichment;
    report.artistEnrichment = enrichment;
    report.summariesRefreshed = finish.summariesRefreshed > 0;
    return report;
  }

  /**
   * The last checkpoint of `payload.resumeOf`, an unfinished import of the same listener and files; undefined when it
   * stopped before its first one. The files it had read must not have changed since. That import, if still QUEUED or
   * RUNNING (its process died, or was left running), ends FAILED as superseded by this run `jobRunId`: this run
   * does its work from here on (and a process still running it stops at its next check).
   */
  private async takeOver(
    payload: ImportPayload,
    sizes: number[],
    jobRunId: string,
  ): Promise<Checkpoint | undefined> {
    const id = payload.resumeOf!;
    if (id === jobRunId) throw new PermanentJobError(`import ${id} cannot resume itself`);
    const earlier = await this.jobs.get(id);
    if (!earlier || earlier.kind !== LISTENING_IMPORT_JOB) {
      throw new PermanentJobError(`job run ${id} is not an import to resume`);
    }
    if (earlier.status === JobStatus.SUCCEEDED) {
      throw new PermanentJobError(`import ${id} has finished: there is nothing to resume`);
    }
    const before = earlier.payload as Partial<ImportPayload>;
    if (before.listenerId !== payload.listenerId || !sameFiles(before.files, payload.files)) {
      throw new PermanentJobError(
        `import ${id} was of other files or another listener: resume it with the same listener and files`,
      );
    }
    const checkpoint = (earlier.checkpoint ?? undefined) as Checkpoint | undefined;
    for (let i = 0; checkpoint && i <= Math.min(checkpoint.fileIndex, sizes.length - 1); i++) {
      if (checkpoint.sizes && checkpoint.sizes[i] !== sizes[i]) {
        throw new PermanentJobError(
          `${path.basename(payload.files[i])} changed since import ${id} read it: import it again without resuming`,
        );
      }
    }
    // A process still running that import may get further than the checkpoint read above before it stops: this
    // run reads that part again, which adds nothing (plays are unique).
    await this.jobs.supersede(id, jobRunId, 'it resumed this import from its last checkpoint');
    return checkpoint;
  }
}
