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
  getIntrospectionQuery,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  SelectionSetNode,
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
  /** Depth of the deepest introspection field (`__schema`, `__type` and what they select); 0 without any. */
  introspectionDepth: number;
  /** Most list-valued introspection fields (`types`, `fields`, `args`, ...) nested on one path. */
  introspectionLists: number;
}

/** Introspection fields whose value is a list: nesting them is what makes an introspection answer grow. */
const INTROSPECTION_LISTS = new Set([
  'types',
  'fields',
  'args',
  'inputFields',
  'interfaces',
  'possibleTypes',
  'enumValues',
  'directives',
]);

type ParentType = GraphQLCompositeType | undefined;

function fieldDefinition(schema: GraphQLSchema | undefined, parent: ParentType, name: string) {
  if (!schema) return undefined;
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
  let introspectionDepth = 0;
  let introspectionLists = 0;
  /**
   * An introspection selection: each field costs 1 and its depth and nested lists are measured apart, against the
   * standard introspection query's (what GraphiQL and code generators send, 15 levels deep), not the API's limits.
   */
  const visitIntrospection = (
    set: SelectionSetNode,
    depth: number,
    lists: number,
    seen: Set<string>,
  ): number => {
    let cost = 0;
    introspectionDepth = Math.max(introspectionDepth, depth);
    introspectionLists = Math.max(introspectionLists, lists);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        cost += 1;
        if (selection.selectionSet) {
          const nested = lists + (INTROSPECTION_LISTS.has(selection.name.value) ? 1 : 0);
          cost += visitIntrospection(selection.selectionSet, depth + 1, nested, seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += visitIntrospection(selection.selectionSet, depth, lists, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) continue;
        cost += visitIntrospection(fragment.selectionSet, depth, lists, new Set(seen).add(name));
      }
    }
    return cost;
  };
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
        if (!selection.selectionSet) {
          cost += 1;
          continue;
        }
        if (selection.name.value === '__schema' || selection.name.value === '__type') {
          cost += 1 + visitIntrospection(selection.selectionSet, depth + 1, 0, seen);
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
  return { depth: result.depth, aliases, cost: result.cost, introspectionDepth, introspectionLists };
}

/** The standard introspection query (every option on) measured once: the most introspection may ask for. */
const STANDARD_INTROSPECTION: Measure = (() => {
  const document = parse(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    }),
  );
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    if (def.kind === Kind.OPERATION_DEFINITION) operation = def;
  }
  return measureOperation(operation!, fragments, {});
})();

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
  // Introspection may be as deep as the standard introspection query, and nest as many lists, but no more: each
  // nested list multiplies the answer by the size of the schema.
  if (m.introspectionDepth > STANDARD_INTROSPECTION.introspectionDepth) {
    return limitError(
      `introspection depth ${m.introspectionDepth} exceeds the limit of ${STANDARD_INTROSPECTION.introspectionDepth}`,
      operation,
    );
  }
  if (m.introspectionLists > STANDARD_INTROSPECTION.introspectionLists) {
    return limitError(
      `introspection nests ${m.introspectionLists} lists; the limit is ${STANDARD_INTROSPECTION.introspectionLists}`,
      operation,
    );
  }
  if (m.aliases > limits.maxAliases) {
    return limitError(`query uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`, operation);
  }
  if (m.cost > limits.maxCost) {
    return limitError(`query cost ${m.cost} exceeds the budget of ${limits.maxCost}`, operation);
  }
  return undefined;
}
