import * as fs from 'node:fs';
import * as path from 'node:path';
import { JobRescheduleError, JobsService } from '../src/jobs';
import type { ImportReport, PollReport } from '../src/listening';
import { PollJob } from '../src/listening/poll.job';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import { adminQueryIn, createTestApp, TEST_KEYS, TestApp } from './support/test-app';

type Polled = { playedAt: Date; msPlayed: number; spotifyId: string };

/**
 * Recently played beside the extended streaming history (the same plays stamped differently), and summaries of a
 * poll that stops half-way. Two listeners share the emulator's one Spotify user, so both see the same plays.
 */
describe('listening: polled plays beside imported ones, and interrupted polls', () => {
  // The emulator's history grows with its clock: a play about every 7 minutes since 2026-01-01.
  let clock = Date.UTC(2026, 2, 10, 12, 0, 0);
  let spotify: SpotifyEmulator;
  let app: TestApp;
  let jobs: JobsService;
  let first: string;
  let second: string;

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
    adminQueryIn<T>(app.databaseUrl, query, params);
  const plays = async (listenerId: string) =>
    (
      await sql<{ n: number }>('SELECT count(*)::int AS n FROM listening_play WHERE listener_id = $1', [
        listenerId,
      ])
    )[0].n;
  /** Plays the analytics count for a listener in March 2026 (the day summaries). */
  const summarised = async (listenerId: string) => {
    const res = await app.gql<{ listeningDaily: { plays: number }[] }>(
      'query($l: ID!) { listeningDaily(listenerId: $l, from: "2026-03-01", to: "2026-03-31") { plays } }',
      { l: listenerId },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.listeningDaily.reduce((sum, d) => sum + d.plays, 0);
  };
  /** The listener's recently-played plays (newest last), with their Spotify track ids. */
  const polled = (listenerId: string, after = new Date(0)) =>
    sql<Polled>(
      `SELECT DISTINCT ON (p.played_at) p.played_at AS "playedAt", p.ms_played AS "msPlayed",
         t.spotify_track_id AS "spotifyId"
       FROM listening_play p JOIN listening_track t USING (track_id)
       WHERE p.listener_id = $1 AND p.source = 'RECENTLY_PLAYED' AND p.played_at > $2
       ORDER BY p.played_at, t.spotify_track_id`,
      [listenerId, after],
    );
  /** Whole seconds, as the extended history writes `ts`. */
  const ts = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const extendedRow = (spotifyId: string, end: number, msPlayed: number) => ({
    ts: ts(end),
    username: null,
    ms_played: msPlayed,
    spotify_track_uri: `spotify:track:${spotifyId}`,
    master_metadata_track_name: 'whatever the export says',
    reason_end: 'trackdone',
    skipped: false,
  });
  /**
   * The extended history's view of polled plays: `ts` is the end of the stream. Recently played stamps a play at its
   * end on most clients and at its start on some: half the rows take each reading (and some were cut short).
   */
  const asExtendedHistory = (rows: Polled[]) =>
    rows.map((p, i) =>
      i % 2 === 0
        ? extendedRow(p.spotifyId, p.playedAt.getTime(), i % 4 === 0 ? 45_000 : p.msPlayed)
        : extendedRow(p.spotifyId, p.playedAt.getTime() + p.msPlayed, p.msPlayed),
    );

  async function importRows(listenerId: string, name: string, rows: unknown[]): Promise<ImportReport> {
    fs.writeFileSync(path.join(app.config.dataDir, 'imports', name), JSON.stringify(rows));
    const res = await app.gql<{ importListeningHistory: { id: string } }>(
      'mutation($l: ID!, $f: String!) { importListeningHistory(listenerId: $l, file: $f) { id } }',
      { l: listenerId, f: name },
    );
    expect(res.errors).toBeUndefined();
    const run = await jobs.waitFor(res.data!.importListeningHistory.id, { timeoutMs: 60_000 });
    expect(run.error).toBeNull();
    return run.result as ImportReport;
  }

  async function poll(listenerIds: string[]): Promise<PollReport> {
    const res = await app.gql<{ ingestRecentlyPlayed: { id: string } }>(
      'mutation($ids: [ID!]) { ingestRecentlyPlayed(listenerIds: $ids) { id } }',
      { ids: listenerIds },
    );
    expect(res.errors).toBeUndefined();
    const run = await jobs.waitFor(res.data!.ingestRecentlyPlayed.id, { timeoutMs: 30_000 });
    expect(run.status).toBe('SUCCEEDED');
    return run.result as PollReport;
  }

  /** Login (key in a header, no time zone) → Spotify approves → callback; waits for the poll it queues. */
  async function connect(): Promise<{ id: string; timeZone: string }> {
    const login = await app
      .http()
      .get('/auth/spotify/login')
      .set('authorization', `Bearer ${TEST_KEYS.operator}`);
    expect(login.status).toBe(302);
    const approved = await fetch(login.headers.location, { redirect: 'manual' });
    const back = new URL(approved.headers.get('location')!);
    const res = await app.http().get(`${back.pathname}${back.search}`);
    expect(res.status).toBe(200);
    const [runs] = await jobs.list({ kind: 'listening.poll' }, 100);
    for (const run of runs)
      expect((await jobs.waitFor(run.id, { timeoutMs: 30_000 })).status).toBe('SUCCEEDED');
    return res.body.listener as { id: string; timeZone: string };
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
      LISTENING_POLL_CRON: 'off',
      TZ_ANALYTICS: 'America/Denver',
    });
    jobs = app.app.get(JobsService);
    fs.mkdirSync(path.join(app.config.dataDir, 'imports'), { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
    await spotify?.stop();
  });

  it('connects a listener who gave no time zone in TZ_ANALYTICS', async () => {
    const listener = await connect();
    expect(listener.timeZone).toBe('America/Denver');
    first = listener.id;
    expect(await plays(first)).toBe(50);
    expect(await summarised(first)).toBe(50);
  });

  it('counts a play polled from recently played and then imported from the extended history once', async () => {
    const recent = await polled(first);
    expect(recent).toHaveLength(50);
    const day = 24 * 3600_000;
    const imported = await importRows(first, 'Streaming_History_Audio_poll_first.json', [
      ...asExtendedHistory(recent),
      // the same tracks three days earlier: other plays
      extendedRow(recent[0].spotifyId, recent[0].playedAt.getTime() - 3 * day, 200_000),
      extendedRow(recent[1].spotifyId, recent[1].playedAt.getTime() - 3 * day, 200_000),
    ]);
    expect(imported.plays).toMatchObject({ inserted: 2, duplicates: 50 });
    expect(await plays(first)).toBe(52);
    expect(await summarised(first)).toBe(52);
  });

  it('counts a play imported from the extended history and then polled once', async () => {
    // a second listener of the same Spotify user: the first one's user id is moved aside
    await sql(`UPDATE listener SET spotify_user_id = 'sandbox-listener-first' WHERE id = $1`, [first]);
    second = (await connect()).id;
    expect(second).not.toBe(first);
    expect(await plays(second)).toBe(50);
    const cursor = (await polled(second)).at(-1)!.playedAt;

    clock += 3 * 3600_000; // about 25 new plays
    await poll([first]); // the first listener learns them, as the export will
    const upcoming = await polled(first, cursor);
    expect(upcoming.length).toBeGreaterThanOrEqual(20);
    const imported = await importRows(
      second,
      'Streaming_History_Audio_import_first.json',
      asExtendedHistory(upcoming),
    );
    expect(imported.plays).toMatchObject({ inserted: upcoming.length, duplicates: 0 });

    const polledAfter = await poll([second]);
    expect(polledAfter.totals).toMatchObject({
      fetched: upcoming.length,
      inserted: 0,
      duplicates: upcoming.length,
    });
    expect(await plays(second)).toBe(50 + upcoming.length);
    expect(await summarised(second)).toBe(50 + upcoming.length);
  });

  // Last: the 429 blocks the app's Spotify calls for an hour.
  it("summarises a listener's new plays when a later listener's poll stops the run", async () => {
    clock += 2 * 3600_000; // about 17 new plays
    const before = { first: await plays(first), second: await plays(second) };
    const progress: number[] = [];
    const ctx = {
      jobRunId: 'interrupted-poll',
      attempt: 1,
      signal: new AbortController().signal,
      checkpoint: undefined,
      saveCheckpoint: () => Promise.resolve(),
      progress: (done: number) => {
        progress.push(done);
        // once the first listener is stored, Spotify asks to come back in an hour
        if (done === 1) {
          spotify.injectFault({
            method: 'GET',
            path: '/v1/me/player/recently-played',
            status: 429,
            retryAfter: 3600,
          });
        }
        return Promise.resolve();
      },
    };
    await expect(app.app.get(PollJob).run({}, ctx as never)).rejects.toBeInstanceOf(JobRescheduleError);
    expect(progress).toEqual([1]);
    const stored = await plays(first);
    expect(stored).toBeGreaterThanOrEqual(before.first + 12);
    expect(await plays(second)).toBe(before.second);
    // the run stopped before its end, yet the first listener's new plays are in the summaries: its cursor moved,
    // so the rescheduled run would find nothing new to summarise for it
    expect(await summarised(first)).toBe(stored);
    expect(await summarised(second)).toBe(before.second);
  });
});
