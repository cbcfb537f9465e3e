import { MigrationInterface, QueryRunner } from 'typeorm';

/** A chart cascade remembers the ranking it started from, so its steps and retries cover that ranking's songs. */
export class SoundchartsCascadeRanking1796500000000 implements MigrationInterface {
  name = 'SoundchartsCascadeRanking1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "soundcharts_cascade" ADD "ranking_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "soundcharts_cascade" DROP COLUMN "ranking_id"`);
  }
}
