// Public face of the listening module.
export { ListeningModule } from './listening.module';
export { ListeningService } from './listening.service';
export { LISTENING_IMPORT_JOB, LISTENING_POLL_JOB } from './listening-jobs';
export type { ImportReport } from './import.job';
export type { PollReport } from './poll.job';
