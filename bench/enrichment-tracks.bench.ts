// Track enrichment of 100,000 tracks against the Spotify emulator (rate limit off): Spotify requests (target
// exactly 2,000 multi-gets in extended mode), tracks per second end to end, phase 2 (apply) alone beside a
// hand-written COPY + UPDATE … FROM of the same rows (target within 2x), and memory while the 100,000-row file is
// written and read (target flat: the heap that survives a GC forced every 500 ms during the run, against a 10,000-track
// run; peak heap, retained heap and peak RSS for reference).
import 'reflect-metadata';
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SpotifyCatalog, SpotifyEmulator, SpotifyTrackRecord } from '../src/sandbox/spotify';
import { RunningService } from '../src/bootstrap';
import { ENRICH_TRACKS_JOB } from '../src/enrichment';
import { TrackEnrichmentJob } from '../src/enrichment/track-enrichment.job';
import { JobStatus } from '../src/jobs/job-status';
import { JobsService } from '../src/jobs/jobs.service';
import { MusicService } from '../src/music';
import { report } from './support/bench-db';
import { spotifyEnv, startBenchService } from './support/bench-service';

const N = Number(process.env.BENCH_TRACKS ?? 100_000);
const SMALL = Math.max(1, Math.round(N / 10));

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const spotifyId = (i: number) => {
  let s = '';
  for (let n = i; s.length < 8; n = Math.floor(n / 62)) s = BASE62[n % 62] + s;
  return `Bench${s.padStart(17, '0')}`;
};
const isrc = (i: number) =>
  `QZ${(Math.floor(i / 100_000) + 100).toString(36).toUpperCase().padStart(3, 'B')}26${String(i % 100_000).padStart(5, '0')}`;

/** The sandbox catalog's tracks repeated under new ids and ISRCs until there are `n`. */
function bigCatalog(n: number): { catalog: SpotifyCatalog; tracks: SpotifyTrackRecord[] } {
  const base = SpotifyCatalog.generate();
  const tracks = Array.from({ length: n }, (_, i) => {
    const t = base.tracks[i % base.tracks.length];
    return { ...t, id: spotifyId(i), isrc: isrc(i), popularity: (i * 37) % 101 };
  });
  const { seed, artists, albums, markets, listener, known } = base;
  return { catalog: new SpotifyCatalog({ seed, artists, albums, tracks, markets, listener, known }), tracks };
}

function memorySampler() {
  let peakHeap = 0;
  let peakRss = 0;
  let liveHeap = 0;
  const baseline = process.memoryUsage();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed - baseline.heapUsed);
    peakRss = Math.max(peakRss, m.rss - baseline.rss);
  }, 20);
  // Peak heapUsed counts garbage V8 has not collected yet, which grows with the run's length whatever it keeps;
  // the heap that survives a full collection, forced every 500 ms while the file is written and read, is what the
  // run really holds at once: flat when rows stream through instead of piling up.
  const collector = setInterval(() => {
    global.gc?.();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - baseline.heapUsed);
  }, 500);
  return () => {
    clearInterval(timer);
    clearInterval(collector);
    global.gc?.();
    const retainedMiB = (process.memoryUsage().heapUsed - baseline.heapUsed) / 2 ** 20;
    return {
      heapMiB: peakHeap / 2 ** 20,
      rssMiB: peakRss / 2 ** 20,
      liveMiB: liveHeap / 2 ** 20,
      retainedMiB,
    };
  };
}

async function run(service: RunningService, emulator: SpotifyEmulator, count: number) {
  const jobs = service.app.get(JobsService);
  emulator.clearRequestLog();
  global.gc?.();
  const stop = memorySampler();
  const started = Date.now();
  const created = await jobs.createInline(ENRICH_TRACKS_JOB, { mode: 'BACKFILL' });
  const done = await jobs.runInline(created.id);
  const seconds = (Date.now() - started) / 1000;
  const memory = stop();
  const result = done.result as { requested: number; updated: number; file: string };
  if (done.status !== JobStatus.SUCCEEDED || result.requested !== count)
    throw new Error(`enrichment of ${count}: ${done.status} ${done.error}`);
  return {
    seconds,
    memory,
    result,
    requests: emulator.requestLog().filter((r) => r.path === '/v1/tracks').length,
  };
}

async function main(): Promise<void> {
  const { catalog, tracks } = bigCatalog(N);
  const { emulator, db, service, stop } = await startBenchService(
    new SpotifyEmulator({ catalog, rateLimit: false }),
    (e) => ({ ROLE: 'api', ...spotifyEnv(e) }),
  );
  const music = service.app.get(MusicService);
  const insert = async (slice: SpotifyTrackRecord[]) => {
    for (let i = 0; i < slice.length; i += 5_000) {
      await music.upsertSpotifyTracks(
        slice.slice(i, i + 5_000).map((t) => ({ spotifyId: t.id, name: t.name, artists: [] })),
      );
    }
  };
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const reset = () =>
    sql.query(
      'UPDATE track SET popularity = NULL, isrc = NULL, enriched_at = NULL, checked_at = NULL, popularity_source = NULL, popularity_fetched_at = NULL, isrc_source = NULL, isrc_fetched_at = NULL',
    );

  // A small run first (its tracks only), then the whole set: memory must not grow with the file.
  await insert(tracks.slice(0, SMALL));
  const small = await run(service, emulator, SMALL);
  await insert(tracks.slice(SMALL));
  await reset();
  const full = await run(service, emulator, N);

  // Phase 2 alone, from the same file, beside a hand-written COPY + UPDATE … FROM of the same rows.
  await reset();
  const job = service.app.get(TrackEnrichmentJob);
  const context = { saveCheckpoint: () => Promise.resolve(), progress: () => Promise.resolve() } as never;
  let started = Date.now();
  const applied = await job.applyFile(full.result.file, 5_000, context, 0);
  const applySeconds = (Date.now() - started) / 1000;
  await reset();
  started = Date.now();
  await sql.query('BEGIN');
  await sql.query(
    'CREATE TEMP TABLE staging (track_id uuid, spotify_id text, popularity smallint, isrc text) ON COMMIT DROP',
  );
  await pipeline(
    fs.createReadStream(full.result.file),
    sql.query(copyFrom(`COPY staging FROM STDIN WITH (FORMAT csv, HEADER true)`)),
  );
  await sql.query(
    // the same columns the service writes (values, their sources and times, and every row's checked_at), so only
    // the mechanism differs
    `UPDATE track t SET popularity = COALESCE(s.popularity, t.popularity),
       popularity_source = CASE WHEN s.popularity IS NOT NULL THEN 'SPOTIFY' ELSE t.popularity_source END,
       popularity_fetched_at = CASE WHEN s.popularity IS NOT NULL THEN now() ELSE t.popularity_fetched_at END,
       isrc = COALESCE(s.isrc, t.isrc),
       isrc_source = CASE WHEN s.isrc IS NOT NULL THEN 'SPOTIFY' ELSE t.isrc_source END,
       isrc_fetched_at = CASE WHEN s.isrc IS NOT NULL THEN now() ELSE t.isrc_fetched_at END,
       enriched_at = CASE WHEN (s.popularity IS NOT NULL OR s.isrc IS NOT NULL) AND (t.enriched_at IS NULL
                            OR t.popularity IS DISTINCT FROM COALESCE(s.popularity, t.popularity)
                            OR t.isrc IS DISTINCT FROM COALESCE(s.isrc, t.isrc))
                          THEN now() ELSE t.enriched_at END,
       checked_at = now(), updated_at = now()
     FROM staging s WHERE t.id = s.track_id`,
  );
  await sql.query('COMMIT');
  const copySeconds = (Date.now() - started) / 1000;

  await sql.end();
  await stop();

  report(
    [
      {
        measure: `Spotify requests for ${N} tracks (extended)`,
        value: full.requests,
        unit: 'requests',
        target: `${Math.ceil(N / 50)} (⌈N/50⌉)`,
      },
      {
        measure: 'enrichment end to end (fetch, CSV, apply)',
        value: Math.round(N / full.seconds),
        unit: 'tracks/s',
      },
      { measure: 'enrichment wall time', value: Number(full.seconds.toFixed(1)), unit: 's' },
      { measure: 'phase 2 (apply the CSV) alone', value: Number(applySeconds.toFixed(2)), unit: 's' },
      {
        measure: 'hand-written COPY + UPDATE … FROM, same rows',
        value: Number(copySeconds.toFixed(2)),
        unit: 's',
      },
      {
        measure: 'phase 2 / COPY baseline',
        value: Number((applySeconds / copySeconds).toFixed(2)),
        unit: 'x',
        target: '≤ 2',
      },
      {
        measure: `live heap during the run (max after a GC forced every 500 ms), ${N} tracks`,
        value: Number(full.memory.liveMiB.toFixed(1)),
        unit: 'MiB',
      },
      {
        measure: `live heap during the run (max after a GC forced every 500 ms), ${SMALL} tracks`,
        value: Number(small.memory.liveMiB.toFixed(1)),
        unit: 'MiB',
        target: 'about the same (flat)',
      },
      {
        measure: `peak heap used (garbage included), ${N} / ${SMALL} tracks`,
        value: `${full.memory.heapMiB.toFixed(0)} / ${small.memory.heapMiB.toFixed(0)}`,
        unit: 'MiB',
      },
      {
        measure: `heap retained after the run (post-GC), ${N} tracks`,
        value: Number(full.memory.retainedMiB.toFixed(1)),
        unit: 'MiB',
      },
      {
        measure: `heap retained after the run (post-GC), ${SMALL} tracks`,
        value: Number(small.memory.retainedMiB.toFixed(1)),
        unit: 'MiB',
        target: 'about the same (flat)',
      },
      {
        measure: `peak RSS growth, ${N} tracks (emulator in the same process)`,
        value: Number(full.memory.rssMiB.toFixed(1)),
        unit: 'MiB',
      },
      {
        measure: `peak RSS growth, ${SMALL} tracks`,
        value: Number(small.memory.rssMiB.toFixed(1)),
        unit: 'MiB',
      },
    ],
    {
      n: N,
      small: { seconds: small.seconds, memory: small.memory },
      full: { seconds: full.seconds, memory: full.memory },
      applied,
    },
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
