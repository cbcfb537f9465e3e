import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, measureOperation } from './query-limits';

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  return {
    ...measureOperation(operation, fragments, variables),
    error: checkQueryLimits(operation, document, variables, DEFAULT_QUERY_LIMITS),
  };
}

const nested = (depth: number): string => {
  let q = 'id';
  for (let i = 1; i < depth; i++) q = `a { ${q} }`;
  return `{ ${q} }`;
};

describe('query limits', () => {
  it('measures depth including fragments and inline fragments', () => {
    expect(measure('{ a { b { c } } }').depth).toBe(3);
    expect(measure('query { a { ...F } } fragment F on T { b { c { d } } }').depth).toBe(4);
    expect(measure('{ a { ... on T { b { c } } } }').depth).toBe(3);
  });

  it('accepts depth 10 and rejects depth 11', () => {
    expect(measure(nested(10)).error).toBeUndefined();
    const error = measure(nested(11)).error;
    expect(error?.message).toBe('query depth 11 exceeds the limit of 10');
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts aliases and rejects the 16th', () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ')} }`;
    expect(measure(aliased(15)).error).toBeUndefined();
    expect(measure(aliased(16)).error?.message).toBe('query uses 16 aliases; the limit is 15');
  });

  it('multiplies the cost of a page by its size, from literals and variables', () => {
    expect(measure('{ works(first: 100) { edges { node { id title } } } }').cost).toBe(1 + 100 * (1 + 1 + 2));
    expect(measure('query($n: Int) { works(first: $n) { id } }', { n: 7 }).cost).toBe(1 + 7);
    const expensive = '{ a(first: 100) { b(first: 100) { c(first: 100) { id } } } }';
    expect(measure(expensive).error?.message).toMatch(/^query cost \d+ exceeds the budget of 20000$/);
  });
});
