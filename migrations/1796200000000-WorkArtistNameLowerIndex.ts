import { MigrationInterface, QueryRunner } from 'typeorm';

/** The works filter compares lower(artist_name): index that expression instead of the plain column. */
export class WorkArtistNameLowerIndex1796200000000 implements MigrationInterface {
  name = 'WorkArtistNameLowerIndex1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_artist_name"`);
    await queryRunner.query(`CREATE INDEX "idx_work_artist_name_lower" ON "work" (lower(artist_name))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_artist_name_lower"`);
    await queryRunner.query(`CREATE INDEX "idx_work_artist_name" ON "work"  ("artist_name") `);
  }
}
