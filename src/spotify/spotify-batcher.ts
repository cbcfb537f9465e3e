// A process-wide batcher below the per-request DataLoaders: every id asked for during one event-loop turn, by any
// request or job, joins one queue; batches leave at the end of the turn, full (up to the source's batch size) for as
// long as ids wait, with at most `concurrency` batches in flight. An id already queued or in flight is never sent
// again: later askers share its answer. Nothing is cached once answered; caching is the DataLoaders' job.

export interface BatchPlan {
  /** Ids per call: the multi-get limit, or 1 for single-id calls. */
  size: number;
  /** Fly alone: used while a capability is unknown, so one call learns it before the others go out. */
  exclusive?: boolean;
}

export type BatchOutcome<V> = (V | null)[] | 'requeue';

export interface BatchSource<V> {
  /** How the next call goes out; consulted before every dispatch, so a learned capability applies at once. */
  plan(): Promise<BatchPlan>;
  /**
   * One call for `ids`: one result per id in order (null for unknown ids), or 'requeue' to put the ids back at the
   * head of the queue (the plan changed, e.g. a multi-get was refused). Throwing fails exactly these ids.
   */
  fetch(ids: readonly string[], plan: BatchPlan): Promise<BatchOutcome<V>>;
}

interface Waiter<V> {
  promise: Promise<V | null>;
  resolve(value: V | null): void;
  reject(error: unknown): void;
}

function waiter<V>(): Waiter<V> {
  let resolve!: (value: V | null) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<V | null>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export class TickBatcher<V> {
  private readonly queue: string[] = [];
  /** Queued and in-flight ids. */
  private readonly waiting = new Map<string, Waiter<V>>();
  private active = 0;
  private exclusiveActive = false;
  private scheduled = false;
  private pumping = false;

  constructor(
    private readonly source: BatchSource<V>,
    private readonly concurrency: number,
    /** When the queue is looked at: after the current turn, so everything asked for in it is collected first. */
    private readonly defer: (run: () => void) => void = (run) => setImmediate(run),
  ) {}

  /** One entry per id, in order: the value, null when unknown, or the Error that failed that id. */
  load(ids: readonly string[]): Promise<(V | null | Error)[]> {
    const answers = ids.map((id) => {
      let w = this.waiting.get(id);
      if (!w) {
        w = waiter<V>();
        this.waiting.set(id, w);
        this.queue.push(id);
      }
      return w.promise.then((value) => value, asError);
    });
    this.schedule();
    return Promise.all(answers);
  }

  /** Ids waiting or in flight (tests, metrics). */
  get pending(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.canDispatch()) {
        let plan: BatchPlan;
        try {
          plan = await this.source.plan();
        } catch (error) {
          this.failQueued(error);
          return;
        }
        if (!this.canDispatch() || (plan.exclusive && this.active > 0)) break;
        const ids = this.queue.splice(0, Math.max(1, plan.size));
        this.active++;
        if (plan.exclusive) this.exclusiveActive = true;
        void this.run(ids, plan);
      }
    } finally {
      this.pumping = false;
    }
  }

  private canDispatch(): boolean {
    return this.queue.length > 0 && this.active < this.concurrency && !this.exclusiveActive;
  }

  private async run(ids: string[], plan: BatchPlan): Promise<void> {
    try {
      const outcome = await this.source.fetch(ids, plan);
      if (outcome === 'requeue') {
        this.queue.unshift(...ids);
      } else {
        ids.forEach((id, i) => this.settle(id, (w) => w.resolve(outcome[i] ?? null)));
      }
    } catch (error) {
      for (const id of ids) this.settle(id, (w) => w.reject(error));
    } finally {
      this.active--;
      if (plan.exclusive) this.exclusiveActive = false;
      // Deferred, so the ids that callers ask for as they get these answers join the next batch.
      this.schedule();
    }
  }

  private settle(id: string, how: (w: Waiter<V>) => void): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    how(w);
  }

  private failQueued(error: unknown): void {
    for (const id of this.queue.splice(0)) this.settle(id, (w) => w.reject(error));
  }
}
