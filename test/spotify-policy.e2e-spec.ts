import { Client } from 'pg';
import { LoaderRegistry } from '../src/common/loaders';
import { JobRegistry, JobsService } from '../src/jobs';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import {
  SpotifyApiError,
  SpotifyAuthenticationError,
  SpotifyRateLimitedError,
  SpotifyService,
  SpotifyUnavailableError,
} from '../src/spotify';
import { createTestApp, TestApp } from './support/test-app';

const spotifyEnv = (emulator: SpotifyEmulator): Record<string, string> => ({
  SPOTIFY_API_URL: emulator.apiUrl,
  SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
  SPOTIFY_CLIENT_ID: emulator.clientId,
  SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
  // single-id calls: one lookup is one request, which keeps the request log easy to read
  SPOTIFY_API_MODE: 'development',
  SPOTIFY_RETRY_BASE_MS: '20',
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('Spotify request policy', () => {
  let spotify: SpotifyEmulator;
  let first: TestApp;
  let second: TestApp;
  let db: Client;
  let trackIds: string[];
  let next = 0;
  /** A track id no earlier test looked up (nothing is cached across jobs, but it keeps logs unambiguous). */
  const freshId = () => trackIds[next++];
  const lookup = (app: TestApp, id: string) => app.app.get(SpotifyService).forJob().track(id);
  const calls = (path?: string) =>
    spotify.requestLog().filter((r) => (path ? r.path.startsWith(path) : true));

  beforeAll(async () => {
    spotify = new SpotifyEmulator({ mode: 'development', rateLimit: false });
    await spotify.start();
    first = await createTestApp(spotifyEnv(spotify));
    // a second process of the same service: same database, its own memory
    second = await createTestApp(spotifyEnv(spotify), first.databaseUrl);
    db = new Client({ connectionString: first.databaseUrl });
    await db.connect();
    trackIds = spotify.catalog.tracks.map((t) => t.id);
  });

  afterAll(async () => {
    await db?.end();
    await Promise.all([first?.close(), second?.close()]);
    await spotify?.stop();
  });

  beforeEach(() => {
    spotify.clearFaults();
    spotify.clearRequestLog();
  });

  it('retries 503 twice and succeeds on the third attempt', async () => {
    const id = freshId();
    spotify.injectFault({ status: 503, count: 2, path: `/v1/tracks/${id}` });
    await expect(lookup(first, id)).resolves.toMatchObject({ id });
    expect(calls(`/v1/tracks/${id}`).map((r) => r.status)).toEqual([503, 503, 200]);

    const metrics = (await first.http().get('/metrics')).text;
    expect(metrics).toMatch(
      /soundgraph_spotify_retries_total\{endpoint="GET \/tracks\/\{id\}",cause="5xx"\} 2/,
    );
    expect(metrics).toMatch(
      /soundgraph_spotify_requests_total\{endpoint="GET \/tracks\/\{id\}",status="503"\} 2/,
    );
  });

  it('gives up after 5 attempts with UPSTREAM_UNAVAILABLE', async () => {
    const id = freshId();
    spotify.injectFault({ status: 502, path: `/v1/tracks/${id}` });
    const error = await lookup(first, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyUnavailableError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(calls(`/v1/tracks/${id}`)).toHaveLength(5);
  });

  it('does not retry a 400', async () => {
    const id = freshId();
    spotify.injectFault({ status: 400, count: 3, path: `/v1/tracks/${id}` });
    await expect(lookup(first, id)).rejects.toMatchObject({ status: 400 });
    await expect(lookup(first, id)).rejects.toBeInstanceOf(SpotifyApiError);
    expect(calls(`/v1/tracks/${id}`)).toHaveLength(2); // one per lookup, none repeated
  });

  it('does not retry a 404: the unknown id is null after one request', async () => {
    await expect(lookup(first, 'Unknown000000000000404')).resolves.toBeNull();
    expect(calls('/v1/').map((r) => `${r.path} ${r.status}`)).toEqual([
      '/v1/tracks/Unknown000000000000404 404',
    ]);
  });

  it('renews an expired token once, even for concurrent calls', async () => {
    await lookup(first, freshId()); // a cached token
    spotify.expireTokens();
    spotify.clearRequestLog();
    const ids = [freshId(), freshId(), freshId(), freshId()];
    const tracks = await Promise.all(ids.map((id) => lookup(first, id)));
    expect(tracks.map((t) => t?.id)).toEqual(ids);
    expect(calls('/api/token')).toHaveLength(1);
    expect(calls('/v1/').filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
    expect(calls('/v1/').filter((r) => r.status === 200)).toHaveLength(4);
  });

  it('fails after one renewal when Spotify keeps refusing the token', async () => {
    const id = freshId();
    await lookup(first, freshId());
    spotify.clearRequestLog();
    spotify.injectFault({ status: 401, count: 2, path: `/v1/tracks/${id}` });
    await expect(lookup(first, id)).rejects.toBeInstanceOf(SpotifyAuthenticationError);
    expect(calls().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /v1/tracks/${id} 401`,
      'POST /api/token 200',
      `GET /v1/tracks/${id} 401`,
    ]);
  });

  it('after a 429 with Retry-After: 2, neither process calls Spotify for 2 s', async () => {
    await Promise.all([lookup(first, freshId()), lookup(second, freshId())]); // both hold tokens
    spotify.clearRequestLog();
    const limited = freshId();
    spotify.injectFault({ status: 429, retryAfter: 2, count: 1, path: `/v1/tracks/${limited}` });

    const waited = lookup(first, limited);
    await until(async () => {
      const rows = await db.query("SELECT 1 FROM provider_rate_limit WHERE provider = 'spotify'");
      return rows.rowCount === 1;
    });
    const others = [lookup(second, freshId()), lookup(second, freshId()), lookup(first, freshId())];
    const results = await Promise.all([waited, ...others]);
    expect(results.every((t) => t !== null)).toBe(true);

    const log = calls('/v1/');
    expect(log[0]).toMatchObject({ path: `/v1/tracks/${limited}`, status: 429 });
    const limitedAt = Date.parse(log[0].time);
    const after = log.slice(1);
    expect(after).toHaveLength(4);
    for (const call of after) expect(Date.parse(call.time) - limitedAt).toBeGreaterThanOrEqual(2000);
  });

  it('turns QUOTA_EXCEEDED into the reschedule error at once, for every process', async () => {
    spotify.injectFault({
      status: 429,
      retryAfter: 1,
      reason: 'QUOTA_EXCEEDED',
      count: 1,
      path: '/v1/tracks/',
    });
    const error = await lookup(first, freshId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyRateLimitedError);
    expect(error).toMatchObject({ quotaExceeded: true });
    // the other process does not even try while the quota block lasts
    await expect(lookup(second, freshId())).rejects.toMatchObject({ quotaExceeded: true });
    expect(calls('/v1/')).toHaveLength(1);
    await sleep(1100);
    await expect(lookup(second, freshId())).resolves.not.toBeNull();
  });

  it('with Retry-After: 3600 throws the typed reschedule error without sleeping; jobs reschedule themselves', async () => {
    spotify.injectFault({ status: 429, retryAfter: 3600, count: 1, path: '/v1/tracks/' });
    const startedAt = Date.now();
    const error = await lookup(first, freshId()).catch((e: unknown) => e);
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(error).toBeInstanceOf(SpotifyRateLimitedError);
    expect((error as SpotifyRateLimitedError).delaySeconds).toBeGreaterThan(3590);

    // The other process reads the block from the database and sends nothing.
    const secondStartedAt = Date.now();
    await expect(lookup(second, freshId())).rejects.toBeInstanceOf(SpotifyRateLimitedError);
    expect(Date.now() - secondStartedAt).toBeLessThan(1000);
    expect(calls('/v1/')).toHaveLength(1);

    // In a GraphQL request the same wait is an outage of the provider.
    const registry = second.app.get(LoaderRegistry);
    await expect(
      second.app.get(SpotifyService).forRequest(registry.forRequest()).track(freshId()),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });

    // A job meeting it goes back to the queue for an hour instead of failing or sleeping.
    const id = freshId();
    second.app.get(JobRegistry).register({
      kind: 'test.spotify-lookup',
      handle: () => second.app.get(SpotifyService).forJob().track(id),
    });
    const jobs = second.app.get(JobsService);
    const run = await jobs.start('test.spotify-lookup');
    await until(async () => (await jobs.get(run.id))?.error?.startsWith('rescheduled in') ?? false, 15_000);
    expect(await jobs.get(run.id)).toMatchObject({
      status: 'QUEUED',
      error: expect.stringMatching(/^rescheduled in 3\d{3} s/),
    });
    expect(calls('/v1/')).toHaveLength(1);

    const status = await second.gql<{ spotifyStatus: { rateLimitedUntil: string } }>(
      '{ spotifyStatus { rateLimitedUntil } }',
    );
    expect(Date.parse(status.data!.spotifyStatus.rateLimitedUntil) - Date.now()).toBeGreaterThan(3500_000);
  });
});

describe('Spotify unreachable', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({
      SPOTIFY_API_URL: 'http://127.0.0.1:9/v1',
      SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:9',
      SPOTIFY_CLIENT_ID: 'id',
      SPOTIFY_CLIENT_SECRET: 'secret',
      SPOTIFY_RETRY_BASE_MS: '5',
    });
  });
  afterAll(() => app?.close());

  it('retries network errors 5 times in all, then reports UPSTREAM_UNAVAILABLE', async () => {
    const error = await app.app
      .get(SpotifyService)
      .forJob()
      .track('293x3NAIGPR4RCJrFkzs0P')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyUnavailableError);
    const metrics = (await app.http().get('/metrics')).text;
    expect(metrics).toMatch(
      /soundgraph_spotify_requests_total\{endpoint="POST \/api\/token",status="network"\} 5/,
    );
  });
});
