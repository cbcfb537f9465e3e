import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from 'src/common/logger';
import { requestContext } from 'src/common/request-context';

/**
 * Scopes each request's work: its id (the one nestjs-pino logs it under) and the SQL statements it sends, counted
 * for the per-operation metric. Logging the request is nestjs-pino's (see `loggerParams`).
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    requestContext.run({ requestId: requestIdFor(req, res), queries: { count: 0 } }, next);
  }
}
