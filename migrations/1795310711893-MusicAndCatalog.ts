import { MigrationInterface, QueryRunner } from 'typeorm';

export class MusicAndCatalog1795310711893 implements MigrationInterface {
  name = 'MusicAndCatalog1795310711893';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "artist" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "spotify_id" text, "soundcharts_uuid" uuid, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_55b76e71568b5db4d01d3e394ed" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_artist_spotify_id" ON "artist"  ("spotify_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_artist_soundcharts_uuid" ON "artist"  ("soundcharts_uuid") `,
    );
    await queryRunner.query(
      `CREATE TABLE "track" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "spotify_id" text, "soundcharts_uuid" uuid, "name" text NOT NULL, "isrc" text, "duration_ms" integer, "album_name" text, "metadata_source" text, "metadata_fetched_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0631b9bcf521f8fab3a15f2c37e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_track_spotify_id" ON "track"  ("spotify_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_track_soundcharts_uuid" ON "track"  ("soundcharts_uuid") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_track_isrc" ON "track"  ("isrc") `);
    await queryRunner.query(
      `CREATE TABLE "track_artist" ("track_id" uuid NOT NULL, "artist_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_0abb2c9a9bb102f2c15a2ce4b7b" PRIMARY KEY ("track_id", "artist_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_track_artist_artist" ON "track_artist"  ("artist_id") `);
    await queryRunner.query(
      `CREATE TABLE "work" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "artist_name" text NOT NULL, "isrc" text, "duration_ms" integer, "external_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1ad2a9dfd058d66c37e6d495222" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_work_external_id" ON "work"  ("external_id") `);
    await queryRunner.query(`CREATE INDEX "idx_work_artist_name" ON "work"  ("artist_name") `);
    // Hand-added: works without an external id are deduplicated by title, artist and ISRC, ignoring case.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_work_natural_key" ON "work" (lower(title), lower(artist_name), coalesce(isrc, '')) WHERE external_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "work_link_candidate" ("work_id" uuid NOT NULL, "spotify_track_id" text NOT NULL, "name" text NOT NULL, "artists" text array NOT NULL, "duration_ms" integer, "isrc" text, "album_name" text, "score" double precision NOT NULL, "evidence" jsonb NOT NULL, "outcome" text NOT NULL, "rank" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15df15e2738758cc429d8bbd710" PRIMARY KEY ("work_id", "spotify_track_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "work_link_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "work_id" uuid NOT NULL, "action" text NOT NULL, "spotify_track_id" text NOT NULL, "confidence" text, "method" text, "score" double precision, "actor" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ea3d76a102f5ed4bf2bdb77c6a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_work_link_event_work" ON "work_link_event"  ("work_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "work_link" ("work_id" uuid NOT NULL, "track_id" uuid NOT NULL, "spotify_track_id" text NOT NULL, "confidence" text NOT NULL, "method" text NOT NULL, "score" double precision, "album_name" text, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "verification" text, "verification_note" text, CONSTRAINT "PK_53e555472df1850153340ec2a16" PRIMARY KEY ("work_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_work_link_track" ON "work_link"  ("track_id") `);
    await queryRunner.query(
      `ALTER TABLE "track_artist" ADD CONSTRAINT "fk_track_artist_track" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "track_artist" ADD CONSTRAINT "fk_track_artist_artist" FOREIGN KEY ("artist_id") REFERENCES "artist"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "work_link_candidate" ADD CONSTRAINT "fk_work_link_candidate_work" FOREIGN KEY ("work_id") REFERENCES "work"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "work_link_event" ADD CONSTRAINT "fk_work_link_event_work" FOREIGN KEY ("work_id") REFERENCES "work"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "work_link" ADD CONSTRAINT "fk_work_link_work" FOREIGN KEY ("work_id") REFERENCES "work"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "work_link" DROP CONSTRAINT "fk_work_link_work"`);
    await queryRunner.query(`ALTER TABLE "work_link_event" DROP CONSTRAINT "fk_work_link_event_work"`);
    await queryRunner.query(
      `ALTER TABLE "work_link_candidate" DROP CONSTRAINT "fk_work_link_candidate_work"`,
    );
    await queryRunner.query(`ALTER TABLE "track_artist" DROP CONSTRAINT "fk_track_artist_artist"`);
    await queryRunner.query(`ALTER TABLE "track_artist" DROP CONSTRAINT "fk_track_artist_track"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_link_track"`);
    await queryRunner.query(`DROP TABLE "work_link"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_link_event_work"`);
    await queryRunner.query(`DROP TABLE "work_link_event"`);
    await queryRunner.query(`DROP TABLE "work_link_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."uq_work_natural_key"`);
    await queryRunner.query(`DROP INDEX "public"."idx_work_artist_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_work_external_id"`);
    await queryRunner.query(`DROP TABLE "work"`);
    await queryRunner.query(`DROP INDEX "public"."idx_track_artist_artist"`);
    await queryRunner.query(`DROP TABLE "track_artist"`);
    await queryRunner.query(`DROP INDEX "public"."idx_track_isrc"`);
    await queryRunner.query(`DROP INDEX "public"."uq_track_soundcharts_uuid"`);
    await queryRunner.query(`DROP INDEX "public"."uq_track_spotify_id"`);
    await queryRunner.query(`DROP TABLE "track"`);
    await queryRunner.query(`DROP INDEX "public"."uq_artist_soundcharts_uuid"`);
    await queryRunner.query(`DROP INDEX "public"."uq_artist_spotify_id"`);
    await queryRunner.query(`DROP TABLE "artist"`);
  }
}
