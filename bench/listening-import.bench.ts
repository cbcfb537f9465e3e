// Listening history: importing 1,000,000 generated plays (Spotify's extended streaming history format, ten files
// written to a temp dir first, streamed) through the real import job, with Node's memory sampled during the run and
// compared with a 100,000-play import; then each analytics query over those plays through GraphQL, p50 and p95.
// The plays draw on 30,000 synthetic tracks by 5,000 artists (the emulator's catalog has 12 artists, too few for
// realistic summaries), handed to the music module through the same path polling uses; genres and popularity are
// then set as enrichment would. One listener holds the million plays: the heaviest case for per-listener queries.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { JobStatus } from '../src/jobs/job-status';
import { JobsService } from '../src/jobs/jobs.service';
import { LISTENING_IMPORT_JOB, ListeningService } from '../src/listening';
import type { ImportReport } from '../src/listening';
import { TrackResolver } from '../src/listening/track-resolver.service';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import type { SpotifyTrack } from '../src/spotify';
import { benchDatabase, BenchRow, percentile, report } from './support/bench-db';
import { spotifyEnv, startBenchApp } from './support/bench-service';

const PLAYS = Number(process.env.BENCH_LISTENING_PLAYS ?? 1_000_000);
const SMALL = Math.round(PLAYS / 10);
const FILES = 10;
const TRACKS = 30_000;
const ARTISTS = 5_000;
const GENRES = 200;
const QUERY_RUNS = Number(process.env.BENCH_LISTENING_QUERY_RUNS ?? 60);
const KEY = 'bench-operator-key-0123456789';

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function spotifyId(key: string): string {
  const bytes = createHash('sha256').update(key).digest();
  return Array.from({ length: 22 }, (_, i) => BASE62[bytes[i] % 62]).join('');
}

interface SyntheticTrack {
  id: string;
  name: string;
  artistIndex: number;
  durationMs: number;
}

const artistName = (i: number) => `Bench Artist ${String(i).padStart(4, '0')}`;

function syntheticCatalog(): SyntheticTrack[] {
  const rnd = prng(7);
  return Array.from({ length: TRACKS }, (_, i) => ({
    id: spotifyId(`track:${i}`),
    name: `Bench Song ${i}`,
    // a few artists have most tracks, as in real libraries
    artistIndex: Math.floor(ARTISTS * rnd() ** 2),
    durationMs: 120_000 + Math.floor(rnd() * 180_000),
  }));
}

function asSpotifyTrack(t: SyntheticTrack): SpotifyTrack {
  const artistId = spotifyId(`artist:${t.artistIndex}`);
  return {
    id: t.id,
    name: t.name,
    duration_ms: t.durationMs,
    album: { name: `Bench Album ${t.artistIndex}` },
    artists: [{ id: artistId, name: artistName(t.artistIndex) }],
  } as unknown as SpotifyTrack;
}

/** Writes `count` plays over `files` files, streamed (backpressure respected), one play every ~150 s. */
async function writeExport(
  dir: string,
  prefix: string,
  count: number,
  files: number,
  tracks: SyntheticTrack[],
  username: string,
  seed: number,
): Promise<string[]> {
  const rnd = prng(seed);
  const start = Date.UTC(2022, 0, 1);
  const perFile = Math.ceil(count / files);
  const paths: string[] = [];
  let written = 0;
  for (let f = 0; f < files && written < count; f++) {
    const file = path.join(dir, `${prefix}_${f}.json`);
    paths.push(file);
    const out = fs.createWriteStream(file);
    out.write('[\n');
    const n = Math.min(perFile, count - written);
    for (let i = 0; i < n; i++, written++) {
      // Zipf-like: favourites get most plays
      const track = tracks[Math.floor(TRACKS * rnd() ** 3)];
      const ts =
        new Date(start + written * 150_000 + Math.floor(rnd() * 60_000)).toISOString().slice(0, 19) + 'Z';
      const row = {
        ts,
        username,
        platform: 'android',
        ms_played: rnd() < 0.05 ? Math.floor(rnd() * 30_000) : 30_000 + Math.floor(rnd() * 200_000),
        conn_country: 'US',
        master_metadata_track_name: track.name,
        master_metadata_album_artist_name: artistName(track.artistIndex),
        master_metadata_album_album_name: `Bench Album ${track.artistIndex}`,
        spotify_track_uri: `spotify:track:${track.id}`,
        episode_name: null,
        episode_show_name: null,
        spotify_episode_uri: null,
        reason_start: 'trackdone',
        reason_end: 'trackdone',
        shuffle: false,
        skipped: false,
        offline: false,
        incognito_mode: false,
      };
      if (!out.write(`${i ? ',\n' : ''}${JSON.stringify(row)}`)) await once(out, 'drain');
    }
    out.end('\n]\n');
    await once(out, 'finish');
  }
  return paths;
}

interface ImportRun {
  seconds: number;
  report: ImportReport;
  peakRssMiB: number;
  peakHeapMiB: number;
  /** The most heap that survived a full collection (forced every 2 s): what the import really keeps. */
  retainedHeapMiB: number;
  baseRssMiB: number;
  baseHeapMiB: number;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

async function runImport(jobs: JobsService, listenerId: string, files: string[]): Promise<ImportRun> {
  (global as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let retained = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const collector = setInterval(() => {
    const gc = (global as { gc?: () => void }).gc;
    if (!gc) return;
    gc();
    retained = Math.max(retained, process.memoryUsage().heapUsed);
  }, 2_000);
  const started = Date.now();
  const run = await jobs.createInline(LISTENING_IMPORT_JOB, { listenerId, files });
  const done = await jobs.runInline(run.id);
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(collector);
  if (done.status !== JobStatus.SUCCEEDED) throw new Error(`import ${done.status}: ${done.error}`);
  return {
    seconds,
    report: done.result as ImportReport,
    peakRssMiB: mib(peakRss),
    peakHeapMiB: mib(peakHeap),
    retainedHeapMiB: mib(retained),
    baseRssMiB: mib(base.rss),
    baseHeapMiB: mib(base.heapUsed),
  };
}

async function main(): Promise<void> {
  const emulator = new SpotifyEmulator({ rateLimit: false });
  await emulator.start();
  const db = await benchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-bench-listening-'));
  const service = await startBenchApp(db.url, {
    DATA_DIR: dataDir,
    ROLE: 'api',
    API_KEYS: `operator:${KEY}`,
    LISTENING_POLL_CRON: 'off',
    ...spotifyEnv(emulator),
  });
  const jobs = service.app.get(JobsService);
  const listening = service.app.get(ListeningService);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    // 1. The synthetic catalog, through the path recently-played polling takes (music upsert + track references).
    const tracks = syntheticCatalog();
    const seedStarted = Date.now();
    const session = service.app.get(TrackResolver).session();
    for (let i = 0; i < tracks.length; i += 2_000) {
      await session.fromSpotifyTracks(tracks.slice(i, i + 2_000).map(asSpotifyTrack));
    }
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    // what enrichment would set: 1–3 genres of 200 and a popularity for each artist
    await pg.query(
      `UPDATE artist SET popularity = (abs(hashtext(name)) % 101),
         genres = (SELECT array_agg('genre ' || ((abs(hashtext(name || g)) % ${GENRES}))) FROM generate_series(1, 1 + abs(hashtext(name)) % 3) g)
       WHERE name LIKE 'Bench Artist %'`,
    );

    // 2. The export files, written before timing starts.
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soundgraph-bench-exports-'));
    const small = await listening.createImportListener({
      spotifyUserId: 'bench-small',
      timeZone: 'America/Denver',
    });
    const big = await listening.createImportListener({
      spotifyUserId: 'bench-big',
      timeZone: 'America/Denver',
    });
    const smallFiles = await writeExport(
      filesDir,
      'Streaming_History_Audio_small',
      SMALL,
      1,
      tracks,
      'bench-small',
      1,
    );
    const bigFiles = await writeExport(
      filesDir,
      'Streaming_History_Audio',
      PLAYS,
      FILES,
      tracks,
      'bench-big',
      2,
    );
    const exportMiB = mib(bigFiles.reduce((sum, f) => sum + fs.statSync(f).size, 0));

    // 3. Imports: the small one first (its peaks are the baseline), then the million.
    const smallRun = await runImport(jobs, small.id, smallFiles);
    const bigRun = await runImport(jobs, big.id, bigFiles);
    const refreshStarted = Date.now();
    await listening.rebuildSummaries([big.id]);
    const refreshSeconds = (Date.now() - refreshStarted) / 1000;
    const [{ n: stored }] = (
      await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM listening_play WHERE listener_id = $1', [
        big.id,
      ])
    ).rows;
    fs.rmSync(filesDir, { recursive: true, force: true });

    // 4. Analytics over the million plays, through GraphQL.
    const rnd = prng(3);
    const first = Date.UTC(2022, 0, 1);
    const spanDays = Math.floor((PLAYS * 150) / 86_400);
    const day = (offset: number) => new Date(first + offset * 86_400_000).toISOString().slice(0, 10);
    const range = (days: number) => {
      const from = Math.floor(rnd() * Math.max(1, spanDays - days));
      return { from: day(from), to: day(from + days - 1) };
    };
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const queries: { name: string; query: string; vars: () => Record<string, unknown> }[] = [
      {
        name: 'listeningDaily (30 days)',
        query: `query($l: ID!, $from: Date!, $to: Date!) { listeningDaily(listenerId: $l, from: $from, to: $to) {
          date plays minutes uniqueTracks uniqueArtists uniqueGenres mainstreamScore genreDiversity meanListeningHour
          timeOfDay { morning afternoon evening night } } }`,
        vars: () => ({ l: big.id, ...range(30) }),
      },
      {
        name: 'listeningDaily (365 days)',
        query: `query($l: ID!, $from: Date!, $to: Date!) { listeningDaily(listenerId: $l, from: $from, to: $to) {
          date plays minutes uniqueTracks uniqueArtists uniqueGenres mainstreamScore genreDiversity meanListeningHour
          timeOfDay { morning afternoon evening night } } }`,
        vars: () => ({ l: big.id, ...range(365) }),
      },
      {
        name: 'listeningGenres (365 days)',
        query: `query($l: ID!, $from: Date!, $to: Date!) { listeningGenres(listenerId: $l, from: $from, to: $to) {
          genre plays sharePercent artists meanArtistPopularity topArtist { name plays } } }`,
        vars: () => ({ l: big.id, ...range(365) }),
      },
      {
        name: 'listeningGenres (all 4.8 years)',
        query: `query($l: ID!, $from: Date!, $to: Date!) { listeningGenres(listenerId: $l, from: $from, to: $to) {
          genre plays sharePercent topArtist { name plays } } }`,
        vars: () => ({ l: big.id, from: day(0), to: day(spanDays) }),
      },
      {
        name: 'listeningMonthly (a year)',
        query: `query($l: ID!, $y: Int!) { listeningMonthly(listenerId: $l, year: $y) {
          month plays uniqueArtists topArtist { name plays } topGenre playsGrowthRate mainstreamTendency } }`,
        vars: () => ({ l: big.id, y: 2022 + Math.floor(rnd() * 4) }),
      },
      {
        name: 'listeningHeatmap (365 days)',
        query: `query($l: ID!, $from: Date!, $to: Date!) { listeningHeatmap(listenerId: $l, from: $from, to: $to) {
          weekday hour plays minutes } }`,
        vars: () => ({ l: big.id, ...range(365) }),
      },
    ];
    const latencies: Record<string, { p50: number; p95: number }> = {};
    for (const q of queries) {
      for (let i = 0; i < 3; i++) await gql(q.query, q.vars()); // warm-up
      const times: number[] = [];
      for (let i = 0; i < QUERY_RUNS; i++) times.push(await gql(q.query, q.vars()));
      times.sort((a, b) => a - b);
      latencies[q.name] = {
        p50: Number(percentile(times, 50).toFixed(1)),
        p95: Number(percentile(times, 95).toFixed(1)),
      };
    }

    const rows: BenchRow[] = [
      {
        measure: `import of ${PLAYS.toLocaleString('en-US')} plays (${FILES} files, ${exportMiB} MiB)`,
        value: Math.round(PLAYS / bigRun.seconds),
        unit: 'plays/s',
        target: '≥ 20000',
      },
      {
        measure: 'import wall time (parse, resolve, insert, summaries)',
        value: Number(bigRun.seconds.toFixed(1)),
        unit: 's',
      },
      {
        measure: `plays stored (${bigRun.report.skippedShort} shorter than 30 s skipped)`,
        value: stored,
        unit: 'plays',
      },
      {
        measure: `import of ${SMALL.toLocaleString('en-US')} plays`,
        value: Math.round(SMALL / smallRun.seconds),
        unit: 'plays/s',
      },
      {
        measure: `peak RSS during the ${SMALL.toLocaleString('en-US')} / ${PLAYS.toLocaleString('en-US')} import`,
        value: `${smallRun.peakRssMiB} / ${bigRun.peakRssMiB}`,
        unit: 'MiB',
        target: 'flat',
      },
      {
        measure: `heap kept after a full GC (max, every 2 s) during the ${SMALL.toLocaleString('en-US')} / ${PLAYS.toLocaleString('en-US')} import`,
        value: `${smallRun.retainedHeapMiB} / ${bigRun.retainedHeapMiB}`,
        unit: 'MiB',
        target: 'flat',
      },
      {
        measure: `peak heap used during the ${SMALL.toLocaleString('en-US')} / ${PLAYS.toLocaleString('en-US')} import`,
        value: `${smallRun.peakHeapMiB} / ${bigRun.peakHeapMiB}`,
        unit: 'MiB',
        target: 'flat',
      },
      {
        measure: `summaries rebuilt for the ${PLAYS.toLocaleString('en-US')}-play listener (all days)`,
        value: Number(refreshSeconds.toFixed(1)),
        unit: 's',
      },
      ...Object.entries(latencies).flatMap(([name, l]) => [
        { measure: `${name} p50`, value: l.p50, unit: 'ms' },
        { measure: `${name} p95`, value: l.p95, unit: 'ms', target: '< 200' },
      ]),
    ];
    report(rows, {
      plays: PLAYS,
      tracks: TRACKS,
      artists: ARTISTS,
      catalogSeedSeconds: seedSeconds,
      small: { ...smallRun, report: undefined },
      big: { ...bigRun, report: undefined },
      bigReport: bigRun.report,
      queryRuns: QUERY_RUNS,
    });
  } finally {
    await pg.end();
    await service.close();
    await db.stop();
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
