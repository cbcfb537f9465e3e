import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from './domain-errors';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  UPSTREAM_UNAVAILABLE: HttpStatus.BAD_GATEWAY,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Domain errors on plain HTTP routes (exports, OAuth callback) answer with a status and the same code. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error; // GraphQL errors are formatted by the GraphQL layer
    const res = host.switchToHttp().getResponse<Response>();
    res
      .status(STATUS[error.code])
      .json({ error: { code: error.code, message: error.message, ...error.details } });
  }
}
