import { createTestApp, TestApp } from './support/test-app';

describe('GraphQL limits and errors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('rejects first: 1000 with BAD_USER_INPUT naming the argument', async () => {
    const res = await app.gql('{ jobRuns(first: 1000) { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(res.errors?.[0]?.message).toBe('first: must not be greater than 100');
    expect(res.data).toBeNull();
  });

  it('rejects a query deeper than 10', async () => {
    // works > edges > node > track is depth 4; Track.duplicates is a list of tracks, so it nests without limit
    // (introspection fields are not measured: their size is bounded by the schema).
    const deep = `{ works { edges { node { track { ${'duplicates { '.repeat(6)}id${' }'.repeat(6)} } } } } }`;
    const res = await app.gql(deep);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('query depth 11 exceeds the limit of 10');
  });

  it('rejects more than 15 aliases', async () => {
    const fields = Array.from({ length: 16 }, (_, i) => `a${i}: serverInfo { role }`).join(' ');
    const res = await app.gql(`{ ${fields} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('query uses 16 aliases; the limit is 15');
  });

  it('accepts 15 aliases', async () => {
    const fields = Array.from({ length: 15 }, (_, i) => `a${i}: serverInfo { role }`).join(' ');
    const res = await app.gql(`{ ${fields} }`);
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data ?? {})).toHaveLength(15);
  });

  it('rejects nested default-sized pages over the cost budget although no first is written', async () => {
    // tracks (first defaults to 50) > artists (a list: 50) > images (a list: 50): about 127,000 > 20,000
    const res = await app.gql('{ tracks { edges { node { artists { images { url } } } } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/^query cost \d+ exceeds the budget of 20000$/);
    expect(res.data).toBeUndefined();

    // a first variable left out counts as the variable's declared default
    const withVariable = await app.gql(
      'query($n: Int = 100) { tracks(first: $n) { edges { node { artists { genres images { url } } } } } }',
    );
    expect(withVariable.errors?.[0]?.message).toMatch(/^query cost \d+ exceeds the budget of 20000$/);
  });

  it('runs an ordinary query over default-sized pages', async () => {
    const res = await app.gql('{ tracks { totalCount edges { node { id name artists { name } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ tracks: { totalCount: 0, edges: [] } });
  });

  it('marks every GraphQL response cache-control: no-store, answers and errors alike', async () => {
    for (const query of ['{ serverInfo { role } }', '{ nope }', '{ serverInfo {']) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('reports schema mistakes as GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await app.gql('{ jobRuns { nope } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects a malformed cursor naming the argument', async () => {
    const res = await app.gql('{ jobRuns(after: "garbage") { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('serves the contract scalars', async () => {
    const res = await app.gql<{ serverInfo: { today: string; time: string } }>(
      '{ serverInfo { today time } }',
    );
    expect(res.data?.serverInfo.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(res.data!.serverInfo.time).toISOString()).toBe(res.data!.serverInfo.time);
  });
});
