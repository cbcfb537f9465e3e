import { QueuedRunState, reconcileRun } from './job-run-reconciliation';
import { JobStatus } from './job-status';

const run = (state: Partial<QueuedRunState>): QueuedRunState => ({
  id: 'r',
  kind: 'k',
  queueJobId: 'q',
  cancelRequested: false,
  attempts: 1,
  queueState: 'active',
  archived: false,
  retryCount: 0,
  startedOn: new Date(),
  queueError: null,
  ...state,
});

describe('reconcileRun', () => {
  it('leaves runs whose message a worker holds or that wait for a worker', () => {
    expect(reconcileRun(run({ queueState: 'active' }))).toEqual({ action: 'none' });
    expect(reconcileRun(run({ queueState: 'created', attempts: 0, startedOn: null }))).toEqual({
      action: 'none',
    });
    expect(reconcileRun(run({ queueState: 'retry' }))).toEqual({ action: 'none' });
  });

  it('fails a run whose message failed, counting the attempts pg-boss made and quoting its error', () => {
    expect(
      reconcileRun(
        run({
          queueState: 'failed',
          attempts: 1,
          retryCount: 2,
          queueError: 'job failed by timeout in active state',
        }),
      ),
    ).toEqual({
      action: 'finish',
      status: JobStatus.FAILED,
      attempts: 3,
      error: 'worker stopped or timed out after 3 attempts (job failed by timeout in active state)',
    });
    expect(reconcileRun(run({ queueState: 'failed', attempts: 0, retryCount: 0 }))).toMatchObject({
      status: JobStatus.FAILED,
      error: 'worker stopped or timed out after 1 attempt',
    });
  });

  it('fails a run whose message is gone, dropped unstarted, or completed without an outcome', () => {
    expect(reconcileRun(run({ queueState: null, retryCount: null, startedOn: null }))).toMatchObject({
      status: JobStatus.FAILED,
      error: 'the job queue no longer has this run',
    });
    expect(reconcileRun(run({ queueState: 'created', archived: true }))).toMatchObject({
      status: JobStatus.FAILED,
    });
    expect(reconcileRun(run({ queueState: 'completed' }))).toMatchObject({ status: JobStatus.FAILED });
  });

  it('cancels a cancel-requested run that cannot run, and asks to cancel a waiting message first', () => {
    for (const queueState of ['failed', 'completed', 'cancelled', null] as const) {
      expect(reconcileRun(run({ queueState, cancelRequested: true }))).toMatchObject({
        action: 'finish',
        status: JobStatus.CANCELLED,
        error: null,
      });
    }
    expect(reconcileRun(run({ queueState: 'retry', cancelRequested: true }))).toEqual({
      action: 'cancel-waiting',
    });
    expect(reconcileRun(run({ queueState: 'active', cancelRequested: true }))).toEqual({ action: 'none' });
  });
});
