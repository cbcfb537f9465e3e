import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobsService } from '../src/jobs';
import type { ImportReport } from '../src/listening';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { runTs, spawnTs } from './support/processes';
import { createTestDatabase } from './support/test-database';
import { adminQueryIn, createTestApp, TEST_KEYS } from './support/test-app';

const catalog = SpotifyCatalog.generate();

describe('soundgraph listening (CLI)', () => {
  let databaseUrl: string;
  let dir: string;
  let env: Record<string, string>;
  let file: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listening-cli-'));
    env = { DATABASE_URL: databaseUrl, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    file = path.join(dir, 'Streaming_History_Audio_2025.json');
    const start = Date.UTC(2025, 5, 1);
    fs.writeFileSync(
      file,
      JSON.stringify(
        Array.from({ length: 40 }, (_, i) => ({
          ts: new Date(start + i * 3600_000).toISOString(),
          ms_played: i % 10 === 0 ? 12_000 : 190_000,
          spotify_track_uri: `spotify:track:${catalog.tracks[i].id}`,
          master_metadata_track_name: catalog.tracks[i].name,
        })),
      ),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('asks which listener when none is given, imports with a progress bar, and adds nothing the second time', async () => {
    const none = await runTs('src/cli/main.ts', ['listening', 'import', file], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no listener yet');

    const args = [
      'listening',
      'import',
      file,
      '--listener',
      'cli-user',
      '--create',
      '--time-zone',
      'Europe/Paris',
    ];
    const first = await runTs('src/cli/main.ts', args, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created listener [0-9a-f-]{36} \(cli-user, Europe\/Paris\)/);
    expect(first.stderr).toMatch(/import \(KiB\) \[.*\] 100% .*SUCCEEDED/);
    expect(first.stdout).toContain('"inserted": 36');
    expect(first.stdout).toContain('"skippedShort": 4');

    const again = await runTs(
      'src/cli/main.ts',
      ['listening', 'import', file, '--listener', 'cli-user'],
      env,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('"inserted": 0');
    expect(again.stdout).toContain('"duplicates": 36');
    const [row] = await adminQueryIn<{ n: number; tz: string }>(
      databaseUrl,
      'SELECT count(*)::int AS n, min(l.time_zone) AS tz FROM listening_play p JOIN listener l ON l.id = p.listener_id',
    );
    expect(row).toEqual({ n: 36, tz: 'Europe/Paris' });

    const list = await runTs('src/cli/main.ts', ['listening', 'listeners'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('cli-user');
    expect(list.stdout).toContain('DISCONNECTED');
    expect(list.stdout).toContain('1 listener(s)');

    // nothing connected: the poll has no one to ask
    const ingest = await runTs('src/cli/main.ts', ['listening', 'ingest'], env);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain('"listeners": []');
  }, 120_000);

  it('resumes an import that failed half-way from its checkpoint with --resume', async () => {
    const start = Date.UTC(2025, 7, 1);
    const rows = (from: number, n: number, username: string) =>
      Array.from({ length: n }, (_, i) => ({
        ts: new Date(start + (from + i) * 3600_000).toISOString(),
        username,
        ms_played: 190_000,
        spotify_track_uri: `spotify:track:${catalog.tracks[(from + i) % catalog.tracks.length].id}`,
      }));
    const done = path.join(dir, 'Streaming_History_Audio_2025_0.json');
    const broken = path.join(dir, 'Streaming_History_Audio_2025_1.json');
    fs.writeFileSync(done, JSON.stringify(rows(0, 30, 'resumer')));
    fs.writeFileSync(broken, JSON.stringify(rows(30, 10, 'someone-else'))); // another user's file: refused
    const args = ['listening', 'import', done, broken, '--listener', 'resumer'];

    const failed = await runTs('src/cli/main.ts', [...args, '--create'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('someone-else');
    expect(failed.stderr).toContain('--resume');
    const plays = async () =>
      (
        await adminQueryIn<{ n: number }>(
          databaseUrl,
          `SELECT count(*)::int AS n FROM listening_play p JOIN listener l ON l.id = p.listener_id
           WHERE l.spotify_user_id = 'resumer'`,
        )
      )[0].n;
    expect(await plays()).toBe(30); // the first file was stored (and checkpointed) before the second was refused

    fs.writeFileSync(broken, JSON.stringify(rows(30, 10, 'resumer'))); // the right file this time
    const resumed = await runTs('src/cli/main.ts', [...args, '--resume'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming import [0-9a-f-]{36}/);
    const report = JSON.parse(resumed.stdout.slice(resumed.stdout.indexOf('{'))) as ImportReport;
    expect(report.resumedFrom).toMatchObject({ file: path.basename(broken), offset: 0 });
    // the first file was not read again: nothing counted twice
    expect(report.rows).toBe(40);
    expect(report.plays).toMatchObject({ inserted: 40, duplicates: 0 });
    expect(await plays()).toBe(40);

    // that import has finished: nothing left to resume
    const again = await runTs('src/cli/main.ts', [...args, '--resume'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no unfinished import');
  }, 240_000);

  it('resolves sandbox mode like the service on a fresh DATA_DIR: same generated keys, same emulators', async () => {
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'listening-cli-sandbox-'));
    const freshDb = await createTestDatabase();
    // no credentials, no API_KEYS, no ENCRYPTION_KEY: sandbox mode
    const sandboxEnv = { DATABASE_URL: freshDb, DATA_DIR: freshDir, LOG_LEVEL: 'warn' };
    try {
      const first = await runTs('src/cli/main.ts', ['listening', 'listeners'], sandboxEnv);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      // the CLI applied the sandbox credentials as the service does: both keys generated into DATA_DIR
      const keyFile = path.join(freshDir, 'encryption-key');
      expect(Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(path.join(freshDir, 'api-key'), 'utf8')).toMatch(/^sg_[\w-]{32}\n$/);

      // a service on the same DATA_DIR connects a listener through its Spotify emulator, sealing the token
      const app = await createTestApp({ DATA_DIR: freshDir }, freshDb);
      try {
        expect(app.config.sandbox).toBe(true);
        const login = await app.http().get(`/auth/spotify/login?key=${TEST_KEYS.operator}`);
        expect(login.status).toBe(302);
        const approved = await fetch(login.headers.location, { redirect: 'manual' });
        const back = new URL(approved.headers.get('location')!);
        const connected = await app.http().get(`${back.pathname}${back.search}`);
        expect(connected.status).toBe(200);
        const jobs = app.app.get(JobsService);
        const [polls] = await jobs.list({ kind: 'listening.poll' }, 10);
        for (const run of polls) await jobs.waitFor(run.id, { timeoutMs: 30_000 });

        // the CLI opens the token with the same key and polls through the service's emulator
        const ingest = await runTs('src/cli/main.ts', ['listening', 'ingest'], sandboxEnv);
        expect(ingest.code).toBe(0);
        expect(ingest.stdout).toContain('"outcome": "POLLED"');
        expect(ingest.stdout).not.toContain('ENCRYPTION_KEY');
        const [listener] = await adminQueryIn(
          freshDb,
          `SELECT needs_reauth, last_poll_error, refresh_token_sealed IS NOT NULL AS token,
                  (SELECT count(*)::int FROM job_run WHERE kind = 'listening.poll') AS polls
             FROM listener`,
        );
        expect(listener).toEqual({
          needs_reauth: false,
          last_poll_error: null,
          token: true,
          polls: polls.length + 1,
        });
      } finally {
        await app.close();
      }
    } finally {
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('soundgraph listening import (CLI) stopped part-way', () => {
  let databaseUrl: string;
  let dir: string;
  let env: Record<string, string>;
  let spotify: SpotifyEmulator;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listening-cli-stop-'));
    // Spotify is an emulator this test slows down; nothing else runs in the sandbox.
    spotify = new SpotifyEmulator({ rateLimit: false });
    await spotify.start();
    env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      SPOTIFY_API_URL: spotify.apiUrl,
      SPOTIFY_ACCOUNTS_URL: spotify.accountsUrl,
      SPOTIFY_CLIENT_ID: spotify.clientId,
      SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
      SOUNDCHARTS_APP_ID: 'unused',
      SOUNDCHARTS_API_KEY: 'unused',
      SOUNDCHARTS_API_URL: 'http://127.0.0.1:9',
      API_KEYS: `operator:${TEST_KEYS.operator}`,
      ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
    };
  });
  afterAll(async () => {
    await spotify.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  interface RunRow {
    id: string;
    status: string;
    error: string | null;
    checkpoint: { fileIndex: number; offset: number } | null;
    finished: boolean;
    heartbeat: boolean;
    result: ImportReport | null;
  }
  const runsOf = (listener: string) =>
    adminQueryIn<RunRow>(
      databaseUrl,
      `SELECT r.id, r.status, r.error, r.checkpoint, r.finished_at IS NOT NULL AS finished,
              r.heartbeat_at IS NOT NULL AS heartbeat, r.result
         FROM job_run r JOIN listener l ON l.id::text = r.payload->>'listenerId'
        WHERE r.kind = 'listening.import' AND l.spotify_user_id = $1
        ORDER BY r.created_at`,
      [listener],
    );

  /**
   * Two files of `listener`: podcast episodes (stored without asking Spotify), then tracks from `firstTrack` on, not
   * seen before, whose look-up Spotify holds for a minute. Starts the import and resolves once the first file is checkpointed: the process is then
   * reading the second file or waiting for Spotify.
   */
  async function importStuckOnSpotify(listener: string, firstTrack: number) {
    const start = Date.UTC(2025, 8, 1);
    const at = (i: number) => new Date(start + i * 3600_000).toISOString();
    const episodes = path.join(dir, `${listener}_Streaming_History_Audio_0.json`);
    const tracks = path.join(dir, `${listener}_Streaming_History_Audio_1.json`);
    fs.writeFileSync(
      episodes,
      JSON.stringify(
        Array.from({ length: 20 }, (_, i) => ({
          ts: at(i),
          ms_played: 190_000,
          spotify_episode_uri: `spotify:episode:ep${String(i).padStart(20, '0')}`,
          episode_name: `Episode ${i}`,
          episode_show_name: 'A show',
        })),
      ),
    );
    fs.writeFileSync(
      tracks,
      JSON.stringify(
        Array.from({ length: 10 }, (_, i) => ({
          ts: at(100 + i),
          ms_played: 190_000,
          spotify_track_uri: `spotify:track:${catalog.tracks[firstTrack + i].id}`,
        })),
      ),
    );
    spotify.clearFaults();
    spotify.injectFault({ delayMs: 60_000, path: '/v1/tracks' });
    const args = ['listening', 'import', episodes, tracks, '--listener', listener];
    const cli = spawnTs('src/cli/main.ts', [...args, '--create'], env);
    const firstFileEnd = fs.statSync(episodes).size;
    for (;;) {
      const [run] = await runsOf(listener);
      if (run?.checkpoint?.fileIndex === 0 && run.checkpoint.offset === firstFileEnd) break;
      if (cli.child.exitCode !== null) throw new Error(`the import ended early:\n${cli.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [run] = await runsOf(listener);
    expect(run.status).toBe('RUNNING');
    return { cli, run, args, tracks };
  }

  it('marks its run FAILED, checkpoint kept, on SIGTERM and exits non-zero; --resume goes on from there', async () => {
    const { cli, run, args, tracks } = await importStuckOnSpotify('sigterm-user', 0);
    expect(run.heartbeat).toBe(true);

    const code = await cli.stop('SIGTERM');
    expect(code).toBe(143);
    expect(cli.stderr()).toContain(`job run ${run.id} (listening.import) ended FAILED`);
    const [stopped] = await runsOf('sigterm-user');
    expect(stopped).toMatchObject({
      id: run.id,
      status: 'FAILED',
      error: 'interrupted: the soundgraph CLI process stopped (SIGTERM)',
      finished: true,
      checkpoint: { fileIndex: 0 },
    });

    spotify.clearFaults();
    const resumed = await runTs('src/cli/main.ts', [...args, '--resume'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming import ${run.id}`);
    const report = JSON.parse(resumed.stdout.slice(resumed.stdout.indexOf('{'))) as ImportReport;
    expect(report.resumedFrom).toEqual({ file: path.basename(tracks), offset: 0, jobRunId: run.id });
    expect(report.rows).toBe(30); // the episodes were not read again
    expect(report.plays).toMatchObject({ inserted: 10, episodesInserted: 20, duplicates: 0 });
    // the interrupted run keeps its own ending
    const [first, second] = await runsOf('sigterm-user');
    expect(first).toMatchObject({ status: 'FAILED', error: stopped.error });
    expect(second.status).toBe('SUCCEEDED');
  }, 240_000);

  it('ends the RUNNING run of a killed process as superseded when --resume takes it over', async () => {
    const { cli, run, args } = await importStuckOnSpotify('sigkill-user', 10);
    expect(await cli.stop('SIGKILL')).toBeNull();
    // nothing could end it: it stays RUNNING (until --resume, or a worker once its heartbeat is stale)
    expect((await runsOf('sigkill-user'))[0]).toMatchObject({
      id: run.id,
      status: 'RUNNING',
      finished: false,
    });

    spotify.clearFaults();
    const resumed = await runTs('src/cli/main.ts', [...args, '--resume'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming import ${run.id}`);
    const [killed, resuming] = await runsOf('sigkill-user');
    expect(resuming.status).toBe('SUCCEEDED');
    expect(resuming.result?.resumedFrom?.jobRunId).toBe(run.id);
    expect(killed).toMatchObject({ id: run.id, status: 'FAILED', finished: true });
    expect(killed.error).toContain(`superseded by job run ${resuming.id}`);
    expect(resuming.result?.plays).toMatchObject({ inserted: 10, episodesInserted: 20 });
  }, 240_000);
});
