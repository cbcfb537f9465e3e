import { JobStatus } from './job-status';

/**
 * A run executed inline (in its own process, without a queue message) has no queue to notice its process die: that
 * process renews its heartbeat this often, and the reconciliation ends the run once the heartbeat is older than
 * INLINE_STALE_SECONDS (several missed beats, so a slow database or a busy machine does not end a live run).
 */
export const INLINE_HEARTBEAT_SECONDS = 30;
export const INLINE_STALE_SECONDS = 180;
export const INLINE_PROCESS_STOPPED = `the process running it stopped (no heartbeat for ${INLINE_STALE_SECONDS} s)`;

/** pg-boss's states of a message. */
export type QueueMessageState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** A QUEUED or RUNNING run and what the queue knows of its current message. */
export interface QueuedRunState {
  id: string;
  kind: string;
  queueJobId: string;
  cancelRequested: boolean;
  attempts: number;
  /** null: the message is in neither of pg-boss's tables any more. */
  queueState: QueueMessageState | null;
  /** The message was moved to pg-boss's archive. */
  archived: boolean;
  /** pg-boss's count of attempts after the first (it counts a fetch of a message that had started before). */
  retryCount: number | null;
  startedOn: Date | null;
  /** The error pg-boss recorded when it failed the message. */
  queueError: string | null;
}

export type Reconciliation =
  | { action: 'none' }
  /** Cancel the message while it waits; the run is CANCELLED if that worked (a worker may have just taken it). */
  | { action: 'cancel-waiting' }
  | {
      action: 'finish';
      status: JobStatus.FAILED | JobStatus.CANCELLED;
      error: string | null;
      attempts: number;
    };

/**
 * What to do with a run that the queue will never hand to a worker again. The worker records a run's outcome before
 * it settles the message, so a message that has ended while its run has not means the run's worker died or gave
 * up: crashed (pg-boss expires its message), ran past its expiry on the last attempt, or the message was dropped.
 */
export function reconcileRun(run: QueuedRunState): Reconciliation {
  const attempts = Math.max(run.attempts, run.startedOn && run.retryCount !== null ? run.retryCount + 1 : 0);
  const cancelled: Reconciliation = { action: 'finish', status: JobStatus.CANCELLED, error: null, attempts };
  const failed = (error: string): Reconciliation => ({
    action: 'finish',
    status: JobStatus.FAILED,
    error,
    attempts,
  });
  switch (run.queueState) {
    case null:
      return run.cancelRequested ? cancelled : failed('the job queue no longer has this run');
    case 'active':
      // A worker holds it; if that worker died, pg-boss expires the message and retries or fails it.
      return { action: 'none' };
    case 'created':
    case 'retry':
      if (run.archived) {
        return run.cancelRequested
          ? cancelled
          : failed('no worker took this run before the job queue dropped it (retention)');
      }
      return run.cancelRequested ? { action: 'cancel-waiting' } : { action: 'none' };
    case 'cancelled':
      return cancelled;
    case 'completed':
      return run.cancelRequested ? cancelled : failed('the worker stopped without recording an outcome');
    case 'failed': {
      if (run.cancelRequested) return cancelled;
      const detail = run.queueError ? ` (${run.queueError})` : '';
      return failed(
        `worker stopped or timed out after ${attempts} attempt${attempts === 1 ? '' : 's'}${detail}`,
      );
    }
  }
}
