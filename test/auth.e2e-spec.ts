import { createTestApp, TestApp } from './support/test-app';

const CANCEL = 'mutation { cancelJob(id: "00000000-0000-0000-0000-000000000000") { id } }';

describe('auth', () => {
  let app: TestApp;
  let privateApp: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    privateApp = await createTestApp({ PUBLIC_READS: 'false' });
  });
  afterAll(async () => {
    await app?.close();
    await privateApp?.close();
  });

  it('answers a mutation without a key with UNAUTHENTICATED', async () => {
    const res = await app.gql(CANCEL, {}, { as: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers a reader key on an operator mutation with FORBIDDEN', async () => {
    const res = await app.gql(CANCEL, {}, { as: 'reader' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('operator');
  });

  it('lets an operator (and an admin) through to the resolver', async () => {
    for (const as of ['operator', 'admin'] as const) {
      const res = await app.gql(CANCEL, {}, { as });
      // past the guard: the resolver looked the run up and did not find it
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('rejects an unknown key even where no key is needed', async () => {
    const res = await app.gql('{ jobRuns { totalCount } }', {}, { key: 'not-a-key-0123456789abcdef' });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves queries without a key when PUBLIC_READS=true', async () => {
    const res = await app.gql('{ jobRuns { totalCount } }', {}, { as: null });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ jobRuns: { totalCount: 0 } });
  });

  it('needs a key for queries when PUBLIC_READS=false', async () => {
    const anonymous = await privateApp.gql('{ jobRuns { totalCount } }', {}, { as: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await privateApp.gql('{ jobRuns { totalCount } }', {}, { as: 'reader' });
    expect(reader.data).toEqual({ jobRuns: { totalCount: 0 } });
  });

  it('keeps health and metrics open', async () => {
    await privateApp.http().get('/health').expect(200);
    await privateApp.http().get('/metrics').expect(200);
  });
});
