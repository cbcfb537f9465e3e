/** Whether a job payload's `files` (untyped, as stored) are these files, in this order. */
export const sameFiles = (a: unknown, b: readonly string[]): boolean =>
  Array.isArray(a) && a.length === b.length && a.every((f, i) => f === b[i]);
