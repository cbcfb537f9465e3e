// One service process for the multi-process schedule test: the real service plus a test job kind ticking every
// second. Prints "ready <url>" once listening; stops cleanly on SIGTERM.
import 'reflect-metadata';
import { startService } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { JobRegistry } from '../../src/jobs/job-registry';
import { JobScheduler } from '../../src/jobs/job-scheduler.service';

async function main(): Promise<void> {
  const service = await startService(loadConfig(process.env));
  service.app.get(JobRegistry).register({
    kind: 'test.tick',
    handle: () => Promise.resolve({ pid: process.pid }),
  });
  service.app.get(JobScheduler).upsert({ name: 'test-every-second', cron: '* * * * * *', kind: 'test.tick' });
  process.stdout.write(`ready ${service.url}\n`);
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
