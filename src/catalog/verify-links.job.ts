import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobContext, JobRegistry } from 'src/jobs';
import { SpotifyService } from 'src/spotify';
import { CatalogService } from './catalog.service';
import { VERIFY_LINKS_JOB } from './catalog-jobs';
import { LinkVerification } from './link-types';
import { LinksRepository } from './links.repository';
import { normalizeArtist, normalizeTitle } from './matching';

interface Finding {
  workId: string;
  title: string;
  trackId: string;
  note?: string;
}

export interface VerifyReport {
  checked: number;
  ok: number;
  vanished: Finding[];
  mismatched: Finding[];
}

interface Checkpoint {
  afterWorkId: string;
  report: VerifyReport;
}

// One multi-get's worth of links per step (the loaders split and merge as the app's capabilities allow).
const BATCH = 50;

/**
 * `catalog.verify-links`: re-fetches every linked track, marks each link verified, and reports tracks that
 * vanished from Spotify or whose name or artists changed since they were linked. Links are never removed here.
 */
@Injectable()
export class VerifyLinksJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly catalog: CatalogService,
    private readonly links: LinksRepository,
    private readonly spotify: SpotifyService,
  ) {}

  onModuleInit(): void {
    this.registry.register<Record<string, never>, VerifyReport, Checkpoint>({
      kind: VERIFY_LINKS_JOB,
      handle: (_payload, ctx) => this.run(ctx),
    });
  }

  async run(ctx: JobContext<Checkpoint>): Promise<VerifyReport> {
    const report: VerifyReport = ctx.checkpoint?.report ?? {
      checked: 0,
      ok: 0,
      vanished: [],
      mismatched: [],
    };
    let afterWorkId = ctx.checkpoint?.afterWorkId;
    const { linkedWorks: linked } = await this.catalog.coverage();
    const lookups = this.spotify.forJob();
    for (;;) {
      const page = await this.links.page(BATCH, afterWorkId);
      if (page.length === 0) break;
      const [fetched, works] = await Promise.all([
        lookups.tracks(page.map((l) => l.spotifyTrackId)),
        this.catalog.worksByIds(page.map((l) => l.workId)),
      ]);
      const titles = new Map(works.map((w) => [w.id, w.title]));
      const verdicts = page.map((link, i) => {
        const finding: Finding = {
          workId: link.workId,
          title: titles.get(link.workId) ?? '',
          trackId: link.spotifyTrackId,
        };
        const now = fetched[i];
        if (!now) {
          report.vanished.push(finding);
          return {
            workId: link.workId,
            verification: LinkVerification.VANISHED,
            note: 'Spotify no longer has this track',
          };
        }
        // Compared with what the link was made against, not with the track row, which other modules keep up to
        // date with Spotify (a rename they stored first would otherwise never be reported).
        const wasName = link.linkedTrackName;
        const wasArtists = link.linkedArtistNames ?? [];
        const nowArtists = now.artists.map((a) => a.name);
        const sameName = wasName === null || normalizeTitle(wasName) === normalizeTitle(now.name);
        const sameArtists =
          wasArtists.length === 0 ||
          wasArtists.map(normalizeArtist).sort().join('|') ===
            nowArtists.map(normalizeArtist).sort().join('|');
        if (sameName && sameArtists) {
          report.ok++;
          return { workId: link.workId, verification: LinkVerification.OK, note: null };
        }
        const note = `was "${wasName ?? '?'}" by ${wasArtists.join(', ')}; now "${now.name}" by ${nowArtists.join(', ')}`;
        report.mismatched.push({ ...finding, note });
        return { workId: link.workId, verification: LinkVerification.MISMATCH, note };
      });
      await this.links.setVerification(verdicts);
      report.checked += page.length;
      afterWorkId = page[page.length - 1].workId;
      await ctx.saveCheckpoint({ afterWorkId, report });
      await ctx.progress(report.checked, Math.max(linked, report.checked));
    }
    return report;
  }
}
