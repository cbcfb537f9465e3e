import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ScChart, ScRanking } from './client/soundcharts-api.types';
import { calendarDay } from './client/soundcharts-dates';
import { SoundchartsChartEntryEntity } from './entities/chart-entry.entity';
import { SoundchartsChartRankingEntity } from './entities/chart-ranking.entity';
import { SoundchartsChartEntity } from './entities/chart.entity';

export interface ScopeSong {
  songUuid: string;
  trackId: string;
  /** The ranking's display artist string, when the song came from a chart. */
  creditName?: string | null;
}

const isoOrNull = (value: string | null): string | null =>
  value !== null && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;

/** All SQL on charts, their rankings and entries. A ranking is stored once per chart and ranking datetime. */
@Injectable()
export class ChartsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates or refreshes a chart from what a ranking says about it; known values are kept over missing ones. */
  async upsertChart(chart: ScChart): Promise<SoundchartsChartEntity> {
    await this.dataSource.query(
      `INSERT INTO soundcharts_chart (slug, name, platform, country_code, frequency, metric_type)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (slug) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, soundcharts_chart.name),
         platform = COALESCE(EXCLUDED.platform, soundcharts_chart.platform),
         country_code = COALESCE(EXCLUDED.country_code, soundcharts_chart.country_code),
         frequency = COALESCE(EXCLUDED.frequency, soundcharts_chart.frequency),
         metric_type = COALESCE(EXCLUDED.metric_type, soundcharts_chart.metric_type),
         updated_at = now()`,
      [chart.slug, chart.name, chart.platform, chart.countryCode, chart.frequency, chart.metricType],
    );
    return (await this.chartBySlug(chart.slug))!;
  }

  /** A chart known only by its slug (a schedule named it before any sync). */
  async ensureChart(slug: string): Promise<SoundchartsChartEntity> {
    await this.dataSource.query(
      'INSERT INTO soundcharts_chart (slug) VALUES ($1) ON CONFLICT (slug) DO NOTHING',
      [slug],
    );
    return (await this.chartBySlug(slug))!;
  }

  chartBySlug(slug: string): Promise<SoundchartsChartEntity | null> {
    return this.dataSource.getRepository(SoundchartsChartEntity).findOneBy({ slug });
  }

  chartById(id: string): Promise<SoundchartsChartEntity | null> {
    return this.dataSource.getRepository(SoundchartsChartEntity).findOneBy({ id });
  }

  async chartsBySlugs(slugs: readonly string[]): Promise<SoundchartsChartEntity[]> {
    return this.dataSource
      .getRepository(SoundchartsChartEntity)
      .createQueryBuilder('c')
      .where('c.slug = ANY(:slugs)', { slugs: [...slugs] })
      .getMany();
  }

  allCharts(): Promise<SoundchartsChartEntity[]> {
    return this.dataSource.getRepository(SoundchartsChartEntity).find({ order: { slug: 'ASC' } });
  }

  /**
   * Stores a ranking and its entries in one transaction: the same chart and ranking datetime again replaces the
   * entries (so a second sync of one ranking leaves the same rows). `trackIds` maps song uuids to our tracks.
   */
  async saveRanking(
    chartId: string,
    ranking: ScRanking,
    trackIds: ReadonlyMap<string, string>,
  ): Promise<SoundchartsChartRankingEntity> {
    const entries = ranking.entries.filter((e) => trackIds.has(e.songUuid));
    const unique = [...new Map(entries.map((e) => [e.songUuid, e])).values()];
    return this.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO soundcharts_chart_ranking (chart_id, ranked_at, ranked_day, ranked_at_raw, entry_count)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (chart_id, ranked_at) DO UPDATE SET ranked_at_raw = EXCLUDED.ranked_at_raw,
           ranked_day = EXCLUDED.ranked_day, entry_count = EXCLUDED.entry_count, fetched_at = now()
         RETURNING id`,
        [chartId, new Date(ranking.date), calendarDay(ranking.date), ranking.date, unique.length],
      );
      await m.query(
        'DELETE FROM soundcharts_chart_entry WHERE ranking_id = $1 AND NOT (song_uuid = ANY($2::uuid[]))',
        [id, unique.map((e) => e.songUuid)],
      );
      await m.query(
        `INSERT INTO soundcharts_chart_entry (ranking_id, song_uuid, track_id, position, position_evolution,
           old_position, metric, entry_state, entry_date, time_on_chart, time_on_chart_unit, credit_name)
         SELECT $1::uuid, u.* FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::int[], $7::float8[],
           $8::text[], $9::timestamptz[], $10::int[], $11::text[], $12::text[]) AS u
         ON CONFLICT (ranking_id, song_uuid) DO UPDATE SET track_id = EXCLUDED.track_id,
           position = EXCLUDED.position, position_evolution = EXCLUDED.position_evolution,
           old_position = EXCLUDED.old_position, metric = EXCLUDED.metric, entry_state = EXCLUDED.entry_state,
           entry_date = EXCLUDED.entry_date, time_on_chart = EXCLUDED.time_on_chart,
           time_on_chart_unit = EXCLUDED.time_on_chart_unit, credit_name = EXCLUDED.credit_name`,
        [
          id,
          unique.map((e) => e.songUuid),
          unique.map((e) => trackIds.get(e.songUuid)!),
          unique.map((e) => e.position),
          unique.map((e) => e.positionEvolution),
          unique.map((e) => e.oldPosition),
          unique.map((e) => e.metric),
          unique.map((e) => e.entryState),
          unique.map((e) => isoOrNull(e.entryDate)),
          unique.map((e) => e.timeOnChart),
          unique.map((e) => e.timeOnChartUnit),
          unique.map((e) => e.creditName),
        ],
      );
      await m.query('UPDATE soundcharts_chart SET last_synced_at = now(), updated_at = now() WHERE id = $1', [
        chartId,
      ]);
      return (await m.findOneBy(SoundchartsChartRankingEntity, { id }))!;
    });
  }

  /** The chart's latest ranking, or its latest on `day`. */
  async ranking(chartId: string, day?: string): Promise<SoundchartsChartRankingEntity | null> {
    const qb = this.dataSource
      .getRepository(SoundchartsChartRankingEntity)
      .createQueryBuilder('r')
      .where('r.chart_id = :chartId', { chartId })
      .orderBy('r.ranked_at', 'DESC')
      .limit(1);
    if (day) qb.andWhere('r.ranked_day = :day', { day });
    return qb.getOne();
  }

  entries(rankingId: string): Promise<SoundchartsChartEntryEntity[]> {
    return this.dataSource
      .getRepository(SoundchartsChartEntryEntity)
      .find({ where: { rankingId }, order: { position: 'ASC' } });
  }

  /** The songs (and our tracks) of a chart's latest ranking (an export by chart). */
  async latestSongs(chartId: string): Promise<ScopeSong[]> {
    const latest = await this.ranking(chartId);
    return latest ? this.rankingSongs(latest.id) : [];
  }

  /** The songs (and our tracks) of one ranking, by position: what a chart cascade covers. */
  async rankingSongs(rankingId: string): Promise<ScopeSong[]> {
    const rows = await this.dataSource.query<
      { song_uuid: string; track_id: string; credit_name: string | null }[]
    >(
      `SELECT e.song_uuid, e.track_id, e.credit_name FROM soundcharts_chart_entry e
       WHERE e.ranking_id = $1 ORDER BY e.position`,
      [rankingId],
    );
    return rows.map((r) => ({ songUuid: r.song_uuid, trackId: r.track_id, creditName: r.credit_name }));
  }
}
