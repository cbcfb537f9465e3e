import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { JobContext, JobRegistry, JobRescheduleError, JobScheduler } from 'src/jobs';
import {
  SpotifyInvalidGrantError,
  SpotifyPlayHistory,
  SpotifyService,
  SpotifyUserTokenRejectedError,
} from 'src/spotify';
import { ListenerEntity } from './entities/listener.entity';
import { PlaySource } from './history-record';
import { ListenerTokenVault } from './listener-token.vault';
import { ListenersRepository } from './listeners.repository';
import { LISTENING_POLL_JOB, LISTENING_POLL_SCHEDULE } from './listening-jobs';
import { addTally, emptyTally, IngestTally, PlayIngestion } from './play-ingestion.service';
import { NewPlay } from './plays.repository';
import { ResolveSession, TrackResolver } from './track-resolver.service';

export interface PollPayload {
  /** Default: every connected listener. */
  listenerIds?: string[];
  /** Refresh the summaries even without new plays (the listener's time zone changed). */
  refreshSummaries?: boolean;
}

export interface ListenerPollReport {
  listenerId: string;
  outcome: 'POLLED' | 'NEEDS_REAUTH' | 'FAILED';
  fetched: number;
  inserted: number;
  duplicates: number;
  error?: string;
}

export interface PollReport {
  listeners: ListenerPollReport[];
  totals: IngestTally & { fetched: number };
  newArtists: number;
  artistEnrichment: { jobRunId?: string; resummarizeJobRunId?: string; skipped?: string };
  /** Listeners whose summaries were rebuilt. */
  summariesRefreshed: number;
}

/** The stored token does not open: sealed under another ENCRYPTION_KEY, or altered. */
class UnreadableTokenError extends Error {
  constructor() {
    super('the stored refresh token cannot be decrypted (was ENCRYPTION_KEY changed?): connect again');
  }
}

/** Spotify keeps the last 50 plays; a page is at most 50, so a few pages always reach the newest. */
const PAGE_LIMIT = 50;
const MAX_PAGES = 10;

/**
 * `listening.poll`: for each connected listener, a fresh access token (an `invalid_grant` marks the listener
 * NEEDS_REAUTH and it is not polled again), then recently played after the stored cursor, stored once per play.
 * One listener's failure is reported and does not stop the others; a long rate limit reschedules the whole run
 * (plays are unique, so polling a listener twice adds nothing).
 */
@Injectable()
export class PollJob implements OnModuleInit {
  private readonly logger = new Logger(PollJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly scheduler: JobScheduler,
    private readonly listeners: ListenersRepository,
    private readonly vault: ListenerTokenVault,
    private readonly spotify: SpotifyService,
    private readonly resolver: TrackResolver,
    private readonly ingestion: PlayIngestion,
  ) {}

  onModuleInit(): void {
    this.registry.register<PollPayload, PollReport, unknown>({
      kind: LISTENING_POLL_JOB,
      retryLimit: 2,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
    const cron = this.config.listening.pollCron;
    if (cron) {
      this.scheduler.upsert({
        name: LISTENING_POLL_SCHEDULE,
        cron,
        timeZone: this.config.tzAnalytics,
        kind: LISTENING_POLL_JOB,
      });
    }
  }

  async run(payload: PollPayload, ctx: JobContext): Promise<PollReport> {
    const listeners = await this.listeners.pollable(payload.listenerIds);
    const session = this.resolver.session();
    const report: PollReport = {
      listeners: [],
      totals: { ...emptyTally(), fetched: 0 },
      newArtists: 0,
      artistEnrichment: {},
      summariesRefreshed: 0,
    };
    // Each listener's summaries are rebuilt as it is polled, before its cursor moves: a run that stops later (a long
    // rate limit reschedules it, a crash retries it) cannot leave stored plays out of the summaries.
    const summarised: string[] = [];
    for (const listener of listeners) {
      const result = await this.pollOne(listener, session, payload.refreshSummaries === true);
      report.listeners.push(result.report);
      report.totals.fetched += result.report.fetched;
      addTally(report.totals, result.tally);
      if (result.summarised) summarised.push(listener.id);
      await ctx.progress(report.listeners.length, listeners.length);
    }
    const finish = await this.ingestion.finish({
      touched: [],
      summarised,
      newArtists: session.newArtistSpotifyIds.size,
      runKey: ctx.jobRunId,
    });
    report.newArtists = finish.artistEnrichment.newArtists;
    const { newArtists: _newArtists, ...enrichment } = finish.artistEnrichment;
    report.artistEnrichment = enrichment;
    report.summariesRefreshed = finish.summariesRefreshed;
    return report;
  }

  /**
   * Polls one listener: plays stored, then the summaries of their days rebuilt (all of them with `refreshAll`: a new
   * time zone moves every play to other local days, and that holds even when Spotify fails), then the cursor moved.
   */
  private async pollOne(
    listener: ListenerEntity,
    session: ResolveSession,
    refreshAll: boolean,
  ): Promise<{ report: ListenerPollReport; tally: IngestTally; summarised: boolean }> {
    const report: ListenerPollReport = {
      listenerId: listener.id,
      outcome: 'POLLED',
      fetched: 0,
      inserted: 0,
      duplicates: 0,
    };
    const tally = emptyTally();
    try {
      const items = await this.fetchRecent(listener);
      report.fetched = items.length;
      const playable = items.filter((i) => typeof i.track.id === 'string' && !i.track.is_local);
      const trackIds = await session.fromSpotifyTracks(playable.map((i) => i.track));
      const plays: NewPlay[] = playable.flatMap((i) => {
        const trackId = trackIds.get(i.track.id);
        return trackId
          ? [
              {
                playedAt: new Date(i.played_at),
                trackId,
                msPlayed: i.track.duration_ms,
                source: PlaySource.RECENTLY_PLAYED,
                skipped: null,
                reasonEnd: null,
              },
            ]
          : [];
      });
      const stored = await this.ingestion.ingestPlays(listener.id, plays);
      addTally(tally, stored.tally);
      report.inserted = tally.inserted;
      report.duplicates = tally.duplicates;
      // Summaries before the cursor: plays stored by a run that dies here are fetched again by the next poll (the
      // cursor did not move), and their range, duplicates included, is summarised then.
      const summarised = refreshAll || stored.range !== null;
      if (summarised) await this.ingestion.refreshSummaries(listener.id, refreshAll ? null : stored.range);
      const newest = plays.reduce((max, p) => Math.max(max, p.playedAt.getTime()), 0);
      await this.listeners.recordPoll(listener.id, { cursorMs: newest || undefined, error: null });
      return { report, tally, summarised };
    } catch (error) {
      if (refreshAll) await this.ingestion.refreshSummaries(listener.id, null);
      if (error instanceof JobRescheduleError) throw error;
      if (error instanceof SpotifyInvalidGrantError || error instanceof UnreadableTokenError) {
        const reason =
          error instanceof UnreadableTokenError
            ? error.message
            : `Spotify refused the refresh token (${error.description ?? 'invalid_grant'}): connect again`;
        await this.listeners.markNeedsReauth(listener.id, reason);
        this.logger.warn(`listener ${listener.id} needs to connect again: ${reason}`);
        return {
          report: { ...report, outcome: 'NEEDS_REAUTH', error: reason },
          tally,
          summarised: refreshAll,
        };
      }
      const message = error instanceof Error ? error.message : String(error);
      await this.listeners.recordPoll(listener.id, { error: message });
      this.logger.error(`polling listener ${listener.id} failed: ${message}`);
      return { report: { ...report, outcome: 'FAILED', error: message }, tally, summarised: refreshAll };
    }
  }

  /** Every play after the cursor (the newest 50 on the first poll), oldest page first. */
  private async fetchRecent(listener: ListenerEntity): Promise<SpotifyPlayHistory[]> {
    let accessToken = await this.accessToken(listener);
    const items: SpotifyPlayHistory[] = [];
    let after = listener.pollCursorMs !== null ? Number(listener.pollCursorMs) : undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let answer;
      try {
        answer = await this.spotify.recentlyPlayed(accessToken, { limit: PAGE_LIMIT, after });
      } catch (error) {
        if (!(error instanceof SpotifyUserTokenRejectedError)) throw error;
        accessToken = await this.accessToken(listener); // expired in flight: once more with a new one
        answer = await this.spotify.recentlyPlayed(accessToken, { limit: PAGE_LIMIT, after });
      }
      items.push(...answer.items);
      // Without a cursor Spotify answers the newest plays and pages backwards: that first page is all there is.
      if (after === undefined || !answer.next || !answer.cursors || answer.items.length === 0) break;
      const next = Number(answer.cursors.after);
      if (!Number.isFinite(next) || next <= after) break;
      after = next;
    }
    return items;
  }

  private async accessToken(listener: ListenerEntity): Promise<string> {
    let refreshToken: string;
    try {
      refreshToken = this.vault.open(listener.id, listener.refreshTokenSealed!);
    } catch {
      throw new UnreadableTokenError();
    }
    const tokens = await this.spotify.refreshUserToken(refreshToken);
    // Spotify may rotate the refresh token: keep the new one (sealed), or the old one stops working.
    if (tokens.refreshToken && tokens.refreshToken !== refreshToken) {
      listener.refreshTokenSealed = this.vault.seal(listener.id, tokens.refreshToken);
      await this.listeners.storeRefreshToken(listener.id, listener.refreshTokenSealed);
    }
    return tokens.accessToken;
  }
}
