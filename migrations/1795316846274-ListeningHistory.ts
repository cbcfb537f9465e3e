import { MigrationInterface, QueryRunner } from 'typeorm';

export class ListeningHistory1795316846274 implements MigrationInterface {
  name = 'ListeningHistory1795316846274';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "listening_daily_artist" ("listener_id" uuid NOT NULL, "local_date" date NOT NULL, "artist_id" uuid NOT NULL, "plays" integer NOT NULL, "ms_played" bigint NOT NULL, "tracks" integer NOT NULL, CONSTRAINT "PK_4a510c5d464fc138a09a28155e7" PRIMARY KEY ("listener_id", "local_date", "artist_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_daily_hour" ("listener_id" uuid NOT NULL, "local_date" date NOT NULL, "local_hour" smallint NOT NULL, "plays" integer NOT NULL, "ms_played" bigint NOT NULL, CONSTRAINT "PK_5a856ec9ce67cccde232ec151b9" PRIMARY KEY ("listener_id", "local_date", "local_hour"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_daily_summary" ("listener_id" uuid NOT NULL, "local_date" date NOT NULL, "plays" integer NOT NULL, "ms_played" bigint NOT NULL, "tracks" integer NOT NULL, "artists" integer NOT NULL, "genre_plays" integer array NOT NULL, "hour_plays" integer array NOT NULL, "popularity_sum" bigint NOT NULL, "popularity_plays" integer NOT NULL, CONSTRAINT "PK_327043c12a0f482f5ff7deafc09" PRIMARY KEY ("listener_id", "local_date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_monthly_summary" ("listener_id" uuid NOT NULL, "month" date NOT NULL, "plays" integer NOT NULL, "ms_played" bigint NOT NULL, "artists" integer NOT NULL, "popularity_sum" bigint NOT NULL, "popularity_plays" integer NOT NULL, "top_artist_id" uuid, "top_artist_plays" integer, "top_genre" text, "top_genre_plays" integer, CONSTRAINT "PK_03466a349360644bd3237065084" PRIMARY KEY ("listener_id", "month"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_monthly_artist" ("listener_id" uuid NOT NULL, "month" date NOT NULL, "artist_id" uuid NOT NULL, "plays" integer NOT NULL, "ms_played" bigint NOT NULL, CONSTRAINT "PK_306c88d033994ef63181bdb4be9" PRIMARY KEY ("listener_id", "month", "artist_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listener" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "spotify_user_id" text, "display_name" text, "time_zone" text NOT NULL, "refresh_token_sealed" bytea, "token_scope" text, "authorized_at" TIMESTAMP WITH TIME ZONE, "needs_reauth" boolean NOT NULL DEFAULT false, "reauth_reason" text, "disconnected_at" TIMESTAMP WITH TIME ZONE, "poll_cursor_ms" bigint, "last_polled_at" TIMESTAMP WITH TIME ZONE, "last_poll_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_422c9d250eb7b0c0b6c96cdce94" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_listener_spotify_user_id" ON "listener"  ("spotify_user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_episode_play" ("listener_id" uuid NOT NULL, "played_at" TIMESTAMP WITH TIME ZONE NOT NULL, "episode_key" text NOT NULL, "episode_name" text, "show_name" text, "ms_played" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_e365968b5e3cdbc81c2794e3e84" PRIMARY KEY ("listener_id", "played_at", "episode_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_oauth_state" ("state_hash" text NOT NULL, "time_zone" text, "display_name" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_359fd6292f00accdba471a5b167" PRIMARY KEY ("state_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_play" ("listener_id" uuid NOT NULL, "played_at" TIMESTAMP WITH TIME ZONE NOT NULL, "track_id" uuid NOT NULL, "ms_played" integer NOT NULL, "source" text NOT NULL, "skipped" boolean, "reason_end" text, CONSTRAINT "PK_70d226954857cb4ec6760027e93" PRIMARY KEY ("listener_id", "played_at", "track_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_listening_play_account_data" ON "listening_play"  ("listener_id", "track_id", "played_at") WHERE source = 'ACCOUNT_DATA'`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_track_match" ("artist_key" text NOT NULL, "title_key" text NOT NULL, "outcome" text NOT NULL, "track_id" uuid, "spotify_track_id" text, "score" double precision, "matched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_222b8ec1fedb23b108a11a6ba3a" PRIMARY KEY ("artist_key", "title_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "listening_track" ("spotify_track_id" text NOT NULL, "track_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c22a64861ad6cedad8176785034" PRIMARY KEY ("spotify_track_id"))`,
    );
    // Hand-added (TypeORM cannot describe views): the enriched view of the raw plays, for ad-hoc SQL and as the
    // reference the summaries follow: each play in its listener's local time (DST included, through AT TIME
    // ZONE), its lead artist (credit position 0), that artist's primary genre and popularity.
    await queryRunner.query(`CREATE VIEW "listening_play_enriched" AS
      SELECT s.listener_id, s.played_at, s.track_id, s.ms_played, s.source, s.skipped, s.time_zone, s.local_time,
        s.local_time::date AS local_date, extract(hour FROM s.local_time)::smallint AS local_hour,
        extract(isodow FROM s.local_time)::smallint AS local_weekday,
        extract(isodow FROM s.local_time) >= 6 AS is_weekend,
        CASE WHEN extract(hour FROM s.local_time) >= 5 AND extract(hour FROM s.local_time) < 12 THEN 'MORNING'
             WHEN extract(hour FROM s.local_time) >= 12 AND extract(hour FROM s.local_time) < 17 THEN 'AFTERNOON'
             WHEN extract(hour FROM s.local_time) >= 17 AND extract(hour FROM s.local_time) < 21 THEN 'EVENING'
             ELSE 'NIGHT' END AS time_of_day,
        ta.artist_id, a.name AS artist_name, a.genres[1] AS primary_genre, a.popularity AS artist_popularity
      FROM (SELECT p.*, l.time_zone, p.played_at AT TIME ZONE l.time_zone AS local_time
            FROM listening_play p JOIN listener l ON l.id = p.listener_id) s
      LEFT JOIN track_artist ta ON ta.track_id = s.track_id AND ta.position = 0
      LEFT JOIN artist_profile a ON a.artist_id = ta.artist_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "listening_play_enriched"`);
    await queryRunner.query(`DROP TABLE "listening_track"`);
    await queryRunner.query(`DROP TABLE "listening_track_match"`);
    await queryRunner.query(`DROP INDEX "public"."idx_listening_play_account_data"`);
    await queryRunner.query(`DROP TABLE "listening_play"`);
    await queryRunner.query(`DROP TABLE "listening_oauth_state"`);
    await queryRunner.query(`DROP TABLE "listening_episode_play"`);
    await queryRunner.query(`DROP INDEX "public"."uq_listener_spotify_user_id"`);
    await queryRunner.query(`DROP TABLE "listener"`);
    await queryRunner.query(`DROP TABLE "listening_monthly_artist"`);
    await queryRunner.query(`DROP TABLE "listening_monthly_summary"`);
    await queryRunner.query(`DROP TABLE "listening_daily_summary"`);
    await queryRunner.query(`DROP TABLE "listening_daily_hour"`);
    await queryRunner.query(`DROP TABLE "listening_daily_artist"`);
  }
}
