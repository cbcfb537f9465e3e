import { MigrationInterface, QueryRunner } from 'typeorm';

/** Works are listed and paged in (created_at, id) order: an index serves a page without sorting the catalog. */
export class WorkListingIndex1796850000000 implements MigrationInterface {
  name = 'WorkListingIndex1796850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_work_created_at_id" ON "work" ("created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_work_created_at_id"`);
  }
}
