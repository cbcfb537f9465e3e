import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SeriesState } from './audience-range';
import type { ScDatedValue } from './client/soundcharts-api.types';
import type { AudienceEntityType } from './soundcharts.constants';

/** What one series fetch brought: its points (already one per day) and how far it now reaches. */
export interface SeriesWrite {
  entityType: AudienceEntityType;
  entityId: string;
  platform: string;
  metric: string;
  source: string;
  fetchedThrough: string;
  points: ScDatedValue[];
}

export interface StoredState extends SeriesState {
  lastValue: number | null;
}

export interface PointsKey {
  entityType: AudienceEntityType;
  entityId: string;
  platform: string;
  metric: string;
  from: string | null;
  to: string | null;
}

export interface StoredPoint {
  day: string;
  value: number;
}

export interface StoredPart {
  day: string;
  identifier: string;
  value: number;
}

export const seriesKey = (entityId: string, platform: string, metric: string): string =>
  `${entityId}|${platform}|${metric}`;

/** Rows per statement: arrays travel as one parameter each, this only bounds the statement's size. */
const CHUNK = 5000;

/**
 * Audience points (unique per entity, platform, metric and day, with source), the per-identifier values behind
 * them, and each series' cursor. Re-ingesting the same values changes nothing: an update happens only when a
 * value differs.
 */
@Injectable()
export class AudienceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async states(
    entityType: AudienceEntityType,
    entityIds: readonly string[],
  ): Promise<Map<string, StoredState>> {
    const rows = await this.dataSource.query<
      {
        entity_id: string;
        platform: string;
        metric: string;
        fetched_through: string;
        last_day: string | null;
        last_value: number | null;
      }[]
    >(
      `SELECT entity_id, platform, metric, to_char(fetched_through, 'YYYY-MM-DD') AS fetched_through,
         to_char(last_day, 'YYYY-MM-DD') AS last_day, last_value
       FROM soundcharts_audience_cursor WHERE entity_type = $1 AND entity_id = ANY($2::uuid[])`,
      [entityType, entityIds],
    );
    return new Map(
      rows.map((r) => [
        seriesKey(r.entity_id, r.platform, r.metric),
        { fetchedThrough: r.fetched_through, lastDay: r.last_day, lastValue: r.last_value },
      ]),
    );
  }

  /** Stores the points, parts and cursors of several series fetches in one transaction. */
  async save(writes: readonly SeriesWrite[]): Promise<number> {
    if (writes.length === 0) return 0;
    const points = writes.flatMap((w) => w.points.map((p) => ({ w, p })));
    const parts = points.flatMap(({ w, p }) =>
      p.parts && p.parts.length > 0 ? p.parts.map((part) => ({ w, day: p.day, ...part })) : [],
    );
    return this.dataSource.transaction(async (m) => {
      for (let i = 0; i < points.length; i += CHUNK) await this.savePoints(m, points.slice(i, i + CHUNK));
      for (let i = 0; i < parts.length; i += CHUNK) await this.saveParts(m, parts.slice(i, i + CHUNK));
      await this.saveCursors(m, writes);
      return points.length;
    });
  }

  private async savePoints(m: EntityManager, rows: { w: SeriesWrite; p: ScDatedValue }[]): Promise<void> {
    await m.query(
      `INSERT INTO soundcharts_audience_point (entity_type, entity_id, platform, metric, day, value, source)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::float8[], $7::text[])
       ON CONFLICT (entity_type, entity_id, platform, metric, day) DO UPDATE
         SET value = EXCLUDED.value, source = EXCLUDED.source, fetched_at = now()
         WHERE soundcharts_audience_point.value IS DISTINCT FROM EXCLUDED.value`,
      [
        rows.map((r) => r.w.entityType),
        rows.map((r) => r.w.entityId),
        rows.map((r) => r.w.platform),
        rows.map((r) => r.w.metric),
        rows.map((r) => r.p.day),
        rows.map((r) => r.p.value),
        rows.map((r) => r.w.source),
      ],
    );
  }

  private async saveParts(
    m: EntityManager,
    rows: { w: SeriesWrite; day: string; identifier: string; value: number }[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO soundcharts_audience_part (entity_type, entity_id, platform, metric, day, identifier, value)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::text[], $7::float8[])
       ON CONFLICT (entity_type, entity_id, platform, metric, day, identifier) DO UPDATE
         SET value = EXCLUDED.value WHERE soundcharts_audience_part.value IS DISTINCT FROM EXCLUDED.value`,
      [
        rows.map((r) => r.w.entityType),
        rows.map((r) => r.w.entityId),
        rows.map((r) => r.w.platform),
        rows.map((r) => r.w.metric),
        rows.map((r) => r.day),
        rows.map((r) => r.identifier),
        rows.map((r) => r.value),
      ],
    );
  }

  private async saveCursors(m: EntityManager, writes: readonly SeriesWrite[]): Promise<void> {
    const last = writes.map((w) =>
      w.points.reduce<ScDatedValue | null>((best, p) => (!best || p.day > best.day ? p : best), null),
    );
    await m.query(
      `INSERT INTO soundcharts_audience_cursor (entity_type, entity_id, platform, metric, fetched_through,
         last_day, last_value)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[], $7::float8[])
       ON CONFLICT (entity_type, entity_id, platform, metric) DO UPDATE SET
         fetched_through = GREATEST(soundcharts_audience_cursor.fetched_through, EXCLUDED.fetched_through),
         last_value = CASE WHEN EXCLUDED.last_day IS NOT NULL AND (soundcharts_audience_cursor.last_day IS NULL
                             OR EXCLUDED.last_day >= soundcharts_audience_cursor.last_day)
                           THEN EXCLUDED.last_value ELSE soundcharts_audience_cursor.last_value END,
         last_day = GREATEST(soundcharts_audience_cursor.last_day, EXCLUDED.last_day),
         updated_at = now()`,
      [
        writes.map((w) => w.entityType),
        writes.map((w) => w.entityId),
        writes.map((w) => w.platform),
        writes.map((w) => w.metric),
        writes.map((w) => w.fetchedThrough),
        last.map((p) => p?.day ?? null),
        last.map((p) => p?.value ?? null),
      ],
    );
  }

  /** Points for many (entity, platform, metric, range) keys in one query, ascending by day. */
  async points(keys: readonly PointsKey[]): Promise<StoredPoint[][]> {
    const rows = await this.rowsOfKeys<{ day: string; value: number }>(
      keys,
      'soundcharts_audience_point',
      'p.value',
      'p.day',
    );
    const out: StoredPoint[][] = keys.map(() => []);
    for (const r of rows) out[Number(r.ord) - 1].push({ day: r.day, value: r.value });
    return out;
  }

  /**
   * The rows of `table` (aliased `p`) in each key's series and range, in one query: `day` and `columns`, with `ord`
   * the key's 1-based position, ordered by key then `orderBy`.
   */
  private async rowsOfKeys<R extends { day: string }>(
    keys: readonly PointsKey[],
    table: 'soundcharts_audience_point' | 'soundcharts_audience_part',
    columns: string,
    orderBy: string,
  ): Promise<(R & { ord: string })[]> {
    if (keys.length === 0) return [];
    return this.dataSource.query(
      `SELECT k.ord, to_char(p.day, 'YYYY-MM-DD') AS day, ${columns}
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::date[])
         WITH ORDINALITY AS k(t, id, platform, metric, f, u, ord)
       JOIN ${table} p ON p.entity_type = k.t AND p.entity_id = k.id
         AND p.platform = k.platform AND p.metric = k.metric
         AND (k.f IS NULL OR p.day >= k.f) AND (k.u IS NULL OR p.day <= k.u)
       ORDER BY k.ord, ${orderBy}`,
      [
        keys.map((k) => k.entityType),
        keys.map((k) => k.entityId),
        keys.map((k) => k.platform),
        keys.map((k) => k.metric),
        keys.map((k) => k.from),
        keys.map((k) => k.to),
      ],
    );
  }

  /** Each entity's latest point of one series. */
  async latest(
    entityType: AudienceEntityType,
    entityIds: readonly string[],
    platform: string,
    metric: string,
  ): Promise<Map<string, StoredPoint>> {
    const rows = await this.dataSource.query<{ entity_id: string; day: string; value: number }[]>(
      `SELECT DISTINCT ON (entity_id) entity_id, to_char(day, 'YYYY-MM-DD') AS day, value
       FROM soundcharts_audience_point
       WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) AND platform = $3 AND metric = $4
       ORDER BY entity_id, day DESC`,
      [entityType, entityIds, platform, metric],
    );
    return new Map(rows.map((r) => [r.entity_id, { day: r.day, value: r.value }]));
  }

  /**
   * The per-identifier values behind the points of many (entity, platform, metric, range) keys in one query (a
   * song on several Spotify tracks, airplay spins per radio), by day then identifier.
   */
  async parts(keys: readonly PointsKey[]): Promise<StoredPart[][]> {
    const rows = await this.rowsOfKeys<{ day: string; identifier: string; value: number }>(
      keys,
      'soundcharts_audience_part',
      'p.identifier, p.value',
      'p.day, p.identifier',
    );
    const out: StoredPart[][] = keys.map(() => []);
    for (const r of rows)
      out[Number(r.ord) - 1].push({ day: r.day, identifier: r.identifier, value: r.value });
    return out;
  }

  /** The (platform, metric) series these entities have, for an export. */
  async seriesOf(
    entityType: AudienceEntityType,
    entityIds: readonly string[],
    platforms: readonly string[],
  ): Promise<{ platform: string; metric: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT platform, metric FROM soundcharts_audience_cursor
       WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) AND platform = ANY($3::text[])
       ORDER BY platform, metric`,
      [entityType, entityIds, platforms],
    );
  }

  /** One series' points of many entities between two days, by day then entity (an export sheet, page by page). */
  async sheetRows(
    entityType: AudienceEntityType,
    entityIds: readonly string[],
    platform: string,
    metric: string,
    from: string,
    to: string,
  ): Promise<{ entity_id: string; day: string; value: number }[]> {
    return this.dataSource.query(
      `SELECT entity_id, to_char(day, 'YYYY-MM-DD') AS day, value FROM soundcharts_audience_point
       WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) AND platform = $3 AND metric = $4
         AND day BETWEEN $5 AND $6
       ORDER BY day, entity_id`,
      [entityType, entityIds, platform, metric, from, to],
    );
  }

  /** First and last day of a series among these entities (null when none). */
  async dayRange(
    entityType: AudienceEntityType,
    entityIds: readonly string[],
    platform: string,
    metric: string,
  ): Promise<{ first: string; last: string } | null> {
    const [row] = await this.dataSource.query<{ first: string | null; last: string | null }[]>(
      `SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last
       FROM soundcharts_audience_point
       WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) AND platform = $3 AND metric = $4`,
      [entityType, entityIds, platform, metric],
    );
    return row?.first && row.last ? { first: row.first, last: row.last } : null;
  }
}
