import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRunHeartbeat1796700000000 implements MigrationInterface {
  name = 'JobRunHeartbeat1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_run" ADD "heartbeat_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_run" DROP COLUMN "heartbeat_at"`);
  }
}
