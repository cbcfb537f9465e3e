import { Client } from 'pg';
import { LoaderRegistry } from '../src/common/loaders';
import { AppConfig } from '../src/config';
import { JobRegistry, JobsService } from '../src/jobs';
import { MetricsService } from '../src/observability/metrics.service';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import {
  SpotifyApiError,
  SpotifyAuthenticationError,
  SpotifyRateLimitedError,
  SpotifyService,
  SpotifyUnavailableError,
} from '../src/spotify';
import { SpotifyHttp } from '../src/spotify/spotify-http';
import { SpotifyRateGate } from '../src/spotify/spotify-rate-gate';
import { Spawned, spawnTs } from './support/processes';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const spotifyEnv = (emulator: SpotifyEmulator): Record<string, string> => ({
  SPOTIFY_API_URL: emulator.apiUrl,
  SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
  SPOTIFY_CLIENT_ID: emulator.clientId,
  SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
  // single-id calls: one lookup is one request, which keeps the request log easy to read
  SPOTIFY_API_MODE: 'development',
  SPOTIFY_RETRY_BASE_MS: '20',
});

/** One track lookup as a job makes it (a fresh loader cache, so every call reaches Spotify). */
const jobLookup = (app: TestApp, id: string) => app.app.get(SpotifyService).forJob().track(id);

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

describe('Spotify 429 without Retry-After', () => {
  const spotify = new SpotifyEmulator({ rateLimit: false });
  const artistId = spotify.catalog.known.rueDeVivreArtistId;
  let databaseUrl: string;
  let app: TestApp;
  let cli: Spawned | undefined;

  beforeAll(async () => {
    await spotify.start();
    app = await createTestApp({ ...spotifyEnv(spotify), SPOTIFY_API_MODE: 'extended' });
    databaseUrl = app.databaseUrl;
  });
  afterAll(async () => {
    await cli?.stop();
    await app?.close();
    await spotify.stop();
  });

  it('blocks every process for 30 s through the database, and the job waits it out in place', async () => {
    // the first Web API call of the collection meets a 429 that says nothing about how long to wait
    spotify.injectFault({ status: 429, retryAfter: null, count: 1, path: '/v1/' });
    // another process (the CLI runs the job inline) meets it; this test does not wait the 30 s it then sleeps
    cli = spawnTs('src/cli/main.ts', ['insights', 'collect', artistId], {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      ...spotifyEnv(spotify),
      SPOTIFY_API_MODE: 'extended',
    });
    await cli.waitFor(/rate limited; waiting 30 s/, 60_000);

    const limited = spotify.requestLog().filter((r) => r.path.startsWith('/v1/'));
    expect(limited).toHaveLength(1);
    expect(limited[0].status).toBe(429);
    const [block] = await adminQueryIn<{ blocked_until: Date; reason: string; remaining_s: number }>(
      databaseUrl,
      `SELECT blocked_until, reason, EXTRACT(EPOCH FROM blocked_until - clock_timestamp())::float AS remaining_s
       FROM provider_rate_limit WHERE provider = 'spotify'`,
    );
    expect(block.reason).toBe('RATE_LIMIT');
    // 30 s from the 429, by the database's clock
    const blockedFor = (block.blocked_until.getTime() - Date.parse(limited[0].time)) / 1000;
    expect(blockedFor).toBeGreaterThanOrEqual(28);
    expect(blockedFor).toBeLessThanOrEqual(32);
    expect(block.remaining_s).toBeGreaterThan(0);
    expect(block.remaining_s).toBeLessThanOrEqual(30);

    // this process sees the same block
    const status = await app.gql<{ spotifyStatus: { rateLimitedUntil: string | null } }>(
      '{ spotifyStatus { rateLimitedUntil } }',
    );
    expect(status.errors).toBeUndefined();
    const until = Date.parse(status.data!.spotifyStatus.rateLimitedUntil!);
    expect(Math.abs(until - block.blocked_until.getTime())).toBeLessThan(1000);

    // 30 s is short enough to wait in place: the job is still running, not rescheduled, and sent nothing more
    const [run] = await adminQueryIn<{ status: string; error: string | null }>(
      databaseUrl,
      `SELECT status, error FROM job_run WHERE kind = 'insights.collect'`,
    );
    expect(run).toEqual({ status: 'RUNNING', error: null });
    expect(spotify.requestLog().filter((r) => r.path.startsWith('/v1/'))).toHaveLength(1);

    // stopped, the CLI ends its run; nothing was sent meanwhile
    expect(await cli.stop('SIGTERM')).toBe(143);
    expect(spotify.requestLog().filter((r) => r.path.startsWith('/v1/'))).toHaveLength(1);
  }, 90_000);
});

describe('Spotify app token renewal', () => {
  const tokenCalls = (emulator: SpotifyEmulator) =>
    emulator.requestLog().map((r) => `${r.method} ${r.path.startsWith('/v1/') ? '/v1' : r.path} ${r.status}`);

  describe('a short-lived token (renewed at half its life)', () => {
    // the emulator issues 4-second tokens; the client renews them after 2 s
    const spotify = new SpotifyEmulator({ mode: 'development', rateLimit: false, tokenTtlSeconds: 4 });
    let app: TestApp;
    beforeAll(async () => {
      await spotify.start();
      app = await createTestApp(spotifyEnv(spotify));
    });
    afterAll(async () => {
      await app?.close();
      await spotify.stop();
    });

    it('fetches a new token before a request in the token’s last moments, and is never refused', async () => {
      const ids = spotify.catalog.tracks.slice(0, 3).map((t) => t.id);
      const issuedBefore = Date.now();
      await expect(jobLookup(app, ids[0])).resolves.toMatchObject({ id: ids[0] });
      // still young: the cached token is used
      await expect(jobLookup(app, ids[1])).resolves.toMatchObject({ id: ids[1] });
      expect(tokenCalls(spotify)).toEqual(['POST /api/token 200', 'GET /v1 200', 'GET /v1 200']);

      // past half its life, still valid for the emulator (it lives 4 s)
      await sleep(Math.max(0, issuedBefore + 2100 - Date.now()));
      spotify.clearRequestLog();
      await expect(jobLookup(app, ids[2])).resolves.toMatchObject({ id: ids[2] });
      expect(tokenCalls(spotify)).toEqual(['POST /api/token 200', 'GET /v1 200']);
    });
  });

  describe('a token of the usual kind (renewed a minute early)', () => {
    // a real emulator clock; only this process's Date is moved forward
    const spotify = new SpotifyEmulator({ mode: 'development', rateLimit: false, tokenTtlSeconds: 150 });
    let app: TestApp;
    beforeAll(async () => {
      await spotify.start();
      app = await createTestApp(spotifyEnv(spotify));
    });
    afterAll(async () => {
      jest.useRealTimers();
      await app?.close();
      await spotify.stop();
    });

    it('keeps the token until 60 s before it expires, then renews it before the next request', async () => {
      const ids = spotify.catalog.tracks.slice(0, 3).map((t) => t.id);
      const issuedBefore = Date.now();
      await expect(jobLookup(app, ids[0])).resolves.toMatchObject({ id: ids[0] });
      const issuedAfter = Date.now();
      expect(tokenCalls(spotify)).toEqual(['POST /api/token 200', 'GET /v1 200']);

      // Only Date is faked (and goes on ticking): timers, sockets and the database work as usual.
      jest.useFakeTimers({
        advanceTimers: true,
        now: issuedBefore,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        // at least 150 - 85 = 65 s of life left: still the same token
        jest.setSystemTime(issuedBefore + 85_000);
        spotify.clearRequestLog();
        await expect(jobLookup(app, ids[1])).resolves.toMatchObject({ id: ids[1] });
        expect(tokenCalls(spotify)).toEqual(['GET /v1 200']);

        // at most 150 - 91 = 59 s left: a new token first (the emulator would still have accepted the old one)
        jest.setSystemTime(issuedAfter + 91_000);
        spotify.clearRequestLog();
        await expect(jobLookup(app, ids[2])).resolves.toMatchObject({ id: ids[2] });
        expect(tokenCalls(spotify)).toEqual(['POST /api/token 200', 'GET /v1 200']);
      } finally {
        jest.useRealTimers();
      }
    });
  });
});

describe('Spotify request timeout', () => {
  const spotify = new SpotifyEmulator({ rateLimit: false });
  const ids = spotify.catalog.tracks.slice(0, 4).map((t) => t.id);
  let app: TestApp;
  let http: SpotifyHttp;
  let token: string;
  const get = (id: string) =>
    http.send({
      endpoint: 'GET /tracks/{id}',
      method: 'GET',
      url: `${spotify.apiUrl}/tracks/${id}`,
      headers: { Authorization: `Bearer ${token}` },
    });
  /** The emulator logs a delayed request once it has answered it, however late. */
  const answered = async (id: string, count: number) => {
    const of = () => spotify.requestLog().filter((r) => r.path === `/v1/tracks/${id}`);
    await until(() => of().length >= count, 10_000);
    return of();
  };
  const gaps = (log: readonly { time: string }[]) =>
    log.slice(1).map((r, i) => Date.parse(r.time) - Date.parse(log[i].time));

  beforeAll(async () => {
    await spotify.start();
    app = await createTestApp(spotifyEnv(spotify));
    // The service's client with its timeout cut to 300 ms: the shared rate gate, configuration and metrics are the app's.
    http = new SpotifyHttp(
      app.app.get(AppConfig),
      app.app.get(SpotifyRateGate),
      app.app.get(MetricsService),
      { timeoutMs: 300 },
    );
    token = spotify.issueClientToken().access_token;
  });
  afterAll(async () => {
    http?.onModuleDestroy();
    await app?.close();
    await spotify.stop();
  });
  beforeEach(() => {
    spotify.clearFaults();
    spotify.clearRequestLog();
  });

  it('gives up on an attempt that has no answer in time, and retries it like a network error', async () => {
    spotify.injectFault({ delayMs: 3000, count: 2, path: `/v1/tracks/${ids[0]}` });
    const res = await get(ids[0]);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ id: ids[0] });
    const log = await answered(ids[0], 3);
    expect(log).toHaveLength(3);
    // each retry went out after the timeout, long before the slow answer came
    for (const gap of gaps(log)) {
      expect(gap).toBeGreaterThanOrEqual(300);
      expect(gap).toBeLessThan(3000);
    }
    const metrics = (await app.http().get('/metrics')).text;
    expect(metrics).toMatch(
      /soundgraph_spotify_requests_total\{endpoint="GET \/tracks\/\{id\}",status="timeout"\} 2\n/,
    );
    expect(metrics).toMatch(
      /soundgraph_spotify_retries_total\{endpoint="GET \/tracks\/\{id\}",cause="network"\} 2\n/,
    );
  });

  it('after 5 attempts without an answer reports UPSTREAM_UNAVAILABLE', async () => {
    spotify.injectFault({ delayMs: 3000, path: `/v1/tracks/${ids[1]}` });
    const error = await get(ids[1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyUnavailableError);
    expect((error as Error).message).toContain('no answer within 0.3 s (5 attempts)');
    // the call is over: the five attempts are all there will be
    const log = await answered(ids[1], 5);
    expect(log).toHaveLength(5);
    for (const gap of gaps(log)) {
      expect(gap).toBeGreaterThanOrEqual(300);
      expect(gap).toBeLessThan(3000);
    }
  });

  it('with the default timeout, a slow answer is waited for', async () => {
    spotify.injectFault({ delayMs: 1500, count: 1, path: `/v1/tracks/${ids[2]}` });
    await expect(jobLookup(app, ids[2])).resolves.toMatchObject({ id: ids[2] });
    expect(spotify.requestLog().filter((r) => r.path.startsWith('/v1/'))).toEqual([
      expect.objectContaining({ path: `/v1/tracks/${ids[2]}`, status: 200 }),
    ]);
  });
});
