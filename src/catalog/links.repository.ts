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
}

export type NewCandidate = Omit<WorkLinkCandidateEntity, 'createdAt' | 'work'>;

const LINK_COLUMNS = `work_id AS "workId", track_id AS "trackId", spotify_track_id AS "spotifyTrackId", confidence,
  method, score, album_name AS "albumName", linked_at AS "linkedAt", verified_at AS "verifiedAt", verification,
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
   * Sets the links of these works (replacing any), records the change in the history, and drops the works' review
   * candidates. A link identical to the current one changes nothing, so re-running is idempotent.
   */
  async setLinks(manager: EntityManager, links: NewLink[], actor: string): Promise<number> {
    if (links.length === 0) return 0;
    const changed = await manager.query<
      { work_id: string; previous: string | null; spotify_track_id: string }[]
    >(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[])
           AS u(work_id, track_id, spotify_track_id, confidence, method, score, album_name)
       ), previous AS (
         SELECT l.work_id, l.spotify_track_id FROM work_link l JOIN input i USING (work_id)
       ), upserted AS (
         INSERT INTO work_link (work_id, track_id, spotify_track_id, confidence, method, score, album_name, linked_at)
         SELECT work_id, track_id, spotify_track_id, confidence, method, score, album_name, now() FROM input
         ON CONFLICT (work_id) DO UPDATE SET track_id = EXCLUDED.track_id,
           spotify_track_id = EXCLUDED.spotify_track_id, confidence = EXCLUDED.confidence, method = EXCLUDED.method,
           score = EXCLUDED.score, album_name = EXCLUDED.album_name, linked_at = now(),
           verified_at = NULL, verification = NULL, verification_note = NULL
         WHERE work_link.spotify_track_id <> EXCLUDED.spotify_track_id
         RETURNING work_id, spotify_track_id
       )
       SELECT u.work_id, u.spotify_track_id, p.spotify_track_id AS previous
       FROM upserted u LEFT JOIN previous p USING (work_id)`,
      [
        links.map((l) => l.workId),
        links.map((l) => l.trackId),
        links.map((l) => l.spotifyTrackId),
        links.map((l) => l.confidence),
        links.map((l) => l.method),
        links.map((l) => l.score),
        links.map((l) => l.albumName),
      ],
    );
    const byWork = new Map(links.map((l) => [l.workId, l]));
    const events: Omit<WorkLinkEventEntity, 'id' | 'at' | 'work'>[] = [];
    for (const row of changed) {
      if (row.previous) {
        events.push({
          workId: row.work_id,
          action: LinkEventAction.UNLINKED,
          spotifyTrackId: row.previous,
          confidence: null,
          method: null,
          score: null,
          actor,
        });
      }
      const link = byWork.get(row.work_id)!;
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
    await manager.query(`DELETE FROM work_link_candidate WHERE work_id = ANY($1::uuid[])`, [
      links.map((l) => l.workId),
    ]);
    return changed.length;
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

  /** Replaces the review candidates of these works with the given ones (none: the works have no candidates). */
  async replaceCandidates(
    manager: EntityManager,
    workIds: string[],
    candidates: NewCandidate[],
  ): Promise<void> {
    await manager.query(`DELETE FROM work_link_candidate WHERE work_id = ANY($1::uuid[])`, [workIds]);
    if (candidates.length === 0) return;
    await manager.query(
      `INSERT INTO work_link_candidate
         (work_id, spotify_track_id, name, artists, duration_ms, isrc, album_name, score, evidence, outcome, rank)
       SELECT w, s, n, ARRAY(SELECT jsonb_array_elements_text(ar)), d, i, al, sc, ev, o, r
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::text[], $7::text[], $8::float8[],
         $9::jsonb[], $10::text[], $11::smallint[]) AS u(w, s, n, ar, d, i, al, sc, ev, o, r)
       ON CONFLICT DO NOTHING`,
      [
        candidates.map((c) => c.workId),
        candidates.map((c) => c.spotifyTrackId),
        candidates.map((c) => c.name),
        candidates.map((c) => JSON.stringify(c.artists)),
        candidates.map((c) => c.durationMs),
        candidates.map((c) => c.isrc),
        candidates.map((c) => c.albumName),
        candidates.map((c) => c.score),
        candidates.map((c) => JSON.stringify(c.evidence)),
        candidates.map((c) => c.outcome),
        candidates.map((c) => c.rank),
      ],
    );
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
