import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobRunEntity } from './entities/job-run.entity';
import { JobQueue } from './job-queue.service';
import { JobRegistry } from './job-registry';
import { JobRunReconciler } from './job-run-reconciler.service';
import { JobRunRetentionJob } from './job-run-retention.job';
import { JobRunsRepository } from './job-runs.repository';
import { JobRunsResolver } from './job-runs.resolver';
import { JobScheduler } from './job-scheduler.service';
import { JobWorker } from './job-worker.service';
import { JobsService } from './jobs.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([JobRunEntity])],
  providers: [
    JobQueue,
    JobRegistry,
    JobRunsRepository,
    JobsService,
    JobWorker,
    JobScheduler,
    JobRunsResolver,
    JobRunRetentionJob,
    JobRunReconciler,
  ],
  exports: [JobsService, JobRegistry, JobScheduler, JobQueue],
})
export class JobsModule {}
