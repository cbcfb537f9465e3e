import { SingleBar, Presets } from 'cli-progress';
import { JobsService } from 'src/jobs/jobs.service';
import { JobStatus } from 'src/jobs/job-status';

/** Follows a job run with a progress bar until it finishes; returns its final status. */
export async function followJob(jobs: JobsService, id: string, label: string): Promise<JobStatus> {
  const interactive = process.stdout.isTTY === true;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {status}`,
      hideCursor: true,
      noTTYOutput: !interactive,
    },
    Presets.shades_classic,
  );
  bar.start(1, 0, { status: 'QUEUED' });
  try {
    const run = await jobs.waitFor(id, {
      onProgress: (r) => {
        bar.setTotal(Math.max(1, r.total ?? 1));
        bar.update(r.total ? (r.processed ?? 0) : r.progress, { status: r.status });
      },
    });
    if (run.status === JobStatus.SUCCEEDED) bar.update(Math.max(1, run.total ?? 1), { status: run.status });
    bar.stop();
    if (run.error) process.stderr.write(`${label}: ${run.error}\n`);
    if (run.result !== null && run.result !== undefined)
      process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
    return run.status;
  } catch (error) {
    bar.stop();
    throw error;
  }
}
