import { MigrationInterface, QueryRunner } from 'typeorm';

export class EnrichmentCheckedAt1796310000000 implements MigrationInterface {
  name = 'EnrichmentCheckedAt1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "artist" ADD "checked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "track" ADD "checked_at" TIMESTAMP WITH TIME ZONE`);
    // Hand-added: rows enriched before this column existed were last checked when they were last enriched.
    await queryRunner.query(
      `UPDATE "artist" SET "checked_at" = "enriched_at" WHERE "enriched_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "track" SET "checked_at" = "enriched_at" WHERE "enriched_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "track" DROP COLUMN "checked_at"`);
    await queryRunner.query(`ALTER TABLE "artist" DROP COLUMN "checked_at"`);
  }
}
