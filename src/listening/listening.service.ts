import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { PathRefusal, resolveInside } from 'src/common/files/resolve-inside';
import { assertUuid, isUuid } from 'src/common/uuid';
import { AppConfig } from 'src/config';
import { JobsService, JobStatus } from 'src/jobs';
import { AnalyticsRepository } from './analytics.repository';
import { ListenerEntity } from './entities/listener.entity';
import { sameFiles } from './import-files';
import { ListenersRepository } from './listeners.repository';
import { LISTENING_IMPORT_JOB, LISTENING_POLL_JOB } from './listening-jobs';
import { toDayModels, toGenreModels, toHeatmapModels, toMonthModels } from './listening.mapper';
import { PlaysRepository } from './plays.repository';
import { daysBetween, isTimeZone } from './time-buckets';

/** Days a `listeningDaily` range may span (one row per day). */
export const MAX_DAILY_RANGE_DAYS = 366;
/** Days a genre or heatmap range may span (ten years: the answer's size does not grow with it). */
export const MAX_AGGREGATE_RANGE_DAYS = 3660;

function checkRange(from: string, to: string, maxDays: number): void {
  if (to < from) throw new BadUserInputError('to', `must not be before from (${from})`);
  if (daysBetween(from, to) > maxDays)
    throw new BadUserInputError('to', `the range spans more than ${maxDays} days`);
}

/** The listening module's public face: listeners, ingestion jobs, analytics. */
@Injectable()
export class ListeningService {
  constructor(
    private readonly config: AppConfig,
    private readonly listeners: ListenersRepository,
    private readonly plays: PlaysRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly jobs: JobsService,
  ) {}

  list(): Promise<ListenerEntity[]> {
    return this.listeners.list();
  }

  byIds(ids: readonly string[]): Promise<ListenerEntity[]> {
    return this.listeners.byIds(ids);
  }

  async get(id: string, field = 'id'): Promise<ListenerEntity> {
    const listener = await this.listeners.byId(assertUuid(id, field));
    if (!listener) throw new NotFoundError('Listener', id);
    return listener;
  }

  /** A listener by id or by Spotify user id (CLI). */
  async find(reference: string): Promise<ListenerEntity | null> {
    if (isUuid(reference)) return this.listeners.byId(reference);
    return this.listeners.bySpotifyUserId(reference);
  }

  /** A listener fed by exports only (no Spotify connection); connecting later keeps it (same Spotify user id). */
  async createImportListener(input: {
    spotifyUserId: string | null;
    displayName?: string | null;
    timeZone?: string | null;
  }): Promise<ListenerEntity> {
    const timeZone = input.timeZone ?? this.config.tzAnalytics;
    if (!isTimeZone(timeZone))
      throw new BadUserInputError('timeZone', `"${timeZone}" is not an IANA time zone`);
    if (input.spotifyUserId && (await this.listeners.bySpotifyUserId(input.spotifyUserId))) {
      throw new BadUserInputError('spotifyUserId', `a listener for ${input.spotifyUserId} exists already`);
    }
    return this.listeners.insert({
      spotifyUserId: input.spotifyUserId,
      displayName: input.displayName ?? input.spotifyUserId,
      timeZone,
    });
  }

  /** Forgets the refresh token (polling stops); the history stays. */
  async disconnect(id: string): Promise<ListenerEntity> {
    if (!(await this.listeners.disconnect(assertUuid(id, 'id')))) throw new NotFoundError('Listener', id);
    return this.get(id);
  }

  /** Moves the listener's analytics to another zone (the summaries are recomputed at once). */
  async setTimeZone(id: string, timeZone: string): Promise<ListenerEntity> {
    if (!isTimeZone(timeZone))
      throw new BadUserInputError('timeZone', `"${timeZone}" is not an IANA time zone`);
    const changed = await this.listeners.setTimeZone(assertUuid(id, 'id'), timeZone);
    if (changed === null) throw new NotFoundError('Listener', id);
    if (changed) await this.analytics.refresh(id, null);
    return this.get(id);
  }

  /** Queues a poll of these listeners (default: every connected one). */
  startIngest(listenerIds?: string[]) {
    listenerIds?.forEach((id, i) => assertUuid(id, `listenerIds[${i}]`));
    return this.jobs.start(LISTENING_POLL_JOB, listenerIds ? { listenerIds } : {});
  }

  /** Queues the import of a file under DATA_DIR/imports (a relative path is taken from there). */
  async startImport(listenerId: string, file: string) {
    await this.get(listenerId, 'listenerId');
    const resolved = this.importFile(file);
    return this.jobs.start(LISTENING_IMPORT_JOB, { listenerId, files: [resolved] });
  }

  /**
   * The import of these files for this listener to resume: the newest one with a checkpoint that did not finish
   * (failed, or left running by a process that died), unless a later one succeeded; undefined when there is none.
   */
  async resumableImport(listenerId: string, files: readonly string[]): Promise<string | undefined> {
    const [runs] = await this.jobs.list({ kind: LISTENING_IMPORT_JOB }, 100);
    for (const run of runs) {
      const payload = run.payload as { listenerId?: unknown; files?: unknown };
      if (payload.listenerId !== listenerId || !sameFiles(payload.files, files)) continue;
      if (run.status === JobStatus.SUCCEEDED) return undefined;
      if (run.checkpoint !== null && run.checkpoint !== undefined) return run.id;
    }
    return undefined;
  }

  /** DATA_DIR/imports, symbolic links resolved: a path that leads anywhere else is refused. */
  importFile(file: string): string {
    const root = path.join(this.config.dataDir, 'imports');
    const found = resolveInside(root, file);
    if ('path' in found) return found.path;
    const messages: Record<PathRefusal, string> = {
      outside: `must be inside ${root}`,
      missing: `no such file under ${root}`,
      'not-a-file': 'is not a file',
    };
    throw new BadUserInputError('file', messages[found.refused]);
  }

  async playCounts(listenerId: string) {
    return this.plays.counts(assertUuid(listenerId, 'listenerId'));
  }

  /** Rebuilds every summary of these listeners (default: all), e.g. after the music module changed credits. */
  async rebuildSummaries(listenerIds?: string[]): Promise<number> {
    const ids = listenerIds ?? (await this.listeners.list()).map((l) => l.id);
    let rows = 0;
    for (const id of ids) rows += await this.analytics.refresh(id, null);
    return rows;
  }

  async daily(listenerId: string, from: string, to: string) {
    checkRange(from, to, MAX_DAILY_RANGE_DAYS);
    const id = (await this.get(listenerId, 'listenerId')).id;
    return toDayModels(await this.analytics.days(id, from, to));
  }

  async genres(listenerId: string, from: string, to: string) {
    checkRange(from, to, MAX_AGGREGATE_RANGE_DAYS);
    const id = (await this.get(listenerId, 'listenerId')).id;
    return toGenreModels(await this.analytics.genres(id, from, to));
  }

  async monthly(listenerId: string, year: number) {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new BadUserInputError('year', 'must be between 2000 and 2100');
    }
    const id = (await this.get(listenerId, 'listenerId')).id;
    // December of the year before: January's growth is measured against it.
    return toMonthModels(year, await this.analytics.months(id, `${year - 1}-12-01`, `${year}-12-01`));
  }

  async heatmap(listenerId: string, from: string, to: string) {
    checkRange(from, to, MAX_AGGREGATE_RANGE_DAYS);
    const id = (await this.get(listenerId, 'listenerId')).id;
    return toHeatmapModels(await this.analytics.heatmap(id, from, to));
  }
}
