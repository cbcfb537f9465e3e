import { AsyncLocalStorage } from 'node:async_hooks';

/** Soundcharts requests sent (answered or not) by the work running inside `countRequests`, e.g. one cascade step. */
export interface RequestCount {
  requests: number;
}

const storage = new AsyncLocalStorage<RequestCount>();

export function countRequests<T>(count: RequestCount, fn: () => Promise<T>): Promise<T> {
  return storage.run(count, fn);
}

export function requestSent(): void {
  const count = storage.getStore();
  if (count) count.requests++;
}
