import type PgBoss from 'pg-boss';
import { QueueConsumer, QueueJob } from './queue-consumer';

/** A queue of `count` messages behind the three calls the consumer makes. */
function fakeBoss(count: number) {
  const waiting = Array.from({ length: count }, (_, i) => ({ id: `m${i}`, expireInSeconds: '60', data: {} }));
  const batchSizes: number[] = [];
  const completed: string[] = [];
  const failed: { id: string; data: unknown }[] = [];
  const boss = {
    fetch: (_name: string, options: { batchSize: number }) => {
      batchSizes.push(options.batchSize);
      return Promise.resolve(waiting.splice(0, options.batchSize));
    },
    complete: (_name: string, id: string) => {
      completed.push(id);
      return Promise.resolve();
    },
    fail: (_name: string, id: string, data: unknown) => {
      failed.push({ id, data });
      return Promise.resolve();
    },
  };
  return { boss: boss as unknown as PgBoss, batchSizes, completed, failed };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

describe('QueueConsumer', () => {
  it('runs up to `concurrency` jobs at once and refills a slot as soon as its job settles', async () => {
    const { boss, batchSizes, completed } = fakeBoss(3);
    const running = new Map<string, () => void>();
    const consumer = new QueueConsumer(
      boss,
      'q',
      2,
      (job: QueueJob<unknown>) => new Promise<void>((resolve) => running.set(job.id, resolve)),
      (error) => {
        throw error;
      },
      60_000, // an idle poll that would never come in the test: only a freed slot wakes the consumer
    );
    consumer.start();
    await until(() => running.size === 2);
    expect([...running.keys()]).toEqual(['m0', 'm1']);
    expect(batchSizes).toEqual([2]);

    running.get('m0')!();
    await until(() => running.has('m2'));
    expect(completed).toEqual(['m0']);
    expect(batchSizes).toEqual([2, 1]);

    running.get('m1')!();
    running.get('m2')!();
    await until(() => completed.length === 3);
    await consumer.stop(1000);
  });

  it('refills at once when a slot frees while it is fetching (no idle poll in between)', async () => {
    const { boss, completed } = fakeBoss(4);
    const running = new Map<string, () => void>();
    type Fetch = (name: string, options: { batchSize: number }) => Promise<QueueJob<unknown>[]>;
    const fake = boss as unknown as { fetch: Fetch };
    const fetch = fake.fetch.bind(fake);
    let fetches = 0;
    // m1 settles while the fetch that m0's slot started is in flight
    fake.fetch = async (name, options) => {
      if (++fetches === 2) {
        running.get('m1')!();
        await until(() => completed.includes('m1'));
      }
      return fetch(name, options);
    };
    const consumer = new QueueConsumer(
      boss,
      'q',
      2,
      (job: QueueJob<unknown>) => new Promise<void>((resolve) => running.set(job.id, resolve)),
      (error) => {
        throw error;
      },
      60_000, // a lost wake-up would wait this long before fetching m3: the test would time out
    );
    consumer.start();
    await until(() => running.size === 2);
    running.get('m0')!();
    await until(() => running.has('m3'));
    expect(completed).toEqual(['m0', 'm1']);
    running.get('m2')!();
    running.get('m3')!();
    await until(() => completed.length === 4);
    await consumer.stop(1000);
  });

  it('fails the message of a handler that throws, and on stop those still running after the grace', async () => {
    const { boss, failed } = fakeBoss(2);
    const consumer = new QueueConsumer(
      boss,
      'q',
      2,
      (job: QueueJob<unknown>) =>
        job.id === 'm0' ? Promise.reject(new Error('boom')) : new Promise<void>(() => undefined),
      (error) => {
        throw error;
      },
      60_000,
    );
    consumer.start();
    await until(() => failed.length === 1);
    expect(failed[0]).toMatchObject({ id: 'm0', data: { message: 'boom' } });
    await consumer.stop(10);
    expect(failed[1]).toEqual({
      id: 'm1',
      data: { message: 'the worker shut down while the job was running' },
    });
  });
});
