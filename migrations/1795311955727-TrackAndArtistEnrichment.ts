import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackAndArtistEnrichment1795311955727 implements MigrationInterface {
  name = 'TrackAndArtistEnrichment1795311955727';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "artist" ADD "genres" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "genre_source" text`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "genres_fetched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "popularity" smallint`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "popularity_fetched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "followers" integer`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "followers_fetched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "images" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "external_url" text`);
    await queryRunner.query(`ALTER TABLE "artist" ADD "enriched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "track" ADD "popularity" smallint`);
    await queryRunner.query(`ALTER TABLE "track" ADD "popularity_source" text`);
    await queryRunner.query(`ALTER TABLE "track" ADD "popularity_fetched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "track" ADD "isrc_source" text`);
    await queryRunner.query(`ALTER TABLE "track" ADD "isrc_fetched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "track" ADD "enriched_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_track_popularity" ON "track"  ("popularity") `);
    // Hand-added: the read-only face of artists for other modules' reporting SQL (listening analytics joins it);
    // the music module keeps owning the table behind it.
    await queryRunner.query(
      `CREATE VIEW "artist_profile" AS SELECT id AS artist_id, spotify_id, name, genres, genre_source, popularity, followers FROM artist`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "artist_profile"`);
    await queryRunner.query(`DROP INDEX "public"."idx_track_popularity"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "enriched_at"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "isrc_fetched_at"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "isrc_source"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "popularity_fetched_at"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "popularity_source"`);
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "popularity"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "enriched_at"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "external_url"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "images"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "followers_fetched_at"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "followers"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "popularity_fetched_at"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "popularity"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "genres_fetched_at"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "genre_source"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "genres"`);
  }
}
