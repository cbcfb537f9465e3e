import { Injectable, OnModuleInit } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from 'src/config';
import { JobContext, JobRegistry, PermanentJobError } from 'src/jobs';
import { MusicService } from 'src/music';
import { normalizeIsrc, SpotifyService } from 'src/spotify';
import { checkApplyCounts, checkFetchCounts, checkFileRows } from './enrichment-counts';
import { APPLY_TRACK_ENRICHMENT_JOB, ENRICH_TRACKS_JOB, EnrichmentMode } from './enrichment-jobs';
import {
  LineProblem,
  readTrackEnrichmentFile,
  TrackEnrichmentRow,
  TrackEnrichmentWriter,
  trackEnrichmentFileName,
} from './track-enrichment-file';

export interface EnrichTracksPayload {
  mode: EnrichmentMode;
  dryRun?: boolean;
  /** Rows per apply transaction (tests make it small). */
  chunkSize?: number;
}

export interface ApplyCountsReport {
  rows: number;
  updated: number;
  unchanged: number;
  /** Rows naming a track Soundgraph does not have (a reviewed file may). */
  missing: number;
  /** Rows with neither popularity nor ISRC (Spotify did not know the id): nothing to apply. */
  empty: number;
}

export interface EnrichTracksReport extends Partial<ApplyCountsReport> {
  mode: EnrichmentMode;
  dryRun: boolean;
  file: string;
  requested: number;
  fetched: number;
  unknownIds: number;
  /** Fields Spotify did not send for tracks it knows: unavailable to this app (development mode). */
  unavailableFields: { popularity: number; isrc: number };
}

interface Checkpoint {
  phase: 'fetch' | 'apply';
  report: EnrichTracksReport;
  afterId: string | null;
  bytes: number;
  appliedRows: number;
  apply: ApplyCountsReport;
}

const FETCH_PAGE = 500;
const APPLY_CHUNK = 5_000;
const emptyApply = (): ApplyCountsReport => ({ rows: 0, updated: 0, unchanged: 0, missing: 0, empty: 0 });

/**
 * `spotify.enrich-tracks`: phase 1 fetches popularity and ISRC through the batching loaders into the audit CSV
 * (streamed); phase 2 applies the file set-based, a transaction per chunk. Checkpoints after every page and
 * chunk, so an interrupted run (crash, long rate-limit wait) resumes where it stopped.
 */
@Injectable()
export class TrackEnrichmentJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly music: MusicService,
    private readonly spotify: SpotifyService,
  ) {}

  onModuleInit(): void {
    this.registry.register<EnrichTracksPayload, EnrichTracksReport, Checkpoint>({
      kind: ENRICH_TRACKS_JOB,
      singleton: (payload) => `${payload.mode}:${payload.dryRun ? 'dry-run' : 'apply'}`,
      expireInSeconds: 6 * 3600,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
    this.registry.register<{ file: string; chunkSize?: number }, ApplyCountsReport, Checkpoint>({
      kind: APPLY_TRACK_ENRICHMENT_JOB,
      expireInSeconds: 6 * 3600,
      handle: async ({ file, chunkSize }, ctx) => {
        const resumed = ctx.checkpoint;
        const counts = await this.applyFile(
          file,
          chunkSize ?? APPLY_CHUNK,
          ctx,
          resumed?.appliedRows ?? 0,
          resumed?.apply,
        );
        return counts;
      },
    });
  }

  async run(payload: EnrichTracksPayload, ctx: JobContext<Checkpoint>): Promise<EnrichTracksReport> {
    const dryRun = payload.dryRun ?? false;
    let cp: Checkpoint = ctx.checkpoint ?? {
      phase: 'fetch',
      report: {
        mode: payload.mode,
        dryRun,
        file: path.join(this.config.exportsDir, trackEnrichmentFileName(new Date())),
        requested: 0,
        fetched: 0,
        unknownIds: 0,
        unavailableFields: { popularity: 0, isrc: 0 },
      },
      afterId: null,
      bytes: 0,
      appliedRows: 0,
      apply: emptyApply(),
    };
    if (cp.phase === 'fetch') cp = await this.fetch(payload.mode, cp, ctx);
    const report = cp.report;
    checkFetchCounts(report);
    if (dryRun) return report;
    const applied = await this.applyFile(
      report.file,
      payload.chunkSize ?? APPLY_CHUNK,
      ctx,
      cp.appliedRows,
      cp.apply,
      report,
    );
    checkFileRows(applied.rows, report.requested);
    return { ...report, ...applied };
  }

  private async fetch(
    mode: EnrichmentMode,
    cp: Checkpoint,
    ctx: JobContext<Checkpoint>,
  ): Promise<Checkpoint> {
    const stale = this.config.enrichStaleDays;
    const total = cp.report.requested + (await this.music.countTracksToEnrich(mode, stale));
    const writer = await TrackEnrichmentWriter.open(cp.report.file, cp.afterId ? cp.bytes : undefined);
    const report = cp.report;
    let afterId = cp.afterId;
    try {
      for (;;) {
        const page = await this.music.tracksToEnrich(mode, stale, afterId, FETCH_PAGE);
        if (page.length === 0) break;
        // A loader (and its cache) per page: the run streams, it must not hold every track it fetched.
        const found = await this.spotify.forJob().tracks(page.map((t) => t.spotifyId));
        const rows: TrackEnrichmentRow[] = page.map((t, i) => {
          const track = found[i];
          report.requested++;
          if (!track) {
            report.unknownIds++;
            return { trackId: t.id, spotifyId: t.spotifyId, popularity: null, isrc: null };
          }
          report.fetched++;
          if (track.popularity === undefined) report.unavailableFields.popularity++;
          const isrc = track.external_ids?.isrc ? (normalizeIsrc(track.external_ids.isrc) ?? null) : null;
          if (!isrc) report.unavailableFields.isrc++;
          return { trackId: t.id, spotifyId: t.spotifyId, popularity: track.popularity ?? null, isrc };
        });
        const bytes = await writer.write(rows);
        afterId = page[page.length - 1].id;
        cp = { ...cp, afterId, bytes, report };
        await ctx.saveCheckpoint(cp);
        await ctx.progress(report.requested, Math.max(total, report.requested));
      }
    } finally {
      await writer.close();
    }
    cp = { ...cp, phase: 'apply' };
    await ctx.saveCheckpoint(cp);
    return cp;
  }

  /**
   * Phase 2, also used for a reviewed file: set-based, one transaction per chunk, resumable by row count. The
   * file must be valid as a whole (checked first by the caller for reviewed files). Every row marks its track
   * checked, an empty one (Spotify did not know the id) too, so it is not fetched again until stale.
   */
  async applyFile(
    file: string,
    chunkSize: number,
    ctx: JobContext<Checkpoint>,
    skipRows: number,
    sofar: ApplyCountsReport = emptyApply(),
    report?: EnrichTracksReport,
  ): Promise<ApplyCountsReport> {
    let counts = { ...sofar };
    const problems: LineProblem[] = [];
    let appliedRows = skipRows;
    for await (const chunk of readTrackEnrichmentFile(file, chunkSize, problems, skipRows)) {
      const empty = chunk.filter((r) => r.popularity === null && r.isrc === null).length;
      let next = counts;
      // Checked before the chunk commits: a chunk whose counts do not add up is rolled back, and the run fails
      // with the earlier chunks applied and checkpointed.
      await this.music.applyTrackAttributes(
        chunk.map((r) => ({ trackId: r.trackId, popularity: r.popularity, isrc: r.isrc })),
        (result) => {
          next = {
            rows: counts.rows + chunk.length,
            empty: counts.empty + empty,
            updated: counts.updated + result.updated,
            unchanged: counts.unchanged + result.unchanged,
            missing: counts.missing + result.missing,
          };
          checkApplyCounts(next);
        },
      );
      counts = next;
      appliedRows += chunk.length;
      await ctx.saveCheckpoint({
        phase: 'apply',
        report: report ?? ({} as EnrichTracksReport),
        afterId: null,
        bytes: 0,
        appliedRows,
        apply: counts,
      });
      await ctx.progress(appliedRows, report?.requested);
    }
    if (problems.length) {
      throw new PermanentJobError(
        `${file}: ${problems
          .slice(0, 20)
          .map((p) => `line ${p.line}: ${p.reason}`)
          .join('; ')}`,
      );
    }
    return counts;
  }
}
