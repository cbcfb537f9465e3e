import { Presets, SingleBar } from 'cli-progress';
import { sleep } from 'src/common/process-utils';
import { JobRunEntity } from 'src/jobs/entities/job-run.entity';
import { JobStatus } from 'src/jobs/job-status';
import { JobsService } from 'src/jobs/jobs.service';

function progressBar(label: string) {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {status}`,
      hideCursor: true,
      noTTYOutput: process.stdout.isTTY !== true,
    },
    Presets.shades_classic,
  );
  bar.start(1, 0, { status: JobStatus.QUEUED });
  return {
    show(run: JobRunEntity) {
      bar.setTotal(Math.max(1, run.total ?? 1));
      bar.update(run.total ? (run.processed ?? 0) : run.progress, { status: run.status });
    },
    finish(run: JobRunEntity) {
      if (run.status === JobStatus.SUCCEEDED) {
        // A job can end between two polls: its total may not have been shown yet.
        bar.setTotal(Math.max(1, run.total ?? 1));
        bar.update(Math.max(1, run.total ?? 1), { status: run.status });
      }
      bar.stop();
      if (run.error) process.stderr.write(`${label}: ${run.error}\n`);
      if (run.result !== null && run.result !== undefined) {
        process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
      }
    },
    stop: () => bar.stop(),
  };
}

/** Runs a job in this process (no worker needed) with a progress bar; returns the finished run. */
export async function runJobWithProgress(
  jobs: JobsService,
  kind: string,
  payload: Record<string, unknown>,
  label: string,
): Promise<JobRunEntity> {
  const run = await jobs.createInline(kind, payload);
  const bar = progressBar(label);
  let done = false;
  const watching = (async () => {
    while (!done) {
      // the bar only shows progress: a failed read (the database closing after a signal) must not fail the command
      const current = await jobs.get(run.id).catch(() => null);
      if (current) bar.show(current);
      await sleep(250);
    }
  })();
  try {
    const finished = await jobs.runInline(run.id);
    done = true;
    await watching;
    bar.finish(finished);
    if (finished.status === JobStatus.QUEUED) {
      process.stderr.write(
        `${label}: rescheduled (${finished.error ?? ''}); a worker will finish job ${run.id}\n`,
      );
    }
    return finished;
  } catch (error) {
    done = true;
    bar.stop();
    throw error;
  }
}

/** Follows a job run (run anywhere) with a progress bar until it finishes; returns its final status. */
export async function followJob(jobs: JobsService, id: string, label: string): Promise<JobStatus> {
  const bar = progressBar(label);
  try {
    const run = await jobs.waitFor(id, { onProgress: (r) => bar.show(r) });
    bar.finish(run);
    return run.status;
  } catch (error) {
    bar.stop();
    throw error;
  }
}
