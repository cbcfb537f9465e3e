import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { cursorMicrosSql, KeysetCursor, keysetSql } from 'src/common/pagination';
import { WorkEntity } from './entities/work.entity';
import { ValidWork } from './work-input';

export interface WorkFilterValues {
  linked?: boolean;
  artistName?: string;
}

const WORK_COLUMNS = `w.id, w.title, w.artist_name AS "artistName", w.isrc, w.duration_ms AS "durationMs",
  w.external_id AS "externalId", w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

// Unlinked works, only those of $1 when given, after work $2 in catalog order when given.
const UNLINKED_AFTER = `NOT EXISTS (SELECT 1 FROM work_link l WHERE l.work_id = w.id)
  AND ($1::uuid[] IS NULL OR w.id = ANY($1::uuid[]))
  AND ($2::uuid IS NULL OR (w.created_at, w.id) > (SELECT created_at, id FROM work WHERE id = $2))`;

/** The WHERE conditions of a work filter (on alias w) and their parameters, numbered from $1. */
function filterSql(filter: WorkFilterValues): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.linked !== undefined) {
    where.push(`${filter.linked ? '' : 'NOT '}EXISTS (SELECT 1 FROM work_link l WHERE l.work_id = w.id)`);
  }
  if (filter.artistName !== undefined) {
    params.push(filter.artistName);
    where.push(`lower(w.artist_name) = lower($${params.length})`);
  }
  return { where, params };
}

/** All SQL on `work`: array-taking, set-based. */
@Injectable()
export class WorksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Upserts works in one statement per key kind: by external id when given, otherwise by (title, artist, ISRC)
   * ignoring case, so importing the same catalog twice leaves the same rows. A value missing from the input never
   * replaces a stored one. Returns the ids in input order.
   */
  async upsert(works: ValidWork[], manager: EntityManager): Promise<string[]> {
    if (works.length === 0) return [];
    const params = columns(works);
    // DISTINCT ON keeps the last occurrence of a key within one call (ON CONFLICT cannot touch a row twice).
    await manager.query(
      `INSERT INTO work (title, artist_name, isrc, duration_ms, external_id)
       SELECT DISTINCT ON (e) t, a, i, d, e FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])
         WITH ORDINALITY AS u(t, a, i, d, e, ord)
       WHERE e IS NOT NULL ORDER BY e, ord DESC
       ON CONFLICT (external_id) DO UPDATE SET
         title = EXCLUDED.title, artist_name = EXCLUDED.artist_name,
         isrc = COALESCE(EXCLUDED.isrc, work.isrc), duration_ms = COALESCE(EXCLUDED.duration_ms, work.duration_ms),
         updated_at = CASE WHEN (work.title, work.artist_name, work.isrc, work.duration_ms) IS DISTINCT FROM
           (EXCLUDED.title, EXCLUDED.artist_name, COALESCE(EXCLUDED.isrc, work.isrc),
            COALESCE(EXCLUDED.duration_ms, work.duration_ms)) THEN now() ELSE work.updated_at END`,
      params,
    );
    await manager.query(
      `INSERT INTO work (title, artist_name, isrc, duration_ms, external_id)
       SELECT DISTINCT ON (lower(t), lower(a), coalesce(i, '')) t, a, i, d, e
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS u(t, a, i, d, e, ord)
       WHERE e IS NULL ORDER BY lower(t), lower(a), coalesce(i, ''), ord DESC
       ON CONFLICT (lower(title), lower(artist_name), coalesce(isrc, '')) WHERE external_id IS NULL
       DO UPDATE SET duration_ms = COALESCE(EXCLUDED.duration_ms, work.duration_ms),
         updated_at = CASE WHEN work.duration_ms IS DISTINCT FROM COALESCE(EXCLUDED.duration_ms, work.duration_ms)
           THEN now() ELSE work.updated_at END`,
      params,
    );
    // Ids back in input order, matched by the same expressions PostgreSQL used (its case folding, not ours).
    const rows = await manager.query<{ ord: string; id: string }[]>(
      `SELECT u.ord, w.id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(t, a, i, e, ord)
       JOIN work w ON (u.e IS NOT NULL AND w.external_id = u.e)
         OR (u.e IS NULL AND w.external_id IS NULL AND lower(w.title) = lower(u.t)
             AND lower(w.artist_name) = lower(u.a) AND coalesce(w.isrc, '') = coalesce(u.i, ''))`,
      [params[0], params[1], params[2], params[4]],
    );
    const ids = new Array<string>(works.length);
    for (const row of rows) ids[Number(row.ord) - 1] = row.id;
    return ids;
  }

  byIds(ids: readonly string[]): Promise<WorkEntity[]> {
    return this.dataSource.query(`SELECT ${WORK_COLUMNS} FROM work w WHERE w.id = ANY($1::uuid[])`, [ids]);
  }

  /** Oldest first (catalog order), keyset-paginated; `limit` rows, and how many works the filter matches. */
  async list(
    filter: WorkFilterValues,
    limit: number,
    after?: KeysetCursor,
  ): Promise<[(WorkEntity & { cursorMicros: string })[], number]> {
    const n = await this.count(filter);
    return [await this.page(filter, limit, after), n];
  }

  /** How many works the filter matches. */
  async count(filter: WorkFilterValues): Promise<number> {
    const { where, params } = filterSql(filter);
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM work w ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return n;
  }

  /** Oldest first (catalog order), keyset-paginated; `limit` rows. */
  page(
    filter: WorkFilterValues,
    limit: number,
    after?: KeysetCursor,
  ): Promise<(WorkEntity & { cursorMicros: string })[]> {
    const { where, params } = filterSql(filter);
    if (after) {
      params.push(after.micros, after.id);
      where.push(keysetSql('w', '>', `$${params.length - 1}`, `$${params.length}`));
    }
    params.push(limit);
    return this.dataSource.query<(WorkEntity & { cursorMicros: string })[]>(
      `SELECT ${WORK_COLUMNS}, ${cursorMicrosSql('w')} AS "cursorMicros" FROM work w ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY w.created_at, w.id LIMIT $${params.length}`,
      params,
    );
  }

  /** Unlinked works in catalog order (for the auto-linker and coverage). */
  unlinked(limit: number, afterId?: string, onlyIds?: readonly string[]): Promise<WorkEntity[]> {
    return this.dataSource.query(
      `SELECT ${WORK_COLUMNS} FROM work w WHERE ${UNLINKED_AFTER} ORDER BY w.created_at, w.id LIMIT $3`,
      [onlyIds ?? null, afterId ?? null, limit],
    );
  }

  /** How many works `unlinked` would page through. */
  async countUnlinked(afterId?: string, onlyIds?: readonly string[]): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM work w WHERE ${UNLINKED_AFTER}`,
      [onlyIds ?? null, afterId ?? null],
    );
    return n;
  }

  async counts(): Promise<{ total: number; linked: number }> {
    const [row] = await this.dataSource.query<{ total: number; linked: number }[]>(
      `SELECT (SELECT count(*)::int FROM work) AS total, (SELECT count(*)::int FROM work_link) AS linked`,
    );
    return row;
  }
}

const columns = (works: ValidWork[]) => [
  works.map((w) => w.title),
  works.map((w) => w.artistName),
  works.map((w) => w.isrc),
  works.map((w) => w.durationMs),
  works.map((w) => w.externalId),
];
