import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkLinkCandidateEntity } from './entities/work-link-candidate.entity';
import { WorkLinkEventEntity } from './entities/work-link-event.entity';
import { WorkLinkEntity } from './entities/work-link.entity';
import { LinkConfidence, LinkEventAction, LinkMethod, LinkVerification } from './link-types';

export interface NewLink {
  workId: string;
  trackId: string;
  spotifyTrackId: string;
  confidence: LinkConfidence;
  method: LinkMethod;
  score: number | null;
  albumName: string | null;
  /** The track's name and credited artists as Spotify gave them now: what the link is made against. */
  trackName: string;
  artistNames: string[];
}

/**
 * `replace` (an operator): the work's current link is replaced, or re-made when it is the same track.
 * `ifUnlinked` (the auto-linker): only a work that has no link gets one; a link made meanwhile stays.
 */
export type SetLinksMode = 'replace' | 'ifUnlinked';

export type NewCandidate = Omit<WorkLinkCandidateEntity, 'createdAt' | 'work'>;

const LINK_COLUMNS = `work_id AS "workId", track_id AS "trackId", spotify_track_id AS "spotifyTrackId", confidence,
  method, score, album_name AS "albumName", linked_track_name AS "linkedTrackName",
  linked_artist_names AS "linkedArtistNames", linked_at AS "linkedAt", verified_at AS "verifiedAt", verification,
  verification_note AS "verificationNote"`;

/** All SQL on work links, their history and the auto-linker's candidates. */
@Injectable()
export class LinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  byWorkIds(workIds: readonly string[]): Promise<WorkLinkEntity[]> {
    return this.dataSource.query(`SELECT ${LINK_COLUMNS} FROM work_link WHERE work_id = ANY($1::uuid[])`, [
      workIds,
    ]);
  }

  /** Linked works in work-id order, for verification in batches. */
  page(limit: number, afterWorkId?: string): Promise<WorkLinkEntity[]> {
    return this.dataSource.query(
      `SELECT ${LINK_COLUMNS} FROM work_link WHERE ($2::uuid IS NULL OR work_id > $2) ORDER BY work_id LIMIT $1`,
      [limit, afterWorkId ?? null],
    );
  }

  /**
   * Sets the links of these works (see `SetLinksMode`), records each change in the history, and drops the review
   * candidates of the works it linked. Re-linking the track a work already has re-makes the link (method,
   * confidence, score, album and names as given, verification cleared); it is recorded in the history when the
   * method, confidence or score changed (an operator confirming an auto link), not when nothing did. Returns the
   * ids of the works whose link was written.
   */
  async setLinks(
    manager: EntityManager,
    links: NewLink[],
    actor: string,
    mode: SetLinksMode,
  ): Promise<Set<string>> {
    await this.lockWorks(
      manager,
      links.map((l) => l.workId),
    );
    return this.writeLinks(manager, links, actor, mode);
  }

  /**
   * The auto-linker's writes for one chunk: links (`ifUnlinked`) and the review candidates of `reviewedWorkIds`
   * (see `replaceCandidates`), every work of both locked at once. Returns the works linked and those whose
   * candidates were stored.
   */
  async setAutoLinks(
    manager: EntityManager,
    links: NewLink[],
    reviewedWorkIds: string[],
    candidates: NewCandidate[],
    actor: string,
  ): Promise<{ linked: Set<string>; reviewed: Set<string> }> {
    await this.lockWorks(manager, [...links.map((l) => l.workId), ...reviewedWorkIds]);
    const linked = await this.writeLinks(manager, links, actor, 'ifUnlinked');
    const reviewed = await this.replaceCandidates(manager, reviewedWorkIds, candidates);
    return { linked, reviewed };
  }

  /**
   * Holds these works until the transaction ends, so an operator's link and the auto-linker's writes for the same
   * work happen one after the other (each sees what the other wrote). Taken once per transaction, for all its works,
   * in id order: no deadlock.
   */
  private async lockWorks(manager: EntityManager, workIds: readonly string[]): Promise<void> {
    if (workIds.length === 0) return;
    await manager.query(`SELECT id FROM work WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [
      workIds,
    ]);
  }

  /** `setLinks` once the works are locked. */
  private async writeLinks(
    manager: EntityManager,
    links: NewLink[],
    actor: string,
    mode: SetLinksMode,
  ): Promise<Set<string>> {
    if (links.length === 0) return new Set();
    const onConflict =
      mode === 'ifUnlinked'
        ? 'DO NOTHING'
        : `DO UPDATE SET track_id = EXCLUDED.track_id,
           spotify_track_id = EXCLUDED.spotify_track_id, confidence = EXCLUDED.confidence, method = EXCLUDED.method,
           score = EXCLUDED.score, album_name = EXCLUDED.album_name, linked_track_name = EXCLUDED.linked_track_name,
           linked_artist_names = EXCLUDED.linked_artist_names, linked_at = now(),
           verified_at = NULL, verification = NULL, verification_note = NULL`;
    // `previous` reads the links as they were before this statement (one snapshot for the whole WITH).
    const written = await manager.query<
      {
        work_id: string;
        previous: string | null;
        previous_confidence: string | null;
        previous_method: string | null;
        previous_score: number | null;
      }[]
    >(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[],
           $8::text[], $9::jsonb[])
           AS u(work_id, track_id, spotify_track_id, confidence, method, score, album_name, track_name, artist_names)
       ), previous AS (
         SELECT l.work_id, l.spotify_track_id, l.confidence, l.method, l.score
         FROM work_link l JOIN input i USING (work_id)
       ), upserted AS (
         INSERT INTO work_link (work_id, track_id, spotify_track_id, confidence, method, score, album_name,
           linked_track_name, linked_artist_names, linked_at)
         SELECT work_id, track_id, spotify_track_id, confidence, method, score, album_name, track_name,
           ARRAY(SELECT jsonb_array_elements_text(artist_names)), now()
         FROM input
         ON CONFLICT (work_id) ${onConflict}
         RETURNING work_id
       )
       SELECT u.work_id, p.spotify_track_id AS previous, p.confidence AS previous_confidence,
         p.method AS previous_method, p.score AS previous_score
       FROM upserted u LEFT JOIN previous p USING (work_id)`,
      [
        links.map((l) => l.workId),
        links.map((l) => l.trackId),
        links.map((l) => l.spotifyTrackId),
        links.map((l) => l.confidence),
        links.map((l) => l.method),
        links.map((l) => l.score),
        links.map((l) => l.albumName),
        links.map((l) => l.trackName),
        links.map((l) => JSON.stringify(l.artistNames)),
      ],
    );
    const byWork = new Map(links.map((l) => [l.workId, l]));
    const events: Omit<WorkLinkEventEntity, 'id' | 'at' | 'work'>[] = [];
    for (const row of written) {
      const link = byWork.get(row.work_id)!;
      if (row.previous && row.previous !== link.spotifyTrackId) {
        events.push({
          workId: row.work_id,
          action: LinkEventAction.UNLINKED,
          spotifyTrackId: row.previous,
          confidence: null,
          method: null,
          score: null,
          actor,
        });
      } else if (
        row.previous &&
        row.previous_method === link.method &&
        row.previous_confidence === link.confidence &&
        (row.previous_score ?? null) === link.score
      ) {
        continue; // the same link again: nothing to tell in the history
      }
      events.push({
        workId: row.work_id,
        action: LinkEventAction.LINKED,
        spotifyTrackId: link.spotifyTrackId,
        confidence: link.confidence,
        method: link.method,
        score: link.score,
        actor,
      });
    }
    await this.insertEvents(manager, events);
    const ids = new Set(written.map((r) => r.work_id));
    await manager.query(`DELETE FROM work_link_candidate WHERE work_id = ANY($1::uuid[])`, [[...ids]]);
    return ids;
  }

  /** Removes a work's link; returns the removed link, or undefined when there was none. */
  async removeLink(
    manager: EntityManager,
    workId: string,
    actor: string,
  ): Promise<WorkLinkEntity | undefined> {
    const [rows] = await manager.query<[WorkLinkEntity[], number]>(
      `DELETE FROM work_link WHERE work_id = $1 RETURNING ${LINK_COLUMNS}`,
      [workId],
    );
    const removed = rows[0];
    if (removed) {
      await this.insertEvents(manager, [
        {
          workId,
          action: LinkEventAction.UNLINKED,
          spotifyTrackId: removed.spotifyTrackId,
          confidence: null,
          method: null,
          score: null,
          actor,
        },
      ]);
    }
    return removed;
  }

  private async insertEvents(
    manager: EntityManager,
    events: Omit<WorkLinkEventEntity, 'id' | 'at' | 'work'>[],
  ) {
    if (events.length === 0) return;
    // clock_timestamp() keeps an unlink and the link that replaced it in order within one transaction.
    await manager.query(
      `INSERT INTO work_link_event (work_id, action, spotify_track_id, confidence, method, score, actor, at)
       SELECT w, a, s, c, m, sc, ac, clock_timestamp()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[])
         AS u(w, a, s, c, m, sc, ac)`,
      [
        events.map((e) => e.workId),
        events.map((e) => e.action),
        events.map((e) => e.spotifyTrackId),
        events.map((e) => e.confidence),
        events.map((e) => e.method),
        events.map((e) => e.score),
        events.map((e) => e.actor),
      ],
    );
  }

  historyByWorkIds(workIds: readonly string[]): Promise<WorkLinkEventEntity[]> {
    return this.dataSource.query(
      `SELECT id, work_id AS "workId", action, spotify_track_id AS "spotifyTrackId", confidence, method, score, actor, at
       FROM work_link_event WHERE work_id = ANY($1::uuid[]) ORDER BY work_id, at, id`,
      [workIds],
    );
  }

  candidatesByWorkIds(workIds: readonly string[]): Promise<WorkLinkCandidateEntity[]> {
    return this.dataSource.query(
      `SELECT work_id AS "workId", spotify_track_id AS "spotifyTrackId", name, artists, duration_ms AS "durationMs",
         isrc, album_name AS "albumName", score, evidence, outcome, rank, created_at AS "createdAt"
       FROM work_link_candidate WHERE work_id = ANY($1::uuid[]) ORDER BY work_id, rank`,
      [workIds],
    );
  }

  /**
   * Replaces the review candidates of these works with the given ones (none: the works have no candidates), except
   * for works linked meanwhile: those keep no candidates. Returns the ids of the works whose candidates were
   * replaced. The works must be locked first (`lockWorks`), so a link being made concurrently is seen here.
   */
  private async replaceCandidates(
    manager: EntityManager,
    workIds: string[],
    candidates: NewCandidate[],
  ): Promise<Set<string>> {
    if (workIds.length === 0) return new Set();
    const open = await manager.query<{ id: string }[]>(
      `SELECT w.id FROM unnest($1::uuid[]) AS w(id) WHERE NOT EXISTS (SELECT 1 FROM work_link l WHERE l.work_id = w.id)`,
      [workIds],
    );
    const ids = new Set(open.map((r) => r.id));
    await manager.query(`DELETE FROM work_link_candidate WHERE work_id = ANY($1::uuid[])`, [[...ids]]);
    const kept = candidates.filter((c) => ids.has(c.workId));
    if (kept.length === 0) return ids;
    await manager.query(
      `INSERT INTO work_link_candidate
         (work_id, spotify_track_id, name, artists, duration_ms, isrc, album_name, score, evidence, outcome, rank)
       SELECT w, s, n, ARRAY(SELECT jsonb_array_elements_text(ar)), d, i, al, sc, ev, o, r
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::text[], $7::text[], $8::float8[],
         $9::jsonb[], $10::text[], $11::smallint[]) AS u(w, s, n, ar, d, i, al, sc, ev, o, r)
       ON CONFLICT DO NOTHING`,
      [
        kept.map((c) => c.workId),
        kept.map((c) => c.spotifyTrackId),
        kept.map((c) => c.name),
        kept.map((c) => JSON.stringify(c.artists)),
        kept.map((c) => c.durationMs),
        kept.map((c) => c.isrc),
        kept.map((c) => c.albumName),
        kept.map((c) => c.score),
        kept.map((c) => JSON.stringify(c.evidence)),
        kept.map((c) => c.outcome),
        kept.map((c) => c.rank),
      ],
    );
    return ids;
  }

  async setVerification(rows: { workId: string; verification: LinkVerification; note: string | null }[]) {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `UPDATE work_link l SET verified_at = now(), verification = u.v, verification_note = u.n
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(w, v, n) WHERE l.work_id = u.w`,
      [rows.map((r) => r.workId), rows.map((r) => r.verification), rows.map((r) => r.note)],
    );
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
