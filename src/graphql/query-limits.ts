import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  ValueNode,
  valueFromASTUntyped,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Page size assumed for a page whose `first` is not given (and has no default), and for other lists. */
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

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

type ParentType = GraphQLCompositeType | undefined;

function fieldDefinition(schema: GraphQLSchema | undefined, parent: ParentType, name: string) {
  if (!schema) return undefined;
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name];
  return undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Depth, alias count and cost of one operation. Cost: each field costs 1; a page (a field with a `first` argument)
 * multiplies the cost of what it selects by its page size, and so does any other list field, by the default page
 * size. The page size is what the resolver will see: the literal, the variable's value, the variable's declared
 * default, the argument's schema default, else `defaultPageSize`. A list directly inside a page (a connection's
 * `edges`) holds that page's items and is not multiplied again. Fragments are expanded; cycles are left to
 * graphql's own NoFragmentCycles rule. Without a schema, lists are only recognised by their `first` argument.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  options: { schema?: GraphQLSchema; defaultPageSize?: number } = {},
): Measure {
  const { schema } = options;
  const defaultPageSize = options.defaultPageSize ?? DEFAULT_QUERY_LIMITS.defaultPageSize;
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? [])
    if (definition.defaultValue)
      variableDefaults.set(definition.variable.name.value, definition.defaultValue);

  const pageSize = (field: FieldNode, argument: GraphQLArgument | undefined): number => {
    const node = field.arguments?.find((a) => a.name.value === 'first')?.value;
    let value: unknown;
    if (node?.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (variables[name] !== undefined) value = variables[name];
      else {
        const declared = variableDefaults.get(name);
        if (declared) value = valueFromASTUntyped(declared);
      }
    } else if (node) {
      value = valueFromASTUntyped(node);
    }
    return positiveInt(value) ?? positiveInt(argument?.defaultValue) ?? defaultPageSize;
  };

  let aliases = 0;
  const visit = (
    set: SelectionSetNode,
    parent: ParentType,
    depth: number,
    seen: Set<string>,
    insidePage: boolean,
  ): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    const typeCondition = (name: string | undefined): ParentType => {
      if (!name || !schema) return parent;
      const type = schema.getType(name);
      return type && isCompositeType(type) ? type : undefined;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        // Introspection (`__schema`, `__type`) is bounded by the schema's own size and is switched on or off as a
        // whole (GRAPHQL_INTROSPECTION); the standard query that tools send nests 15 levels deep.
        if (selection.name.value.startsWith('__')) {
          cost += 1;
          continue;
        }
        if (!selection.selectionSet) {
          cost += 1;
          continue;
        }
        const definition = fieldDefinition(schema, parent, selection.name.value);
        const firstArgument = definition ? definition.args.find((a) => a.name === 'first') : undefined;
        const isPage = definition
          ? firstArgument !== undefined
          : (selection.arguments?.some((a) => a.name.value === 'first') ?? false);
        const isList = definition ? isListType(getNullableType(definition.type)) : false;
        const multiplier = isPage
          ? pageSize(selection, firstArgument)
          : isList && !insidePage
            ? defaultPageSize
            : 1;
        const childType = definition ? getNamedType(definition.type) : undefined;
        const child = visit(
          selection.selectionSet,
          childType && isCompositeType(childType) ? childType : undefined,
          depth + 1,
          seen,
          isPage && !isList,
        );
        cost += 1 + multiplier * child.cost;
        maxDepth = Math.max(maxDepth, child.depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = typeCondition(selection.typeCondition?.name.value);
        const child = visit(selection.selectionSet, type, depth, seen, insidePage);
        cost += child.cost;
        maxDepth = Math.max(maxDepth, child.depth);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        const type = typeCondition(fragment.typeCondition.name.value);
        const child = visit(fragment.selectionSet, type, depth, new Set(seen).add(name), insidePage);
        cost += child.cost;
        maxDepth = Math.max(maxDepth, child.depth);
      }
    }
    return { depth: maxDepth, cost };
  };
  const root = schema?.getRootType(operation.operation) ?? undefined;
  const result = visit(operation.selectionSet, root, 1, new Set(), false);
  return { depth: result.depth, aliases, cost: result.cost };
}

/** The first limit an operation breaks, as a client-facing error; undefined when it is within limits. */
export function checkQueryLimits(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown>,
  limits: QueryLimits,
  schema?: GraphQLSchema,
): GraphQLError | undefined {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const m = measureOperation(operation, fragments, variables, {
    schema,
    defaultPageSize: limits.defaultPageSize,
  });
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
