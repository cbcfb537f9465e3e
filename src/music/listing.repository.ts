import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { cursorMicrosSql, KeysetCursor, keysetSql } from 'src/common/pagination';
import { ArtistFilterValues, TrackFilterValues } from './attributes.types';
import { ArtistEntity } from './entities/artist.entity';
import { TrackEntity } from './entities/track.entity';
import { artistColumns, trackColumns } from './columns';

type Page<T> = [(T & { cursorMicros: string })[], number];

/** Filtered, keyset-paginated lists of tracks and artists (oldest first). */
@Injectable()
export class ListingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async page<T>(
    table: 'track' | 'artist',
    columns: string,
    where: string[],
    params: unknown[],
    limit: number,
    after?: KeysetCursor,
  ): Promise<Page<T>> {
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} x ${filter}`,
      params,
    );
    const pageWhere = [...where];
    const pageParams = [...params];
    if (after) {
      pageParams.push(after.micros, after.id);
      pageWhere.push(keysetSql('x', '>', `$${pageParams.length - 1}`, `$${pageParams.length}`));
    }
    pageParams.push(limit);
    const rows = await this.dataSource.query<(T & { cursorMicros: string })[]>(
      `SELECT ${columns}, ${cursorMicrosSql('x')} AS "cursorMicros" FROM ${table} x
       ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY x.created_at, x.id LIMIT $${pageParams.length}`,
      pageParams,
    );
    return [rows, n];
  }

  tracks(filter: TrackFilterValues, limit: number, after?: KeysetCursor): Promise<Page<TrackEntity>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.minPopularity !== undefined) add((p) => `x.popularity >= ${p}`, filter.minPopularity);
    if (filter.maxPopularity !== undefined) add((p) => `x.popularity <= ${p}`, filter.maxPopularity);
    if (filter.isrc !== undefined) add((p) => `x.isrc = ${p}`, filter.isrc);
    if (filter.enriched !== undefined) where.push(`x.enriched_at IS ${filter.enriched ? 'NOT ' : ''}NULL`);
    return this.page('track', trackColumns('x'), where, params, limit, after);
  }

  artists(
    filter: ArtistFilterValues,
    staleDays: number,
    limit: number,
    after?: KeysetCursor,
  ): Promise<Page<ArtistEntity>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.needsEnrichment !== undefined) {
      params.push(filter.staleDays ?? staleDays);
      // as a backfill selects: never checked, or last checked (fetched, changed or not) too long ago
      const needs = `(x.checked_at IS NULL OR x.checked_at < now() - make_interval(days => $${params.length}::int))`;
      where.push(filter.needsEnrichment ? `x.spotify_id IS NOT NULL AND ${needs}` : `NOT ${needs}`);
    } else if (filter.staleDays !== undefined) {
      params.push(filter.staleDays);
      where.push(`x.checked_at < now() - make_interval(days => $${params.length}::int)`);
    }
    if (filter.genre !== undefined) {
      params.push(filter.genre.toLowerCase());
      where.push(`$${params.length} = ANY(SELECT lower(g) FROM unnest(x.genres) g)`);
    }
    return this.page('artist', artistColumns('x'), where, params, limit, after);
  }
}
