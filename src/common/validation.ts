import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError } from './domain-errors';

function firstFailure(errors: ValidationError[], prefix = ''): { field: string; reason: string } | undefined {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const reason = Object.values(error.constraints ?? {})[0];
    if (reason) return { field, reason: reason.replace(new RegExp(`^${error.property} `), '') };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/** class-validator at the edge: the first failure becomes BAD_USER_INPUT naming the field and the reason. */
export const validationPipe = new ValidationPipe({
  transform: true,
  forbidUnknownValues: false,
  exceptionFactory: (errors) => {
    const failure = firstFailure(errors) ?? { field: 'input', reason: 'is invalid' };
    return new BadUserInputError(failure.field, failure.reason);
  },
});
