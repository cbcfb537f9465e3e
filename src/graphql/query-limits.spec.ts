import {
  buildSchema,
  getIntrospectionQuery,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, measureOperation } from './query-limits';

function measure(query: string, variables: Record<string, unknown> = {}, schema?: GraphQLSchema) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  return {
    ...measureOperation(operation, fragments, variables, { schema }),
    error: checkQueryLimits(operation, document, variables, DEFAULT_QUERY_LIMITS, schema),
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

  it('measures introspection apart: the standard query passes, deeper or list-in-list-nested introspection does not', () => {
    const standard = measure(getIntrospectionQuery());
    expect(standard).toMatchObject({ depth: 1, introspectionDepth: 15, introspectionLists: 3 });
    expect(standard.error).toBeUndefined();
    // types > fields > type > fields > ...: each nested list multiplies the answer by the schema's size
    const lists = measure(
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    );
    expect(lists.error?.message).toBe('introspection nests 4 lists; the limit is 3');
    expect(lists.error?.extensions.code).toBe('BAD_USER_INPUT');
    const ofTypes = `{ __type(name: "Query") { ${'ofType { '.repeat(14)}name${' }'.repeat(14)} } }`;
    expect(measure(ofTypes).error?.message).toBe('introspection depth 16 exceeds the limit of 15');
    // introspection inside an ordinary query does not lift that query's own depth limit
    expect(measure(`{ __typename ${nested(11).slice(2, -2)} }`).error?.message).toBe(
      'query depth 11 exceeds the limit of 10',
    );
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

  describe('with the schema', () => {
    const schema = buildSchema(`
      type Query { tracks(first: Int = 50): TrackConnection! sized(first: Int): TrackConnection! track: Track }
      type TrackConnection { edges: [TrackEdge!]! totalCount: Int! }
      type TrackEdge { node: Track! }
      type Track { id: ID! artists: [Artist!]! }
      type Artist { name: String! images: [Image!]! }
      type Image { url: String! }
    `);
    const m = (query: string, variables: Record<string, unknown> = {}) => measure(query, variables, schema);

    it('sizes a page whose first is omitted by the argument default, else the default page size', () => {
      // tracks: 1 + 50 × (edges: 1 + 1 × (node: 1 + 1))
      expect(m('{ tracks { edges { node { id } } } }').cost).toBe(1 + 50 * (1 + 1 * (1 + 1)));
      expect(m('{ sized { edges { node { id } } } }').cost).toBe(1 + 50 * (1 + 1 * (1 + 1)));
      expect(m('{ tracks(first: 3) { edges { node { id } } } }').cost).toBe(1 + 3 * (1 + 1 * (1 + 1)));
    });

    it('sizes a page from a variable: its value, else its declared default, else the argument default', () => {
      const q = 'query($n: Int = 80) { tracks(first: $n) { edges { node { id } } } }';
      expect(m(q, { n: 2 }).cost).toBe(1 + 2 * 3);
      expect(m(q).cost).toBe(1 + 80 * 3);
      expect(m('query($n: Int) { tracks(first: $n) { edges { node { id } } } }').cost).toBe(1 + 50 * 3);
    });

    it('counts a list without first as a default-sized page, but not the edges of a page', () => {
      // track: 1 + (artists: 1 + 50 × (name))
      expect(m('{ track { artists { name } } }').cost).toBe(1 + 1 + 50 * 1);
      expect(m('{ track { ... on Track { artists { ...A } } } } fragment A on Artist { name }').cost).toBe(
        1 + 1 + 50 * 1,
      );
    });

    it('rejects default-sized pages nested over the budget', () => {
      const nestedDefaults = '{ tracks { edges { node { artists { images { url } } } } } }';
      expect(m(nestedDefaults).cost).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost);
      expect(m(nestedDefaults).error?.message).toMatch(/^query cost \d+ exceeds the budget of 20000$/);
      expect(m('{ tracks { totalCount edges { node { id artists { name } } } } }').error).toBeUndefined();
    });
  });
});
