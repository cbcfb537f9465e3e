import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from 'src/jobs/job-queue.service';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, { status: 'ok' | 'error'; latencyMs: number; error?: string }>;
}

// Each check gets well under the 2 s the endpoint promises, so a hung database still yields a prompt 503.
const CHECK_TIMEOUT_MS = 1500;

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {}

  async check(): Promise<HealthReport> {
    const run = async (check: () => Promise<unknown>) => {
      const started = Date.now();
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return { status: 'ok' as const, latencyMs: Date.now() - started };
      } catch (error) {
        return { status: 'error' as const, latencyMs: Date.now() - started, error: (error as Error).message };
      }
    };
    const [database, queue] = await Promise.all([
      run(() => this.dataSource.query('SELECT 1')),
      run(() => this.queue.ping()),
    ]);
    const status = database.status === 'ok' && queue.status === 'ok' ? 'ok' : 'error';
    return { status, checks: { database, queue } };
  }
}
