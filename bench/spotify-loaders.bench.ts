// Spotify lookups through the batching loaders: 10,000 distinct track ids asked by 200 concurrent callers (each its
// own per-request loaders, overlapping with its neighbour), against the emulator with its rate limit off. Counts the
// Spotify requests against the minimum (⌈N/50⌉ multi-gets in extended mode, N single gets in development mode) and
// measures wall time.
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoaderRegistry } from '../src/common/loaders';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { SpotifyService } from '../src/spotify';
import { benchDatabase, BenchRow, report } from './support/bench-db';
import { spotifyEnv, startBenchApp } from './support/bench-service';

const IDS = Number(process.env.BENCH_SPOTIFY_IDS ?? 10_000);
const CALLERS = 200;
/** Each caller also asks this many ids of the next caller's share: duplicates the batcher must not send twice. */
const OVERLAP = 10;
const BATCH = 50;

interface RunResult {
  requests: number;
  idsSent: number;
  distinctIdsSent: number;
  found: number;
  unknown: number;
  wallMs: number;
}

function trackIds(catalog: SpotifyCatalog): string[] {
  const ids = catalog.tracks.map((t) => t.id).slice(0, IDS);
  // Well-formed ids beyond the catalog: Spotify answers null (multi-get) or 404 (single get) for them.
  for (let i = 0; ids.length < IDS; i++) ids.push(`BenchUnknown${String(i).padStart(10, '0')}`);
  return ids;
}

async function run(
  mode: 'extended' | 'development',
  catalog: SpotifyCatalog,
  databaseUrl: string,
): Promise<RunResult> {
  const emulator = new SpotifyEmulator({ mode, rateLimit: false, catalog });
  await emulator.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-bench-spotify-'));
  const service = await startBenchApp(databaseUrl, {
    DATA_DIR: dataDir,
    API_KEYS: 'reader:bench-reader-key-0123456789',
    ROLE: 'api',
    ...spotifyEnv(emulator, mode),
  });
  try {
    const spotify = service.app.get(SpotifyService);
    const loaders = service.app.get(LoaderRegistry);
    const ids = trackIds(catalog);
    const share = Math.ceil(ids.length / CALLERS);
    const callers = Array.from({ length: CALLERS }, (_, c) => [
      ...ids.slice(c * share, (c + 1) * share),
      ...ids.slice(((c + 1) % CALLERS) * share, ((c + 1) % CALLERS) * share + OVERLAP),
    ]);
    emulator.clearRequestLog();

    const started = process.hrtime.bigint();
    const answers = await Promise.all(
      callers.map((mine) => spotify.forRequest(loaders.forRequest()).tracks(mine)),
    );
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

    const calls = emulator.requestLog().filter((r) => r.path.startsWith('/v1/tracks'));
    const sent = calls.flatMap((c) =>
      c.path === '/v1/tracks' ? (c.query.ids ?? '').split(',') : [c.path.slice(11)],
    );
    const flat = answers.flat();
    return {
      requests: calls.length,
      idsSent: sent.length,
      distinctIdsSent: new Set(sent).size,
      found: new Set(flat.filter((t) => t !== null).map((t) => t.id)).size,
      unknown: ids.length - new Set(flat.filter((t) => t !== null).map((t) => t.id)).size,
      wallMs,
    };
  } finally {
    await service.close();
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const catalog = SpotifyCatalog.generate();
  let extended: RunResult;
  let development: RunResult;
  try {
    extended = await run('extended', catalog, db.url);
    development = await run('development', catalog, db.url);
  } finally {
    await db.stop();
  }
  const minimum = Math.ceil(IDS / BATCH);
  const rows: BenchRow[] = [
    {
      measure: `extended: Spotify requests for ${IDS} distinct ids (${CALLERS} callers)`,
      value: extended.requests,
      unit: 'requests',
      target: `${minimum} (⌈N/50⌉)`,
    },
    {
      measure: 'extended: ids sent more than once',
      value: extended.idsSent - extended.distinctIdsSent,
      unit: 'ids',
      target: '0',
    },
    { measure: 'extended: wall time', value: Math.round(extended.wallMs), unit: 'ms' },
    {
      measure: `development: Spotify requests for ${IDS} distinct ids (concurrency cap 8)`,
      value: development.requests,
      unit: 'requests',
      target: `${IDS} (N)`,
    },
    {
      measure: 'development: ids sent more than once',
      value: development.idsSent - development.distinctIdsSent,
      unit: 'ids',
      target: '0',
    },
    { measure: 'development: wall time', value: Math.round(development.wallMs), unit: 'ms' },
  ];
  report(rows, { ids: IDS, callers: CALLERS, overlapPerCaller: OVERLAP, extended, development });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
