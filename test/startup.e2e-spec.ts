import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pidAlive } from '../src/common/process-utils';
import { runTs, spawnTs, Spawned } from './support/processes';
import { adminQuery, createTestDatabase } from './support/test-database';

const freshDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-start-'));
const postmasterPid = (dataDir: string): number | undefined => {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : undefined;
};
const baseEnv = (dataDir: string) => ({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });

describe('start-up, shutdown and the embedded database', () => {
  const running: Spawned[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGTERM')));
    for (const dir of dirs) {
      const pid = postmasterPid(dir);
      if (pid && pidAlive(pid)) process.kill(pid, 'SIGINT');
    }
  });

  it('starts on a fresh DATA_DIR with the embedded database, answers, and stops cleanly', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const service = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(service);
    const url = (await service.waitFor(/GraphQL: +(http:\/\/\S+)\/graphql/, 60_000))[1];
    const key = (await service.waitFor(/API key: +(\S+)/))[1];

    expect(fs.readFileSync(path.join(dataDir, 'api-key'), 'utf8').trim()).toBe(key);
    expect(fs.statSync(path.join(dataDir, 'api-key')).mode & 0o777).toBe(0o600);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ serverInfo { sandbox role } jobRuns { totalCount } }' }),
    });
    expect(await res.json()).toMatchObject({ data: { serverInfo: { sandbox: true, role: 'all' } } });

    // JSON log lines never carry the key, not even for a request that sent it
    const logLines = service
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(3);
    expect(logLines.some((line) => line.includes(key))).toBe(false);

    // sandbox mode: the Spotify emulator runs in the service and is recorded for other processes
    const sandbox = JSON.parse(fs.readFileSync(path.join(dataDir, 'sandbox.json'), 'utf8')) as {
      ownerPid: number;
      spotify: { url: string };
    };
    expect(sandbox.ownerPid).toBe(service.child.pid);
    expect(await (await fetch(`${sandbox.spotify.url}/__sandbox/mode`)).json()).toMatchObject({
      mode: 'extended',
    });

    const pgPid = postmasterPid(dataDir)!;
    expect(pidAlive(pgPid)).toBe(true);
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(pidAlive(pgPid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'sandbox.json'))).toBe(false);
    await expect(fetch(`${sandbox.spotify.url}/__sandbox/mode`)).rejects.toThrow();
  }, 90_000);

  it('runs the emulators alone with `soundgraph sandbox`, and a service on the same DATA_DIR uses them', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const emulators = spawnTs('src/cli/main.ts', ['sandbox'], {
      ...baseEnv(dataDir),
      SANDBOX_SPOTIFY_MODE: 'development',
    });
    running.push(emulators);
    const apiUrl = (await emulators.waitFor(/Spotify Web API: +(\S+)/))[1];
    // both emulators are named, with their base URLs, credentials and control APIs
    await emulators.waitFor(/Ctrl-C stops them/);
    const printed = emulators.stdout();
    expect(printed).toMatch(/Spotify control API: +http:\/\/\S+\/__sandbox\//);
    const soundchartsUrl = printed.match(/Soundcharts API: +(http:\/\/\S+)/)![1];
    const [appId, apiKey] = printed.match(/Soundcharts app id\/key: +(\S+) \/ (\S+)/)!.slice(1);
    expect(printed).toContain(`Soundcharts control API:  ${soundchartsUrl}/__sandbox/`);
    expect((await fetch(`${soundchartsUrl}/__sandbox/state`)).status).toBe(200);
    const chart = await fetch(`${soundchartsUrl}/api/v2/chart/song/by-platform/spotify`, {
      headers: { 'x-app-id': appId, 'x-api-key': apiKey },
    });
    expect(chart.status).toBe(200);
    const token = await fetch(`${apiUrl.replace(/\/v1$/, '')}/api/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);

    const service = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(service);
    await service.waitFor(/GraphQL: +http/, 60_000);
    expect(service.output()).toContain(`using the Spotify emulator of pid ${emulators.child.pid}`);
    expect(service.output()).toContain(
      `using the Soundcharts emulator of pid ${emulators.child.pid} at ${soundchartsUrl}`,
    );
    expect(await service.stop('SIGTERM')).toBe(0);
    // the service did not stop emulators it does not own
    expect((await fetch(`${apiUrl.replace(/\/v1$/, '')}/__sandbox/mode`)).status).toBe(200);
    expect(await emulators.stop('SIGINT')).toBe(0);
  }, 90_000);

  it('takes over an embedded database left running by a killed process', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const first = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(first);
    await first.waitFor(/GraphQL: +http/, 60_000);
    const pgPid = postmasterPid(dataDir)!;
    await first.stop('SIGKILL');
    expect(pidAlive(pgPid)).toBe(true); // orphaned, still holding the data directory

    const second = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(second);
    const url = (await second.waitFor(/GraphQL: +(http:\/\/\S+)\/graphql/, 60_000))[1];
    expect(second.output()).toContain('adopting embedded PostgreSQL');
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(pidAlive(pgPid)).toBe(false);
  }, 90_000);

  it('starts cleanly over a postmaster.pid naming a dead pid, or a live process that is not PostgreSQL', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const first = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(first);
    await first.waitFor(/GraphQL: +http/, 60_000);
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);

    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(pidAlive(gone)).toBe(false);
    // A pid reused by another program of the user PostgreSQL runs as (as root: `postgres`), which PostgreSQL
    // itself would take for a live postmaster and refuse to start over.
    const asRoot = process.getuid?.() === 0;
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    const other = spawn('sleep', ['600'], {
      stdio: 'ignore',
      ...(asRoot ? { uid: id('-u'), gid: id('-g') } : {}),
    });
    const otherExited = new Promise((resolve) => other.once('exit', resolve));
    try {
      // a dead pid (the machine rebooted), then a live pid that is not PostgreSQL
      for (const stalePid of [gone, other.pid!]) {
        fs.writeFileSync(pidFile, [String(stalePid), ...lines.slice(1)].join('\n'));
        const service = spawnTs('src/main.ts', [], baseEnv(dataDir));
        running.push(service);
        const url = (await service.waitFor(/GraphQL: +(http:\/\/\S+)\/graphql/, 60_000))[1];
        expect((await fetch(`${url}/health`)).status).toBe(200);
        const pgPid = postmasterPid(dataDir)!;
        expect(pgPid).not.toBe(stalePid);
        expect(pidAlive(pgPid)).toBe(true);
        expect(await service.stop('SIGTERM')).toBe(0);
        expect(pidAlive(pgPid)).toBe(false);
      }
    } finally {
      other.kill('SIGKILL');
      await otherExited;
    }
  }, 180_000);

  it('stops the embedded database it started when SIGTERM arrives during start-up', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const service = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(service);
    // logged once the server answers, before the database, the emulators, the migrations and Nest
    await service.waitFor(/embedded PostgreSQL started on port/, 60_000);
    const pgPid = postmasterPid(dataDir)!;
    expect(pidAlive(pgPid)).toBe(true);
    const cluster = fs.realpathSync(path.join(dataDir, 'postgres'));
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(service.output()).toContain('SIGTERM received during start-up');
    expect(service.output()).not.toContain('Soundgraph is running');
    expect(pidAlive(pgPid)).toBe(false);
    // no PostgreSQL process of any kind is left on this cluster
    const leftovers = fs
      .readdirSync(fs.existsSync('/proc') ? '/proc' : os.tmpdir())
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(cluster);
        } catch {
          return false;
        }
      });
    expect(leftovers).toEqual([]);
  }, 90_000);

  it('logs JSON lines with request and job ids, the correlation id of a masked error, and never a key', async () => {
    const databaseUrl = await createTestDatabase();
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const key = 'admin-key-for-the-log-test-0123456';
    const service = spawnTs('src/main.ts', [], {
      ...baseEnv(dataDir),
      DATABASE_URL: databaseUrl,
      API_KEYS: `admin:${key}`,
    });
    running.push(service);
    const url = (await service.waitFor(/GraphQL: +(http:\/\/\S+)\/graphql/, 60_000))[1];
    const post = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
        body: JSON.stringify({ query }),
      });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

    // the client's X-Request-Id is kept; without one, a UUID is made; both are echoed
    const named = await post('{ serverInfo { role } }', { 'x-request-id': 'client-request-1' });
    expect(named.headers.get('x-request-id')).toBe('client-request-1');
    const generatedId = (await post('{ serverInfo { role } }')).headers.get('x-request-id');
    expect(generatedId).toMatch(uuid);

    // a job's lines carry its run id and kind
    const started = (await (await post('mutation { verifyLinks { id } }')).json()) as {
      data: { verifyLinks: { id: string } };
    };
    const jobRunId = started.data.verifyLinks.id;
    await service.waitFor(new RegExp(`"jobRunId":"${jobRunId}"[^\\n]*"msg":"job \\S+ succeeded"`), 60_000);

    // an internal error (the database refuses connections): masked, its correlation id logged with the request id
    const name = new URL(databaseUrl).pathname.slice(1);
    await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    let correlationId: unknown;
    try {
      await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const failed = (await (
        await post('{ jobRuns { totalCount } }', { 'x-request-id': 'client-request-2' })
      ).json()) as {
        errors: { message: string; extensions: { correlationId?: string } }[];
      };
      expect(failed.errors[0]?.message).toBe('Internal server error');
      correlationId = failed.errors[0]?.extensions.correlationId;
    } finally {
      await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    expect(correlationId).toMatch(uuid);
    await service.waitFor(new RegExp(`"requestId":"client-request-2".*"request completed"`));

    const lines = service
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((l) => l.correlationId === correlationId)).toMatchObject({
      level: 'error',
      requestId: 'client-request-2',
      msg: 'internal error in a GraphQL request',
    });
    expect(
      lines.find((l) => l.requestId === 'client-request-1' && l.msg === 'request completed'),
    ).toMatchObject({
      req: { method: 'POST', path: '/graphql' },
      res: { status: 200 },
      durationMs: expect.any(Number),
    });
    expect(lines.some((l) => l.requestId === generatedId && l.msg === 'request completed')).toBe(true);
    // no per-line bookkeeping, and the key is nowhere in the output
    expect(lines.filter((l) => 'queries' in l)).toEqual([]);
    expect(service.output()).not.toContain(key);
    expect(await service.stop('SIGTERM')).toBe(0);
  }, 90_000);

  it('lets the CLI use the database of a running service on the same DATA_DIR', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const service = spawnTs('src/main.ts', [], baseEnv(dataDir));
    running.push(service);
    await service.waitFor(/GraphQL: +http/, 60_000);
    const pgPid = postmasterPid(dataDir)!;

    const list = await runTs('src/cli/main.ts', ['jobs', 'list'], baseEnv(dataDir));
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\d+ of \d+ job run\(s\)/);
    const migrate = await runTs('src/cli/main.ts', ['migrate', '--check'], baseEnv(dataDir));
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('migrations applied: InitialJobs1763769600000');
    // the CLI did not stop the service's database on its way out
    expect(pidAlive(pgPid)).toBe(true);
    expect(
      (await fetch(`${(await service.waitFor(/GraphQL: +(http:\/\/\S+)\/graphql/))[1]}/health`)).status,
    ).toBe(200);

    // every command of the contract is listed, `sandbox` too (it runs before the modules load)
    const help = await runTs('src/cli/main.ts', ['--help'], baseEnv(dataDir));
    for (const command of [
      'run-all',
      'catalog',
      'enrich',
      'insights',
      'dashboard',
      'charts',
      'listening',
      'sandbox',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));

    const bad = await runTs('src/cli/main.ts', ['jobs', 'list', '--status', 'NOPE'], baseEnv(dataDir));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--status must be one of');
  }, 90_000);

  it.each([
    [
      { ROLE: 'scheduler' },
      'Invalid configuration: ROLE must be one of the following values: api, worker, all',
    ],
    [{ DATABASE_URL: 'postgres//nope' }, 'Invalid configuration: DATABASE_URL must be a URL address'],
    [
      { API_KEYS: 'admin:short' },
      'Invalid configuration: API_KEYS entry 1 has a key that is not 16-256 URL-safe characters',
    ],
    [
      {
        SANDBOX: 'off',
        SPOTIFY_CLIENT_ID: 'a',
        SPOTIFY_CLIENT_SECRET: 'b',
        SOUNDCHARTS_APP_ID: 'c',
        SOUNDCHARTS_API_KEY: 'd',
      },
      'Invalid configuration: API_KEYS is required in live mode',
    ],
  ])(
    'exits 1 with one line for %j',
    async (env, line) => {
      const result = await runTs('src/main.ts', [], { ...baseEnv(freshDataDir()), ...env });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(line);
    },
    30_000,
  );

  it('retries an unreachable database, then exits 1 saying so', async () => {
    const result = await runTs('src/main.ts', [], {
      ...baseEnv(freshDataDir()),
      DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none',
      DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('database unreachable (attempt 1');
    expect(result.stderr).toContain('Soundgraph could not start: database unreachable after 2 s');
  }, 30_000);
});
