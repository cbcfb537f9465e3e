import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from 'src/database/database.module';

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
  private existing?: Promise<Set<string>>;
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
        schema: 'pgboss',
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
      const create = async () => {
        const boss = await this.start();
        const options = {
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: settings.expireInSeconds,
        };
        await createQueueIfMissing(boss, deadLetterQueueName(kind), { name: deadLetterQueueName(kind) });
        await createQueueIfMissing(boss, queueName(kind), {
          name: queueName(kind),
          policy: 'standard',
          deadLetter: deadLetterQueueName(kind),
          ...options,
        });
      };
      created = (async () => {
        // Queues that already existed when this process started need no DDL, so they never wait behind the
        // creation of others (a restart of a worker with dozens of kinds enqueues at once).
        const existing = await this.existingQueues();
        if (existing.has(queueName(kind)) && existing.has(deadLetterQueueName(kind))) return;
        const chained = this.creationChain.then(create, create);
        this.creationChain = chained.catch(() => undefined);
        await chained;
      })();
      this.createdQueues.set(kind, created);
      created.catch(() => this.createdQueues.delete(kind));
    }
    await created;
  }

  private existingQueues(): Promise<Set<string>> {
    this.existing ??= this.start()
      .then((boss) => boss.getQueues())
      .then((queues) => new Set(queues.map((queue) => queue.name)));
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

  async work(
    kind: string,
    concurrency: number,
    handler: (job: PgBoss.JobWithMetadata<QueueMessage>) => Promise<void>,
  ): Promise<void> {
    const boss = await this.start();
    for (let i = 0; i < concurrency; i++) {
      await boss.work<QueueMessage>(
        queueName(kind),
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          if (job) await handler(job);
        },
      );
    }
  }

  async cancel(kind: string, queueJobId: string): Promise<void> {
    const boss = await this.start();
    await boss.cancel(queueName(kind), queueJobId);
  }

  async ping(): Promise<void> {
    const boss = await this.start();
    // getQueues reads pg-boss's own tables: it fails when the queue schema or the database is unreachable.
    await boss.getQueues();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
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
