import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialJobs1763769600000 implements MigrationInterface {
  name = 'InitialJobs1763769600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "job_run" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "progress" double precision NOT NULL DEFAULT '0',
        "processed" integer,
        "total" integer,
        "error" text,
        "result" jsonb,
        "checkpoint" jsonb,
        "attempts" integer NOT NULL DEFAULT '0',
        "max_attempts" integer NOT NULL,
        "dedupe_key" text,
        "queue_job_id" uuid,
        "cancel_requested" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_job_run" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_job_run_kind_created" ON "job_run" ("kind", "created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_job_run_status" ON "job_run" ("status")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_run_dedupe_key" ON "job_run" ("dedupe_key")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_run"`);
  }
}
