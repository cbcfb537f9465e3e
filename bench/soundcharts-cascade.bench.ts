// The Soundcharts cascade of the 200-entry chart against the emulator (rate limit off), end to end through the job
// queue (sync → cascade parent → step jobs → HTTP → PostgreSQL): requests made against the minimum (per song its
// metadata and its identifiers, per artist its metadata and its identifiers (song and artist objects carry no
// platform ids), then one per entity, series and 90-day window), wall time, and the same for a re-run a day later.
import 'reflect-metadata';
import { Client } from 'pg';
import { JobStatus } from '../src/jobs/job-status';
import { JobsService } from '../src/jobs/jobs.service';
import { SoundchartsEmulator } from '../src/sandbox/soundcharts';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { SoundchartsClock, SoundchartsService } from '../src/soundcharts';
import { report } from './support/bench-db';
import { soundchartsEnv, startBenchService } from './support/bench-service';

const SLUG = 'global-28';
const HISTORY_DAYS = 360; // the default: four 90-day windows
const WINDOWS = Math.ceil(HISTORY_DAYS / 90);
const SONG_SERIES = 4; // spotify streams, youtube views, shazam counts, airplay spins
const ARTIST_SERIES = 5; // followers on spotify, youtube, instagram, tiktok + Spotify monthly listeners
const BASE = Date.parse('2026-11-20T15:00:00Z');

async function main(): Promise<void> {
  const started = Date.now();
  const { emulator, db, service, stop } = await startBenchService(
    new SoundchartsEmulator({
      catalog: SpotifyCatalog.generate(),
      rateLimit: false,
      now: () => BASE + Date.now() - started,
    }),
    (e) => ({ ...soundchartsEnv(e), SOUNDCHARTS_HISTORY_DAYS: String(HISTORY_DAYS) }),
  );
  service.app.get(SoundchartsClock).useSource(() => emulator.now());
  const jobs = service.app.get(JobsService);
  const soundcharts = service.app.get(SoundchartsService);

  const sync = await jobs.waitFor((await soundcharts.syncChart(SLUG)).id, { timeoutMs: 60_000 });
  if (sync.status !== JobStatus.SUCCEEDED) throw new Error(`sync failed: ${sync.error}`);
  const chartId = (sync.result as { chartId: string }).chartId;

  const latest = emulator.data.rankingDates(SLUG, emulator.now())[0];
  const songs = [...new Set(emulator.data.ranking(SLUG, latest)!.map((e) => e.songUuid))];
  const artists = new Set(
    songs.flatMap((uuid) => emulator.data.artistsOf(emulator.data.songByUuid(uuid)!).map((a) => a.uuid)),
  );
  const cascade = async () => {
    emulator.clearRequestLog();
    const t0 = Date.now();
    const run = await jobs.waitFor((await soundcharts.startCascade(chartId)).id, { timeoutMs: 30 * 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    if (run.status !== JobStatus.SUCCEEDED) throw new Error(`cascade failed: ${run.error}`);
    const requests = emulator.requestLog().filter((r) => r.path !== '/api/v2/team/usage').length;
    const steps = Object.fromEntries(
      ((await soundcharts.cascadeSteps([run.id])).get(run.id) ?? []).map((s) => [
        s.step,
        ((s.run.finishedAt?.getTime() ?? 0) - (s.run.startedAt?.getTime() ?? 0)) / 1000,
      ]),
    );
    process.stdout.write(`  step wall times (s): ${JSON.stringify(steps)}\n`);
    return { seconds, requests, steps, result: run.result as { estimate: { requests: number } } };
  };

  const first = await cascade();
  const firstMinimum =
    2 * songs.length +
    2 * artists.size +
    (songs.length * SONG_SERIES + artists.size * ARTIST_SERIES) * WINDOWS;
  emulator.advanceClock(86_400_000);
  const second = await cascade();
  const secondMinimum = songs.length * SONG_SERIES + artists.size * ARTIST_SERIES;
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const points = Number(
    (await client.query<{ n: string }>('SELECT count(*) AS n FROM soundcharts_audience_point')).rows[0].n,
  );
  await client.end();

  await stop();

  report(
    [
      {
        measure: `first cascade: requests (${songs.length} songs, ${artists.size} artists, ${HISTORY_DAYS} days)`,
        value: first.requests,
        unit: 'requests',
        target: `${firstMinimum} (minimum)`,
      },
      {
        measure: 'first cascade: estimate before it started',
        value: first.result.estimate.requests,
        unit: 'requests',
      },
      { measure: 'first cascade: wall time', value: Number(first.seconds.toFixed(1)), unit: 's' },
      {
        measure: 'first cascade: throughput',
        value: Math.round(first.requests / first.seconds),
        unit: 'requests/s',
      },
      {
        measure: 're-run a day later: requests',
        value: second.requests,
        unit: 'requests',
        target: `${secondMinimum} (minimum)`,
      },
      { measure: 're-run a day later: wall time', value: Number(second.seconds.toFixed(1)), unit: 's' },
      { measure: 'audience points stored', value: points, unit: 'points' },
    ],
    { songs: songs.length, artists: artists.size, points, first, second },
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
