import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Page size assumed for list fields whose `first` is not given. */
  defaultPageSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 20_000,
  defaultPageSize: 50,
};

const limitError = (message: string, node?: OperationDefinitionNode): GraphQLError =>
  new GraphQLError(message, {
    nodes: node ? [node] : undefined,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });

function firstArgument(field: FieldNode, variables: Record<string, unknown>, fallback: number): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return fallback;
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  if (arg.value.kind === Kind.VARIABLE) {
    const value = variables[arg.value.name.value];
    return typeof value === 'number' ? value : fallback;
  }
  return fallback;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Depth, alias count and cost of one operation. Cost: each field costs 1, and a field with a `first` argument
 * (a page) multiplies the cost of what it selects by its page size. Fragments are expanded; cycles are left to
 * graphql's own NoFragmentCycles rule.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): Measure {
  let aliases = 0;
  const visit = (
    set: SelectionSetNode,
    depth: number,
    seen: Set<string>,
  ): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        if (!selection.selectionSet) {
          cost += 1;
          continue;
        }
        const child = visit(selection.selectionSet, depth + 1, seen);
        const pageSize = firstArgument(selection, variables, 1);
        const isPage = selection.arguments?.some((a) => a.name.value === 'first') ?? false;
        const multiplier = isPage ? Math.max(1, pageSize) : 1;
        cost += 1 + multiplier * child.cost;
        maxDepth = Math.max(maxDepth, child.depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const child = visit(selection.selectionSet, depth, seen);
        cost += child.cost;
        maxDepth = Math.max(maxDepth, child.depth);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        const child = visit(fragment.selectionSet, depth, new Set(seen).add(name));
        cost += child.cost;
        maxDepth = Math.max(maxDepth, child.depth);
      }
    }
    return { depth: maxDepth, cost };
  };
  const result = visit(operation.selectionSet, 1, new Set());
  return { depth: result.depth, aliases, cost: result.cost };
}

/** The first limit an operation breaks, as a client-facing error; undefined when it is within limits. */
export function checkQueryLimits(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown>,
  limits: QueryLimits,
): GraphQLError | undefined {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const m = measureOperation(operation, fragments, variables);
  if (m.depth > limits.maxDepth) {
    return limitError(`query depth ${m.depth} exceeds the limit of ${limits.maxDepth}`, operation);
  }
  if (m.aliases > limits.maxAliases) {
    return limitError(`query uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`, operation);
  }
  if (m.cost > limits.maxCost) {
    return limitError(`query cost ${m.cost} exceeds the budget of ${limits.maxCost}`, operation);
  }
  return undefined;
}
