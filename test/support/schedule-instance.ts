// One service process for the multi-process schedule test: the real service plus a test job kind ticking every
// second from a line on stdin for SCHEDULE_SECONDS. Prints "ready <url>" once listening; stops on SIGTERM.
import 'reflect-metadata';
import { startService } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { JobRegistry } from '../../src/jobs/job-registry';
import { JobScheduler } from '../../src/jobs/job-scheduler.service';
import { JobWorker } from '../../src/jobs/job-worker.service';

async function main(): Promise<void> {
  const service = await startService(loadConfig(process.env));
  service.app.get(JobRegistry).register({
    kind: 'test.tick',
    handle: () => Promise.resolve({ pid: process.pid }),
  });
  const scheduler = service.app.get(JobScheduler);
  // Ready means consuming every kind: until then a tick's enqueue would wait behind the creation of queues.
  await service.app.get(JobWorker).ready();
  process.stdout.write(`ready ${service.url}\n`);
  // The test says when to start ticking (so both processes tick over the same window) and for how long.
  process.stdin.once('data', () => {
    scheduler.upsert({ name: 'test-every-second', cron: '* * * * * *', kind: 'test.tick' });
    setTimeout(
      () => {
        scheduler.remove('test-every-second');
        process.stdout.write('schedule removed\n');
      },
      Number(process.env.SCHEDULE_SECONDS ?? 5) * 1000,
    );
  });
  process.once('SIGTERM', () => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
