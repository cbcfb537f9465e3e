import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from 'src/database/database.module';
import { QueueConsumer } from './queue-consumer';

/** pg-boss's schema in our database (the reconciliation reads its job tables). */
export const QUEUE_SCHEMA = 'pgboss';

export const queueName = (kind: string): string => kind.replace(/[^\w-]/g, '_');
export const deadLetterQueueName = (kind: string): string => `${queueName(kind)}__dead`;

export interface QueueMessage {
  jobRunId: string;
}

/** Runs SQL on a caller's connection so a queue insert commits with the caller's transaction. */
export type SqlExecutor = (text: string, values: unknown[]) => Promise<unknown[]>;

export interface QueueSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
}

/**
 * pg-boss on our own database: the durable transport under `JobsService`. Started lazily on first use, so
 * processes that never touch jobs (a CLI `migrate`) never start it.
 */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private boss?: PgBoss;
  private starting?: Promise<PgBoss>;
  private readonly createdQueues = new Map<string, Promise<void>>();
  private existing?: Promise<Map<string, PgBoss.QueueResult>>;
  private readonly consumers: QueueConsumer<QueueMessage>[] = [];
  private closed = false;
  /** Queue creation is DDL (a partition per queue); concurrent creations can deadlock, so they run one by one. */
  private creationChain: Promise<unknown> = Promise.resolve();

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  async start(): Promise<PgBoss> {
    if (this.closed) throw new Error('the job queue is shut down');
    if (this.boss) return this.boss;
    this.starting ??= (async () => {
      const boss = new PgBoss({
        connectionString: this.url,
        application_name: 'soundgraph-queue',
        max: 4,
        schema: QUEUE_SCHEMA,
        // Our cron ticks enqueue through JobsService; pg-boss's own scheduler stays off.
        schedule: false,
      });
      boss.on('error', (error: Error) => this.logger.error(`job queue error: ${error.message}`));
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    try {
      return await this.starting;
    } catch (error) {
      this.starting = undefined;
      throw error;
    }
  }

  get started(): boolean {
    return this.boss !== undefined;
  }

  async ensureQueue(kind: string, settings: QueueSettings): Promise<void> {
    let created = this.createdQueues.get(kind);
    if (!created) {
      const options: PgBoss.Queue = {
        name: queueName(kind),
        policy: 'standard',
        deadLetter: deadLetterQueueName(kind),
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: settings.expireInSeconds,
      };
      const create = async () => {
        const boss = await this.start();
        await createQueueIfMissing(boss, deadLetterQueueName(kind), { name: deadLetterQueueName(kind) });
        await createQueueIfMissing(boss, queueName(kind), options);
        // Another process (or an older release) may have created it first, with other options.
        await this.syncQueue(boss, await boss.getQueue(queueName(kind)), options);
      };
      created = (async () => {
        // Queues that already existed when this process started need no DDL, so they never wait behind the
        // creation of others (a restart of a worker with dozens of kinds enqueues at once).
        const existing = await this.existingQueues();
        const queue = existing.get(queueName(kind));
        if (queue && existing.has(deadLetterQueueName(kind))) {
          await this.syncQueue(await this.start(), queue, options);
          return;
        }
        const chained = this.creationChain.then(create, create);
        this.creationChain = chained.catch(() => undefined);
        await chained;
      })();
      this.createdQueues.set(kind, created);
      created.catch(() => this.createdQueues.delete(kind));
    }
    await created;
  }

  /**
   * pg-boss fixes a queue's retry and expiry options when the queue is created and copies them into each message;
   * a definition changed since (a higher retryLimit, a longer expiry) is written back so new messages follow it.
   */
  private async syncQueue(
    boss: PgBoss,
    queue: PgBoss.QueueResult | null,
    options: PgBoss.Queue,
  ): Promise<void> {
    if (!queue) return;
    const changed = (
      ['retryLimit', 'retryDelay', 'retryBackoff', 'expireInSeconds', 'deadLetter'] as const
    ).filter((key) => queue[key] !== options[key]);
    if (!changed.length) return;
    await boss.updateQueue(queue.name, options);
    this.logger.log(
      `queue ${queue.name} options updated: ${changed.map((key) => `${key} ${String(queue[key])} → ${String(options[key])}`).join(', ')}`,
    );
  }

  private existingQueues(): Promise<Map<string, PgBoss.QueueResult>> {
    this.existing ??= this.start()
      .then((boss) => boss.getQueues())
      .then((queues) => new Map(queues.map((queue) => [queue.name, queue])));
    this.existing.catch(() => (this.existing = undefined));
    return this.existing;
  }

  async send(
    kind: string,
    message: QueueMessage,
    options: { startAfterSeconds?: number; executor?: SqlExecutor } = {},
  ): Promise<string> {
    const boss = await this.start();
    const db = options.executor
      ? {
          executeSql: async (text: string, values: unknown[]) => ({
            rows: await options.executor!(text, values),
          }),
        }
      : undefined;
    const id = await boss.send(queueName(kind), message, {
      startAfter: options.startAfterSeconds,
      ...(db ? { db } : {}),
    });
    if (!id) throw new Error(`the job queue refused a ${kind} job`);
    return id;
  }

  /** Runs up to `concurrency` messages of the kind at once in this process; `handler` throwing fails the attempt. */
  async work(
    kind: string,
    concurrency: number,
    handler: (job: PgBoss.JobWithMetadata<QueueMessage>) => Promise<void>,
  ): Promise<void> {
    const boss = await this.start();
    const consumer = new QueueConsumer<QueueMessage>(boss, queueName(kind), concurrency, handler, (error) =>
      this.logger.error(`job queue ${queueName(kind)}: ${error.message}`),
    );
    this.consumers.push(consumer);
    consumer.start();
  }

  async cancel(kind: string, queueJobId: string): Promise<void> {
    const boss = await this.start();
    await boss.cancel(queueName(kind), queueJobId);
  }

  /**
   * Cancels a message that is waiting (not yet fetched, or waiting for its retry); false when a worker holds it or
   * it has already ended. A message a worker fetches at the same moment is left to that worker.
   */
  async cancelIfWaiting(kind: string, queueJobId: string): Promise<boolean> {
    const boss = await this.start();
    const { rows } = await boss.getDb().executeSql(
      `UPDATE ${QUEUE_SCHEMA}.job SET state = 'cancelled', completed_on = now()
         WHERE name = $1 AND id = $2 AND state IN ('created', 'retry') RETURNING id`,
      [queueName(kind), queueJobId],
    );
    return rows.length > 0;
  }

  async ping(): Promise<void> {
    const boss = await this.start();
    // getQueues reads pg-boss's own tables: it fails when the queue schema or the database is unreachable.
    await boss.getQueues();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    // Running jobs get the same grace as pg-boss's own graceful stop; those still running then fail (and retry).
    await Promise.all(this.consumers.splice(0).map((consumer) => consumer.stop(10_000)));
    const boss = this.boss ?? (await this.starting?.catch(() => undefined));
    this.boss = undefined;
    this.starting = undefined;
    this.createdQueues.clear();
    this.existing = undefined;
    if (boss) await boss.stop({ graceful: true, timeout: 10_000, wait: true, close: true });
  }
}

/** Idempotent across processes: another process may create the same queue at the same moment. */
async function createQueueIfMissing(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, options);
      return;
    } catch (error) {
      if (await boss.getQueue(name)) return;
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
