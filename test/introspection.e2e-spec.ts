import { getIntrospectionQuery } from 'graphql';
import { createTestApp, TestApp } from './support/test-app';

const LIVE = {
  SPOTIFY_CLIENT_ID: 'live-client',
  SPOTIFY_CLIENT_SECRET: 'live-secret',
  SOUNDCHARTS_APP_ID: 'live-app',
  SOUNDCHARTS_API_KEY: 'live-key',
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};
const INTROSPECT = '{ __schema { queryType { name } } }';

describe('introspection and the landing page', () => {
  // live mode is any configuration where no provider is emulated
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));
  const start = async (env: Record<string, string>) => {
    const app = await createTestApp(env);
    apps.push(app);
    return app;
  };

  it('are on in sandbox mode', async () => {
    const app = await start({});
    expect((await app.gql(INTROSPECT)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await app.http().get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
  });

  it('answer the full introspection query that GraphiQL and code generators send (15 levels deep)', async () => {
    const app = await start({});
    const res = await app.gql(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    const types = (res.data as { __schema: { types: { name: string }[] } }).__schema.types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Query', 'Mutation', 'JobRun', 'Work']));
  });

  it('are off in live mode', async () => {
    const app = await start(LIVE);
    const res = await app.gql(INTROSPECT);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain('introspection');
    const page = await app.http().get('/graphql').set('accept', 'text/html');
    expect(page.text ?? '').not.toContain('<html');
  });

  it('can be turned on in live mode with GRAPHQL_INTROSPECTION=true', async () => {
    const app = await start({ ...LIVE, GRAPHQL_INTROSPECTION: 'true' });
    expect((await app.gql(INTROSPECT)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await app.http().get('/graphql').set('accept', 'text/html')).text).toContain('<html');
  });
});
