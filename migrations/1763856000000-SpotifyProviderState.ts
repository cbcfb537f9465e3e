import { MigrationInterface, QueryRunner } from 'typeorm';

export class SpotifyProviderState1763856000000 implements MigrationInterface {
  name = 'SpotifyProviderState1763856000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "provider_rate_limit" (
        "provider" text NOT NULL,
        "blocked_until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reason" text,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_provider_rate_limit" PRIMARY KEY ("provider")
      )`);
    await queryRunner.query(`
      CREATE TABLE "spotify_capability" (
        "name" text NOT NULL,
        "available" boolean NOT NULL,
        "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reason" text,
        CONSTRAINT "PK_spotify_capability" PRIMARY KEY ("name")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "spotify_capability"`);
    await queryRunner.query(`DROP TABLE "provider_rate_limit"`);
  }
}
