/** What a GraphQL name looks like (the spec's Name), at most 64 characters. */
const GRAPHQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_OPERATION_LABELS = 200;
export const ANONYMOUS_OPERATION = 'anonymous';
export const OTHER_OPERATION = 'other';

/**
 * The `operation` label of the GraphQL metrics. Operation names are chosen by clients, and every distinct label
 * value is a new Prometheus series kept for the life of the process, so the values are bounded: a name that does
 * not look like a GraphQL name, or a new one once `max` names are in use, counts as `other`; an operation without
 * a name as `anonymous`. One per metrics registry.
 */
export class OperationLabels {
  private readonly names = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_LABELS) {}

  label(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (this.names.has(name)) return name;
    if (!GRAPHQL_NAME.test(name) || this.names.size >= this.max) return OTHER_OPERATION;
    this.names.add(name);
    return name;
  }
}
