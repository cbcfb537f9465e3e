import { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params, PinoLogger } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import { currentContext } from './request-context';

let root: Logger | undefined;

/**
 * The process-wide JSON logger. Inside a job, every line carries the job's run id and kind (from the async
 * context); inside an HTTP request, log through `currentLogger()` (Nest's `Logger` does) to carry the request id.
 */
export function rootLogger(level?: string): Logger {
  if (!root) {
    root = pino({
      level: level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'soundgraph', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const { jobRunId, jobKind } = currentContext();
        return jobRunId ? { jobRunId, jobKind } : {};
      },
      // Keys travel in the Authorization header: never logged, whatever serialises a request.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          '*.authorization',
          '*.apiKey',
          '*.password',
        ],
        remove: true,
      },
    });
  }
  if (level) {
    root.level = level;
    // pino-http logs through a child of the root made once, which keeps the level it was made with
    if (PinoLogger.root) PinoLogger.root.level = level;
  }
  return root;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const QUIET_PATHS = new Set(['/health', '/metrics']);
const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

/**
 * A request's id: its X-Request-Id header when sane, else a new UUID, echoed in the response's X-Request-Id. The same
 * on every call for one request, so every middleware that asks agrees.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * nestjs-pino's configuration: pino-http over the root logger. Each request gets an id; lines logged while handling
 * it carry `requestId`; its outcome is logged as "request completed" (with `durationMs`), except for /health and
 * /metrics, which scrapers call all day.
 */
export function loggerParams(): Params {
  return {
    pinoHttp: {
      logger: rootLogger(),
      genReqId: requestIdFor,
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req.url)) },
      // Method, path and status: no query string (an OAuth callback carries its code there), no headers.
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
    },
  };
}

let contextual: PinoLogger | undefined;

/** The logger of what is being handled: the request's (with its id) inside an HTTP request, else the root. */
export function currentLogger(): Logger {
  contextual ??= new PinoLogger(loggerParams());
  return contextual.logger;
}

/**
 * Adapts pino to Nest's LoggerService for processes without an HTTP server (the CLI), and for the service until
 * nestjs-pino's Logger takes over, so framework logs are JSON from the first line.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger = rootLogger()) {}

  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
      return;
    }
    const stack = params.find((p) => typeof p === 'string');
    if (stack) fields.stack = stack;
    this.logger[level](fields, typeof message === 'string' ? message : JSON.stringify(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
