import { MigrationInterface, QueryRunner } from 'typeorm';

export class InsightsAndGrowth1795313467692 implements MigrationInterface {
  name = 'InsightsAndGrowth1795313467692';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "artist_snapshot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "spotify_id" text NOT NULL, "artist_id" uuid, "name" text NOT NULL, "day" date NOT NULL, "collected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "followers" integer, "followers_source" text, "followers_as_of" date, "popularity" smallint, "genres" text array, "monthly_listeners" integer, "monthly_listeners_as_of" date, "tracked_markets" text array NOT NULL, "active_markets" text array, "markets" jsonb, "top_tracks" jsonb, "audio_profile" jsonb, "related_artists" jsonb, "benchmark" jsonb, "recommendations" jsonb, "skipped" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_e70d76a10b004e4723d6fc9916b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_artist_snapshot_artist_day" ON "artist_snapshot"  ("spotify_id", "day") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tracked_artist" ("spotify_id" text NOT NULL, "name" text NOT NULL, "source" text NOT NULL, "tracked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "untracked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_44f9da0d34c15d9f3a7279b2219" PRIMARY KEY ("spotify_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "growth_metric" ("metric_id" text NOT NULL, "spotify_id" text NOT NULL, "day" date NOT NULL, "formula_version" text NOT NULL, "current_followers" integer, "followers_source" text, "weekly_follower_growth" integer, "monthly_follower_growth" integer, "current_popularity" smallint, "weekly_popularity_change" smallint, "monthly_popularity_change" smallint, "visibility_score" double precision, "follower_score" double precision, "popularity_score" double precision, "market_score" double precision, "track_score" double precision, "complete" boolean NOT NULL, "missing" jsonb NOT NULL DEFAULT '[]', "current_markets" text array, "new_markets" text array NOT NULL DEFAULT '{}', "lost_markets" text array NOT NULL DEFAULT '{}', "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_71e01acefeee2bff08c2c5dcef2" PRIMARY KEY ("metric_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_growth_metric_artist_day" ON "growth_metric"  ("spotify_id", "day") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_growth_metric_artist_day"`);
    await queryRunner.query(`DROP TABLE "growth_metric"`);
    await queryRunner.query(`DROP TABLE "tracked_artist"`);
    await queryRunner.query(`DROP INDEX "public"."uq_artist_snapshot_artist_day"`);
    await queryRunner.query(`DROP TABLE "artist_snapshot"`);
  }
}
