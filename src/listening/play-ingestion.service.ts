import { Injectable, Logger } from '@nestjs/common';
import { JobRegistry, JobsService } from 'src/jobs';
import { AnalyticsRepository, TouchedRange } from './analytics.repository';
import { EpisodeRecord, TrackRecord } from './history-record';
import { ENRICH_ARTISTS_JOB, LISTENING_RESUMMARIZE_JOB } from './listening-jobs';
import { NewPlay, PlaysRepository } from './plays.repository';
import { ResolveSession } from './track-resolver.service';

export interface IngestTally {
  /** Plays stored by this batch. */
  inserted: number;
  /** Plays already stored (same listener, instant and track, or the same play from the other export format). */
  duplicates: number;
  episodesInserted: number;
  episodeDuplicates: number;
  /** Rows without a URI that no HIGH or MEDIUM match explained. */
  unmatched: number;
  /** Rows whose track URI Spotify no longer knows, and whose names (when given) matched nothing either. */
  unavailable: number;
}

export const emptyTally = (): IngestTally => ({
  inserted: 0,
  duplicates: 0,
  episodesInserted: 0,
  episodeDuplicates: 0,
  unmatched: 0,
  unavailable: 0,
});

/** Adds `more` to `into`; other fields of `into` (a poll's `fetched`) are left alone. */
export function addTally<T extends IngestTally>(into: T, more: IngestTally): T {
  for (const key of Object.keys(more) as (keyof IngestTally)[]) into[key] += more[key];
  return into;
}

export interface IngestResult {
  tally: IngestTally;
  /**
   * First and last instant of the batch's plays, new or not: their local days' summaries are rebuilt. Duplicates
   * count too, so a run that stored plays and died before its checkpoint still has them summarised when it resumes.
   */
  range: TouchedRange | null;
}

function rangeOf(plays: readonly NewPlay[]): TouchedRange | null {
  if (plays.length === 0) return null;
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const p of plays) {
    const t = p.playedAt.getTime();
    if (t < fromMs) fromMs = t;
    if (t > toMs) toMs = t;
  }
  return { fromMs, toMs };
}

export interface IngestionFinish {
  /** The enrichment run queued for the new artists (and the run that summarises days again after it), or why none was. */
  artistEnrichment: { newArtists: number; jobRunId?: string; resummarizeJobRunId?: string; skipped?: string };
  /** Listeners whose summaries were rebuilt. */
  summariesRefreshed: number;
}

/** From parsed plays to stored ones: resolve tracks (set-based), insert, then queue enrichment and refresh. */
@Injectable()
export class PlayIngestion {
  private readonly logger = new Logger(PlayIngestion.name);

  constructor(
    private readonly plays: PlaysRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly jobs: JobsService,
    private readonly registry: JobRegistry,
  ) {}

  /** One batch of export rows (already filtered: long enough, this listener's). */
  async ingestRecords(
    listenerId: string,
    records: readonly (TrackRecord | EpisodeRecord)[],
    session: ResolveSession,
  ): Promise<IngestResult> {
    const tally = emptyTally();
    const tracks = records.filter((r): r is TrackRecord => r.kind === 'TRACK');
    const episodes = records.filter((r): r is EpisodeRecord => r.kind === 'EPISODE');

    const withUri = tracks.filter((t) => t.spotifyTrackId !== null);
    const ids = await session.fromSpotifyIds(withUri.map((t) => t.spotifyTrackId!));
    // Rows without a URI are matched by name; so are rows whose URI Spotify no longer knows (a track taken down or
    // replaced) when they name the track and its artist: the same recording usually lives on under another id.
    const byName = tracks.filter(
      (t) =>
        t.trackName !== null &&
        (t.spotifyTrackId === null || (!ids.has(t.spotifyTrackId) && t.artistName !== null)),
    );
    const names = await session.fromNames(
      byName.map((t) => ({ trackName: t.trackName!, artistName: t.artistName })),
    );
    const byNameOf = (t: TrackRecord) =>
      t.trackName !== null
        ? names.get(ResolveSession.keyOf({ trackName: t.trackName, artistName: t.artistName }))
        : undefined;

    const rows: NewPlay[] = [];
    for (const t of tracks) {
      const trackId = (t.spotifyTrackId !== null ? ids.get(t.spotifyTrackId) : undefined) ?? byNameOf(t);
      if (!trackId) {
        if (t.spotifyTrackId !== null) tally.unavailable++;
        else tally.unmatched++;
        continue;
      }
      rows.push({
        playedAt: t.playedAt,
        trackId,
        msPlayed: t.msPlayed,
        source: t.source,
        skipped: t.skipped,
        reasonEnd: t.reasonEnd,
      });
    }
    tally.inserted = await this.plays.insertPlays(listenerId, rows);
    tally.duplicates = rows.length - tally.inserted;
    tally.episodesInserted = await this.plays.insertEpisodes(listenerId, episodes);
    tally.episodeDuplicates = episodes.length - tally.episodesInserted;
    return { tally, range: rangeOf(rows) };
  }

  /** Plays as recently played returns them (the track's duration stands for ms played). */
  async ingestPlays(listenerId: string, plays: readonly NewPlay[]): Promise<IngestResult> {
    const tally = emptyTally();
    tally.inserted = await this.plays.insertPlays(listenerId, plays);
    tally.duplicates = plays.length - tally.inserted;
    return { tally, range: rangeOf(plays) };
  }

  /** Rebuilds a listener's summaries for the local days of `range` (null: all of them, after a time-zone change). */
  async refreshSummaries(listenerId: string, range: TouchedRange | null): Promise<void> {
    await this.analytics.refresh(listenerId, range);
  }

  /**
   * After an ingestion: artist enrichment when it created artists (once per run: `runKey`), and each listener's
   * summaries rebuilt for the local days its new plays fall on (`range` null: all of them, after a time-zone change).
   * `summarised`: listeners whose summaries the caller has rebuilt already (they are summarised again after the
   * enrichment all the same).
   */
  async finish(outcome: {
    touched: { listenerId: string; range: TouchedRange | null }[];
    summarised?: string[];
    newArtists: number;
    runKey: string;
  }): Promise<IngestionFinish> {
    const { newArtists } = outcome;
    const artistEnrichment: IngestionFinish['artistEnrichment'] = { newArtists };
    if (newArtists > 0) {
      if (!this.registry.get(ENRICH_ARTISTS_JOB)) {
        artistEnrichment.skipped = `job kind ${ENRICH_ARTISTS_JOB} is not registered in this process`;
        this.logger.warn(
          `${newArtists} new artist(s) not queued for enrichment: ${artistEnrichment.skipped}`,
        );
      } else {
        const run = await this.jobs.enqueue(
          ENRICH_ARTISTS_JOB,
          { mode: 'INCREMENTAL' },
          { dedupeKey: `listening:enrich-artists:${outcome.runKey}` },
        );
        if (run) artistEnrichment.jobRunId = run.id;
        else artistEnrichment.skipped = 'already queued by an earlier attempt of this run';
      }
    }
    for (const { listenerId, range } of outcome.touched) await this.analytics.refresh(listenerId, range);
    const listenerIds = [
      ...new Set([...(outcome.summarised ?? []), ...outcome.touched.map((t) => t.listenerId)]),
    ];
    if (artistEnrichment.jobRunId && listenerIds.length > 0) {
      const follow = await this.jobs.enqueue(
        LISTENING_RESUMMARIZE_JOB,
        { listenerIds, afterJobRunId: artistEnrichment.jobRunId },
        { dedupeKey: `listening:resummarize:${outcome.runKey}`, startAfterSeconds: 5 },
      );
      artistEnrichment.resummarizeJobRunId = follow?.id;
    }
    return { artistEnrichment, summariesRefreshed: listenerIds.length };
  }
}
