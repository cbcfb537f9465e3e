import { BadUserInputError } from './domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** Ids of our own records are UUIDs: a malformed one is the client's mistake, named as such. */
export function assertUuid(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError(field, `"${value}" is not a valid id`);
  return value;
}
