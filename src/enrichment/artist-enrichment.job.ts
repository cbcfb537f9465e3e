import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from 'src/config';
import { JobContext, JobRegistry } from 'src/jobs';
import { ArtistAttributes, GenreSource, MusicService } from 'src/music';
import { SpotifyArtist, SpotifyService } from 'src/spotify';
import { ARTIST_GENRE_FALLBACK, ArtistGenreFallback } from './artist-genre-fallback';
import {
  ArtistEnrichmentLine,
  ArtistEnrichmentWriter,
  artistEnrichmentFileName,
} from './artist-enrichment-file';
import { checkArtistApplyCounts, checkFetchCounts } from './enrichment-counts';
import { ENRICH_ARTISTS_JOB, EnrichmentMode } from './enrichment-jobs';
import { inferGenres } from './genre-inference';

export interface EnrichArtistsPayload {
  mode: EnrichmentMode;
  dryRun?: boolean;
  /** Artists per page (fetch, JSONL lines, apply transaction, checkpoint); tests make it small. */
  pageSize?: number;
}

export interface EnrichArtistsReport {
  mode: EnrichmentMode;
  dryRun: boolean;
  file: string;
  requested: number;
  fetched: number;
  unknownIds: number;
  unavailableFields: { popularity: number; followers: number; genres: number };
  genres: { SPOTIFY: number; SOUNDCHARTS: number; INFERRED: number };
  updated?: number;
  unchanged?: number;
  missing?: number;
}

interface Checkpoint {
  afterId: string | null;
  report: EnrichArtistsReport;
  /** The JSONL file's size after the last checkpointed page: a resumed run truncates it there. */
  bytes?: number;
  /** When the run started (database clock): the artists it has already checked are still its to page through. */
  since?: string;
}

const PAGE = 200;

/** Where a resumed run's file continues: its checkpointed size (a checkpoint from before sizes were kept: the end). */
function resumeAt(file: string, checkpoint: Checkpoint): number | undefined {
  if (checkpoint.bytes !== undefined) return checkpoint.bytes;
  return fs.existsSync(file) ? fs.statSync(file).size : undefined;
}

/**
 * `spotify.enrich-artists`: genres, popularity, followers, images and URL through the batching loaders, one JSONL
 * line per artist, applied a page at a time (a transaction each; checkpointed). Genres: Spotify's when present,
 * otherwise Soundcharts', otherwise inferred from the name and reach, never replacing a real genre.
 */
@Injectable()
export class ArtistEnrichmentJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly music: MusicService,
    private readonly spotify: SpotifyService,
    @Optional() @Inject(ARTIST_GENRE_FALLBACK) private readonly fallback?: ArtistGenreFallback,
  ) {}

  onModuleInit(): void {
    this.registry.register<EnrichArtistsPayload, EnrichArtistsReport, Checkpoint>({
      kind: ENRICH_ARTISTS_JOB,
      singleton: (payload) => `${payload.mode}:${payload.dryRun ? 'dry-run' : 'apply'}`,
      expireInSeconds: 6 * 3600,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
  }

  async run(payload: EnrichArtistsPayload, ctx: JobContext<Checkpoint>): Promise<EnrichArtistsReport> {
    const dryRun = payload.dryRun ?? false;
    const stale = this.config.enrichStaleDays;
    const pageSize = payload.pageSize ?? PAGE;
    const resumed = ctx.checkpoint;
    const report: EnrichArtistsReport = resumed?.report ?? {
      mode: payload.mode,
      dryRun,
      file: path.join(this.config.exportsDir, artistEnrichmentFileName(new Date())),
      requested: 0,
      fetched: 0,
      unknownIds: 0,
      unavailableFields: { popularity: 0, followers: 0, genres: 0 },
      genres: { SPOTIFY: 0, SOUNDCHARTS: 0, INFERRED: 0 },
      ...(dryRun ? {} : { updated: 0, unchanged: 0, missing: 0 }),
    };
    // Applied pages mark their artists checked, so they leave the selection: a resumed run (whose last page may
    // have been applied before its checkpoint was saved) also takes those checked since the run started.
    const since = resumed?.since ?? (await this.music.databaseNow());
    let afterId = resumed?.afterId ?? null;
    const total = report.requested + (await this.music.countArtistsToEnrich(payload.mode, stale));
    const writer = ArtistEnrichmentWriter.open(
      report.file,
      resumed ? resumeAt(report.file, resumed) : undefined,
    );
    try {
      for (;;) {
        const page = await this.music.artistsToEnrich(payload.mode, stale, afterId, pageSize, since);
        if (page.length === 0) break;
        // A loader (and its cache) per page: the run streams, it must not hold every artist it fetched.
        const found = await this.spotify.forJob().artists(page.map((a) => a.spotifyId));
        const fallbackGenres = await this.fallbackGenres(
          page.filter((_, i) => !found[i]?.genres?.length).map((a) => a.id),
        );
        const lines: ArtistEnrichmentLine[] = [];
        const rows: ArtistAttributes[] = [];
        const unknownIds: string[] = [];
        const now = new Date().toISOString();
        page.forEach((artist, i) => {
          report.requested++;
          const spotify = found[i];
          if (!spotify) {
            report.unknownIds++;
            unknownIds.push(artist.id);
            return;
          }
          report.fetched++;
          const { genres, source } = this.resolveGenres(artist.id, spotify, fallbackGenres);
          report.genres[source]++;
          if (spotify.popularity === undefined) report.unavailableFields.popularity++;
          if (spotify.followers === undefined) report.unavailableFields.followers++;
          if (spotify.genres === undefined) report.unavailableFields.genres++;
          const images = (spotify.images ?? []).map((im) => ({
            url: im.url,
            width: im.width ?? null,
            height: im.height ?? null,
          }));
          lines.push({
            artistId: spotify.id,
            artistName: spotify.name,
            genres,
            popularity: spotify.popularity ?? null,
            followerCount: spotify.followers?.total ?? null,
            images,
            externalUrls: { spotify: spotify.external_urls?.spotify },
            enrichedAt: now,
            genreSource: source,
          });
          rows.push({
            artistId: artist.id,
            genres,
            genreSource: source,
            popularity: spotify.popularity ?? null,
            followers: spotify.followers?.total ?? null,
            images,
            externalUrl: spotify.external_urls?.spotify ?? null,
          });
        });
        const bytes = await writer.write(lines);
        if (!dryRun) {
          // Checked before the page commits: a page whose counts do not add up is rolled back, and the run fails
          // with the earlier pages applied and checkpointed.
          const counts = await this.music.applyArtistAttributes(rows, unknownIds, (page) =>
            checkArtistApplyCounts({
              ...report,
              updated: report.updated! + page.updated,
              unchanged: report.unchanged! + page.unchanged,
              missing: report.missing! + page.missing,
            }),
          );
          report.updated! += counts.updated;
          report.unchanged! += counts.unchanged;
          report.missing! += counts.missing;
        }
        afterId = page[page.length - 1].id;
        await ctx.saveCheckpoint({ afterId, report, bytes, since });
        await ctx.progress(report.requested, Math.max(total, report.requested));
      }
    } finally {
      await writer.close();
    }
    checkFetchCounts(report);
    if (!dryRun) checkArtistApplyCounts(report);
    return report;
  }

  private async fallbackGenres(artistIds: string[]): Promise<Map<string, string[]>> {
    if (!this.fallback || artistIds.length === 0) return new Map();
    return this.fallback.artistGenres(artistIds);
  }

  private resolveGenres(
    artistId: string,
    spotify: SpotifyArtist,
    fallback: Map<string, string[]>,
  ): { genres: string[]; source: GenreSource } {
    if (spotify.genres?.length) return { genres: spotify.genres, source: 'SPOTIFY' };
    const soundcharts = fallback.get(artistId);
    if (soundcharts?.length) return { genres: soundcharts, source: 'SOUNDCHARTS' };
    const genres = inferGenres({
      name: spotify.name,
      popularity: spotify.popularity ?? null,
      followers: spotify.followers?.total ?? null,
    });
    return { genres, source: 'INFERRED' };
  }
}
