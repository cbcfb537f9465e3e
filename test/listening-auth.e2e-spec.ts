import { SchedulerRegistry } from '@nestjs/schedule';
import { JobRegistry, JobsService } from '../src/jobs';
import type { PollReport } from '../src/listening';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import { adminQueryIn, createTestApp, TEST_KEYS, TestApp } from './support/test-app';

const LISTENER =
  'id spotifyUserId displayName timeZone status needsReauth reauthReason authorizedAt reauthDueAt';

type Listener = {
  id: string;
  spotifyUserId: string;
  timeZone: string;
  status: string;
  needsReauth: boolean;
  reauthReason: string | null;
};

describe('listening: connecting listeners (OAuth) and polling recently played', () => {
  // The emulator's history grows with its clock: a play about every 7 minutes since 2026-01-01.
  let clock = Date.UTC(2026, 2, 10, 12, 0, 0);
  let spotify: SpotifyEmulator;
  let app: TestApp;
  let jobs: JobsService;

  const plays = async (listenerId: string) =>
    (
      await adminQueryIn<{ n: number }>(
        app.databaseUrl,
        'SELECT count(*)::int AS n FROM listening_play WHERE listener_id = $1',
        [listenerId],
      )
    )[0].n;

  const login = (query: string, headers: Record<string, string> = {}) => {
    const req = app.http().get(`/auth/spotify/login${query}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req;
  };

  /** Login → Spotify's /authorize (the emulator approves) → the callback URL Spotify redirects the browser to. */
  async function authorize(
    query = `?key=${TEST_KEYS.operator}`,
  ): Promise<{ callback: string; authorizeUrl: URL }> {
    const res = await login(query);
    expect(res.status).toBe(302);
    const authorizeUrl = new URL(res.headers.location);
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    return { callback: `${back.pathname}${back.search}`, authorizeUrl };
  }

  async function listeners(): Promise<Listener[]> {
    const res = await app.gql<{ listeners: Listener[] }>(`{ listeners { ${LISTENER} } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.listeners;
  }

  async function ingest(): Promise<PollReport> {
    const res = await app.gql<{ ingestRecentlyPlayed: { id: string } }>(
      'mutation { ingestRecentlyPlayed { id } }',
    );
    expect(res.errors).toBeUndefined();
    const run = await jobs.waitFor(res.data!.ingestRecentlyPlayed.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('SUCCEEDED');
    return run.result as PollReport;
  }

  /** The poll the callback queued for a new connection (after every earlier one). */
  async function initialPoll(): Promise<PollReport> {
    const [runs] = await jobs.list({ kind: 'listening.poll' }, 100);
    const finished = await Promise.all(runs.map((r) => jobs.waitFor(r.id, { timeoutMs: 30_000 })));
    expect(finished.map((r) => r.status)).toEqual(finished.map(() => 'SUCCEEDED'));
    return finished[0].result as PollReport;
  }

  beforeAll(async () => {
    spotify = new SpotifyEmulator({ now: () => clock, rateLimit: false, tokenTtlSeconds: 3600 });
    await spotify.start();
    app = await createTestApp({
      SPOTIFY_API_URL: spotify.apiUrl,
      SPOTIFY_ACCOUNTS_URL: spotify.accountsUrl,
      SPOTIFY_CLIENT_ID: spotify.clientId,
      SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
      SPOTIFY_API_MODE: 'extended',
      // a schedule that does not fire during the test (January 1st): its registration is checked below
      LISTENING_POLL_CRON: '0 0 1 1 *',
      TZ_ANALYTICS: 'America/Denver',
    });
    jobs = app.app.get(JobsService);
  });
  afterAll(async () => {
    await app?.close();
    await spotify?.stop();
  });

  it('schedules the poll with LISTENING_POLL_CRON in TZ_ANALYTICS', () => {
    const job = app.app.get(SchedulerRegistry).getCronJob('listening-poll');
    expect(job.cronTime.source).toBe('0 0 1 1 *');
    expect(job.cronTime.timeZone).toBe('America/Denver');
  });

  it('lets only operators start a login, and sends them to Spotify with a state', async () => {
    expect((await login('')).status).toBe(401);
    expect((await login('?key=not-a-key-at-all-0123')).status).toBe(401);
    const reader = await login(`?key=${TEST_KEYS.reader}`);
    expect(reader.status).toBe(403);
    expect(reader.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(
      (await login('?timeZone=Mars/Olympus', { authorization: `Bearer ${TEST_KEYS.operator}` })).status,
    ).toBe(400);

    const res = await login('', { authorization: `Bearer ${TEST_KEYS.operator}` });
    expect(res.status).toBe(302);
    // a login URL may hold the key: no Referer passes it on
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const url = new URL(res.headers.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${spotify.accountsUrl}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: spotify.clientId,
      response_type: 'code',
      scope: 'user-read-recently-played',
      redirect_uri: app.config.spotify.redirectUri,
    });
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    // only a hash of the state is kept
    const states = await adminQueryIn<{ state_hash: string }>(
      app.databaseUrl,
      'SELECT state_hash FROM listening_oauth_state',
    );
    expect(states.map((s) => s.state_hash)).not.toContain(url.searchParams.get('state'));
  });

  it('connects a listener through the round trip, with a sealed refresh token, and polls its history', async () => {
    const { callback } = await authorize(`?key=${TEST_KEYS.operator}&timeZone=Europe/Paris&listener=Sandy`);
    const res = await app.http().get(callback);
    expect(res.status).toBe(200);
    expect(res.body.listener).toMatchObject({
      spotifyUserId: 'sandbox-listener',
      displayName: 'Sandy',
      timeZone: 'Europe/Paris',
      status: 'CONNECTED',
      needsReauth: false,
    });
    const [stored] = await adminQueryIn<{ sealed: Buffer }>(
      app.databaseUrl,
      'SELECT refresh_token_sealed AS sealed FROM listener',
    );
    expect(stored.sealed[0]).toBe(1); // layout version; Spotify refresh tokens start with "AQ"
    expect(stored.sealed.toString('latin1')).not.toMatch(/AQ[\w-]{20}/);

    // the callback queued a first poll: the 50 plays Spotify keeps
    const first = await initialPoll();
    expect(first.listeners).toEqual([
      expect.objectContaining({ outcome: 'POLLED', fetched: 50, inserted: 50 }),
    ]);
    expect(first.summariesRefreshed).toBe(1);
    expect(first.newArtists).toBeGreaterThan(0);
    // new artists queue the enrichment module's job, once per ingestion run (skipped, and said, without it)
    if (app.app.get(JobRegistry).get('spotify.enrich-artists')) {
      const queued = await jobs.get(first.artistEnrichment.jobRunId!);
      expect(queued).toMatchObject({ kind: 'spotify.enrich-artists', payload: { mode: 'INCREMENTAL' } });
    } else {
      expect(first.artistEnrichment.skipped).toContain('not registered');
    }
    const [listener] = await listeners();
    expect(await plays(listener.id)).toBe(50);
  });

  it('refuses a reused, unknown or missing state', async () => {
    const { callback } = await authorize();
    expect((await app.http().get(callback)).status).toBe(200);
    const reused = await app.http().get(callback);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });

    const { callback: other } = await authorize();
    const forged = other.replace(/state=[^&]+/, 'state=forged-state-value');
    const wrong = await app.http().get(forged);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('state');
    expect((await app.http().get('/auth/spotify/callback?code=abc')).status).toBe(400);
    // the genuine state still works once: a forged attempt does not spend it
    expect((await app.http().get(other)).status).toBe(200);
    expect(await listeners()).toHaveLength(1); // the same Spotify user reconnected each time
  });

  it('mints a single-use login link through GraphQL for operators, holding no key', async () => {
    const mint = `mutation { createListenerLoginLink { url expiresAt } }`;
    const reader = await app.gql(mint, {}, { as: 'reader' });
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await app.gql<{ createListenerLoginLink: { url: string; expiresAt: string } }>(mint);
    expect(res.errors).toBeUndefined();
    const { url, expiresAt } = res.data!.createListenerLoginLink;
    const link = new URL(url);
    expect(`${link.origin}${link.pathname}`).toBe(`${spotify.accountsUrl}/authorize`);
    expect(url).not.toContain(TEST_KEYS.operator);
    expect(link.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    const ttl = Date.parse(expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(50 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);
    const bad = await app.gql(`mutation { createListenerLoginLink(timeZone: "Mars/Base") { url } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });

    // whoever opens it goes through Spotify's consent and back to the callback, once
    const approved = await fetch(link, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    const connected = await app.http().get(`${back.pathname}${back.search}`);
    expect(connected.status).toBe(200);
    expect(connected.body.listener).toMatchObject({ spotifyUserId: 'sandbox-listener', status: 'CONNECTED' });
    const again = await app.http().get(`${back.pathname}${back.search}`);
    expect(again.status).toBe(400);
    expect(again.body.error.field).toBe('state');
    expect(await listeners()).toHaveLength(1);
    await initialPoll();
  });

  it('refuses a code Spotify does not accept (invalid_grant) as bad input, spending the state', async () => {
    const before = await listeners();
    const { callback } = await authorize();
    const forged = callback.replace(/code=[^&]+/, 'code=made-up-code');
    expect(forged).not.toBe(callback);
    const refused = await app.http().get(forged);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'code',
      message: expect.stringContaining('Invalid authorization code'),
    });
    // the state was spent by the failed attempt: the genuine code cannot be used with it any more
    expect((await app.http().get(callback)).body.error.field).toBe('state');
    expect(await listeners()).toEqual(before);
  });

  it('says so when Spotify refuses the user (development mode: not in the dashboard)', async () => {
    await initialPoll(); // no poll in flight (its recently-played calls must not meet the fault)
    spotify.injectFault({
      method: 'GET',
      path: '^/v1/me$',
      status: 403,
      body: { error: { status: 403, message: 'User not registered in the Developer Dashboard' } },
      count: 1,
    });
    const { callback } = await authorize();
    const refused = await app.http().get(callback);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('User not registered in the Developer Dashboard'),
    });
  });

  it('spends the state when the listener declines on Spotify', async () => {
    spotify.setAuthorizeDecision('deny');
    try {
      const { callback } = await authorize();
      expect(callback).toContain('error=access_denied');
      const denied = await app.http().get(callback);
      expect(denied.status).toBe(400);
      expect(denied.body.error.field).toBe('error');
      expect((await app.http().get(callback)).body.error.field).toBe('state');
    } finally {
      spotify.setAuthorizeDecision('approve');
    }
  });

  it('stores no play twice when polling again, and stores only the new ones later', async () => {
    const [listener] = await listeners();
    await initialPoll();
    const before = await plays(listener.id);
    const again = await ingest();
    expect(again.totals).toMatchObject({ inserted: 0 });
    const twice = await ingest();
    expect(twice.totals).toMatchObject({ inserted: 0 });
    expect(await plays(listener.id)).toBe(before);

    clock += 2 * 3600_000; // about 17 new plays
    const later = await ingest();
    expect(later.totals.inserted).toBeGreaterThanOrEqual(15);
    expect(later.totals.inserted).toBeLessThanOrEqual(19);
    expect(later.totals.duplicates).toBe(0);
    expect(await plays(listener.id)).toBe(before + later.totals.inserted);
    const dupes = await adminQueryIn<{ n: number }>(
      app.databaseUrl,
      `SELECT count(*)::int AS n FROM (SELECT played_at FROM listening_play GROUP BY listener_id, played_at
       HAVING count(*) > 1) d`,
    );
    expect(dupes[0].n).toBe(0);

    // the summaries follow each poll: the days of the new plays were rebuilt
    const daily = await app.gql<{ listeningDaily: { date: string; plays: number }[] }>(
      'query($l: ID!) { listeningDaily(listenerId: $l, from: "2026-03-01", to: "2026-03-31") { date plays } }',
      { l: listener.id },
    );
    expect(daily.data!.listeningDaily.reduce((sum, d) => sum + d.plays, 0)).toBe(await plays(listener.id));
  });

  it('marks a listener NEEDS_REAUTH when Spotify answers invalid_grant, and stops polling it', async () => {
    spotify.revokeRefreshTokens();
    const report = await ingest();
    expect(report.listeners).toEqual([
      expect.objectContaining({
        outcome: 'NEEDS_REAUTH',
        error: expect.stringContaining('Invalid refresh token'),
      }),
    ]);
    const [listener] = await listeners();
    expect(listener).toMatchObject({ status: 'NEEDS_REAUTH', needsReauth: true });
    expect(listener.reauthReason).toContain('connect again');

    spotify.clearRequestLog();
    const skipped = await ingest();
    expect(skipped.listeners).toEqual([]);
    expect(spotify.requestLog().filter((r) => r.path === '/api/token')).toEqual([]);

    // connecting again clears it, keeping the listener (and its time zone)
    const { callback } = await authorize();
    expect((await app.http().get(callback)).status).toBe(200);
    await initialPoll();
    const [back] = await listeners();
    expect(back).toMatchObject({
      id: listener.id,
      status: 'CONNECTED',
      needsReauth: false,
      displayName: 'Sandy', // the label given at the first login
      timeZone: 'Europe/Paris',
    });
  });

  it('treats a refresh token older than six months the same way', async () => {
    clock += 183 * 24 * 3600_000;
    const report = await ingest();
    expect(report.listeners[0]).toMatchObject({ outcome: 'NEEDS_REAUTH' });
    expect((await listeners())[0].needsReauth).toBe(true);
  });

  it('asks for a new connection when the stored token no longer decrypts (another ENCRYPTION_KEY)', async () => {
    const { callback } = await authorize();
    expect((await app.http().get(callback)).status).toBe(200);
    await initialPoll();
    await adminQueryIn(
      app.databaseUrl,
      // flip one byte of the GCM tag
      `UPDATE listener SET refresh_token_sealed =
         set_byte(refresh_token_sealed, 20, get_byte(refresh_token_sealed, 20) # 255)`,
    );
    const report = await ingest();
    expect(report.listeners[0]).toMatchObject({
      outcome: 'NEEDS_REAUTH',
      error: expect.stringContaining('cannot be decrypted'),
    });
  });

  it('disconnects a listener: token forgotten, history kept, not polled', async () => {
    const { callback } = await authorize();
    expect((await app.http().get(callback)).status).toBe(200);
    await initialPoll();
    const [listener] = await listeners();
    const kept = await plays(listener.id);
    const reader = await app.gql(
      'mutation($id: ID!) { disconnectListener(id: $id) { id } }',
      { id: listener.id },
      {
        as: 'reader',
      },
    );
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await app.gql<{ disconnectListener: Listener }>(
      `mutation($id: ID!) { disconnectListener(id: $id) { ${LISTENER} } }`,
      { id: listener.id },
    );
    expect(res.data?.disconnectListener).toMatchObject({ status: 'DISCONNECTED', needsReauth: false });
    const [row] = await adminQueryIn<{ sealed: Buffer | null }>(
      app.databaseUrl,
      'SELECT refresh_token_sealed AS sealed FROM listener',
    );
    expect(row.sealed).toBeNull();
    expect(await plays(listener.id)).toBe(kept);
    expect((await ingest()).listeners).toEqual([]);
  });
});
