import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRunSingleton1796100000000 implements MigrationInterface {
  name = 'JobRunSingleton1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_run" ADD "singleton_key" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_job_run_singleton_key" ON "job_run" ("singleton_key") WHERE singleton_key IS NOT NULL AND status = 'QUEUED' AND NOT cancel_requested`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_job_run_singleton_key"`);
    await queryRunner.query(`ALTER TABLE "job_run" DROP COLUMN "singleton_key"`);
  }
}
