import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that every log line written while handling a request or a job carries. */
export interface RequestContext {
  requestId?: string;
  jobRunId?: string;
  jobKind?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext => requestContext.getStore() ?? {};
