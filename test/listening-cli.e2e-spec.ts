import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobsService } from '../src/jobs';
import type { ImportReport } from '../src/listening';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { runTs } from './support/processes';
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
