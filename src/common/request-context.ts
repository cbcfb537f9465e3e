import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that every log line written while handling a request or a job carries. */
export interface RequestContext {
  requestId?: string;
  jobRunId?: string;
  jobKind?: string;
  /** SQL statements sent while handling this request (counted by the TypeORM logger). */
  queries?: { count: number };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext => requestContext.getStore() ?? {};
