import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GrowthMetric } from './growth-metrics';

const COLUMNS = `
  metric_id AS "metricId", spotify_id AS "spotifyId", to_char(day, 'YYYY-MM-DD') AS day,
  formula_version AS "formulaVersion", current_followers AS "currentFollowers", followers_source AS "followersSource",
  weekly_follower_growth AS "weeklyFollowerGrowth", monthly_follower_growth AS "monthlyFollowerGrowth",
  current_popularity AS "currentPopularity", weekly_popularity_change AS "weeklyPopularityChange",
  monthly_popularity_change AS "monthlyPopularityChange", visibility_score AS score,
  follower_score AS "followerScore", popularity_score AS "popularityScore", market_score AS "marketScore",
  track_score AS "trackScore", complete, missing, current_markets AS "currentMarkets",
  new_markets AS "newMarkets", lost_markets AS "lostMarkets"`;

/** Rows per statement (each row travels inside one JSON parameter; this only bounds the statement's size). */
const CHUNK = 2000;

/** All SQL on growth metrics: one row per artist and day. */
@Injectable()
export class GrowthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts or replaces metrics by `metricId`, set-based; rows whose values did not change are not rewritten. */
  async upsert(metrics: readonly GrowthMetric[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < metrics.length; i += CHUNK) {
      const rows = metrics.slice(i, i + CHUNK).map((m) => ({
        metric_id: m.metricId,
        spotify_id: m.spotifyId,
        day: m.day,
        formula_version: m.formulaVersion,
        current_followers: m.currentFollowers,
        followers_source: m.followersSource,
        weekly_follower_growth: m.weeklyFollowerGrowth,
        monthly_follower_growth: m.monthlyFollowerGrowth,
        current_popularity: m.currentPopularity,
        weekly_popularity_change: m.weeklyPopularityChange,
        monthly_popularity_change: m.monthlyPopularityChange,
        visibility_score: m.score,
        follower_score: m.followerScore,
        popularity_score: m.popularityScore,
        market_score: m.marketScore,
        track_score: m.trackScore,
        complete: m.complete,
        missing: m.missing,
        current_markets: m.currentMarkets,
        new_markets: m.newMarkets,
        lost_markets: m.lostMarkets,
      }));
      const changed = await this.dataSource.query<unknown[]>(
        `INSERT INTO growth_metric AS g (metric_id, spotify_id, day, formula_version, current_followers,
           followers_source, weekly_follower_growth, monthly_follower_growth, current_popularity,
           weekly_popularity_change, monthly_popularity_change, visibility_score, follower_score, popularity_score,
           market_score, track_score, complete, missing, current_markets, new_markets, lost_markets, computed_at)
         SELECT r.*, now() FROM jsonb_to_recordset($1::jsonb) AS r(metric_id text, spotify_id text, day date,
           formula_version text, current_followers integer, followers_source text, weekly_follower_growth integer,
           monthly_follower_growth integer, current_popularity smallint, weekly_popularity_change smallint,
           monthly_popularity_change smallint, visibility_score double precision, follower_score double precision,
           popularity_score double precision, market_score double precision, track_score double precision,
           complete boolean, missing jsonb, current_markets text[], new_markets text[], lost_markets text[])
         ON CONFLICT (metric_id) DO UPDATE SET
           formula_version = EXCLUDED.formula_version, current_followers = EXCLUDED.current_followers,
           followers_source = EXCLUDED.followers_source, weekly_follower_growth = EXCLUDED.weekly_follower_growth,
           monthly_follower_growth = EXCLUDED.monthly_follower_growth,
           current_popularity = EXCLUDED.current_popularity,
           weekly_popularity_change = EXCLUDED.weekly_popularity_change,
           monthly_popularity_change = EXCLUDED.monthly_popularity_change,
           visibility_score = EXCLUDED.visibility_score, follower_score = EXCLUDED.follower_score,
           popularity_score = EXCLUDED.popularity_score, market_score = EXCLUDED.market_score,
           track_score = EXCLUDED.track_score, complete = EXCLUDED.complete, missing = EXCLUDED.missing,
           current_markets = EXCLUDED.current_markets, new_markets = EXCLUDED.new_markets,
           lost_markets = EXCLUDED.lost_markets, computed_at = EXCLUDED.computed_at
         WHERE (g.formula_version, g.current_followers, g.followers_source, g.weekly_follower_growth,
             g.monthly_follower_growth, g.current_popularity, g.weekly_popularity_change,
             g.monthly_popularity_change, g.visibility_score, g.follower_score, g.popularity_score, g.market_score,
             g.track_score, g.complete, g.missing, g.current_markets, g.new_markets, g.lost_markets)
           IS DISTINCT FROM (EXCLUDED.formula_version, EXCLUDED.current_followers, EXCLUDED.followers_source,
             EXCLUDED.weekly_follower_growth, EXCLUDED.monthly_follower_growth, EXCLUDED.current_popularity,
             EXCLUDED.weekly_popularity_change, EXCLUDED.monthly_popularity_change, EXCLUDED.visibility_score,
             EXCLUDED.follower_score, EXCLUDED.popularity_score, EXCLUDED.market_score, EXCLUDED.track_score,
             EXCLUDED.complete, EXCLUDED.missing, EXCLUDED.current_markets, EXCLUDED.new_markets,
             EXCLUDED.lost_markets)
         RETURNING metric_id`,
        [JSON.stringify(rows)],
      );
      written += changed.length;
    }
    return written;
  }

  /** The artists' metrics within [from, to], ascending by day. */
  range(spotifyIds: readonly string[], from: string, to: string): Promise<GrowthMetric[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM growth_metric
       WHERE spotify_id = ANY($1::text[]) AND day BETWEEN $2 AND $3 ORDER BY spotify_id, day`,
      [spotifyIds, from, to],
    );
  }

  /** Each artist's latest metrics. */
  latest(spotifyIds: readonly string[]): Promise<GrowthMetric[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (spotify_id) ${COLUMNS} FROM growth_metric
       WHERE spotify_id = ANY($1::text[]) ORDER BY spotify_id, day DESC`,
      [spotifyIds],
    );
  }
}
