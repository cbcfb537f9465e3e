import { createHash } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobContext, JobRegistry } from 'src/jobs';
import { CatalogService, LinkToApply } from './catalog.service';
import { AUTO_LINK_ACTOR, AUTO_LINK_JOB } from './catalog-jobs';
import { WorkEntity } from './entities/work.entity';
import { LinkConfidence, LinkMethod } from './link-types';
import { NewCandidate } from './links.repository';
import { WorkMatch, WorkMatcher } from './work-matcher.service';

export interface AutoLinkPayload {
  workIds?: string[];
  dryRun?: boolean;
}

/** Two auto-link requests are the same work when both are (or are not) dry runs over the same works. */
export function autoLinkKey(payload: AutoLinkPayload): string {
  const works = payload.workIds
    ? createHash('sha256')
        .update([...new Set(payload.workIds)].sort().join(','))
        .digest('hex')
        .slice(0, 16)
    : 'all';
  return `${payload.dryRun ? 'dry-run' : 'apply'}:${works}`;
}

export interface AutoLinkReport {
  dryRun: boolean;
  examined: number;
  linked: { HIGH: number; MEDIUM: number };
  byMethod: { ISRC: number; SEARCH: number };
  ambiguous: number;
  unmatched: number;
  /** Asked for by id but already linked: left as they are. */
  alreadyLinked: number;
  /** Linked by an operator while the auto-linker was matching them: left as the operator made them. */
  skipped: number;
  searches: number;
  /** In a dry run, what would have been linked (first 200). */
  proposed?: {
    workId: string;
    title: string;
    trackId: string;
    confidence: string;
    method: string;
    score: number;
  }[];
}

interface Checkpoint {
  afterId: string;
  report: AutoLinkReport;
}

// Works matched per transaction and checkpoint; in parallel inside a chunk (the Spotify module paces requests).
const CHUNK = 20;
const PROPOSALS_KEPT = 200;

/** `catalog.auto-link`: links unlinked works it is sure about, keeps candidates for the rest. Resumable by chunk. */
@Injectable()
export class AutoLinkJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly catalog: CatalogService,
    private readonly matcher: WorkMatcher,
  ) {}

  onModuleInit(): void {
    this.registry.register<AutoLinkPayload, AutoLinkReport, Checkpoint>({
      kind: AUTO_LINK_JOB,
      singleton: autoLinkKey,
      handle: (payload, ctx) => this.run(payload, ctx),
    });
  }

  async run(payload: AutoLinkPayload, ctx: JobContext<Checkpoint>): Promise<AutoLinkReport> {
    const dryRun = payload.dryRun ?? false;
    const report: AutoLinkReport = ctx.checkpoint?.report ?? {
      dryRun,
      examined: 0,
      linked: { HIGH: 0, MEDIUM: 0 },
      byMethod: { ISRC: 0, SEARCH: 0 },
      ambiguous: 0,
      unmatched: 0,
      alreadyLinked: 0,
      skipped: 0,
      searches: 0,
      ...(dryRun ? { proposed: [] } : {}),
    };
    if (!ctx.checkpoint && payload.workIds) {
      const linked = await this.catalog.linksByWorkIds(payload.workIds);
      report.alreadyLinked = linked.length;
    }
    let afterId = ctx.checkpoint?.afterId;
    const remaining = await this.catalog.countUnlinkedWorks(afterId, payload.workIds);
    const total = report.examined + remaining;
    for (;;) {
      // In a dry run nothing gets linked, so paging by id (not by "still unlinked") is what moves on.
      const works = await this.catalog.unlinkedWorks(CHUNK, afterId, payload.workIds);
      if (works.length === 0) break;
      const matches = await Promise.all(works.map((w) => this.matcher.match(w)));
      await this.apply(works, matches, report, dryRun);
      afterId = works[works.length - 1].id;
      await ctx.saveCheckpoint({ afterId, report });
      await ctx.progress(report.examined, total);
    }
    return report;
  }

  private async apply(works: WorkEntity[], matches: WorkMatch[], report: AutoLinkReport, dryRun: boolean) {
    const links: LinkToApply[] = [];
    const candidates: NewCandidate[] = [];
    const reviewed: { workId: string; outcome: 'AMBIGUOUS' | 'NO_MATCH' }[] = [];
    works.forEach((work, i) => {
      const { result, searches, tracks } = matches[i];
      report.examined++;
      report.searches += searches;
      if (result.outcome === 'LINKED') {
        const method = result.method === 'ISRC' ? LinkMethod.ISRC : LinkMethod.SEARCH;
        const confidence = result.confidence === 'HIGH' ? LinkConfidence.HIGH : LinkConfidence.MEDIUM;
        links.push({
          workId: work.id,
          track: tracks.get(result.chosen.trackId)!,
          confidence,
          method,
          score: result.chosen.score,
        });
        if (report.proposed && report.proposed.length < PROPOSALS_KEPT) {
          report.proposed.push({
            workId: work.id,
            title: work.title,
            trackId: result.chosen.trackId,
            confidence,
            method,
            score: result.chosen.score,
          });
        }
        return;
      }
      reviewed.push({ workId: work.id, outcome: result.outcome });
      result.candidates.forEach((c, rank) =>
        candidates.push({
          workId: work.id,
          spotifyTrackId: c.trackId,
          name: c.name,
          artists: [...c.artists],
          durationMs: c.durationMs ?? null,
          isrc: c.isrc ?? null,
          albumName: c.albumName ?? null,
          score: c.score,
          evidence: { ...c.evidence },
          outcome: result.outcome,
          rank,
        }),
      );
    });
    const written = dryRun
      ? undefined
      : await this.catalog.applyAutoLinks(
          links,
          reviewed.map((r) => r.workId),
          candidates,
          AUTO_LINK_ACTOR,
        );
    // Counted by what was written: a work an operator linked meanwhile is skipped, whatever its match said.
    for (const link of links) {
      if (written && !written.linked.has(link.workId)) {
        report.skipped++;
        continue;
      }
      report.linked[link.confidence === LinkConfidence.HIGH ? 'HIGH' : 'MEDIUM']++;
      report.byMethod[link.method === LinkMethod.ISRC ? 'ISRC' : 'SEARCH']++;
    }
    for (const { workId, outcome } of reviewed) {
      if (written && !written.reviewed.has(workId)) report.skipped++;
      else if (outcome === 'AMBIGUOUS') report.ambiguous++;
      else report.unmatched++;
    }
  }
}
