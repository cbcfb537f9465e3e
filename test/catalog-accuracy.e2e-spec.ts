import { SpotifyEmulator, SpotifyCatalog } from '../src/sandbox/spotify';
import { JobsService } from '../src/jobs/jobs.service';
import {
  AccuracyWork,
  catalogAccuracyFixture,
  tieAccuracyFixture,
} from './fixtures/catalog-accuracy.fixture';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

/**
 * The auto-linker end to end (job → Spotify module → emulator over HTTP → database) on the accuracy fixture, in
 * development mode: search pages of 10 and no multi-gets, the worst case a new Spotify app gets.
 */
describe('auto-link accuracy against the emulator', () => {
  const base = SpotifyCatalog.generate();
  const ties = tieAccuracyFixture(base);
  const works: AccuracyWork[] = [...catalogAccuracyFixture(base), ...ties.works];
  const emulator = new SpotifyEmulator({ catalog: ties.catalog, mode: 'development', rateLimit: false });
  let app: TestApp;
  let report: Record<string, unknown>;
  let linkOf: Map<string, { track: string; confidence: string; method: string }>;
  let outcomeOf: Map<string, string>;

  beforeAll(async () => {
    await emulator.start();
    app = await createTestApp({
      SPOTIFY_API_URL: emulator.apiUrl,
      SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
      SPOTIFY_CLIENT_ID: emulator.clientId,
      SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
    });
    const created = await app.gql<{ createWorks: { id: string; externalId: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id externalId } }',
      {
        input: works.map((w) => ({
          title: w.title,
          artistName: w.artistName,
          isrc: w.isrc ?? null,
          durationMs: w.durationMs ?? null,
          externalId: w.externalId,
        })),
      },
    );
    expect(created.errors).toBeUndefined();
    const started = await app.gql<{ autoLinkWorks: { id: string } }>('mutation { autoLinkWorks { id } }');
    const run = await app.app
      .get(JobsService)
      .waitFor(started.data!.autoLinkWorks.id, { timeoutMs: 120_000 });
    expect(run.status).toBe('SUCCEEDED');
    report = run.result as Record<string, unknown>;
    const links = await adminQueryIn<{
      external_id: string;
      spotify_track_id: string;
      confidence: string;
      method: string;
    }>(
      app.databaseUrl,
      'SELECT w.external_id, l.spotify_track_id, l.confidence, l.method FROM work_link l JOIN work w ON w.id = l.work_id',
    );
    linkOf = new Map(
      links.map((l) => [
        l.external_id,
        { track: l.spotify_track_id, confidence: l.confidence, method: l.method },
      ]),
    );
    const candidates = await adminQueryIn<{ external_id: string; outcome: string }>(
      app.databaseUrl,
      'SELECT DISTINCT w.external_id, c.outcome FROM work_link_candidate c JOIN work w ON w.id = c.work_id',
    );
    outcomeOf = new Map(candidates.map((c) => [c.external_id, c.outcome]));
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  const withMatch = works.filter((w) => w.expectedTrackId !== null);
  const correct = (w: AccuracyWork) => w.acceptableTrackIds.includes(linkOf.get(w.externalId)?.track ?? '');

  it('makes every HIGH link (and every MEDIUM one) correct', () => {
    const linked = works.filter((w) => linkOf.has(w.externalId));
    const wrong = linked.filter((w) => !correct(w)).map((w) => `${w.externalId} ${w.note}`);
    expect(wrong).toEqual([]);
    expect(linked.filter((w) => linkOf.get(w.externalId)!.confidence === 'HIGH').length).toBeGreaterThan(0);
  });

  it('links at least 95% of the works that have a true match', () => {
    const rate = withMatch.filter(correct).length / withMatch.length;
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('links no work that has no true match, and leaves ties AMBIGUOUS', () => {
    const falseLinks = works.filter((w) => w.expectedTrackId === null && linkOf.has(w.externalId));
    expect(falseLinks.map((w) => w.externalId)).toEqual([]);
    const tieWorks = works.filter((w) => w.expectTie);
    expect(tieWorks.length).toBe(2);
    expect(tieWorks.map((w) => outcomeOf.get(w.externalId))).toEqual(['AMBIGUOUS', 'AMBIGUOUS']);
  });

  it('makes at most two searches a work, one when the ISRC is found', () => {
    expect(report.examined).toBe(works.length);
    expect(report.searches as number).toBeLessThanOrEqual(2 * works.length);
    const searches = emulator.requestLog().filter((r) => r.path === '/v1/search');
    expect(searches.filter((r) => r.status === 200).length).toBe(report.searches);
    // the one search that learned this development-mode app takes pages of 10, not 50
    expect(searches.filter((r) => r.status === 400).length).toBe(1);
    const isrcWorks = works.filter(
      (w) => w.isrc && w.expectedTrackId !== null && w.category === 'isrc',
    ).length;
    expect(report.searches as number).toBeLessThanOrEqual(2 * works.length - isrcWorks);
  });
});
