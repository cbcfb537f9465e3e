// Auto-linking 3,000 works against the Spotify emulator (rate limit off): Spotify requests per work (target ≤ 2,
// ≤ 1 when the ISRC is known) and works per second, end to end (job → Spotify module → HTTP → PostgreSQL).
import 'reflect-metadata';
import { SpotifyCatalog, SpotifyEmulator } from '../src/sandbox/spotify';
import { CatalogService } from '../src/catalog/catalog.service';
import { AUTO_LINK_JOB } from '../src/catalog/catalog-jobs';
import { JobsService } from '../src/jobs/jobs.service';
import { report } from './support/bench-db';
import { spotifyEnv, startBenchService } from './support/bench-service';

const WORKS = Number(process.env.BENCH_WORKS ?? 3000);

async function main(): Promise<void> {
  const catalog = SpotifyCatalog.generate();
  const { emulator, service, stop } = await startBenchService(
    new SpotifyEmulator({ catalog, rateLimit: false }),
    (e) => ({ ROLE: 'api', ...spotifyEnv(e) }),
  );
  // Half the matchable works carry their ISRC, half are matched by title and artist; the catalog has fewer tracks
  // than WORKS, so the rest are works Spotify does not have (unreleased), as real catalogs hold some.
  const tracks = catalog.tracks.slice(0, WORKS);
  const works = tracks.map((t, i) => ({
    title: t.name,
    artistName: catalog.artistById(t.artistIds[0])!.name,
    isrc: i % 2 === 0 ? t.isrc : null,
    durationMs: Math.round(t.durationMs / 1000) * 1000,
    externalId: `bench-${i}`,
  }));
  for (let i = works.length; i < WORKS; i++) {
    works.push({
      title: `Unreleased Demo ${i}`,
      artistName: catalog.artists[i % catalog.artists.length].name,
      isrc: null,
      durationMs: 180_000,
      externalId: `bench-${i}`,
    });
  }
  const catalogService = service.app.get(CatalogService);
  await catalogService.importWorks(works);
  const [imported] = await catalogService.listWorks({}, WORKS + 1);
  const idOf = new Map(imported.map((w) => [w.externalId, w.id]));
  const jobs = service.app.get(JobsService);

  // Two runs, so each kind of work's requests can be counted apart.
  const runFor = async (workIds: string[]) => {
    emulator.clearRequestLog();
    const started = Date.now();
    const run = await jobs.createInline(AUTO_LINK_JOB, { workIds });
    const done = await jobs.runInline(run.id);
    const result = done.result as {
      examined: number;
      linked: { HIGH: number; MEDIUM: number };
      searches: number;
    };
    return {
      status: done.status,
      result,
      seconds: (Date.now() - started) / 1000,
      requests: emulator.requestLog().filter((r) => r.path.startsWith('/v1/')).length,
    };
  };
  const withIsrc = await runFor(works.filter((w) => w.isrc).map((w) => idOf.get(w.externalId)!));
  const byText = await runFor(works.filter((w) => !w.isrc).map((w) => idOf.get(w.externalId)!));
  const examined = withIsrc.result.examined + byText.result.examined;
  const linked = [withIsrc, byText].reduce((n, r) => n + r.result.linked.HIGH + r.result.linked.MEDIUM, 0);
  const seconds = withIsrc.seconds + byText.seconds;
  const requests = withIsrc.requests + byText.requests;

  await stop();

  report(
    [
      { measure: `works auto-linked (of ${examined})`, value: linked, unit: 'works' },
      {
        measure: 'Spotify requests per work',
        value: Number((requests / examined).toFixed(3)),
        unit: 'requests',
        target: '≤ 2',
      },
      {
        measure: 'Spotify requests per work with a known ISRC',
        value: Number((withIsrc.requests / withIsrc.result.examined).toFixed(3)),
        unit: 'requests',
        target: '≤ 1',
      },
      {
        measure: 'Spotify requests per work without ISRC',
        value: Number((byText.requests / byText.result.examined).toFixed(3)),
        unit: 'requests',
      },
      { measure: 'auto-link throughput', value: Math.round(examined / seconds), unit: 'works/s' },
      { measure: 'auto-link wall time', value: Number(seconds.toFixed(1)), unit: 's' },
    ],
    { works: WORKS, runs: [withIsrc, byText] },
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
