import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { RequestLoaders } from 'src/common/loaders';
import { KeysetCursor } from 'src/common/pagination';
import { MusicService } from 'src/music';
import { SpotifyService, SpotifyTrack, toRequestError } from 'src/spotify';
import { WorkLinkEntity } from './entities/work-link.entity';
import { WorkEntity } from './entities/work.entity';
import { LinkConfidence, LinkMethod } from './link-types';
import { LinksRepository, NewCandidate, SetLinksMode } from './links.repository';
import { parseSpotifyTrackReference } from './spotify-track-reference';
import { RawWork, validateWork, ValidWork } from './work-input';
import { WorkFilterValues, WorksRepository } from './works.repository';

export const MAX_WORKS_PER_CALL = 1000;

export interface Coverage {
  totalWorks: number;
  linkedWorks: number;
  coveragePercent: number;
}

/** Spotify track → what the music module stores about it. */
export const toTrackInput = (t: SpotifyTrack) => ({
  spotifyId: t.id,
  name: t.name,
  isrc: t.external_ids?.isrc,
  durationMs: t.duration_ms,
  albumName: t.album?.name,
  artists: t.artists.map((a) => ({ spotifyId: a.id, name: a.name })),
});

/** A link to store, with the Spotify track it points to. */
export interface LinkToApply {
  workId: string;
  track: SpotifyTrack;
  confidence: LinkConfidence;
  method: LinkMethod;
  score: number | null;
}

/** The public face of the catalog: works, their Spotify links, coverage. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly works: WorksRepository,
    private readonly links: LinksRepository,
    private readonly music: MusicService,
    private readonly spotify: SpotifyService,
  ) {}

  /** Validates every work first; any problem rejects the whole call, naming the item and the field. */
  async createWorks(input: RawWork[]): Promise<WorkEntity[]> {
    if (input.length > MAX_WORKS_PER_CALL) {
      throw new BadUserInputError(
        'input',
        `at most ${MAX_WORKS_PER_CALL} works per call (got ${input.length})`,
      );
    }
    const valid: ValidWork[] = [];
    input.forEach((raw, index) => {
      const result = validateWork(raw);
      if ('problems' in result) {
        const [first] = result.problems;
        throw new BadUserInputError(`input[${index}].${first.field}`, first.reason);
      }
      valid.push(result.work);
    });
    return this.upsertWorks(valid);
  }

  /** Upserts validated works in one transaction; returns them in input order. */
  async upsertWorks(works: ValidWork[]): Promise<WorkEntity[]> {
    const ids = await this.links.transaction((manager) => this.works.upsert(works, manager));
    const byId = new Map((await this.works.byIds(ids)).map((w) => [w.id, w]));
    return ids.map((id) => byId.get(id)!);
  }

  /** A whole file's works in one transaction (all or nothing), in chunks under the parameter limit. */
  async importWorks(works: ValidWork[]): Promise<number> {
    await this.links.transaction(async (manager) => {
      for (let i = 0; i < works.length; i += MAX_WORKS_PER_CALL) {
        await this.works.upsert(works.slice(i, i + MAX_WORKS_PER_CALL), manager);
      }
    });
    return works.length;
  }

  async getWork(id: string): Promise<WorkEntity> {
    const [work] = await this.works.byIds([id]);
    if (!work) throw new NotFoundError('Work', id);
    return work;
  }

  worksByIds(ids: readonly string[]): Promise<WorkEntity[]> {
    return this.works.byIds(ids);
  }

  listWorks(filter: WorkFilterValues, limit: number, after?: KeysetCursor) {
    return this.works.list(filter, limit, after);
  }

  /** One page of `listWorks` without its count. */
  pageWorks(filter: WorkFilterValues, limit: number, after?: KeysetCursor) {
    return this.works.page(filter, limit, after);
  }

  countWorks(filter: WorkFilterValues): Promise<number> {
    return this.works.count(filter);
  }

  unlinkedWorks(limit: number, afterId?: string, onlyIds?: readonly string[]) {
    return this.works.unlinked(limit, afterId, onlyIds);
  }

  countUnlinkedWorks(afterId?: string, onlyIds?: readonly string[]): Promise<number> {
    return this.works.countUnlinked(afterId, onlyIds);
  }

  linksByWorkIds(workIds: readonly string[]): Promise<WorkLinkEntity[]> {
    return this.links.byWorkIds(workIds);
  }

  /**
   * Links a work to a Spotify track given as an id, URI or URL, after checking the track exists on Spotify;
   * nothing is written when it does not. Linking the track the work already has re-makes the link as MANUAL/HIGH
   * (an operator confirming an auto link). `loaders`: the GraphQL request's, so Spotify is asked the way a request
   * asks (a long rate limit is UPSTREAM_UNAVAILABLE, not a job reschedule).
   */
  async linkWork(
    workId: string,
    reference: string,
    actor: string,
    loaders: RequestLoaders,
  ): Promise<WorkEntity> {
    const trackId = parseSpotifyTrackReference(reference);
    if (!trackId) {
      throw new BadUserInputError(
        'spotifyTrack',
        'is not a Spotify track id, spotify:track: URI or open.spotify.com URL',
      );
    }
    const work = await this.getWork(workId);
    const track = await this.lookUpTrack(trackId, loaders);
    if (!track) throw new BadUserInputError('spotifyTrack', `track not found: ${trackId}`);
    await this.applyLinks([this.manualLink(work.id, track)], actor, 'replace');
    return work;
  }

  /**
   * Stores the tracks and the links in one go (manual links and accepted candidates: `replace`; the auto-linker:
   * `ifUnlinked`). Returns the ids of the works whose link was written.
   */
  async applyLinks(links: LinkToApply[], actor: string, mode: SetLinksMode): Promise<Set<string>> {
    if (links.length === 0) return new Set();
    const trackIds = await this.music.upsertSpotifyTracks(links.map((l) => toTrackInput(l.track)));
    return this.links.transaction((manager) =>
      this.links.setLinks(manager, this.toNewLinks(links, trackIds), actor, mode),
    );
  }

  /**
   * The auto-linker's writes for one chunk, in one transaction: links for works that are still unlinked, and review
   * candidates for works that are still unlinked. A work an operator linked while it was being matched is left as
   * the operator made it. Returns the works actually linked and those whose candidates were stored.
   */
  async applyAutoLinks(
    links: LinkToApply[],
    reviewedWorkIds: string[],
    candidates: NewCandidate[],
    actor: string,
  ): Promise<{ linked: Set<string>; reviewed: Set<string> }> {
    const trackIds =
      links.length > 0
        ? await this.music.upsertSpotifyTracks(links.map((l) => toTrackInput(l.track)))
        : new Map<string, string>();
    return this.links.transaction((manager) =>
      this.links.setAutoLinks(manager, this.toNewLinks(links, trackIds), reviewedWorkIds, candidates, actor),
    );
  }

  private toNewLinks(links: LinkToApply[], trackIds: Map<string, string>) {
    return links.map((l) => ({
      workId: l.workId,
      trackId: trackIds.get(l.track.id)!,
      spotifyTrackId: l.track.id,
      confidence: l.confidence,
      method: l.method,
      score: l.score,
      albumName: l.track.album?.name ?? null,
      trackName: l.track.name,
      artistNames: l.track.artists.map((a) => a.name),
    }));
  }

  /** An operator's link: MANUAL, HIGH, and no score (the contract: score is null for MANUAL links). */
  private manualLink(workId: string, track: SpotifyTrack): LinkToApply {
    return { workId, track, confidence: LinkConfidence.HIGH, method: LinkMethod.MANUAL, score: null };
  }

  private async lookUpTrack(trackId: string, loaders: RequestLoaders): Promise<SpotifyTrack | null> {
    try {
      return await this.spotify.forRequest(loaders).track(trackId);
    } catch (error) {
      // the request loaders already turn a long rate limit into an outage; this keeps it so for any other path
      throw toRequestError(error);
    }
  }

  async unlinkWork(workId: string, actor: string): Promise<WorkEntity> {
    const work = await this.getWork(workId);
    await this.links.transaction((manager) => this.links.removeLink(manager, workId, actor));
    return work;
  }

  /** Links a work to one of the candidates the auto-linker kept for review (a manual link: no score). */
  async acceptLinkCandidate(
    workId: string,
    trackId: string,
    actor: string,
    loaders: RequestLoaders,
  ): Promise<WorkEntity> {
    const work = await this.getWork(workId);
    const candidate = (await this.links.candidatesByWorkIds([workId])).find(
      (c) => c.spotifyTrackId === trackId,
    );
    if (!candidate) throw new BadUserInputError('trackId', `is not a link candidate of work ${workId}`);
    const track = await this.lookUpTrack(trackId, loaders);
    if (!track) throw new BadUserInputError('trackId', `track not found: ${trackId}`);
    await this.applyLinks([this.manualLink(workId, track)], actor, 'replace');
    return work;
  }

  historyByWorkIds(workIds: readonly string[]) {
    return this.links.historyByWorkIds(workIds);
  }

  candidatesByWorkIds(workIds: readonly string[]) {
    return this.links.candidatesByWorkIds(workIds);
  }

  async coverage(): Promise<Coverage> {
    const { total, linked } = await this.works.counts();
    const coveragePercent = total === 0 ? 0 : Math.round((linked / total) * 1000) / 10;
    return { totalWorks: total, linkedWorks: linked, coveragePercent };
  }
}
