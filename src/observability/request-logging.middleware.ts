import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { rootLogger } from 'src/common/logger';
import { requestContext } from 'src/common/request-context';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id (from X-Request-Id when sane), logs its outcome, and scopes logs to it. */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      if (path === '/health' || path === '/metrics') return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      rootLogger().info(
        { requestId, method: req.method, path, status: res.statusCode, durationMs },
        'request completed',
      );
    });
    requestContext.run({ requestId, queries: { count: 0 } }, next);
  }
}
