import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackedArtistAudienceLookup1796400000000 implements MigrationInterface {
  name = 'TrackedArtistAudienceLookup1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tracked_artist" ADD "audience_lookup_on" date`);
    await queryRunner.query(`ALTER TABLE "tracked_artist" ADD "audience_lookup_note" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tracked_artist" DROP COLUMN "audience_lookup_note"`);
    await queryRunner.query(`ALTER TABLE "tracked_artist" DROP COLUMN "audience_lookup_on"`);
  }
}
