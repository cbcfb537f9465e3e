import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentContext } from './request-context';

let root: Logger | undefined;

/** The process-wide JSON logger; request and job ids come from the async context. */
export function rootLogger(level?: string): Logger {
  if (!root) {
    root = pino({
      level: level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'soundgraph', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentContext() }),
      redact: {
        paths: ['req.headers.authorization', '*.authorization', '*.apiKey', '*.password'],
        remove: true,
      },
    });
  }
  if (level) root.level = level;
  return root;
}

/** Adapts pino to Nest's LoggerService so framework logs are JSON too. */
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
