import { MigrationInterface, QueryRunner } from 'typeorm';

export class SoundchartsCharts1795313775792 implements MigrationInterface {
  name = 'SoundchartsCharts1795313775792';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "soundcharts_cascade" ("job_run_id" uuid NOT NULL, "chart_id" uuid, "track_ids" uuid array, "retry_of" uuid, "estimate" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1828624821c987e8a75a2c45ec5" PRIMARY KEY ("job_run_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_cascade_step" ("cascade_run_id" uuid NOT NULL, "step" text NOT NULL, "job_run_id" uuid, "carried_over" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_9b3db2b80445fecfa1a25890ce3" PRIMARY KEY ("cascade_run_id", "step"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_chart" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text, "platform" text, "country_code" text, "frequency" text, "metric_type" text, "last_synced_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e70edc8d89c0851d494d42e4b57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_soundcharts_chart_slug" ON "soundcharts_chart"  ("slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_chart_ranking" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "chart_id" uuid NOT NULL, "ranked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ranked_day" date NOT NULL, "ranked_at_raw" text NOT NULL, "entry_count" integer NOT NULL, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_35733d770b98e87c8d816ff7a3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_soundcharts_chart_ranking_day" ON "soundcharts_chart_ranking"  ("chart_id", "ranked_day") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_soundcharts_chart_ranking_at" ON "soundcharts_chart_ranking"  ("chart_id", "ranked_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_chart_entry" ("ranking_id" uuid NOT NULL, "song_uuid" uuid NOT NULL, "track_id" uuid NOT NULL, "credit_name" text, "position" integer NOT NULL, "position_evolution" integer, "old_position" integer, "metric" double precision, "entry_state" text, "entry_date" TIMESTAMP WITH TIME ZONE, "time_on_chart" integer, "time_on_chart_unit" text, CONSTRAINT "PK_6b8d691b7c9a23c7e6abe4f922f" PRIMARY KEY ("ranking_id", "song_uuid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_soundcharts_chart_entry_track" ON "soundcharts_chart_entry"  ("track_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_soundcharts_chart_entry_position" ON "soundcharts_chart_entry"  ("ranking_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_chart_sync_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "chart_slug" text NOT NULL, "job_run_id" uuid, "schedule_id" uuid, "status" text NOT NULL, "error" text, "ranked_at" TIMESTAMP WITH TIME ZONE, "entries" integer, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_40ef3b17dc45b218adec2392a63" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_soundcharts_chart_sync_run_slug" ON "soundcharts_chart_sync_run"  ("chart_slug", "finished_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_chart_sync_schedule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "chart_slug" text NOT NULL, "cron" text NOT NULL, "timezone" text NOT NULL, "auto_cascade" boolean NOT NULL, "last_job_run_id" uuid, "last_run_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_658b4d40bfa4fef91dc3ce5172a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_soundcharts_chart_sync_schedule_slug" ON "soundcharts_chart_sync_schedule"  ("chart_slug") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_artist" ("artist_id" uuid NOT NULL, "artist_uuid" uuid NOT NULL, "status" text NOT NULL, "name" text NOT NULL, "country_code" text, "career_stage" text, "growth_level" text, "genres" text array NOT NULL DEFAULT '{}', "image_url" text, "city_name" text, "spotify_id" text, "source" text NOT NULL, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c7959434c7b478814332f4817c8" PRIMARY KEY ("artist_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_soundcharts_artist_uuid" ON "soundcharts_artist"  ("artist_uuid") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_audience_cursor" ("entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "platform" text NOT NULL, "metric" text NOT NULL, "fetched_through" date NOT NULL, "last_day" date, "last_value" double precision, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f83875daf0b2613f311803e8277" PRIMARY KEY ("entity_type", "entity_id", "platform", "metric"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_audience_part" ("entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "platform" text NOT NULL, "metric" text NOT NULL, "day" date NOT NULL, "identifier" text NOT NULL, "value" double precision NOT NULL, CONSTRAINT "PK_54775651e518c3a6d757579f458" PRIMARY KEY ("entity_type", "entity_id", "platform", "metric", "day", "identifier"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_audience_point" ("entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "platform" text NOT NULL, "metric" text NOT NULL, "day" date NOT NULL, "value" double precision NOT NULL, "source" text NOT NULL, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_90d789596680c70f209686a8dbd" PRIMARY KEY ("entity_type", "entity_id", "platform", "metric", "day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_provider_state" ("id" smallint NOT NULL, "quota_remaining" integer, "quota_checked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_131797efd1c4c0ae8d21506944a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_song_artist" ("track_id" uuid NOT NULL, "artist_uuid" uuid NOT NULL, "position" smallint NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_d7a74c93c4852c986a676fe4da2" PRIMARY KEY ("track_id", "artist_uuid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_soundcharts_song_artist_artist" ON "soundcharts_song_artist"  ("artist_uuid") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_song_identifier" ("track_id" uuid NOT NULL, "platform" text NOT NULL, "identifier" text NOT NULL, "is_default" boolean NOT NULL, CONSTRAINT "PK_1e88ab77f35bee70ca32d17e48b" PRIMARY KEY ("track_id", "platform", "identifier"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_soundcharts_song_identifier_lookup" ON "soundcharts_song_identifier"  ("platform", "identifier") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_song" ("track_id" uuid NOT NULL, "song_uuid" uuid NOT NULL, "status" text NOT NULL, "name" text, "credit_name" text, "isrc" text, "duration_seconds" integer, "release_date" date, "explicit" boolean, "genres" jsonb NOT NULL DEFAULT '[]', "labels" jsonb NOT NULL DEFAULT '[]', "image_url" text, "spotify_ids" text array NOT NULL DEFAULT '{}', "source" text NOT NULL, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bd318a10007d66e05555dfa5fad" PRIMARY KEY ("track_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_soundcharts_song_uuid" ON "soundcharts_song"  ("song_uuid") `,
    );
    await queryRunner.query(
      `CREATE TABLE "soundcharts_track_resolution" ("track_id" uuid NOT NULL, "status" text NOT NULL, "method" text, "song_uuid" uuid, "attempts" integer NOT NULL DEFAULT '1', "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_317167e02c469b87febd95f054a" PRIMARY KEY ("track_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "soundcharts_cascade_step" ADD CONSTRAINT "fk_soundcharts_cascade_step_cascade" FOREIGN KEY ("cascade_run_id") REFERENCES "soundcharts_cascade"("job_run_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "soundcharts_chart_ranking" ADD CONSTRAINT "fk_soundcharts_chart_ranking_chart" FOREIGN KEY ("chart_id") REFERENCES "soundcharts_chart"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "soundcharts_chart_entry" ADD CONSTRAINT "fk_soundcharts_chart_entry_ranking" FOREIGN KEY ("ranking_id") REFERENCES "soundcharts_chart_ranking"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "soundcharts_chart_entry" DROP CONSTRAINT "fk_soundcharts_chart_entry_ranking"`,
    );
    await queryRunner.query(
      `ALTER TABLE "soundcharts_chart_ranking" DROP CONSTRAINT "fk_soundcharts_chart_ranking_chart"`,
    );
    await queryRunner.query(
      `ALTER TABLE "soundcharts_cascade_step" DROP CONSTRAINT "fk_soundcharts_cascade_step_cascade"`,
    );
    await queryRunner.query(`DROP TABLE "soundcharts_track_resolution"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soundcharts_song_uuid"`);
    await queryRunner.query(`DROP TABLE "soundcharts_song"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soundcharts_song_identifier_lookup"`);
    await queryRunner.query(`DROP TABLE "soundcharts_song_identifier"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soundcharts_song_artist_artist"`);
    await queryRunner.query(`DROP TABLE "soundcharts_song_artist"`);
    await queryRunner.query(`DROP TABLE "soundcharts_provider_state"`);
    await queryRunner.query(`DROP TABLE "soundcharts_audience_point"`);
    await queryRunner.query(`DROP TABLE "soundcharts_audience_part"`);
    await queryRunner.query(`DROP TABLE "soundcharts_audience_cursor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soundcharts_artist_uuid"`);
    await queryRunner.query(`DROP TABLE "soundcharts_artist"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soundcharts_chart_sync_schedule_slug"`);
    await queryRunner.query(`DROP TABLE "soundcharts_chart_sync_schedule"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soundcharts_chart_sync_run_slug"`);
    await queryRunner.query(`DROP TABLE "soundcharts_chart_sync_run"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soundcharts_chart_entry_position"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soundcharts_chart_entry_track"`);
    await queryRunner.query(`DROP TABLE "soundcharts_chart_entry"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soundcharts_chart_ranking_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soundcharts_chart_ranking_day"`);
    await queryRunner.query(`DROP TABLE "soundcharts_chart_ranking"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soundcharts_chart_slug"`);
    await queryRunner.query(`DROP TABLE "soundcharts_chart"`);
    await queryRunner.query(`DROP TABLE "soundcharts_cascade_step"`);
    await queryRunner.query(`DROP TABLE "soundcharts_cascade"`);
  }
}
